"""Every rule fires on a case broken in one place, at the path of that place, and is silent on the
clean case. One row per rule code; a meta-test keeps the table and the registry in step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from pydantic import BaseModel

from mla_writer import refdata
from mla_writer.checks import all_rules, run_checks
from mla_writer.model import (
    URL,
    Case,
    Confidentiality,
    CryptoAddress,
    DateRange,
    Domain,
    LegalBasis,
    PreservationReference,
    Provider,
    StatusEvent,
)

from .builders import CONT, CTX, EMERG, PRES, SUB, TRAF, clean_case

D = dt.date
T = dt.datetime


@dataclass(frozen=True)
class Row:
    code: str
    breaks: Callable[[Case], object]
    path: str

    def __str__(self) -> str:
        return self.code


def ident(c: Case, r: int, i: int = 0):
    return c.requests[r].items[i].identifier


def item_path(r: int, i: int = 0) -> str:
    return f"requests[{r}].items[{i}]"


def _set(obj: object, **values: object) -> None:
    for k, v in values.items():
        setattr(obj, k, v)


def _replace_identifier(r: int, identifier: object) -> Callable[[Case], None]:
    def go(c: Case) -> None:
        c.requests[r].items[0].identifier = identifier  # type: ignore[assignment]
    return go


def _not_party_state() -> str:
    """A State the countries data records as not party to the Budapest Convention."""
    return next(code for code, info in sorted(refdata.countries().items()) if info.status("budapest") == "none")


def _unknown_budapest_state() -> str:
    return next(code for code, info in sorted(refdata.countries().items()) if info.status("budapest") == "unknown")


def _drop_preservation(c: Case) -> None:
    del c.requests[PRES]


def _unset(model: BaseModel, name: str) -> BaseModel:
    """The model as a case file that never gave `name` would load it (the field at its default)."""
    return type(model).model_validate(model.model_dump(exclude={name}))


def _unset_request_field(r: int, name: str) -> Callable[[Case], None]:
    def go(c: Case) -> None:
        c.requests[r] = _unset(c.requests[r], name)  # type: ignore[call-overload]
    return go


def _attributed_by_an_isp(c: Case) -> None:
    """The subscriber request's IP is asked of an access provider, who must attribute it."""
    c.requests[SUB].provider.services = ["isp"]


IP = ident  # readability in the table below
S_IP = f"{item_path(SUB)}.identifier"

