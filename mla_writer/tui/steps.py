"""What the wizard asks, step by step: a declarative description the screens are built from.

Each field names its place in the case file (a dotted key relative to the step or list entry it
sits in) and how it is edited. Nothing here imports Textual, so the description can be tested
and walked without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .. import labels
from ..model import CATEGORIES_BY_KIND, IDENTIFIER_CLASSES, REQUEST_CLASSES
from ..model.history import HISTORY_EVENTS
from .document import get_in, parse_path
from .i18n import N_, _

# How a field is edited and what an empty value is stored as:
#   str  one line, "" when blank        opt   one line, null when blank
#   text one line of free text          long  several lines of free text (can be loaded from a file)
#   date YYYY-MM-DD, null when blank    int   a whole number, null when blank
#   bool a checkbox                     select/country/lang/basis  a picker
#   tz   an IANA time zone with completion   categories  a checklist of data categories
#   bases  a checklist of legal bases (nothing ticked is stored as None: all of the case's)
#   tag  the picker that decides an entry's shape (request kind, identifier type)
#   lines one value per comma, stored as a list


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "str"
    options: tuple[tuple[str, str], ...] = ()
    required: bool = False
    nullable: bool = True
    when: Callable[[dict[str, Any]], bool] | None = None


@dataclass(frozen=True)
class ListSpec:
    key: str
    title: str
    noun: str
    new_item: Callable[[], dict[str, Any]]
    describe: Callable[[dict[str, Any], int], str]
    parts: tuple[Part, ...] = ()
    required: bool = False
    when: Callable[[dict[str, Any]], bool] | None = None  # as Field.when


@dataclass(frozen=True)
class Heading:
    title: str


@dataclass(frozen=True)
class Group:
    """Fields most cases do without, folded away so Tab does not walk through them."""

    title: str
    parts: tuple[Field | ListSpec, ...]


Part = Field | ListSpec | Heading | Group


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    owns: tuple[str, ...]  # top-level keys of the case whose fields and findings this step shows
    parts: tuple[Part, ...] = field(default_factory=tuple)


# The pickers' options, in the model's order, with the labels of mla_writer.labels.
LANGUAGE_NAMES: Mapping[str, str] = labels.LANGUAGE.short
LANGUAGE_OPTIONS = labels.LANGUAGE.options()
AUTHORITY_KINDS = labels.AUTHORITY_KIND.options()
REQUEST_KIND_OPTIONS = labels.REQUEST_KIND.options()
CHANNELS = labels.CHANNEL.options()
IDENTIFIER_TYPE_OPTIONS = labels.IDENTIFIER_TYPE.options()
CATEGORY_LABELS: Mapping[str, str] = labels.CATEGORY.short
PERSON_ROLES = labels.PERSON_ROLE.options()
STAGES = labels.STAGE.options()
URGENCY_LEVELS = labels.URGENCY_LEVEL.options()
YES_NO_UNKNOWN = labels.YES_NO_UNKNOWN.options()
AUTHORISATION_KINDS = labels.AUTHORISATION_KIND.options()
HARMS = labels.HARM.options()
STATUSES = labels.CASE_STATUS.options()
PRESERVATION_STATUSES = labels.PRESERVATION_STATUS.options()
HISTORY_EVENT_OPTIONS = tuple((code, labels.STATUS_EVENT.short[code]) for code in HISTORY_EVENTS)
# The keys of a request its status is read from (model/status.timeline): validated on their own,
# they give the status without validating the request's identifiers on every key.
STATUS_KEYS = ("kind", "id", "sent_on", "reference", "history", "confirmed_on", "expires_on", "extensions",
               "follow_up", "period_days")


@cache
def country_options() -> tuple[tuple[str, str], ...]:
    """Every ISO 3166 country plus the user-assigned codes casework needs, sorted by name."""
    from ..model.countries import country_names

    return tuple(sorted(((code, f"{name} ({code})") for code, name in country_names().items()),
                        key=lambda x: x[1]))


@cache
def legal_basis_options() -> tuple[tuple[str, str], ...]:
    from typing import get_args

    from ..model.legal import LegalBasisId

    ids = get_args(LegalBasisId)
    try:
        from ..refdata import legal_bases

        info = legal_bases()
    except Exception:  # reference data being edited or broken: the ids alone still work
        info = {}
    return tuple((i, info[i].short if i in info else i) for i in ids)


@cache
def time_zones() -> tuple[str, ...]:
    from zoneinfo import available_timezones

    return tuple(sorted(available_timezones()))


def categories_for(kind: str) -> tuple[tuple[str, str], ...]:
    return tuple((c, CATEGORY_LABELS[c]) for c in CATEGORIES_BY_KIND.get(kind, ()))


def _label(options: tuple[tuple[str, str], ...], value: Any) -> str:
    """The translated label of a picker value, for naming list entries."""
    label = dict(options).get(value)
    return _(label) if label else str(value or "?")


def _kind(*kinds: str) -> Callable[[dict[str, Any]], bool]:
    return lambda entry: entry.get("kind") in kinds


def _id_type(*types: str) -> Callable[[dict[str, Any]], bool]:
    return lambda entry: (entry.get("identifier") or {}).get("type") in types


def _text(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("text", "")
    return str(value or "").strip()


def _short(value: Any, width: int = 40) -> str:
    t = " ".join(_text(value).split())
    return t if len(t) <= width else t[: width - 1] + "…"


def request_state(entry: dict[str, Any]) -> str:
    """A request's status in a word or two (its latest event, or "draft"), translated; "" while
    its dates do not validate."""
    from pydantic import ValidationError

    from ..model.status import current

    cls = REQUEST_CLASSES.get(str(entry.get("kind")))
    if cls is None:
        return ""
    try:
        req: Any = cls.model_validate({k: entry[k] for k in STATUS_KEYS if k in entry})
    except ValidationError:
        return ""
    latest = current(req)
    return _(labels.STATUS_EVENT.short[latest]) if latest else _("draft")


def identifier_summary(ident: dict[str, Any]) -> str:
    for key in ("address", "number", "url", "name", "imei", "serial", "username", "user_id"):
        if _text(ident.get(key)):
            return _short(ident.get(key))
    return ""


# The fields of one identifier, by type; `identifier.type` decides which are shown.
IDENTIFIER_FIELDS: tuple[Field, ...] = (
    Field("identifier.type", N_("Identifier type"), "tag", IDENTIFIER_TYPE_OPTIONS, nullable=False),
    Field("identifier.address", N_("Address"), "str", required=True, nullable=False,
          when=_id_type("ip", "email", "crypto")),
    Field("identifier.timestamp", N_("Date and time seen (local)"), "opt", required=True, when=_id_type("ip")),
    Field("identifier.timezone", N_("Time zone"), "tz", required=True, when=_id_type("ip")),
    Field("identifier.port", N_("Source port"), "int", when=_id_type("ip")),
    Field("identifier.service", N_("Service"), "opt", when=_id_type("email")),
    Field("identifier.number", N_("Phone number"), "str", required=True, nullable=False, when=_id_type("phone")),
    Field("identifier.region", N_("Country of a national number"), "country", when=_id_type("phone")),
    Field("identifier.url", N_("URL"), "str", required=True, nullable=False, when=_id_type("url")),
    Field("identifier.name", N_("Domain name"), "str", required=True, nullable=False, when=_id_type("domain")),
    Field("identifier.service", N_("Platform"), "str", required=True, nullable=False, when=_id_type("account")),
    Field("identifier.username", N_("Username"), "opt", when=_id_type("account")),
    Field("identifier.user_id", N_("User ID"), "opt", when=_id_type("account")),
    Field("identifier.profile_url", N_("Profile URL"), "opt", when=_id_type("account")),
    Field("identifier.imei", N_("IMEI"), "str", required=True, nullable=False, when=_id_type("imei")),
    Field("identifier.currency", N_("Currency"), "str", required=True, nullable=False, when=_id_type("crypto")),
    Field("identifier.exchange", N_("Exchange or custodian"), "opt", when=_id_type("crypto")),
    Field("identifier.manufacturer", N_("Manufacturer"), "opt", when=_id_type("device")),
    Field("identifier.model", N_("Model"), "opt", when=_id_type("device")),
    Field("identifier.serial", N_("Serial number"), "str", required=True, nullable=False, when=_id_type("device")),
    Field("identifier.source", N_("How it was obtained"), "text"),
)

# Required, blank fields a new identifier of each type starts with (those the model requires).
NEW_IDENTIFIER: dict[str, dict[str, Any]] = {
    kind: {name: "" for name, spec in cls.model_fields.items() if spec.is_required()}
    for kind, cls in IDENTIFIER_CLASSES.items()
}


def new_request(kind: str) -> dict[str, Any]:
    """A request of this kind with the model's defaults, so every picker starts on a value."""
    return REQUEST_CLASSES[kind]().model_dump(mode="json")


