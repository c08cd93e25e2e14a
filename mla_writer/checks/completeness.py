"""Elements every request must carry (UNTOC art. 18(15)(a)-(f), 18(20); Budapest art. 29(2)).

UNTOC art. 18(15) lists what a request shall contain; a request missing one of them invites a
round of questions from the requested State, so each element has its own rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..labels import N_
from ..model import Case, PreservationRequest, blank
from .engine import Context, Hit, per_kind, rule
from .walk import never_given, requests_of

# What an emergency request must carry rests on guidance, not on a treaty clause mla-writer holds.
EMERGENCY_GUIDANCE = "CCPCJ 27th session discussion guide (2018) ¶33; CTOC/COP/WG.3/2015/2 ¶22"
# The proceedings (their subject, nature and stage): the offence under investigation or proceedings
# for a preservation, the subject matter and nature of the proceedings for mutual assistance.
PROCEEDINGS_REFERENCES = per_kind(preservation="Budapest art. 29(2)(b)", disclosure="UNTOC art. 18(15)(b)",
                                  emergency="CCPCJ 27th session discussion guide (2018) ¶33")


@rule(
    "AUTHORITY-MISSING", "error",
    summary=N_("The requesting authority is not named"),
    message=N_("Name the authority making the request (e.g. 'Public Prosecutor's Office, Lyon')."),
    by_kind=per_kind(preservation="Budapest art. 29(2)(a)", disclosure="UNTOC art. 18(15)(a)",
                     emergency="CCPCJ 27th session discussion guide (2018) ¶33; good practice against "
                               "forged emergency requests"),
    checklist="facts",
)
def authority_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if blank(case.requesting.authority.name):
        yield Hit("requesting.authority.name")


@rule(
    "SUBJECT-MISSING", "error",
    summary=N_("The subject and nature of the investigation are not described"),
    message=N_("Describe the subject matter and nature of the investigation, prosecution or "
               "proceeding (e.g. 'preliminary investigation into organised fraud')."),
    by_kind=PROCEEDINGS_REFERENCES,
    checklist="facts",
)
def subject_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if blank(case.proceedings.subject):
        yield Hit("proceedings.subject")


@rule(
    "STAGE-MISSING", "warning",
    summary=N_("The stage of the proceedings is not stated"),
    message=N_("Choose the stage of the proceedings (investigation, prosecution or trial): the case does "
               "not record it, and the document would otherwise give a stage nobody chose."),
    by_kind=PROCEEDINGS_REFERENCES,
    checklist="facts",
)
def stage_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if never_given(case.proceedings, "stage"):
        yield Hit("proceedings.stage")


@rule(
    "CONDUCTING-AUTHORITY-MISSING", "error",
    summary=N_("The authority conducting the proceedings is not named"),
    message=N_("Name the authority conducting the investigation or proceedings (e.g. the "
               "prosecutor or investigating judge in charge), even if it is the requesting authority."),
    reference="UNTOC art. 18(15)(b)",
    checklist="facts",
)
def conducting_authority_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if blank(case.proceedings.conducting_authority):
        yield Hit("proceedings.conducting_authority")


@rule(
    "FACTS-MISSING", "error",
    summary=N_("No summary of the facts"),
    message=N_("Write a summary of the facts: what happened, when, where, to whom, and the harm."),
    by_kind=per_kind(preservation="Budapest art. 29(2)(b)", disclosure="UNTOC art. 18(15)(c)",
                     emergency=EMERGENCY_GUIDANCE),
    checklist="facts",
)
def facts_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if blank(case.facts.summary):
        yield Hit("facts.summary")


@rule(
    "FACTS-NO-CONNECTION", "warning",
    summary=N_("The facts do not say why the requested State holds the evidence"),
    message=N_("Explain the link to the requested State: why the provider there holds or controls "
               "the data (e.g. it is established there and runs the account)."),
    reference="A/74/130 ¶124, ¶406",
    checklist="facts",
)
def facts_no_connection(case: Case, ctx: Context) -> Iterator[Hit]:
    if blank(case.facts.connection):
        yield Hit("facts.connection")


# The offence: Budapest art. 29(2)(b) for a preservation, the nature of the proceedings (UNTOC art.
# 18(15)(b)) for mutual assistance, and what powers the requested State may use (A/74/130 ¶108, ¶146).
OFFENCE_REFERENCES = per_kind(preservation="Budapest art. 29(2)(b)",
                              disclosure="UNTOC art. 18(15)(b); A/74/130 ¶108, ¶146",
                              emergency="A/74/130 ¶108, ¶146")


@rule(
    "OFFENCE-MISSING", "error",
    summary=N_("No offence is described"),
    message=N_("Add at least one offence with its name, legal provision and maximum penalty."),
    by_kind=OFFENCE_REFERENCES,
    checklist="offences",
)
def offence_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if not case.offences:
        yield Hit("offences")


@rule(
    "NO-REQUESTS", "error",
    summary=N_("The case holds no request"),
    message=N_("Add at least one request (preservation, subscriber, traffic, content or emergency)."),
    reference="UNTOC art. 18(15)(d)",
    checklist="nexus",
)
def no_requests(case: Case, ctx: Context) -> Iterator[Hit]:
    if not case.requests:
        yield Hit("requests")


@rule(
    "REQUEST-NO-ITEMS", "error",
    summary=N_("A request names no data to preserve or disclose"),
    message=N_("Add at least one data item: the identifier (account, IP address, e-mail...) and the "
               "categories of data wanted about it."),
    by_kind=per_kind(preservation="Budapest art. 29(2)(c)", disclosure="UNTOC art. 18(15)(d)",
                     emergency="CCPCJ 27th session discussion guide (2018) ¶53"),
    checklist="nexus",
)
def request_no_items(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case):
        if not req.items:
            yield Hit(f"{path}.items")


@rule(
    "PERSONS-MISSING", "warning",
    summary=N_("No person concerned is listed"),
    message=N_("List the persons concerned (suspect, victim, account holder) with identity, location "
               "and nationality where known; write 'unknown' rather than leave it out."),
    reference="UNTOC art. 18(15)(e)",
    checklist="facts",
)
def persons_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if not case.persons:
        yield Hit("persons")


@rule(
    "PERSON-NO-DETAILS", "advice",
    summary=N_("A person has neither a location nor a nationality"),
    message=N_("Give the person's location and nationality where possible; say 'unknown' in the "
               "location if they are not known."),
    reference="UNTOC art. 18(15)(e)",
    checklist="facts",
)
def person_no_details(case: Case, ctx: Context) -> Iterator[Hit]:
    for p, person in enumerate(case.persons):
        if blank(person.location) and person.nationality is None:
            yield Hit(f"persons[{p}].location")


@rule(
    "PURPOSE-MISSING", "error",
    summary=N_("The purpose of the evidence is not stated"),
    message=N_("Say what the evidence is for and how it will be used (e.g. to identify the user of the "
               "account and to produce the messages at trial)."),
    reference="UNTOC art. 18(15)(f)",
    checklist="facts",
)
def purpose_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if blank(case.purpose):
        yield Hit("purpose")


@rule(
    "CONFIDENTIALITY-NO-REASONS", "warning",
    summary=N_("Confidentiality is asked for without reasons"),
    message=N_("Say why the request must stay confidential (e.g. notifying the account holder would "
               "alert the suspects and lead to evidence being destroyed)."),
    reference="UNTOC art. 18(20)",
    checklist="confidentiality",
)
def confidentiality_no_reasons(case: Case, ctx: Context) -> Iterator[Hit]:
    c = case.confidentiality
    if (c.requested or c.no_notification) and blank(c.reasons):
        yield Hit("confidentiality.reasons")


@rule(
    "CONFIDENTIALITY-NOT-ADDRESSED", "advice",
    summary=N_("The request does not say whether the account holder may be told"),
    message=N_("Decide whether the request must stay confidential and the account holder must not be "
               "notified; many providers notify users unless asked not to."),
    reference="UNTOC art. 18(20)",
    checklist="confidentiality",
)
def confidentiality_not_addressed(case: Case, ctx: Context) -> Iterator[Hit]:
    c = case.confidentiality
    disclosing = any(not isinstance(r, PreservationRequest) for r in case.requests)
    if disclosing and not c.requested and not c.no_notification and blank(c.reasons):
        yield Hit("confidentiality.requested")


@rule(
    "REQUESTING-STATE-MISSING", "error",
    summary=N_("The requesting State is not given"),
    message=N_("Give the requesting State as a two-letter country code (e.g. FR)."),
    reference="UNTOC art. 18(15)(a)",
    checklist="addressee",
)
def requesting_state_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if case.requesting.state is None:
        yield Hit("requesting.state")


@rule(
    "REQUESTED-STATE-MISSING", "error",
    summary=N_("The requested State is not given"),
    message=N_("Give the State the request is addressed to as a two-letter country code (e.g. IE); "
               "the language and treaty checks depend on it."),
    reference="UNTOC art. 18(13); Fourteenth UN Congress (Kyoto, 2021), workshop 4 report ¶20",
    checklist="addressee",
)
def requested_state_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if case.requested.state is None:
        yield Hit("requested.state")
