"""The words for every code a case stores: languages, request kinds, data categories, channels...

Each list is declared once, as a ``Literal`` (or a tagged union) in the model; here each value of
it gets its label, marked with ``N_`` so that Babel extracts it and the catalogs translate it
where it is shown. The wizard reads ``short`` (pickers, list lines); the documents read
``document`` (the wording in a request, through the templates' ``labels`` global). A test holds
every table to the model's list, so a value added to a ``Literal`` without a label fails.

Sits just above the model: it imports the model and nothing else of the package.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import get_args

from .model import CATEGORIES, CHANNELS, IDENTIFIER_TYPES, LANGUAGES, REQUEST_KINDS
from .model.case import CaseStatus, Testimony, UrgencyLevel
from .model.legal import AuthorisationKind, LegalBasisId, ProceedingsStage, TreatyKey
from .model.parties import AuthorityKind, PersonRole, Unknownable
from .model.requests import HarmKind, PreservationStatus
from .model.status import Event


def N_(message: str) -> str:
    """Mark a string for the catalog; it is translated where it is shown (gettext_noop)."""
    return message


@dataclass(frozen=True)
class Labels:
    """The labels of one list of codes, in the list's own order."""

    codes: tuple[str, ...]
    short: Mapping[str, str]  # what a picker, a list line or a message shows
    document: Mapping[str, str] = field(default_factory=dict)  # the wording of a request, where needed

    def options(self) -> tuple[tuple[str, str], ...]:
        """(code, untranslated label) pairs for a picker, in the model's order."""
        return tuple((code, self.short[code]) for code in self.codes)


# Arabic is the one UN language written right to left.
RTL_LANGUAGES = frozenset({"ar"})
# Textual cannot lay out right-to-left text, so the wizard speaks every language but those.
UI_LANGUAGES: tuple[str, ...] = tuple(lang for lang in LANGUAGES if lang not in RTL_LANGUAGES)

LANGUAGE = Labels(LANGUAGES, {
    "ar": N_("Arabic"), "en": N_("English"), "es": N_("Spanish"),
    "fr": N_("French"), "ru": N_("Russian"), "zh": N_("Chinese"),
})

REQUEST_KIND = Labels(REQUEST_KINDS, short={
    "preservation": N_("Expedited preservation"), "subscriber": N_("Subscriber information"),
    "traffic": N_("Traffic data"), "content": N_("Content data"), "emergency": N_("Emergency disclosure"),
}, document={
    "preservation": N_("Request for the expedited preservation of stored computer data"),
    "subscriber": N_("Request for mutual legal assistance: subscriber information"),
    "traffic": N_("Request for mutual legal assistance: stored traffic data"),
    "content": N_("Request for mutual legal assistance: stored content data"),
    "emergency": N_("Emergency request for the disclosure of data"),
})

CATEGORY = Labels(CATEGORIES, short={
    "service": N_("Type of service and period"), "identity": N_("Subscriber identity"),
    "billing": N_("Billing and payment"), "installation_site": N_("Installation address"),
    "registration_record": N_("Registration record"), "connection_logs": N_("Connection logs"),
    "ip_history": N_("Login IP history"), "message_headers": N_("Message headers"),
    "call_records": N_("Call records"), "location_data": N_("Location data"),
    "device_info": N_("Device information"), "linked_accounts": N_("Linked accounts"),
    "messages": N_("Messages"), "mailbox": N_("Mailbox content"), "files": N_("Stored files"),
    "posts": N_("Posts"), "media": N_("Photos and videos"), "contacts_list": N_("Contact list"),
    "drafts": N_("Drafts"),
}, document={
    "service": N_("type of communication service used, its technical provisions and the period of service"),
    "identity": N_("subscriber's identity, postal or geographic address, telephone and other access numbers"),
    "billing": N_("billing and payment information"),
    "installation_site": N_("site of installation of communication equipment"),
    "registration_record": N_("registration record (date of creation of the account, IP address used and "
                              "details given at registration)"),
    "connection_logs": N_("connection logs (dates and times of log-in and log-out, with IP addresses and "
                          "source ports)"),
    "ip_history": N_("history of the IP addresses used to access the account"),
    "message_headers": N_("header data of messages sent and received (sender, recipients, date and time), "
                          "without content"),
    "call_records": N_("call detail records"),
    "location_data": N_("location data"),
    "device_info": N_("identifiers of the devices used to access the service"),
    "linked_accounts": N_("other accounts linked to the same subscriber, device or means of payment"),
    "messages": N_("content of messages"),
    "mailbox": N_("content of the mailbox, including messages sent, received, drafted and deleted"),
    "files": N_("stored files"),
    "posts": N_("posts and other published material"),
    "media": N_("photographs, videos and other media"),
    "contacts_list": N_("contact lists"),
    "drafts": N_("unsent drafts"),
})

