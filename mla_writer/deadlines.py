"""A case's deadlines as of a date: preservations lapsing, extensions to ask for, replies due.

Read from the case alone (nothing here reads the clock): the register lists them, the calendar
export turns them into events. A preservation whose formal request has been filed is kept pending
the decision on that request (Budapest art. 29(7)), so it has no deadline any more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .model import Case, PreservationRequest, Request
from .model.status import CLOSING, closed_on, timeline

DeadlineKind = Literal["lapse", "extension", "reply"]
WHAT: dict[str, str] = {
    "lapse": "preservation lapses",
    "extension": "extension to ask for",
    "reply": "reply due",
}
# How far ahead of a lapse to ask for an extension: enough time to draft, approve and send it.
# `check` starts warning about an expiry as far ahead (checks/preservation.py).
EXTENSION_LEAD_DAYS = 30


@dataclass(frozen=True)
class Deadline:
    """One date something must happen by. `key` names it stably across exports (the calendar's
    UID is made from it): which request, or which earlier preservation, and what."""

    date: dt.date
    kind: DeadlineKind
    requests: tuple[str, ...]  # ids of the requests it concerns
    key: str
    detail: str  # e.g. the preservation's reference, or "not sent yet"

    @property
    def what(self) -> str:
        return WHAT[self.kind]

    def what_as_of(self, as_of: dt.date) -> str:
        """`what`, in the past tense for a preservation that has already lapsed."""
        return "preservation lapsed" if self.kind == "lapse" and self.date < as_of else self.what

    def days_left(self, as_of: dt.date) -> int:
        return (self.date - as_of).days

    def describe(self) -> str:
        """e.g. "R1 preservation lapses (INTERPOL-WI-2026-33871)"."""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{', '.join(self.requests)} {self.what}{detail}"


def is_closed(request: Request) -> bool:
    """Executed or refused; for a preservation, also once its formal request has been filed."""
    if any(e.event in CLOSING for e in timeline(request)):
        return True
    return isinstance(request, PreservationRequest) and request.follow_up is not None \
        and request.follow_up.filed_on is not None


def _preservation(expiry: dt.date, as_of: dt.date, ids: tuple[str, ...], key: str, reference: str | None,
                  extension_pending: bool, settled_too: bool) -> list[Deadline]:
    """The lapse itself, and (while it can still be asked, and none is awaited) the day to ask for
    an extension by."""
    out = [Deadline(expiry, "lapse", ids, f"{key}:lapse", reference or "")]
    ask_by = expiry - dt.timedelta(days=EXTENSION_LEAD_DAYS)
    if settled_too or (expiry >= as_of and not extension_pending):
        out.append(Deadline(ask_by, "extension", ids, f"{key}:extension",
                            f"lapses {expiry.isoformat()}"))
    return out


def deadlines(case: Case, as_of: dt.date, *, settled_too: bool = False) -> list[Deadline]:
    """Every pending deadline of `case`, overdue ones included, earliest first. With `settled_too`,
    also those that a closed or sent request no longer has (the calendar cancels them)."""
    out: list[Deadline] = []
    earlier: dict[tuple[str, dt.date], list[str]] = {}  # earlier preservations cited, by reference and expiry
    # An earlier preservation that is one of the case's own requests has its deadlines there.
    own = {r.reference for r in case.requests if isinstance(r, PreservationRequest) and r.reference}
    for req in case.requests:
        if is_closed(req) and not settled_too:
            continue
        if isinstance(req, PreservationRequest):
            expiry = req.effective_expiry()
            if expiry is not None:
                last = req.extensions[-1] if req.extensions else None
                pending = last is not None and last.requested_on is not None and last.extended_to is None
                out += _preservation(expiry, as_of, (req.id,), req.id, req.reference, pending, settled_too)
            continue
        respond_by = req.respond_by or case.urgency.respond_by
        if respond_by is not None:
            out.append(Deadline(respond_by, "reply", (req.id,), f"{req.id}:reply",
                                "" if req.sent_on else "not sent yet"))
        if req.sent_on is None or settled_too:  # once the formal request is sent, the data is kept pending its decision
            for ref in req.preservation_refs:
                expiry = ref.extended_to or ref.expires_on
                if expiry is not None and ref.reference not in own:
                    earlier.setdefault((ref.reference, expiry), []).append(req.id)
    for (reference, expiry), ids in earlier.items():
        out += _preservation(expiry, as_of, tuple(ids), f"ref:{reference}", reference, False, settled_too)
    return sorted(out, key=lambda d: (d.date, d.kind, d.requests))


def next_deadline(found: list[Deadline], as_of: dt.date) -> Deadline | None:
    """What to act on first: the earliest deadline, an overdue one included (a lapse already past
    stays listed until the case records what was done about it)."""
    return found[0] if found else None


def opened_on(case: Case) -> dt.date | None:
    """When work on the case began: its first drafting or sending date, else the case's date."""
    dates = [e.on for r in case.requests for e in timeline(r) if e.event in ("drafted", "sent") and e.on]
    if case.date is not None:
        dates.append(case.date)
    return min(dates) if dates else None


def case_closed_on(case: Case) -> dt.date | None:
    """When the last request was executed or refused (or its preservation followed up), if every
    request is."""
    if not case.requests or not all(is_closed(r) for r in case.requests):
        return None
    ends = [closed_on(r) or (r.follow_up.filed_on if isinstance(r, PreservationRequest) and r.follow_up else None)
            for r in case.requests]
    dated = [d for d in ends if d is not None]
    return max(dated) if dated else None


def days_open(case: Case, as_of: dt.date) -> int | None:
    start = opened_on(case)
    if start is None:
        return None
    end = case_closed_on(case) or as_of
    return max((end - start).days, 0)
