"""The link between the facts and each piece of data asked for, and the time it covers.

The thing requests most often lack (CCPCJ 27th session discussion guide (2018) ¶53;
CTOC/COP/WG.3/2015/2 ¶9): for each identifier, why it matters, what it should show, and a date
range no wider than the facts support.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..labels import N_
from ..model import (
    TRAFFIC_CATEGORIES,
    Case,
    ContentRequest,
    IPAddress,
    PreservationRequest,
    Request,
    TrafficRequest,
    blank,
)
from .engine import Context, Hit, per_kind, rule
from .message import Date
from .walk import items, reference_date, requests_of

# A date range reaching this many days beyond the known period of the facts is "far wider".
FACTS_MARGIN_DAYS = 30
# A range longer than this asks for more than a year of someone's data.
LONG_RANGE_DAYS = 366
# Many providers keep traffic data (connection logs, IP history) for months, not years
# (CTOC/COP/WG.3/2015/2 ¶20; A/74/130 ¶65). Older data may be gone unless it was preserved in time.
TYPICAL_TRAFFIC_RETENTION_DAYS = 180


def _real_time(req: Request) -> bool:
    return isinstance(req, TrafficRequest) and req.real_time


def _facts_span(case: Case) -> tuple[dt.date, dt.date] | None:
    """When the conduct took place: facts.period if given, else the span of the IP timestamps."""
    if case.facts.period is not None:
        return case.facts.period.start, case.facts.period.end
    days = [it.identifier.timestamp.date() for _p, _r, it in items(case)
            if isinstance(it.identifier, IPAddress) and it.identifier.timestamp is not None]
    return (min(days), max(days)) if days else None


@rule(
    "NEXUS-MISSING", "error",
    summary=N_("A data item does not say why it is linked to the offence"),
    message=N_("Say why this identifier is linked to the offence and what the data should show (e.g. "
               "'the account sent the fraudulent message; its login history should show who used it')."),
    # Art. 29(2)(c) governs preservation only; a request for disclosure rests on the description of
    # the assistance and its purpose (UNTOC art. 18(15)(d), (f)) and on Budapest art. 31.
    by_kind=per_kind(preservation="Budapest art. 29(2)(c)",
                     disclosure="UNTOC art. 18(15)(d), (f); Budapest art. 31(1)",
                     emergency="CTOC/COP/WG.3/2015/2 ¶9, ¶22"),
    checklist="nexus",
)
def nexus_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, _req, item in items(case):
        if blank(item.nexus):
            yield Hit(f"{path}.nexus")


@rule(
    "CATEGORIES-EMPTY", "error",
    summary=N_("A data item does not say which data is wanted"),
    message=N_("Choose the categories of data wanted for this identifier (e.g. identity and "
               "registration record; or connection logs): providers answer only what is asked."),
    reference="UNTOC art. 18(15)(d); CCPCJ 27th session discussion guide (2018) ¶53",
    checklist="nexus",
)
def categories_empty(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req, item in items(case):
        # Preservation requests have their own rule (PRES-NO-DATA, Budapest art. 29(2)(c)).
        if not item.categories and not isinstance(req, PreservationRequest):
            yield Hit(f"{path}.categories")


@rule(
    "CONTENT-NO-LEAST-INTRUSIVE", "error",
    summary=N_("Content is requested without saying why less intrusive data is not enough"),
    message=N_("Explain why subscriber or traffic data would not be enough and the content itself is "
               "needed (e.g. the messages are the evidence of the threats)."),
    reference="A/74/130 ¶28, ¶108; CCPCJ 27th session discussion guide (2018) ¶53",
    checklist="nexus",
)
def content_no_least_intrusive(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, ContentRequest):
        if blank(req.least_intrusive):
            yield Hit(f"{path}.least_intrusive")


@rule(
    "RANGE-MISSING", "warning",
    summary=N_("Traffic or content is requested with no date range"),
    message=N_("Give the period the data should cover, as narrow as the facts allow: without one the "
               "provider may refuse or return years of data."),
    reference="CTOC/COP/WG.3/2015/2 ¶9",
    checklist="ranges",
)
def range_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req, item in items(case):
        if isinstance(req, (TrafficRequest, ContentRequest)) and item.date_range is None:
            yield Hit(f"{path}.date_range")


@rule(
    "RANGE-IN-FUTURE", "error",
    summary=N_("A date range ends in the future"),
    message=N_("Stored data cannot come from the future: end the range today or earlier (for "
               "collection in real time, use a traffic request for real-time collection)."),
    reference="Budapest art. 29(1), art. 31(1)",
    checklist="ranges",
)
def range_in_future(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req, item in items(case):
        if item.date_range is not None and item.date_range.end > ctx.today and not _real_time(req):
            yield Hit(f"{path}.date_range.end")


@rule(
    "RANGE-WIDER-THAN-FACTS", "warning",
    summary=N_("A date range is far wider than the facts support"),
    message=N_("The date range reaches well beyond the period of the facts: narrow it to the period "
               "the facts cover (plus a short margin), or explain in the facts why earlier or later "
               "data matters, and give the period of the conduct in the facts."),
    reference="CTOC/COP/WG.3/2015/2 ¶9",
    checklist="ranges",
)
def range_wider_than_facts(case: Case, ctx: Context) -> Iterator[Hit]:
    span = _facts_span(case)
    if span is None:
        return
    first, last = span
    margin = dt.timedelta(days=FACTS_MARGIN_DAYS)
    for path, req, item in items(case):
        rng = item.date_range
        if rng is None or _real_time(req):
            continue
        if rng.start < first - margin or rng.end > last + margin:
            yield Hit(f"{path}.date_range",
                      N_("The range %(start)s to %(end)s reaches more than %(margin)s days beyond the "
                         "facts (%(first)s to %(last)s): narrow it, or explain why, and give the period "
                         "of the conduct in the facts."),
                      start=Date(rng.start), end=Date(rng.end), margin=FACTS_MARGIN_DAYS,
                      first=Date(first), last=Date(last))


@rule(
    "RANGE-VERY-LONG", "warning",
    summary=N_("A date range covers more than a year"),
    message=N_("The range covers more than a year of data: requested States and providers treat long "
               "ranges as disproportionate. Narrow it, or justify each part of it in the link to the "
               "offence."),
    reference="CTOC/COP/WG.3/2015/2 ¶9",
    checklist="ranges",
)
def range_very_long(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, _req, item in items(case):
        if item.date_range is not None and item.date_range.days > LONG_RANGE_DAYS:
            yield Hit(f"{path}.date_range",
                      N_("The range covers %(days)s days: narrow it, or justify each part of it in the "
                         "link to the offence."),
                      days=item.date_range.days)


def _preserved_from(case: Case, req: Request) -> dt.date | None:
    """When the data was (or is being) frozen, if the case records a preservation."""
    dates = [ref.requested_on for ref in req.preservation_refs if ref.requested_on]
    for _p, pres in requests_of(case, PreservationRequest):
        dates.append(pres.sent_on or case.date)  # type: ignore[arg-type]
    dates = [d for d in dates if d is not None]
    return min(dates) if dates else None


@rule(
    "RANGE-BEYOND-RETENTION", "warning",
    summary=N_("Traffic data is asked for from further back than providers usually keep it"),
    message=N_("Traffic data this old may already be deleted: check the provider's retention period "
               "and record it with the provider's details, and preserve what is left at once."),
    reference="CTOC/COP/WG.3/2015/2 ¶20; A/74/130 ¶65, ¶124",
    checklist="ranges",
)
def range_beyond_retention(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req, item in items(case):
        rng = item.date_range
        if rng is None or not set(item.categories) & set(TRAFFIC_CATEGORIES):
            continue
        if not blank(req.provider.retention_note):
            continue  # the drafter knows the actual retention period
        asked_on = _preserved_from(case, req) or reference_date(case, ctx.today)
        age = (asked_on - rng.start).days
        if age > TYPICAL_TRAFFIC_RETENTION_DAYS:
            yield Hit(f"{path}.date_range.start",
                      N_("The range starts %(age)s days before the data was asked for; many providers keep "
                         "traffic data for about %(retention)s days or less. Check the provider's retention "
                         "period, record it with the provider's details, and preserve at once."),
                      age=age, retention=TYPICAL_TRAFFIC_RETENTION_DAYS)
