"""Practical guidance a reviewer checks before sending (CTOC/COP/WG.3/2015/2 ¶57 and the
central-authority checklist of the review sheet): cheaper routes tried, technical review done,
people reachable, urgency justified, evidence in a usable form, signed."""

from __future__ import annotations

from collections.abc import Iterator

from ..labels import N_
from ..model import (
    Case,
    Contact,
    ContentRequest,
    EmergencyRequest,
    PreservationRequest,
    TrafficRequest,
    blank,
)
from .engine import DISCLOSURE_KINDS, Context, Hit, rule
from .walk import requests_of


def _contacts(case: Case) -> list[Contact]:
    found = [case.requesting.case_officer, *case.contacts]
    if case.requesting.cybercrime_unit is not None:
        found.append(case.requesting.cybercrime_unit)
    return found


def _urgent(case: Case) -> bool:
    return case.urgency.level != "normal" or any(isinstance(r, EmergencyRequest) for r in case.requests)


def _discloses(case: Case) -> bool:
    return any(not isinstance(r, PreservationRequest) for r in case.requests)


@rule(
    "OPEN-SOURCES-NOT-CHECKED", "warning",
    summary=N_("Open sources have not been checked"),
    message=N_("Check open sources first (search engines, public registration data, the public "
               "profile) and record what they showed: it may make the request unnecessary or narrower."),
    reference="CTOC/COP/WG.3/2015/2 ¶57",
    checklist="cheaper",
)
def open_sources_not_checked(case: Case, ctx: Context) -> Iterator[Hit]:
    if not case.facts.open_sources_checked:
        yield Hit("facts.open_sources_checked")


@rule(
    "OPEN-SOURCES-NO-RESULT", "advice",
    summary=N_("Open sources were checked but what they showed is not recorded"),
    message=N_("Say which open sources were checked and what they showed (even 'nothing found')."),
    reference="CTOC/COP/WG.3/2015/2 ¶57",
    checklist="cheaper",
)
def open_sources_no_result(case: Case, ctx: Context) -> Iterator[Hit]:
    if case.facts.open_sources_checked and blank(case.facts.open_sources):
        yield Hit("facts.open_sources")


@rule(
    "TECH-REVIEW-NOT-DONE", "warning",
    summary=N_("The cybercrime unit has not reviewed the request"),
    message=N_("Have the cybercrime unit check the identifiers, data types and feasibility, then record "
               "that it has reviewed the request."),
    reference="CTOC/COP/WG.3/2015/2 ¶57",
    checklist="technical",
)
def tech_review_not_done(case: Case, ctx: Context) -> Iterator[Hit]:
    if not case.requesting.technical_review_done:
        yield Hit("requesting.technical_review_done")


@rule(
    "CASE-OFFICER-MISSING", "warning",
    summary=N_("No case officer is named"),
    message=N_("Name the officer the requested State can contact about the request."),
    reference="CTOC/COP/WG.3/2015/2 ¶23",
    checklist="contacts",
)
def case_officer_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if blank(case.requesting.case_officer.name):
        yield Hit("requesting.case_officer.name")


@rule(
    "CASE-OFFICER-NO-CONTACT", "warning",
    summary=N_("The case officer has no phone number or e-mail address"),
    message=N_("Give the case officer's direct phone number and e-mail address."),
    reference="CTOC/COP/WG.3/2015/2 ¶23; Fourteenth UN Congress (Kyoto, 2021), workshop 4 report ¶18",
    checklist="contacts",
)
def case_officer_no_contact(case: Case, ctx: Context) -> Iterator[Hit]:
    o = case.requesting.case_officer
    if not blank(o.name) and blank(o.phone) and blank(o.email):
        yield Hit("requesting.case_officer.email")


@rule(
    "NO-24-7-CONTACT", "error",
    summary=N_("An urgent request gives no contact reachable at all hours"),
    message=N_("For an urgent or emergency request, give a contact the requested State or provider can "
               "reach 24 hours a day (mark the case officer or another contact as reachable 24/7)."),
    reference="CCPCJ 27th session discussion guide (2018) ¶55; CTOC/COP/WG.3/2015/2 ¶22",
    checklist="contacts",
)
def no_24_7_contact(case: Case, ctx: Context) -> Iterator[Hit]:
    if _urgent(case) and not any(c.available_24_7 for c in _contacts(case)):
        yield Hit("requesting.case_officer.available_24_7")


@rule(
    "URGENCY-NO-REASONS", "warning",
    summary=N_("Urgency is claimed without reasons"),
    message=N_("Say why the request is urgent (data about to be deleted, risk to a person, suspect in "
               "custody, trial date): unexplained urgency is ignored."),
    reference="CCPCJ 27th session discussion guide (2018) ¶33; CTOC/COP/WG.3/2015/2 ¶19",
    checklist="urgency",
)
def urgency_no_reasons(case: Case, ctx: Context) -> Iterator[Hit]:
    if case.urgency.level != "normal" and blank(case.urgency.reasons):
        yield Hit("urgency.reasons")