ROWS: list[Row] = [
    # completeness
    Row("AUTHORITY-MISSING", lambda c: _set(c.requesting.authority, name=""), "requesting.authority.name"),
    Row("SUBJECT-MISSING", lambda c: _set(c.proceedings, subject=""), "proceedings.subject"),
    Row("STAGE-MISSING", lambda c: _set(c, proceedings=_unset(c.proceedings, "stage")), "proceedings.stage"),
    Row("CONDUCTING-AUTHORITY-MISSING", lambda c: _set(c.proceedings, conducting_authority=" "),
        "proceedings.conducting_authority"),
    Row("FACTS-MISSING", lambda c: _set(c.facts, summary=""), "facts.summary"),
    Row("FACTS-NO-CONNECTION", lambda c: _set(c.facts, connection=""), "facts.connection"),
    Row("OFFENCE-MISSING", lambda c: _set(c, offences=[]), "offences"),
    Row("NO-REQUESTS", lambda c: _set(c, requests=[]), "requests"),
    Row("REQUEST-NO-ITEMS", lambda c: _set(c.requests[SUB], items=[]), f"requests[{SUB}].items"),
    Row("PERSONS-MISSING", lambda c: _set(c, persons=[]), "persons"),
    Row("PERSON-NO-DETAILS", lambda c: _set(c.persons[0], location=None, nationality=None), "persons[0].location"),
    Row("PURPOSE-MISSING", lambda c: _set(c, purpose=""), "purpose"),
    Row("CONFIDENTIALITY-NO-REASONS", lambda c: _set(c.confidentiality, reasons=""), "confidentiality.reasons"),
    Row("CONFIDENTIALITY-NOT-ADDRESSED", lambda c: _set(c, confidentiality=Confidentiality()),
        "confidentiality.requested"),
    Row("REQUESTING-STATE-MISSING", lambda c: _set(c.requesting, state=None), "requesting.state"),
    Row("REQUESTED-STATE-MISSING", lambda c: _set(c.requested, state=None), "requested.state"),
    # preservation
    Row("PRES-NO-DATA", lambda c: _set(c.requests[PRES].items[0], categories=[]), f"{item_path(PRES)}.categories"),
    Row("PRES-NO-CUSTODIAN", lambda c: _set(c.requests[PRES], provider=Provider()), f"requests[{PRES}].provider.name"),
    Row("PRES-NO-NECESSITY", lambda c: _set(c.requests[PRES], necessity=""), f"requests[{PRES}].necessity"),
    Row("PRES-NO-MLA-INTENT", lambda c: _set(c.requests[PRES], mla_to_follow=False), f"requests[{PRES}].mla_to_follow"),
    Row("PRES-NO-PERIOD", _unset_request_field(PRES, "period_days"), f"requests[{PRES}].period_days"),
    Row("PRES-REF-MISSING", lambda c: _set(c.requests[PRES], sent_on=D(2026, 4, 11)),
        f"requests[{CONT}].preservation_refs"),
    Row("PRES-PERIOD-SHORT", lambda c: _set(c.requests[PRES], period_days=30), f"requests[{PRES}].period_days"),
    Row("PRES-EXPIRY-SHORT", lambda c: _set(c.requests[PRES], sent_on=D(2026, 4, 1), expires_on=D(2026, 4, 30)),
        f"requests[{PRES}].expires_on"),
    Row("PRES-EXPIRING", lambda c: _set(c.requests[PRES], sent_on=D(2026, 2, 1)), f"requests[{PRES}].follow_up"),
    Row("PRES-EXPIRED", lambda c: _set(c.requests[PRES], expires_on=D(2026, 4, 1)), f"requests[{PRES}].follow_up"),
    Row("STATUS-SEQUENCE", lambda c: _set(c.requests[SUB], history=[StatusEvent(event="executed", on=D(2026, 3, 1))]),
        f"requests[{SUB}].history[0].on"),
    Row("PRES-EXTENSION-NO-REF", lambda c: _set(c.requests[PRES], status="extension"),
        f"requests[{PRES}].preservation_refs"),
    Row("PRES-REF-NO-NUMBER", lambda c: _set(c.requests[TRAF], preservation_refs=[PreservationReference()]),
        f"requests[{TRAF}].preservation_refs[0].reference"),
    Row("PRES-REF-EXPIRING",
        lambda c: _set(c.requests[TRAF], preservation_refs=[PreservationReference(reference="P-1", expires_on=D(2026, 4, 20))]),
        f"requests[{TRAF}].preservation_refs[0].expires_on"),
    Row("PRES-NOT-FIRST", _drop_preservation, f"requests[{TRAF - 1}].preservation_refs"),
    # identifiers
    Row("IP-NO-TIME", lambda c: _set(IP(c, SUB), timestamp=None), f"{S_IP}.timestamp"),
    Row("IP-NO-TZ", lambda c: _set(IP(c, SUB), timezone=None), f"{S_IP}.timezone"),
    Row("IP-NO-PORT", lambda c: (_attributed_by_an_isp(c), _set(IP(c, SUB), port=None)), f"{S_IP}.port"),
    Row("IP-CGNAT", lambda c: _set(IP(c, SUB), address="100.64.12.7"), f"{S_IP}.address"),
    Row("IP-NOT-PUBLIC", lambda c: _set(IP(c, SUB), address="192.168.1.20"), f"{S_IP}.address"),
    Row("IP-TIME-FUTURE", lambda c: _set(IP(c, SUB), timestamp=T(2026, 5, 1, 10, 0, 5)), f"{S_IP}.timestamp"),
    Row("IP-TIME-OUTSIDE-RANGE", lambda c: _set(IP(c, SUB), timestamp=T(2026, 3, 5, 10, 0, 5)), f"{S_IP}.timestamp"),
    Row("IP-TIME-NO-SECONDS", lambda c: (_attributed_by_an_isp(c), _set(IP(c, SUB), timestamp=T(2026, 3, 3, 8, 14))),
        f"{S_IP}.timestamp"),
    Row("ACCOUNT-NO-SERVICE", lambda c: _set(ident(c, TRAF), service=""), f"{item_path(TRAF)}.identifier.service"),
    Row("ACCOUNT-NAME-ONLY", lambda c: _set(ident(c, TRAF), user_id=None), f"{item_path(TRAF)}.identifier.user_id"),
    Row("URL-SHORTENER", _replace_identifier(CONT, URL(url="https://bit.ly/3xAmpl", source="SMS")),
        f"{item_path(CONT)}.identifier.url"),
    Row("URL-HAS-CREDENTIALS", _replace_identifier(CONT, URL(url="https://admin:pw@example.com/x", source="log")),
        f"{item_path(CONT)}.identifier.url"),
    Row("URL-HOST-IS-IP", _replace_identifier(CONT, URL(url="http://203.0.113.5/login", source="log")),
        f"{item_path(CONT)}.identifier.url"),
    Row("DOMAIN-IS-SUBDOMAIN", _replace_identifier(CONT, Domain(name="www.pay.supplier.example.net", source="mail")),
        f"{item_path(CONT)}.identifier.name"),
    Row("CRYPTO-NO-CUSTODIAN",
        _replace_identifier(CONT, CryptoAddress(currency="ETH", address="0x" + "ab" * 20, source="victim")),
        f"{item_path(CONT)}.identifier.exchange"),
    Row("IDENTIFIER-NO-SOURCE", lambda c: _set(IP(c, SUB), source=None), f"{S_IP}.source"),
    Row("IDENTIFIER-DUPLICATE", lambda c: c.requests[SUB].items.append(c.requests[SUB].items[0].model_copy(deep=True)),
        f"{item_path(SUB, 1)}.identifier"),
    # nexus
    Row("NEXUS-MISSING", lambda c: _set(c.requests[SUB].items[0], nexus=""), f"{item_path(SUB)}.nexus"),
    Row("CATEGORIES-EMPTY", lambda c: _set(c.requests[SUB].items[0], categories=[]), f"{item_path(SUB)}.categories"),
    Row("CONTENT-NO-LEAST-INTRUSIVE", lambda c: _set(c.requests[CONT], least_intrusive=""),
        f"requests[{CONT}].least_intrusive"),
    Row("RANGE-MISSING", lambda c: _set(c.requests[TRAF].items[0], date_range=None), f"{item_path(TRAF)}.date_range"),
    Row("RANGE-IN-FUTURE",
        lambda c: _set(c.requests[TRAF].items[0], date_range=DateRange(start=D(2026, 3, 1), end=D(2026, 5, 1))),
        f"{item_path(TRAF)}.date_range.end"),
    Row("RANGE-WIDER-THAN-FACTS",
        lambda c: _set(c.requests[TRAF].items[0], date_range=DateRange(start=D(2025, 12, 1), end=D(2026, 3, 31))),
        f"{item_path(TRAF)}.date_range"),
    Row("RANGE-VERY-LONG",
        lambda c: _set(c.requests[CONT].items[0], date_range=DateRange(start=D(2024, 1, 1), end=D(2026, 3, 31))),
        f"{item_path(CONT)}.date_range"),
    Row("RANGE-BEYOND-RETENTION",
        lambda c: _set(c.requests[TRAF].items[0], date_range=DateRange(start=D(2025, 6, 1), end=D(2026, 3, 31))),
        f"{item_path(TRAF)}.date_range.start"),
    # emergency
    Row("EMERG-NO-THREAT", lambda c: _set(c.requests[EMERG], threat=""), f"requests[{EMERG}].threat"),
    Row("EMERG-NO-HARM", _unset_request_field(EMERG, "harm"), f"requests[{EMERG}].harm"),
    Row("EMERG-NO-WHY-URGENT", lambda c: _set(c.requests[EMERG], why_urgent=""), f"requests[{EMERG}].why_urgent"),
    Row("EMERG-NO-OFFICIAL-DOMAIN", lambda c: _set(c.requests[EMERG].authenticity, official_email_domain=None),
        f"requests[{EMERG}].authenticity.official_email_domain"),
    Row("EMERG-NO-REFERENCE", lambda c: _set(c.requests[EMERG].authenticity, reference_number=""),
        f"requests[{EMERG}].authenticity.reference_number"),
    Row("EMERG-NO-CALLBACK", lambda c: _set(c.requests[EMERG].authenticity, callback=""),
        f"requests[{EMERG}].authenticity.callback"),
    Row("EMERG-DOMAIN-MISMATCH",
        lambda c: _set(c.requests[EMERG].authenticity, sent_from="urgent.police@freemail.example.net"),
        f"requests[{EMERG}].authenticity.sent_from"),
    Row("EMERG-CHANNEL-NO-FOLLOW-UP",
        lambda c: _set(c.requests[EMERG], channel="provider_emergency", follow_up_planned=False),
        f"requests[{EMERG}].follow_up_planned"),
    Row("EMERG-URGENCY-LEVEL", lambda c: _set(c.urgency, level="urgent"), "urgency.level"),
    # substance
    Row("TEXT-PLACEHOLDER", lambda c: _set(c.facts, summary="See annex."), "facts.summary"),
    Row("TEXT-TOO-SHORT", lambda c: _set(c.requests[SUB].items[0], nexus="The sender's address."),
        f"{item_path(SUB)}.nexus"),
    Row("TEXT-REPEATED", lambda c: _set(c.requests[TRAF].items[0], nexus=c.requests[SUB].items[0].nexus.text),
        f"{item_path(TRAF)}.nexus"),
    # language
    Row("LANG-NOT-ACCEPTED", lambda c: _set(c, languages=["fr"], drafting_language="fr"), "languages"),
    Row("COUNTRY-NO-DATA", lambda c: _set(c.requested, state="AQ"), "requested.state"),
    Row("TEXT-NOT-TRANSLATED", lambda c: _set(c, languages=["en", "fr"]), "facts.summary.translations.fr"),
    # channel
    Row("CHANNEL-INFORMAL-NO-FOLLOW-UP", lambda c: _set(c.requests[EMERG], follow_up_planned=False),
        f"requests[{EMERG}].follow_up_planned"),
    Row("CHANNEL-ADMISSIBILITY", lambda c: _set(c.requests[EMERG], admissibility_acknowledged=False),
        f"requests[{EMERG}].admissibility_acknowledged"),
    Row("DIRECT-NO-COPY", lambda c: _set(c.requests[SUB], channel="provider_direct", follow_up_planned=True),
        f"requests[{SUB}].copy_to"),
    Row("CHANNEL-247-NO-CONTACT", lambda c: _set(c.requested, point_of_contact_24_7=None),
        "requested.point_of_contact_24_7"),
    Row("CHANNEL-MLA-NO-AUTHORITY", lambda c: _set(c.requested, authority=None), "requested.authority"),
    Row("ADDRESSEE-MISSING", lambda c: _set(c.requests[SUB], addressee=""), f"requests[{SUB}].addressee"),
    # legal
    Row("LEGAL-BASIS-MISSING", lambda c: _set(c, legal_bases=[]), "legal_bases"),
    Row("TREATY-NOT-PARTY", lambda c: _set(c.requested, state=_not_party_state()), "legal_bases[0].basis"),
    Row("TREATY-STATUS-UNKNOWN", lambda c: _set(c.requested, state=_unknown_budapest_state()), "legal_bases[0].basis"),
    Row("TREATY-NOT-IN-FORCE", lambda c: c.legal_bases.append(LegalBasis(basis="sap-9", articles="Article 9")),
        "legal_bases[3].basis"),
    Row("BASIS-NOT-IN-CASE", lambda c: _set(c.requests[SUB], legal_bases=["budapest-31"]),
        f"requests[{SUB}].legal_bases[0]"),
    Row("BASIS-WRONG-KIND", lambda c: _set(c.requests[CONT], legal_bases=["budapest-29"]),
        f"requests[{CONT}].legal_bases[0]"),
    Row("BASIS-WRONG-CHANNEL", lambda c: _set(c.requests[SUB], channel="provider_direct", copy_to=["UK 24/7"],
                                              follow_up_planned=True, admissibility_acknowledged=True),
        f"requests[{SUB}].legal_bases[0]"),
    Row("BASIS-ART27-WITH-TREATY",
        lambda c: c.legal_bases.append(LegalBasis(basis="bilateral", name="Treaty between France and the United "
                                                  "Kingdom on Mutual Legal Assistance (2001)", articles="Article 1")),
        "legal_bases[1].basis"),
    Row("BASIS-UNVERIFIED", lambda c: c.legal_bases.append(LegalBasis(basis="uncc-mla", articles="Article 40")),
        "legal_bases[3].citation"),
    Row("LEGAL-CITATION-NEEDED", lambda c: c.legal_bases.append(LegalBasis(basis="regional")),
        "legal_bases[3].articles"),
    Row("RECIPROCITY-NO-ASSURANCE", lambda c: c.legal_bases.append(LegalBasis(basis="reciprocity")),
        "legal_bases[3].citation"),
    Row("TREATY-NO-NAME",
        lambda c: c.legal_bases.append(LegalBasis(basis="bilateral", citation="Article 1: the Parties shall...")),
        "legal_bases[3].name"),
    Row("BASIS-DOES-NOT-FIT", lambda c: _set(c.requests[SUB], legal_bases=["budapest-29"]),
        f"requests[{SUB}].kind"),
    Row("OFFENCE-NO-NAME", lambda c: _set(c.offences[0], name=""), "offences[0].name"),
    Row("OFFENCE-NO-PROVISION", lambda c: _set(c.offences[0], provision=""), "offences[0].provision"),
    Row("OFFENCE-NO-PENALTY", lambda c: _set(c.offences[0], max_penalty=""), "offences[0].max_penalty"),
    Row("DUAL-CRIMINALITY-MISSING", lambda c: _set(c.offences[0], dual_criminality=""), "offences[0].dual_criminality"),
    Row("AUTHORISATION-MISSING", lambda c: _set(c, authorisations=[]), "authorisations"),
    # provider
    Row("PROVIDER-MISSING", lambda c: _set(c.requests[SUB], provider=Provider()), f"requests[{SUB}].provider.name"),
    Row("PROVIDER-CANNOT-HOLD", lambda c: _set(c.requests[CONT].provider, services=["registrar"]),
        f"{item_path(CONT)}.categories"),
    Row("PROVIDER-NO-SERVICES", lambda c: _set(c.requests[SUB].provider, services=[]),
        f"requests[{SUB}].provider.services"),
    Row("PROVIDER-NO-ENTITY", lambda c: _set(c.requests[SUB].provider, legal_entity=None),
        f"requests[{SUB}].provider.legal_entity"),
    Row("PROVIDER-ELSEWHERE", lambda c: _set(c.requests[SUB].provider, establishment="IE"),
        f"requests[{SUB}].provider.establishment"),
    Row("PROVIDER-LOCAL-PRESENCE", lambda c: _set(c.requests[SUB].provider, local_presence="yes"),
        f"requests[{SUB}].provider.local_presence"),
    # practice
    Row("OPEN-SOURCES-NOT-CHECKED", lambda c: _set(c.facts, open_sources_checked=False), "facts.open_sources_checked"),
    Row("OPEN-SOURCES-NO-RESULT", lambda c: _set(c.facts, open_sources=""), "facts.open_sources"),
    Row("TECH-REVIEW-NOT-DONE", lambda c: _set(c.requesting, technical_review_done=False),
        "requesting.technical_review_done"),
    Row("CASE-OFFICER-MISSING", lambda c: _set(c.requesting.case_officer, name=""), "requesting.case_officer.name"),
    Row("CASE-OFFICER-NO-CONTACT", lambda c: _set(c.requesting.case_officer, phone=None, email=None),
        "requesting.case_officer.email"),
    Row("NO-24-7-CONTACT", lambda c: _set(c.requesting.case_officer, available_24_7=False),
        "requesting.case_officer.available_24_7"),
    Row("URGENCY-NO-REASONS", lambda c: _set(c.urgency, reasons=""), "urgency.reasons"),
    Row("RESPOND-BY-PAST", lambda c: _set(c.urgency, respond_by=D(2026, 4, 1)), "urgency.respond_by"),
    Row("RESPOND-BY-NO-REASON", lambda c: (_set(c.requests[SUB], respond_by=D(2026, 5, 1)), _set(c.urgency, reasons="")),
        f"requests[{SUB}].respond_by_reason"),
    Row("DELIVERY-NO-AUTHENTICATION", lambda c: _set(c.delivery, certificate_of_authenticity=False),
        "delivery.certificate_of_authenticity"),
    Row("DELIVERY-NO-HASH", lambda c: _set(c.delivery, hash_algorithm=None), "delivery.hash_algorithm"),
    Row("SAFEGUARDS-NO-PROPORTIONALITY", lambda c: _set(c.safeguards, proportionality=""),
        "safeguards.proportionality"),
    Row("DATA-PROTECTION-MISSING", lambda c: _set(c.safeguards, data_protection=""), "safeguards.data_protection"),
    Row("SIGNATURE-MISSING", lambda c: _set(c.signature, name=""), "signature.name"),
    Row("SIGNATURE-NO-TITLE", lambda c: _set(c.signature, title=""), "signature.title"),
]


def test_the_clean_case_has_no_findings() -> None:
    findings = run_checks(clean_case(), CTX)
    assert findings == [], [f"{f.code} {f.path}" for f in findings]


def test_every_registered_rule_has_a_row() -> None:
    registered = {r.code for r in all_rules()}
    tabled = [row.code for row in ROWS]
    assert len(tabled) == len(set(tabled)), "a code is in the table twice"
    assert registered - set(tabled) == set(), "rules with no test row"
    assert set(tabled) - registered == set(), "test rows for rules that do not exist"


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_rule_fires_at_the_path_of_the_broken_field(row: Row) -> None:
    case = clean_case()
    row.breaks(case)
    hits = [(f.code, f.path) for f in run_checks(case, CTX)]
    assert (row.code, row.path) in hits, hits
    assert not any(code == "INTERNAL" for code, _ in hits), hits


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_rule_is_silent_on_the_clean_case(row: Row) -> None:
    assert row.code not in {f.code for f in run_checks(clean_case(), CTX)}
