"""Hypothesis strategies that build valid cases of every request kind, for any test to import
(``from strategies import cases``; tests/ is on sys.path under pytest).

Bounds are deliberate: dates 2000-2030 and time zones from a fixed list, because historical
zone offsets with seconds (e.g. LMT) make real parsers disagree and are not what users type.
Every value is invented: documentation IP ranges are not required here (any address is valid
input), but domains are under example.com/.org/.net and phone numbers are fictional.
"""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st
from stdnum import luhn

from mla_writer.model import (
    CATEGORIES_BY_KIND,
    CHANNELS,
    HISTORY_EVENTS,
    IDENTIFIER_TYPES,
    IMEI,
    LANGUAGES,
    REQUEST_KINDS,
    URL,
    Account,
    Annex,
    Authenticity,
    Authorisation,
    Authority,
    Case,
    Confidentiality,
    Contact,
    ContentRequest,
    CryptoAddress,
    DataItem,
    DateRange,
    Delivery,
    DeviceSerial,
    Domain,
    EmailAddress,
    EmergencyRequest,
    Facts,
    FollowUp,
    IPAddress,
    LegalBasis,
    Offence,
    Person,
    PhoneNumber,
    PreservationExtension,
    PreservationReference,
    PreservationRequest,
    Proceedings,
    Provider,
    RequestedParty,
    RequestingParty,
    Safeguards,
    Signature,
    StatusEvent,
    SubscriberRequest,
    Text,
    TrafficRequest,
    Urgency,
)
from mla_writer.model.legal import LegalBasisId

MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2030, 12, 31)
TIMEZONES = (
    "UTC", "Europe/Paris", "Europe/London", "Europe/Dublin", "America/Sao_Paulo", "America/New_York",
    "Asia/Tokyo", "Asia/Kolkata", "Africa/Nairobi", "Australia/Sydney",
)
# In the reference data, not in it (AQ), and the user-assigned Kosovo code.
COUNTRIES = ("FR", "IE", "GB", "US", "DE", "BR", "KE", "CN", "IN", "JP", "XK", "AQ")
FICTIONAL_PHONES = ("+33612345678", "+447700900123", "+14155550123", "+61491570156", "+254712345678")
LEGAL_BASIS_IDS: tuple[str, ...] = LegalBasisId.__args__  # type: ignore[attr-defined]

dates = st.dates(min_value=MIN_DATE, max_value=MAX_DATE)
datetimes = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 12, 31, 23, 59, 59))
timezones = st.sampled_from(TIMEZONES)
countries = st.sampled_from(COUNTRIES)
languages = st.sampled_from(LANGUAGES)

# What a user can type: no surrogates, control characters or unassigned code points.
_chars = st.characters(blacklist_categories=("Cs", "Cc", "Cn"))
words = st.text(_chars, max_size=40)
some_words = st.text(_chars, min_size=1, max_size=40).filter(lambda s: s.strip() != "")
_label = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=12)
_domain = st.builds(lambda a, tld: f"{a}.example.{tld}", _label, st.sampled_from(("com", "org", "net")))
emails = st.builds(lambda local, dom: f"{local}@{dom}", _label, _domain)


@st.composite
def texts(draw: st.DrawFn) -> Text | str:
    """Free text: a plain string, or a Text with translations into some document languages."""
    text = draw(words)
    if draw(st.booleans()):
        return text
    translations = draw(st.dictionaries(languages, some_words, max_size=2))
    return Text(text=text, translations=translations)


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


@st.composite
def date_ranges(draw: st.DrawFn) -> DateRange:
    a, b = sorted((draw(dates), draw(dates)))
    return DateRange(start=a, end=b, timezone=draw(optional(timezones)))


def _imei(body: str) -> str:
    return body + luhn.calc_check_digit(body)