@rule(
    "RESPOND-BY-PAST", "warning",
    summary=N_("A response-by date has already passed"),
    message=N_("The date by which a reply is asked has passed: set a new date, or remove it."),
    reference="CTOC/COP/WG.3/2015/2 ¶37",
    checklist="urgency",
)
def respond_by_past(case: Case, ctx: Context) -> Iterator[Hit]:
    if case.urgency.respond_by is not None and case.urgency.respond_by < ctx.today and case.status != "final":
        yield Hit("urgency.respond_by")
    for path, req in requests_of(case):
        if req.respond_by is not None and req.respond_by < ctx.today and req.sent_on is None:
            yield Hit(f"{path}.respond_by")


@rule(
    "RESPOND-BY-NO-REASON", "advice",
    summary=N_("A response-by date is given without saying why"),
    message=N_("Say why a reply is needed by that date (trial date, retention period, suspect in "
               "custody): the requested State takes deadlines into account when they are explained."),
    reference="CTOC/COP/WG.3/2015/2 ¶37; A/74/130 ¶139(a)",
    checklist="urgency",
)
def respond_by_no_reason(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case):
        if req.respond_by is not None and blank(req.respond_by_reason) and blank(case.urgency.reasons):
            yield Hit(f"{path}.respond_by_reason")


@rule(
    "DELIVERY-NO-AUTHENTICATION", "advice",
    summary=N_("No certificate of authenticity or business-records declaration is asked for"),
    message=N_("Ask for a certificate of authenticity or a business-records declaration with the data, "
               "so it can be produced in court without a witness from the provider."),
    reference="CTOC/COP/WG.3/2015/2 ¶19; A/74/130 ¶193",
    checklist="form",
)
def delivery_no_authentication(case: Case, ctx: Context) -> Iterator[Hit]:
    # Evidence comes from requests for disclosure; what an emergency request returns is for acting
    # at once, and the formal request that follows asks for it in a form for court.
    d = case.delivery
    evidence = any(r.kind in DISCLOSURE_KINDS for r in case.requests)
    if evidence and not d.certificate_of_authenticity and not d.business_records_declaration:
        yield Hit("delivery.certificate_of_authenticity")


@rule(
    "DELIVERY-NO-HASH", "advice",
    summary=N_("No hash algorithm is asked for the delivered files"),
    message=N_("Ask the provider to give hash values (e.g. SHA-256) of the files it delivers, to show "
               "they were not altered."),
    reference="CTOC/COP/WG.3/2015/2 ¶5, ¶11",
    checklist="form",
)
def delivery_no_hash(case: Case, ctx: Context) -> Iterator[Hit]:
    if any(isinstance(r, (TrafficRequest, ContentRequest)) for r in case.requests) and blank(case.delivery.hash_algorithm):
        yield Hit("delivery.hash_algorithm")


@rule(
    "SAFEGUARDS-NO-PROPORTIONALITY", "warning",
    summary=N_("Traffic or content is requested without a proportionality statement"),
    message=N_("Explain why the measure is necessary and proportionate to the offence (and why the "
               "date ranges are as narrow as they can be)."),
    reference="CCPCJ 27th session discussion guide (2018) ¶29-30; A/74/130 ¶108",
    checklist="safeguards",
)
def safeguards_no_proportionality(case: Case, ctx: Context) -> Iterator[Hit]:
    if any(isinstance(r, (TrafficRequest, ContentRequest)) for r in case.requests) and blank(case.safeguards.proportionality):
        yield Hit("safeguards.proportionality")


@rule(
    "DATA-PROTECTION-MISSING", "advice",
    summary=N_("No data-protection statement"),
    message=N_("Say how the data will be protected: used only for these proceedings, kept no longer "
               "than needed, then deleted."),
    reference="CCPCJ 27th session discussion guide (2018) ¶59; CTOC/COP/WG.3/2015/2 ¶9",
    checklist="safeguards",
)
def data_protection_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if _discloses(case) and blank(case.safeguards.data_protection):
        yield Hit("safeguards.data_protection")


@rule(
    "SIGNATURE-MISSING", "warning",
    summary=N_("The request has no signatory"),
    message=N_("Give the name and title of the person who signs the request."),
    reference="UNTOC art. 18(14)",
    no_checklist="the checklist asks nothing about the signature: the request is signed when it is sent",
)
def signature_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if blank(case.signature.name):
        yield Hit("signature.name")


@rule(
    "SIGNATURE-NO-TITLE", "advice",
    summary=N_("The signatory's title is missing"),
    message=N_("Give the signatory's title or function (e.g. Deputy Public Prosecutor): it shows the "
               "request comes from a competent authority."),
    reference="UNTOC art. 18(14)",
    no_checklist="the checklist asks nothing about the signature: the request is signed when it is sent",
)
def signature_no_title(case: Case, ctx: Context) -> Iterator[Hit]:
    if not blank(case.signature.name) and blank(case.signature.title):
        yield Hit("signature.title")