# Keys only one kind of request has (read from the model); everything else is shared and
# survives a change of kind.
_SHARED = set.intersection(*(set(c.model_fields) for c in REQUEST_CLASSES.values()))
KIND_ONLY: dict[str, tuple[str, ...]] = {
    kind: tuple(sorted(set(cls.model_fields) - _SHARED - {"kind"})) for kind, cls in REQUEST_CLASSES.items()
}

ITEMS = ListSpec(
    "items", N_("Identifiers and the data wanted"), N_("identifier"),
    new_item=lambda: {"identifier": {"type": "ip", **NEW_IDENTIFIER["ip"]}, "categories": []},
    describe=lambda item, i: f"{i + 1}. {_label(IDENTIFIER_TYPE_OPTIONS, (item.get('identifier') or {}).get('type'))} "
                             f"{identifier_summary(item.get('identifier') or {})}",
    parts=(
        *IDENTIFIER_FIELDS,
        Field("categories", N_("Data wanted"), "categories"),
        Field("date_range.start", N_("From (YYYY-MM-DD)"), "date"),
        Field("date_range.end", N_("To (YYYY-MM-DD)"), "date"),
        Field("date_range.timezone", N_("Time zone of the dates"), "tz"),
        Field("nexus", N_("Link to the offence"), "long", required=True),
    ),
)