CHANNEL = Labels(CHANNELS, short={
    "mla": N_("Formal MLA"), "24_7": N_("24/7 network"), "police": N_("Police-to-police"),
    "provider_direct": N_("Direct to the provider"), "provider_emergency": N_("Provider emergency channel"),
}, document={
    "mla": N_("formal mutual legal assistance"), "24_7": N_("24/7 network"),
    "police": N_("police-to-police cooperation"),
    "provider_direct": N_("direct request to the service provider"),
    "provider_emergency": N_("emergency request to the service provider"),
})

IDENTIFIER_TYPE = Labels(IDENTIFIER_TYPES, short={
    "ip": N_("IP address"), "email": N_("E-mail address"), "phone": N_("Phone number"),
    "url": N_("URL"), "domain": N_("Domain name"), "account": N_("Account on a platform"),
    "imei": N_("IMEI"), "crypto": N_("Crypto-asset address"), "device": N_("Device serial number"),
}, document={
    "ip": N_("IP address"), "email": N_("E-mail address"), "phone": N_("Telephone number"),
    "url": N_("URL"), "domain": N_("Domain name"), "account": N_("User account"),
    "imei": N_("IMEI"), "crypto": N_("Virtual asset address"), "device": N_("Device serial number"),
})

AUTHORITY_KIND = Labels(get_args(AuthorityKind), {
    "police": N_("Police"), "prosecutor": N_("Prosecutor"), "investigating_judge": N_("Investigating judge"),
    "court": N_("Court"), "central_authority": N_("Central authority"), "ministry": N_("Ministry"),
    "other": N_("Other"),
})

PERSON_ROLE = Labels(get_args(PersonRole), short={
    "suspect": N_("Suspect"), "victim": N_("Victim"), "witness": N_("Witness"),
    "account_holder": N_("Account holder"), "other": N_("Other"),
}, document={
    "suspect": N_("Suspect"), "victim": N_("Victim"), "witness": N_("Witness"),
    "account_holder": N_("Account holder"), "other": N_("Other person concerned"),
})

STAGE = Labels(get_args(ProceedingsStage), short={
    "investigation": N_("Investigation"), "prosecution": N_("Prosecution"), "trial": N_("Trial"),
    "other": N_("Other"),
}, document={
    "investigation": N_("criminal investigation"), "prosecution": N_("criminal prosecution"),
    "trial": N_("criminal trial"), "other": N_("criminal proceedings"),
})

AUTHORISATION_KIND = Labels(get_args(AuthorisationKind), short={
    "court_order": N_("Court order"), "warrant": N_("Warrant"), "prosecutor_order": N_("Prosecutor's order"),
    "other": N_("Other"),
}, document={
    "court_order": N_("Court order"), "warrant": N_("Warrant"),
    "prosecutor_order": N_("Order of the public prosecutor"), "other": N_("Authorisation"),
})

HARM = Labels(get_args(HarmKind), short={
    "death": N_("Risk of death"), "serious_injury": N_("Risk of serious injury"),
    "child_safety": N_("A child's safety"), "other": N_("Other serious harm"),
}, document={
    "death": N_("an imminent risk to life"),
    "serious_injury": N_("an imminent risk of serious physical injury"),
    "child_safety": N_("an imminent risk to the safety of a child"),
    "other": N_("an imminent risk of other serious harm"),
})

URGENCY_LEVEL = Labels(get_args(UrgencyLevel), {
    "normal": N_("Normal"), "urgent": N_("Urgent"), "emergency": N_("Emergency"),
})

YES_NO_UNKNOWN = Labels(get_args(Unknownable), short={
    "unknown": N_("Unknown"), "yes": N_("Yes"), "no": N_("No"),
}, document={
    "unknown": N_("unknown"), "yes": N_("yes"), "no": N_("no"),
})