IDENTIFIERS: dict[str, st.SearchStrategy] = {
    "ip": st.builds(
        IPAddress,
        address=st.ip_addresses().map(str),
        timestamp=optional(datetimes),
        timezone=optional(timezones),
        port=optional(st.integers(0, 65535)),
        source=optional(words),
    ),
    "email": st.builds(EmailAddress, address=emails, service=optional(words)),
    "phone": st.builds(PhoneNumber, number=st.sampled_from(FICTIONAL_PHONES)),
    "url": st.builds(lambda d, p: URL(url=f"https://{d}/{p}"), _domain, _label),
    "domain": st.builds(lambda d: Domain(name=d), _domain),
    "account": st.builds(Account, service=words, username=some_words, user_id=optional(_label),
                         profile_url=optional(st.builds(lambda d: f"https://{d}/u", _domain))),
    "imei": st.builds(lambda b: IMEI(imei=_imei(b)), st.text(string.digits, min_size=14, max_size=14)),
    "crypto": st.one_of(
        st.builds(lambda h: CryptoAddress(currency="ETH", address="0x" + h),
                  st.text("0123456789abcdef", min_size=40, max_size=40)),
        st.builds(lambda a: CryptoAddress(currency="xmr", address=a, exchange="ExampleX"),
                  st.text(string.ascii_letters + string.digits, min_size=20, max_size=60)),
    ),
    "device": st.builds(DeviceSerial, serial=st.text(string.ascii_uppercase + string.digits, min_size=1, max_size=20),
                        manufacturer=optional(words), model=optional(words)),
}
assert set(IDENTIFIERS) == set(IDENTIFIER_TYPES), "a strategy per identifier type"
identifiers = st.one_of(*IDENTIFIERS.values())


def data_items(kind: str) -> st.SearchStrategy[DataItem]:
    return st.builds(
        DataItem,
        identifier=identifiers,
        categories=st.lists(st.sampled_from(CATEGORIES_BY_KIND[kind]), unique=True, max_size=4),
        date_range=optional(date_ranges()),
        nexus=texts(),
    )


providers = st.builds(
    Provider,
    name=words, legal_entity=optional(words), establishment=optional(countries),
    local_presence=st.sampled_from(("yes", "no", "unknown")), data_location=optional(words),
    services=st.lists(st.sampled_from(("webmail", "messaging", "registrar", "hosting", "mobile", "new thing")),
                      max_size=2),
    retention_note=optional(words),
)
preservation_refs = st.builds(
    PreservationReference, reference=words, channel=st.sampled_from(CHANNELS), requested_on=optional(dates),
    confirmed=st.booleans(), expires_on=optional(dates), extended_to=optional(dates),
)


def _common(kind: str) -> dict[str, st.SearchStrategy]:
    return {
        "channel": st.sampled_from(CHANNELS),
        "addressee": words,
        "copy_to": st.lists(words, max_size=2),
        "provider": providers,
        "items": st.lists(data_items(kind), max_size=3),
        "procedures": texts(),
        "respond_by": optional(dates),
        "respond_by_reason": texts(),
        "sent_on": optional(dates),
        "reference": optional(words),
        "history": st.lists(st.builds(StatusEvent, event=st.sampled_from(HISTORY_EVENTS), on=dates,
                                      note=optional(words)), max_size=2),
        "preservation_refs": st.lists(preservation_refs, max_size=2),
        "follow_up_planned": st.booleans(),
        "admissibility_acknowledged": st.booleans(),
    }


