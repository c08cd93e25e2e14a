"""The provider (custodian): who it is, where it is, and whether it can hold what is asked.

PROVIDER-CANNOT-HOLD is deliberately simple. Each word a drafter may put in `provider.services`
maps to the data categories such a service ordinarily holds (table SERVICE_CATEGORIES below).
When every service listed is known and a category asked for belongs to none of them, the request
is probably addressed to the wrong provider (e.g. mailbox content asked of a domain registrar).
Unknown service words are ignored: the rule only speaks when it can be sure.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .. import labels
from ..labels import N_
from ..model import (
    PROVIDER_CHANNELS,
    SUBSCRIBER_CATEGORIES,
    Case,
    EmergencyRequest,
    PreservationRequest,
    Text,
    blank,
)
from .engine import Context, Hit, rule
from .message import Country, terms
from .walk import items, requests_of

_SUB = frozenset(SUBSCRIBER_CATEGORIES)
_LOGINS = frozenset({"connection_logs", "ip_history", "device_info", "linked_accounts"})

# What a kind of service ordinarily holds. Keep the table small and obvious; extend it with care.
SERVICE_CATEGORIES: dict[str, frozenset[str]] = {
    "registrar": _SUB,
    "domain registration": _SUB,
    "isp": _SUB | {"connection_logs", "ip_history", "device_info", "location_data"},
    "internet access": _SUB | {"connection_logs", "ip_history", "device_info", "location_data"},
    "vpn": _SUB | {"connection_logs", "ip_history"},
    "mobile": _SUB | {"call_records", "location_data", "connection_logs", "ip_history", "device_info"},
    "telephony": _SUB | {"call_records", "location_data", "device_info"},
    "webmail": _SUB | _LOGINS | {"message_headers", "location_data", "messages", "mailbox", "files",
                                 "media", "contacts_list", "drafts"},
    "email": _SUB | _LOGINS | {"message_headers", "location_data", "messages", "mailbox", "files",
                               "media", "contacts_list", "drafts"},
    "messaging": _SUB | _LOGINS | {"location_data", "call_records", "messages", "media", "files",
                                   "contacts_list"},
    "social network": _SUB | _LOGINS | {"location_data", "messages", "posts", "media", "files",
                                        "contacts_list"},
    "hosting": _SUB | _LOGINS | {"files", "media", "posts"},
    "cloud storage": _SUB | _LOGINS | {"files", "media"},
    "crypto exchange": _SUB | _LOGINS | {"files"},
    "payment": _SUB | _LOGINS,
}
# Other spellings drafters use for the same services.
SERVICE_ALIASES: dict[str, str] = {
    "e-mail": "email", "mail": "email", "chat": "messaging", "social media": "social network",
    "web hosting": "hosting", "cloud": "cloud storage", "file sharing": "cloud storage",
    "exchange": "crypto exchange", "domain registrar": "registrar", "dns": "registrar",
    "telecom": "mobile", "mobile operator": "mobile", "access provider": "isp",
}


# Services that hand out IP addresses to their subscribers: only they can say who used an address,
# and behind carrier-grade NAT they need the source port to say it.
ACCESS_SERVICES = frozenset({"isp", "internet access", "vpn", "mobile"})


def _service_key(word: Text | str) -> str:
    # The service words are matched in the drafter's own text (a translation is for the document).
    key = (word.text if isinstance(word, Text) else word).strip().lower()
    return SERVICE_ALIASES.get(key, key)


def gives_internet_access(services: Sequence[Text | str]) -> bool | None:
    """True if the provider gives internet access, False if every service listed is known and
    none does, None when the services are not described or not all known."""
    keys = [_service_key(s) for s in services]
    if any(k in ACCESS_SERVICES for k in keys):
        return True
    if keys and all(k in SERVICE_CATEGORIES for k in keys):
        return False
    return None


def known_categories(services: Sequence[Text | str]) -> frozenset[str] | None:
    """Categories the listed services can hold, or None if any service word is unknown."""
    if not services:
        return None
    out: frozenset[str] = frozenset()
    for s in services:
        key = _service_key(s)
        if key not in SERVICE_CATEGORIES:
            return None
        out |= SERVICE_CATEGORIES[key]
    return out


@rule(
    "PROVIDER-MISSING", "error",
    summary=N_("A disclosure request does not name the provider"),
    message=N_("Name the provider that holds the data (trade name and, if known, legal entity)."),
    reference="UNTOC art. 18(15)(d); CTOC/COP/WG.3/2015/2 ¶57",
    checklist="addressee",
)
def provider_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case):
        # Preservation requests have their own rule (PRES-NO-CUSTODIAN, Budapest art. 29(2)(d)).
        if not isinstance(req, PreservationRequest) and blank(req.provider.name):
            yield Hit(f"{path}.provider.name")


@rule(
    "PROVIDER-CANNOT-HOLD", "warning",
    summary=N_("Data is asked of a provider whose services do not hold it"),
    message=N_("The provider's listed services do not ordinarily hold this data (e.g. mailbox content "
               "from a domain registrar): address this item to the provider that runs the service, or "
               "correct the services listed for the provider."),
    reference="A/74/130 ¶65",
    checklist="addressee",
)
def provider_cannot_hold(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req, item in items(case):
        can = known_categories(req.provider.services)
        if can is None:
            continue
        missing = [c for c in item.categories if c not in can]
        if missing:
            yield Hit(f"{path}.categories",
                      N_("A provider offering only %(services)s does not ordinarily hold this data: "
                         "%(categories)s. Ask the provider that runs that service, or correct the services "
                         "listed for the provider."),
                      services=", ".join(s.text for s in req.provider.services), categories=terms(labels.CATEGORY, missing))


@rule(
    "PROVIDER-NO-SERVICES", "advice",
    summary=N_("The provider's services are not described"),
    message=N_("Say what the provider offers (e.g. webmail, messaging, hosting): it shows the data "
               "asked for is data it holds."),
    reference="CCPCJ 27th session discussion guide (2018) ¶38; A/74/130 ¶124",
    checklist="addressee",
)
def provider_no_services(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case):
        if not blank(req.provider.name) and not req.provider.services:
            yield Hit(f"{path}.provider.services")


@rule(
    "PROVIDER-NO-ENTITY", "advice",
    summary=N_("The provider's legal entity or establishment is not given"),
    message=N_("Give the legal entity that controls the data and the country where it is established "
               "(or 'unknown'): it decides which State to ask."),
    reference="CCPCJ 27th session discussion guide (2018) ¶38; A/74/130 ¶323, ¶365",
    checklist="addressee",
)
def provider_no_entity(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case):
        p = req.provider
        if blank(p.name):
            continue
        if blank(p.legal_entity):
            yield Hit(f"{path}.provider.legal_entity")
        elif p.establishment is None:
            yield Hit(f"{path}.provider.establishment")


@rule(
    "PROVIDER-ELSEWHERE", "warning",
    summary=N_("The provider is established in another State than the one asked"),
    message=N_("The provider is established in a State other than the requested State: check that the "
               "requested State can compel it (presence or services there), or address that State."),
    reference="CCPCJ 27th session discussion guide (2018) ¶38; A/74/130 ¶268, ¶365",
    checklist="addressee",
)
def provider_elsewhere(case: Case, ctx: Context) -> Iterator[Hit]:
    requested = case.requested.state
    if requested is None:
        return
    for path, req in requests_of(case):
        est = req.provider.establishment
        if est is not None and est != requested and req.channel not in PROVIDER_CHANNELS:
            yield Hit(f"{path}.provider.establishment",
                      N_("The provider is established in %(establishment)s, but the request goes to "
                         "%(requested)s: check that the requested State can compel it, or address the State "
                         "where it is established."),
                      establishment=Country(est), requested=Country(requested))


@rule(
    "PROVIDER-LOCAL-PRESENCE", "advice",
    summary=N_("The provider has a presence in the requesting State"),
    message=N_("The provider has a subsidiary or legal representative in your own State: try to obtain "
               "the data there first, which is quicker than a request abroad."),
    reference="CTOC/COP/WG.3/2015/2 ¶57",
    checklist="cheaper",
)
def provider_local_presence(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case):
        if isinstance(req, EmergencyRequest):
            continue
        if req.provider.local_presence == "yes":
            yield Hit(f"{path}.provider.local_presence")