REQUEST_PARTS: tuple[Part, ...] = (
    Field("kind", N_("Kind of request"), "tag", REQUEST_KIND_OPTIONS, nullable=False),
    Field("id", N_("Label"), "str", nullable=False),
    Field("channel", N_("Channel"), "select", CHANNELS, nullable=False),
    Field("legal_bases", N_("Legal bases this request relies on (none ticked: all of the case's)"), "bases"),
    Field("addressee", N_("Addressee"), "text", required=True, nullable=False),
    Field("provider.name", N_("Provider (trade name)"), "str", required=True, nullable=False),
    Field("provider.legal_entity", N_("Provider's legal entity"), "opt"),
    Field("provider.establishment", N_("Country of establishment"), "country"),
    Field("necessity", N_("Why preservation is needed"), "long", required=True, when=_kind("preservation")),
    Field("status", N_("New or extension"), "select", PRESERVATION_STATUSES, nullable=False,
          when=_kind("preservation")),
    Field("period_days", N_("Preserve for (days)"), "int", nullable=False, when=_kind("preservation")),
    Field("mla_to_follow", N_("An MLA request for the data will follow"), "bool", when=_kind("preservation")),
    Field("partial_disclosure", N_("Ask for partial disclosure of traffic data (art. 30)"), "bool",
          when=_kind("preservation")),
    Field("real_time", N_("Real-time collection"), "bool", when=_kind("traffic")),
    Field("least_intrusive", N_("Why less intrusive data is not enough"), "long", required=True,
          when=_kind("content")),
    Field("harm", N_("Harm feared"), "select", HARMS, nullable=False, when=_kind("emergency")),
    Field("threat", N_("The threat"), "long", required=True, when=_kind("emergency")),
    Field("why_urgent", N_("Why normal process is too slow"), "long", required=True, when=_kind("emergency")),
    Field("authenticity.official_email_domain", N_("Your official e-mail domain"), "opt", when=_kind("emergency")),
    Field("authenticity.sent_from", N_("Sent from (e-mail address)"), "opt", when=_kind("emergency")),
    Field("authenticity.reference_number", N_("Reference the provider can quote"), "opt", when=_kind("emergency")),
    Field("authenticity.callback", N_("How to call back"), "text", when=_kind("emergency")),
    Field("admissibility_acknowledged",
          N_("I know data from an informal channel may not be admissible as evidence"), "bool",
          when=lambda e: e.get("channel", "mla") != "mla"),
    Field("follow_up_planned", N_("A formal MLA request will follow"), "bool",
          when=lambda e: e.get("channel", "mla") != "mla"),
    ITEMS,
    Group(N_("More: provider details, dates, copies, earlier preservation"), (
        Field("provider.local_presence", N_("Subsidiary or representative in your State?"), "select",
              YES_NO_UNKNOWN, nullable=False),
        Field("provider.data_location", N_("Where the data is believed to be"), "text"),
        Field("provider.services", N_("Services used (separate with ;)"), "lines"),
        Field("provider.le_contact", N_("Provider's law-enforcement contact"), "opt"),
        Field("provider.retention_note", N_("Known retention period"), "text"),
        Field("copy_to", N_("Copy to (separate with ;)"), "lines"),
        Field("procedures", N_("Particular procedures"), "long"),
        Field("respond_by", N_("Response requested by"), "date"),
        Field("respond_by_reason", N_("Why by that date"), "text"),
        ListSpec("preservation_refs", N_("Earlier preservation requests"), N_("earlier preservation"),
                 new_item=lambda: {"reference": "", "channel": "24_7", "confirmed": False},
                 describe=lambda e, i: f"{i + 1}. {_short(e.get('reference')) or '…'}",
                 parts=(
                     Field("reference", N_("Their reference"), "str", required=True, nullable=False),
                     Field("channel", N_("Sent through"), "select", CHANNELS, nullable=False),
                     Field("requested_on", N_("Requested on"), "date"),
                     Field("confirmed", N_("Preservation was confirmed"), "bool"),
                     Field("expires_on", N_("Expires on"), "date"),
                 )),
    )),
    # What happened to the request once drafted (model/status.py reads these as one timeline).
    Group(N_("Status and history: sent, acknowledged, confirmed, executed..."), (
        Field("reference", N_("Reference"), "opt"),
        Field("sent_on", N_("Sent on"), "date"),
        Field("confirmed_on", N_("Preservation confirmed on"), "date", when=_kind("preservation")),
        Field("expires_on", N_("Preservation expires on"), "date", when=_kind("preservation")),
        ListSpec("extensions", N_("Extensions of the preservation"), N_("extension"),
                 new_item=dict,
                 describe=lambda e, i: f"{i + 1}. {e.get('extended_to') or e.get('requested_on') or '…'}",
                 when=_kind("preservation"),
                 parts=(
                     Field("requested_on", N_("Extension asked on"), "date"),
                     Field("confirmed_on", N_("Extension confirmed on"), "date"),
                     Field("extended_to", N_("Extended to"), "date"),
                     Field("reference", N_("Reference"), "opt"),
                 )),
        Field("follow_up.filed_on", N_("Formal request filed on"), "date", when=_kind("preservation")),
        ListSpec("history", N_("Other events"), N_("event"),
                 new_item=lambda: {"event": "acknowledged", "on": None},
                 describe=lambda e, i: f"{i + 1}. {e.get('on') or '…'} {_label(HISTORY_EVENT_OPTIONS, e.get('event'))}",
                 parts=(
                     Field("event", N_("What happened"), "select", HISTORY_EVENT_OPTIONS, nullable=False),
                     Field("on", N_("On (YYYY-MM-DD)"), "date", required=True),
                     Field("note", N_("Note"), "opt"),
                 )),
    )),
)