CASE_STATUS = Labels(get_args(CaseStatus), {
    "draft": N_("Draft"), "reviewed": N_("Reviewed"), "final": N_("Final"),
})

PRESERVATION_STATUS = Labels(get_args(PreservationStatus), {
    "new": N_("New request"), "extension": N_("Extension of an earlier one"),
})

# Only documents name these; "none" asks for nothing, so a document has nothing to say about it.
TESTIMONY = Labels(get_args(Testimony), {
    "none": "",
    "written": N_("a written statement by the person who produced the data"),
    "video": N_("testimony by video conference"),
    "in_person": N_("testimony in person"),
})

# What happened to a request after it was drafted (a request's history, `mla-writer status`).
STATUS_EVENT = Labels(get_args(Event), {
    "drafted": N_("drafted"), "sent": N_("sent"), "acknowledged": N_("acknowledged"),
    "confirmed": N_("confirmed"), "extension_asked": N_("extension asked"), "extended": N_("extended"),
    "follow_up_filed": N_("formal request filed"), "clarification_asked": N_("clarification asked"),
    "clarification_answered": N_("clarification answered"), "executed": N_("executed"), "refused": N_("refused"),
})

# The severities of findings (checks.engine.Severity; a test holds the two together).
SEVERITY = Labels(("error", "warning", "advice"), {
    "error": N_("Error"), "warning": N_("Warning"), "advice": N_("Advice"),
})

# The usual security markings; any other marking is printed as the user typed it.
CLASSIFICATION: Mapping[str, str] = {
    "CONFIDENTIAL": N_("CONFIDENTIAL"), "RESTRICTED": N_("RESTRICTED"), "SECRET": N_("SECRET"),
}

# The instrument each family of legal-basis ids refers to, by its official title: a treaty (its
# key) or a basis of its own. Bilateral and regional treaties have no fixed title: the case names
# them.
INSTRUMENT: Mapping[str, str] = {
    "budapest": N_("Convention on Cybercrime (ETS No. 185)"),
    "sap": N_("Second Additional Protocol to the Convention on Cybercrime on enhanced co-operation and "
              "disclosure of electronic evidence (CETS No. 224)"),
    "untoc": N_("United Nations Convention against Transnational Organized Crime"),
    "uncc": N_("United Nations Convention against Cybercrime"),
    "reciprocity": N_("Principle of reciprocity"),
    "domestic-requested": N_("Domestic law of the requested State"),
    "provider-law": N_("Law governing the service provider"),
}
# What a finding calls a bilateral or regional treaty the case has not named yet.
UNNAMED_INSTRUMENT: Mapping[str, str] = {
    "bilateral": N_("a bilateral mutual legal assistance treaty"),
    "regional": N_("a regional mutual legal assistance instrument"),
}
LEGAL_BASIS_IDS: tuple[str, ...] = get_args(LegalBasisId)
TREATY_KEYS: tuple[str, ...] = get_args(TreatyKey)


def instrument_family(basis: str) -> str:
    """The key of INSTRUMENT for a legal-basis id: 'budapest-29' -> 'budapest'."""
    head = basis.split("-", 1)[0]
    return head if head in TREATY_KEYS else basis


def instrument_title(basis: str) -> str | None:
    """The untranslated title of the instrument a legal-basis id refers to, if it has a fixed one."""
    return INSTRUMENT.get(instrument_family(basis))


# Every list, by the name templates call it with (`labels.category(code)`), with the wording a
# request document uses: the document form where the list has one, else its short form.
ALL: Mapping[str, Labels] = {
    "language": LANGUAGE, "request_kind": REQUEST_KIND, "category": CATEGORY, "channel": CHANNEL,
    "identifier_type": IDENTIFIER_TYPE, "authority_kind": AUTHORITY_KIND, "role": PERSON_ROLE,
    "stage": STAGE, "authorisation": AUTHORISATION_KIND, "harm": HARM, "urgency": URGENCY_LEVEL,
    "yes_no_unknown": YES_NO_UNKNOWN, "status": CASE_STATUS, "testimony": TESTIMONY,
    "severity": SEVERITY, "status_event": STATUS_EVENT,
}
DOCUMENT_WORDING: Mapping[str, Mapping[str, str]] = {
    **{name: (labels.document or labels.short) for name, labels in ALL.items()},
    "kind_title": REQUEST_KIND.document,
    "kind_short": REQUEST_KIND.short,
}