REQUESTS: dict[str, st.SearchStrategy] = {
    "preservation": st.builds(
        PreservationRequest, **_common("preservation"),
        status=st.sampled_from(("new", "extension")), necessity=texts(), mla_to_follow=st.booleans(),
        period_days=st.integers(1, 3650), partial_disclosure=st.booleans(), expires_on=optional(dates),
        confirmed_on=optional(dates),
        extensions=st.lists(st.builds(PreservationExtension, requested_on=optional(dates), confirmed_on=optional(dates),
                                      extended_to=optional(dates), reference=optional(words)), max_size=2),
        follow_up=optional(st.builds(FollowUp, filed_on=optional(dates), reference=optional(words))),
    ),
    "subscriber": st.builds(SubscriberRequest, **_common("subscriber")),
    "traffic": st.builds(TrafficRequest, **_common("traffic"), real_time=st.booleans()),
    "content": st.builds(ContentRequest, **_common("content"), least_intrusive=texts()),
    "emergency": st.builds(
        EmergencyRequest, **_common("emergency"),
        harm=st.sampled_from(("death", "serious_injury", "child_safety", "other")),
        threat=texts(), why_urgent=texts(),
        authenticity=st.builds(Authenticity, official_email_domain=optional(_domain), sent_from=optional(emails),
                               reference_number=optional(words), callback=texts()),
    ),
}
assert set(REQUESTS) == set(REQUEST_KINDS), "a strategy per request kind"
requests = st.one_of(*REQUESTS.values())

contacts = st.builds(Contact, name=words, phone=optional(st.sampled_from(FICTIONAL_PHONES)),
                     email=optional(emails), available_24_7=st.booleans())
authorities = st.builds(Authority, name=words, email=optional(emails))


@st.composite
def cases(draw: st.DrawFn, kinds: tuple[str, ...] | None = None) -> Case:
    """A valid case. With `kinds`, it holds exactly one request of each kind given, in order."""
    if kinds is None:
        reqs = draw(st.lists(requests, max_size=4))
    else:
        reqs = [draw(REQUESTS[k]) for k in kinds]
    for n, r in enumerate(reqs):
        r.id = f"R{n + 1}"
    langs = draw(st.lists(languages, min_size=1, max_size=2, unique=True))
    return Case(
        reference=draw(words),
        date=draw(optional(dates)),
        drafting_language=draw(languages),
        languages=langs,
        requesting=RequestingParty(state=draw(optional(countries)), authority=draw(authorities),
                                   case_officer=draw(contacts), cybercrime_unit=draw(optional(contacts)),
                                   technical_review_done=draw(st.booleans())),
        requested=RequestedParty(state=draw(optional(countries)), authority=draw(optional(authorities)),
                                 point_of_contact_24_7=draw(optional(contacts))),
        legal_bases=draw(st.lists(st.builds(LegalBasis, basis=st.sampled_from(LEGAL_BASIS_IDS),
                                            name=optional(words), citation=texts()), max_size=3)),
        authorisations=draw(st.lists(st.builds(Authorisation, issued_by=words, date=optional(dates)), max_size=1)),
        proceedings=Proceedings(subject=draw(texts()), conducting_authority=draw(words)),
        facts=Facts(summary=draw(texts()), connection=draw(texts()), period=draw(optional(date_ranges())),
                    open_sources_checked=draw(st.booleans()), open_sources=draw(texts())),
        offences=draw(st.lists(st.builds(Offence, name=texts(), provision=words, max_penalty=words,
                                         dual_criminality=texts()), max_size=2)),
        persons=draw(st.lists(st.builds(Person, name=words, nationality=optional(countries),
                                        location=optional(words), date_of_birth=optional(dates)), max_size=2)),
        purpose=draw(texts()),
        urgency=Urgency(level=draw(st.sampled_from(("normal", "urgent", "emergency"))), reasons=draw(texts()),
                        respond_by=draw(optional(dates))),
        confidentiality=Confidentiality(requested=draw(st.booleans()), no_notification=draw(st.booleans()),
                                        reasons=draw(texts())),
        safeguards=Safeguards(proportionality=draw(texts()), data_protection=draw(texts())),
        delivery=Delivery(certificate_of_authenticity=draw(st.booleans()), hash_algorithm=draw(optional(words))),
        contacts=draw(st.lists(contacts, max_size=2)),
        annexes=draw(st.lists(st.builds(Annex, title=texts()), max_size=1)),
        signature=Signature(name=draw(words), title=draw(words), date=draw(optional(dates))),
        requests=reqs,
    )