STEPS: tuple[Step, ...] = (
    Step("case", N_("Case & authorities"), (
        "reference", "title", "status", "date", "classification", "drafting_language", "languages",
        "requesting", "signature", "contacts",
    ), (
        Field("reference", N_("Internal reference"), "str", required=True, nullable=False),
        Field("title", N_("Short title"), "str", nullable=False),
        Field("date", N_("Date of the request"), "date"),
        Field("status", N_("Status"), "select", STATUSES, nullable=False),
        Field("classification", N_("Classification"), "str", nullable=False),
        Field("drafting_language", N_("Language you write in"), "lang", LANGUAGE_OPTIONS, nullable=False),
        Field("languages.0", N_("Document language"), "lang", LANGUAGE_OPTIONS, nullable=False),
        Field("languages.1", N_("Second document language"), "lang", LANGUAGE_OPTIONS),
        Heading(N_("Requesting authority")),
        Field("requesting.state", N_("Your State"), "country", required=True),
        Field("requesting.authority.name", N_("Authority"), "text", required=True, nullable=False),
        Field("requesting.authority.kind", N_("Kind of authority"), "select", AUTHORITY_KINDS, nullable=False),
        Field("requesting.authority.competence", N_("Legal competence"), "text"),
        Field("requesting.authority.address", N_("Postal address"), "opt"),
        Field("requesting.authority.email", N_("E-mail"), "opt"),
        Field("requesting.authority.phone", N_("Phone"), "opt"),
        Field("requesting.central_authority.name", N_("Your central authority"), "text"),
        Heading(N_("Case officer")),
        Field("requesting.case_officer.name", N_("Name"), "str", required=True, nullable=False),
        Field("requesting.case_officer.role", N_("Role"), "text"),
        Field("requesting.case_officer.organisation", N_("Organisation"), "text"),
        Field("requesting.case_officer.phone", N_("Phone"), "opt"),
        Field("requesting.case_officer.email", N_("E-mail"), "opt"),
        Field("requesting.case_officer.available_24_7", N_("Reachable 24/7"), "bool"),
        Field("requesting.technical_review_done", N_("The cybercrime unit has reviewed this request"), "bool"),
        # The request prints each contact's role and organisation: their translations need a place.
        ListSpec("contacts", N_("Other contacts"), N_("contact"),
                 new_item=lambda: {"name": ""},
                 describe=lambda e, i: f"{i + 1}. {_short(e.get('name')) or _short(e.get('role')) or '…'}",
                 parts=(
                     Field("name", N_("Name"), "str", nullable=False),  # a function alone: in the role
                     Field("role", N_("Role"), "text"),
                     Field("organisation", N_("Organisation"), "text"),
                     Field("phone", N_("Phone"), "opt"),
                     Field("email", N_("E-mail"), "opt"),
                 )),
        Heading(N_("Signature")),
        Field("signature.name", N_("Signed by"), "str", nullable=False),
        Field("signature.title", N_("Title"), "text", nullable=False),
        Field("signature.place", N_("Place"), "text", nullable=False),
    )),
    Step("requested", N_("Requested State"), ("requested",), (
        Field("requested.state", N_("Requested State"), "country", required=True),
        Field("requested.authority.name", N_("Central or competent authority"), "text", required=True,
              nullable=False),
        Field("requested.authority.kind", N_("Kind of authority"), "select", AUTHORITY_KINDS, nullable=False),
        Field("requested.authority.email", N_("E-mail"), "opt"),
        Heading(N_("24/7 point of contact")),
        Field("requested.point_of_contact_24_7.name", N_("Name or unit"), "str", nullable=False),
        Field("requested.point_of_contact_24_7.email", N_("E-mail"), "opt"),
        Field("requested.point_of_contact_24_7.phone", N_("Phone"), "opt"),
        Field("requested.point_of_contact_24_7.available_24_7", N_("Reachable 24/7"), "bool"),
    )),
    Step("legal", N_("Legal basis"), ("legal_bases", "authorisations", "annexes"), (
        ListSpec("legal_bases", N_("Legal bases"), N_("legal basis"),
                 new_item=lambda: {},  # no basis proposed: the drafter must choose one
                 describe=lambda e, i: f"{i + 1}. {dict(legal_basis_options()).get(e.get('basis') or '', '?')}",
                 required=True,
                 parts=(
                     Field("basis", N_("Instrument"), "basis", nullable=False),
                     Field("name", N_("Treaty title (bilateral or regional)"), "text"),
                     Field("articles", N_("Articles relied on"), "text"),
                     Field("citation", N_("Text to quote (blank: the reference wording)"), "long"),
                 )),
        ListSpec("authorisations", N_("Domestic authorisations"), N_("authorisation"),
                 new_item=lambda: {"kind": "court_order", "issued_by": ""},
                 describe=lambda e, i: f"{i + 1}. {_short(e.get('issued_by')) or _label(AUTHORISATION_KINDS, e.get('kind'))}",
                 parts=(
                     Field("kind", N_("Kind"), "select", AUTHORISATION_KINDS, nullable=False),
                     Field("issued_by", N_("Issued by"), "text", required=True, nullable=False),
                     Field("date", N_("Date"), "date"),
                     Field("reference", N_("Reference"), "opt"),
                     Field("annexed", N_("Annexed to the request"), "bool"),
                 )),
        ListSpec("annexes", N_("Annexes"), N_("annex"),
                 new_item=lambda: {"title": ""},
                 describe=lambda e, i: f"{i + 1}. {_short(e.get('title')) or '…'}",
                 parts=(
                     Field("title", N_("Title"), "text", required=True),
                     Field("description", N_("Description"), "text"),
                 )),
    )),
    Step("offences", N_("Offences"), ("offences",), (
        ListSpec("offences", N_("Offences"), N_("offence"),
                 new_item=lambda: {"name": "", "provision": "", "max_penalty": ""},
                 describe=lambda e, i: f"{i + 1}. {_short(e.get('name')) or '…'}",
                 required=True,
                 parts=(
                     Field("name", N_("Offence"), "text", required=True),
                     Field("provision", N_("Statutory provision"), "text", required=True, nullable=False),
                     Field("max_penalty", N_("Maximum penalty"), "text", required=True, nullable=False),
                     Field("provision_text", N_("Text of the provision"), "long"),
                     Field("dual_criminality", N_("Conduct (dual criminality)"), "long"),
                 )),
    )),
    Step("facts", N_("Facts"), ("facts", "proceedings", "purpose"), (
        Field("proceedings.stage", N_("Stage of proceedings"), "select", STAGES, nullable=False),
        Field("proceedings.conducting_authority", N_("Authority conducting them"), "text", required=True,
              nullable=False),
        Field("proceedings.subject", N_("Subject of the proceedings"), "long", required=True),
        Field("facts.summary", N_("Summary of the facts"), "long", required=True),
        Field("facts.period.start", N_("Conduct from (YYYY-MM-DD)"), "date"),
        Field("facts.period.end", N_("Conduct until (YYYY-MM-DD)"), "date"),
        Field("facts.period.timezone", N_("Time zone of those dates"), "tz"),
        Field("facts.connection", N_("Link to the requested State"), "long", required=True),
        Field("facts.open_sources_checked", N_("Open sources were checked"), "bool"),
        Field("facts.open_sources", N_("What open sources showed"), "long"),
        Field("purpose", N_("Purpose of the request"), "long", required=True),
    )),
    Step("persons", N_("Persons"), ("persons",), (
        ListSpec("persons", N_("Persons concerned"), N_("person"),
                 new_item=lambda: {"role": "suspect", "name": ""},
                 describe=lambda e, i: f"{i + 1}. {_label(PERSON_ROLES, e.get('role'))}: "
                                       f"{_short(e.get('name')) or _short(e.get('description')) or '…'}",
                 parts=(
                     Field("role", N_("Role"), "select", PERSON_ROLES, nullable=False),
                     Field("name", N_("Name"), "str", nullable=False),  # an unknown person: the description
                     Field("description", N_("Description"), "text"),
                     Field("date_of_birth", N_("Date of birth"), "date"),
                     Field("nationality", N_("Nationality"), "country"),
                     Field("location", N_("Location"), "text"),
                     Field("identity_verified", N_("Identity verified (not only an online profile)"), "bool"),
                 )),
    )),
    Step("requests", N_("Requests & data"), ("requests",), (
        ListSpec("requests", N_("Requests"), N_("request"),
                 new_item=lambda: new_request("preservation"),
                 describe=lambda e, i: f"{e.get('id', '?')} {_label(REQUEST_KIND_OPTIONS, e.get('kind'))} "
                                       f"{_short((e.get('provider') or {}).get('name'), 20)} · {request_state(e)}",
                 required=True,
                 parts=REQUEST_PARTS),
    )),
    Step("urgency", N_("Urgency & safeguards"), ("urgency", "confidentiality", "safeguards", "delivery"), (
        Field("urgency.level", N_("Urgency"), "select", URGENCY_LEVELS, nullable=False),
        Field("urgency.reasons", N_("Reasons for urgency"), "long"),
        Field("urgency.respond_by", N_("Response requested by"), "date"),
        Field("urgency.data_at_risk_from", N_("Data may be deleted from"), "date"),
        Heading(N_("Confidentiality")),
        Field("confidentiality.requested", N_("Ask for confidentiality"), "bool"),
        Field("confidentiality.no_notification", N_("Do not notify the account holder"), "bool"),
        Field("confidentiality.reasons", N_("Reasons"), "long"),
        Field("confidentiality.until", N_("Until"), "text"),
        Heading(N_("Safeguards")),
        Field("safeguards.proportionality", N_("Necessity and proportionality"), "long"),
        Field("safeguards.data_protection", N_("Data protection"), "long"),
        Field("safeguards.use_limitation", N_("Used only for these proceedings"), "bool"),
        Heading(N_("Delivery of the evidence")),
        Field("delivery.certificate_of_authenticity", N_("Ask for a certificate of authenticity"), "bool"),
        Field("delivery.business_records_declaration", N_("Ask for a business-records declaration"), "bool"),
        Field("delivery.hash_algorithm", N_("Hash algorithm for delivered files"), "opt"),
        Field("delivery.receiving_unit", N_("Unit receiving the data"), "text"),
    )),
    Step("review", N_("Review & render"), ()),
)

