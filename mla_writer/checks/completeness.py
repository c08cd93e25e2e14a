"""Elements every request must carry (UNTOC art. 18(15); Budapest art. 29(2))."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Case, blank
from .engine import Context, Hit, rule


@rule(
    "AUTHORITY-MISSING", "error",
    summary="The requesting authority is not named",
    message="Name the authority making the request (e.g. 'Public Prosecutor's Office, Lyon').",
    reference="UNTOC art. 18(15)(a); Budapest art. 29(2)(a)",
)
def authority_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if blank(case.requesting.authority.name):
        yield Hit("requesting.authority.name")


@rule(
    "FACTS-MISSING", "error",
    summary="No summary of the facts",
    message="Write a summary of the facts: what happened, when, where, to whom, and the harm.",
    reference="UNTOC art. 18(15)(c); Budapest art. 29(2)(b)",
)
def facts_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if blank(case.facts.summary):
        yield Hit("facts.summary")


@rule(
    "OFFENCE-MISSING", "error",
    summary="No offence is described",
    message="Add at least one offence with its name, legal provision and maximum penalty.",
    reference="Budapest art. 29(2)(b); BRIEF §3.F",
)
def offence_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if not case.offences:
        yield Hit("offences")


@rule(
    "NO-REQUESTS", "error",
    summary="The case holds no request",
    message="Add at least one request (preservation, subscriber, traffic, content or emergency).",
    reference="UNTOC art. 18(15)(d)",
)
def no_requests(case: Case, ctx: Context) -> Iterator[Hit]:
    if not case.requests:
        yield Hit("requests")