STEP_IDS = tuple(s.id for s in STEPS)


def step_for_path(path: str) -> str:
    """The step that shows the field at `path` (a case path such as requests[0].items[1].nexus)."""
    head = path.split(".", 1)[0].split("[", 1)[0]
    for step in STEPS:
        if head in step.owns:
            return step.id
    return "review"


def step_by_id(step_id: str) -> Step:
    return next(s for s in STEPS if s.id == step_id)


def walk(parts: tuple[Part, ...], data: dict[str, Any], base: tuple[str | int, ...] = (),
         entry: dict[str, Any] | None = None):  # a generator of (Field|ListSpec, path)
    """Every field and list the case shows, in every list entry, as (spec, path) pairs."""
    entry = data if entry is None else entry
    for part in parts:
        if isinstance(part, Heading):
            continue
        if isinstance(part, Group):
            yield from walk(part.parts, data, base, entry)
            continue
        if isinstance(part, Field):
            if part.when is None or part.when(entry):
                yield part, base + parse_path(part.key)
            continue
        if part.when is not None and not part.when(entry):
            continue
        list_path = base + (part.key,)
        yield part, list_path
        for i, child in enumerate(get_in(data, list_path, []) or []):
            if isinstance(child, dict):
                yield from walk(part.parts, data, list_path + (i,), child)


@cache
def _labels() -> dict[str, tuple[str, str]]:
    """Generic case key (no list positions) -> (step title, field label), for naming places."""
    out: dict[str, tuple[str, str]] = {}

    def visit(parts: tuple[Part, ...], base: tuple[str, ...], step: Step) -> None:
        for part in parts:
            if isinstance(part, Group):
                visit(part.parts, base, step)
            elif isinstance(part, Field):
                key = ".".join(base + tuple(x for x in part.key.split(".") if not x.isdigit()))
                out.setdefault(key, (step.title, part.label))
            elif isinstance(part, ListSpec):
                out.setdefault(".".join(base + (part.key,)), (step.title, part.title))
                visit(part.parts, base + (part.key,), step)

    for step in STEPS:
        visit(step.parts, (), step)
    return out


def place_of(path: str) -> str:
    """A case path in the user's words: requests[0].items[1].nexus -> Requests & data › 1 › 2 › Link…"""
    parts = parse_path(path)
    numbers = [str(p + 1) for p in parts if isinstance(p, int)]
    keys = [p for p in parts if isinstance(p, str)]
    suffix = f" ({keys[-1]})" if "translations" in keys else ""
    for n in range(len(keys), 0, -1):
        hit = _labels().get(".".join(keys[:n]))
        if hit:
            step, label = hit
            return " › ".join([_(step), *numbers, _(label)]) + suffix
    step_id = step_for_path(path)
    return f"{_(step_by_id(step_id).title)} › {path}" if step_id != "review" else path
