"""A request's status: its dated events read as one timeline, checked for sense, and recorded.

Each fact lives in one field (see history.py); this module reads them together
(:func:`timeline`), says what is wrong with a timeline as of a date (:func:`problems`), and records
a new event into the field that holds it (:func:`record`), refusing one that would make the
timeline impossible. Nothing here reads the clock: the evaluation date is a parameter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, get_args

from .history import HISTORY_EVENTS, StatusEvent
from .requests import FollowUp, PreservationExtension, PreservationRequest, Request

# In the order they usually happen: events of one day are listed in this order. Their words are
# labels.STATUS_EVENT.
Event = Literal[
    "drafted", "sent", "acknowledged", "confirmed", "extension_asked", "extended", "follow_up_filed",
    "clarification_asked", "clarification_answered", "executed", "refused",
]
EVENTS: tuple[str, ...] = get_args(Event)
PRESERVATION_ONLY: tuple[str, ...] = ("confirmed", "extension_asked", "extended", "follow_up_filed")
CLOSING: tuple[str, ...] = ("executed", "refused")

# Why a timeline cannot be; checks/status.py words each reason in the six languages.
Reason = Literal[
    "future", "preservation_executed", "never_sent", "before_sent", "drafted_twice", "drafted_after_sent",
    "ends_twice", "after_end", "answer_without_question", "expiry_before_confirmation",
    "extension_confirmed_before_asked", "extension_not_later",
]


@dataclass(frozen=True)
class Problem:
    """What makes a timeline impossible: where (a path in the request), why, and the facts the
    reason is told with: the event at fault and its date, and the event or date it conflicts with."""

    path: str
    reason: Reason
    request: str
    event: str | None = None
    on: dt.date | None = None
    other: str | None = None  # the event it conflicts with
    other_on: dt.date | None = None  # the date it conflicts with


class StatusError(ValueError):
    """An event that cannot be recorded: the message says why, in one line; an event that would
    make the timeline impossible carries the `problem` (worded by checks/status.py)."""

    def __init__(self, message: str, problem: Problem | None = None) -> None:
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True)
class Entry:
    """One event of a request's timeline. `path` is the field it is read from, relative to the
    request (e.g. ``sent_on``, ``history[2].on``, ``extensions[0].confirmed_on``)."""

    event: str
    on: dt.date | None
    path: str
    reference: str | None = None
    until: dt.date | None = None  # the expiry a confirmation or an extension gives
    note: str | None = None


def _order(entry: Entry) -> tuple[dt.date, int]:
    return (entry.on or dt.date.max, EVENTS.index(entry.event))


def timeline(request: Request) -> list[Entry]:
    """Every dated event of `request`, in the order it happened (undated ones last)."""
    out: list[Entry] = []
    for i, h in enumerate(request.history):
        out.append(Entry(h.event, h.on, f"history[{i}].on", note=h.note))
    if request.sent_on is not None:
        out.append(Entry("sent", request.sent_on, "sent_on"))
    if isinstance(request, PreservationRequest):
        if request.confirmed_on is not None or request.expires_on is not None:
            out.append(Entry("confirmed", request.confirmed_on, "confirmed_on", until=request.expires_on))
        for i, ext in enumerate(request.extensions):
            if ext.requested_on is not None:
                out.append(Entry("extension_asked", ext.requested_on, f"extensions[{i}].requested_on", ext.reference))
            if ext.extended_to is not None or ext.confirmed_on is not None:
                out.append(Entry("extended", ext.confirmed_on, f"extensions[{i}].confirmed_on", ext.reference,
                                 ext.extended_to))
        if request.follow_up is not None and request.follow_up.filed_on is not None:
            out.append(Entry("follow_up_filed", request.follow_up.filed_on, "follow_up.filed_on",
                             request.follow_up.reference))
    return sorted(out, key=_order)


def _first(entries: list[Entry], *events: str) -> Entry | None:
    return next((e for e in entries if e.event in events), None)


def current(request: Request) -> str | None:
    """The request's latest event (e.g. ``"acknowledged"``), or None for a draft."""
    entries = [e for e in timeline(request) if e.event != "drafted"]
    return entries[-1].event if entries else None


def closed_on(request: Request) -> dt.date | None:
    """When the request was executed or refused, if it was."""
    end = _first(timeline(request), *CLOSING)
    return end.on if end else None


def problems(request: Request, as_of: dt.date) -> list[Problem]:
    """What makes the timeline impossible as of `as_of`."""
    return future_dates(request, as_of) + sequence_problems(request)


def future_dates(request: Request, as_of: dt.date) -> list[Problem]:
    """Events dated after `as_of`: an event is recorded once it has happened."""
    return [Problem(e.path, "future", request.id, e.event, e.on, other_on=as_of)
            for e in timeline(request) if e.on is not None and e.on > as_of]


def sequence_problems(request: Request) -> list[Problem]:
    """Events in an order that cannot be."""
    entries = timeline(request)
    out: list[Problem] = []
    name = request.id
    preservation = isinstance(request, PreservationRequest)
    sent = _first(entries, "sent")
    sent_on = sent.on if sent else None
    for e in entries:
        if e.event in ("drafted", "sent"):
            continue
        if e.event == "executed" and preservation:
            out.append(Problem(e.path, "preservation_executed", name, e.event, e.on))
        if e.on is None:
            continue
        if sent_on is None:
            out.append(Problem(e.path, "never_sent", name, e.event, e.on))
        elif e.on < sent_on:
            out.append(Problem(e.path, "before_sent", name, e.event, e.on, "sent", sent_on))
    drafted = [e for e in entries if e.event == "drafted"]
    if len(drafted) > 1:
        out.append(Problem(drafted[1].path, "drafted_twice", name, "drafted", drafted[1].on, "drafted", drafted[0].on))
    if drafted and drafted[0].on and sent_on and drafted[0].on > sent_on:
        out.append(Problem(drafted[0].path, "drafted_after_sent", name, "drafted", drafted[0].on, "sent", sent_on))
    closing = [e for e in entries if e.event in CLOSING]
    if len(closing) > 1:
        out.append(Problem(closing[1].path, "ends_twice", name, closing[1].event, closing[1].on,
                           closing[0].event, closing[0].on))
    if closing:
        end = closing[0]
        for e in entries:
            if e.event in ("acknowledged", "clarification_asked", "clarification_answered") and e.on and end.on \
                    and e.on > end.on:
                out.append(Problem(e.path, "after_end", name, e.event, e.on, end.event, end.on))
    open_questions = 0
    for e in entries:
        if e.event == "clarification_asked":
            open_questions += 1
        elif e.event == "clarification_answered" and e.on is not None:
            if open_questions == 0:
                out.append(Problem(e.path, "answer_without_question", name, e.event, e.on))
            else:
                open_questions -= 1
    if preservation:
        out += _preservation_problems(request, entries)  # type: ignore[arg-type]
    return out


def _preservation_problems(request: PreservationRequest, entries: list[Entry]) -> list[Problem]:
    out: list[Problem] = []
    name = request.id
    confirmed = _first(entries, "confirmed")
    if confirmed and confirmed.on and confirmed.until and confirmed.until <= confirmed.on:
        out.append(Problem("expires_on", "expiry_before_confirmation", name, "confirmed", confirmed.on,
                           other_on=confirmed.until))
    expiry = request.expires_on
    for i, ext in enumerate(request.extensions):
        if ext.requested_on and ext.confirmed_on and ext.confirmed_on < ext.requested_on:
            out.append(Problem(f"extensions[{i}].confirmed_on", "extension_confirmed_before_asked", name,
                               "extended", ext.confirmed_on, "extension_asked", ext.requested_on))
        if ext.extended_to is not None:
            if expiry is not None and ext.extended_to <= expiry:
                out.append(Problem(f"extensions[{i}].extended_to", "extension_not_later", name, "extended",
                                   ext.extended_to, other_on=expiry))
            expiry = ext.extended_to
    return out


# --- recording -------------------------------------------------------------------------------

def typed(event: str) -> str:
    """An event as the status command takes it: ``follow-up-filed``."""
    return event.replace("_", "-")


def record(request: Request, event: str, on: dt.date, *, as_of: dt.date, reference: str | None = None,
           until: dt.date | None = None, note: str | None = None) -> Request:
    """A copy of `request` with `event` recorded on `on`. Raises StatusError, with one line saying
    why, for an event the request cannot have (an execution before sending, a date after `as_of`,
    a second sending on another day...)."""
    if event not in EVENTS:
        raise StatusError(f"unknown event '{typed(event)}'; use one of {', '.join(map(typed, EVENTS))}")
    name = request.id
    preservation = isinstance(request, PreservationRequest)
    if event in PRESERVATION_ONLY and not preservation:
        raise StatusError(f"{name} is a {request.kind} request: '{typed(event)}' applies to a "
                          f"preservation request only")
    if until is not None and event not in ("confirmed", "extended"):
        raise StatusError(f"an expiry date goes with 'confirmed' or 'extended', not with '{typed(event)}'")
    if event == "extended" and until is None:
        raise StatusError(f"give the new expiry date of {name}'s preservation (--until YYYY-MM-DD)")
    if note is not None and event not in HISTORY_EVENTS:
        raise StatusError(f"a note goes with {', '.join(map(typed, HISTORY_EVENTS))}; not with '{typed(event)}'")
    new = request.model_copy(deep=True)
    _apply(new, event, on, reference, until, note)
    # Only what this event adds is refused: a file edited by hand may already hold a problem,
    # which `check` reports, and which must not stop recording what happened next.
    known = set(problems(request, as_of))
    introduced = [p for p in problems(new, as_of) if p not in known]
    if introduced:
        raise StatusError(f"{name}: {introduced[0].reason}", introduced[0])
    # Validate the edited copy as a whole (a model_copy skips validation).
    return type(new).model_validate(new.model_dump())


def _set_reference(request: Request, reference: str | None) -> None:
    if reference is None:
        return
    if request.reference not in (None, "", reference):
        raise StatusError(f"{request.id} already has the reference '{request.reference}'; a request keeps the "
                          f"one its recipient gave (edit the case to change it)")
    request.reference = reference


def _apply(request: Request, event: str, on: dt.date, reference: str | None, until: dt.date | None,
           note: str | None) -> None:
    name = request.id
    if event in HISTORY_EVENTS:
        if event in ("drafted", *CLOSING):
            done = next((h for h in request.history if h.event == event), None)
            if done is not None:
                raise StatusError(f"{name} is already recorded as {typed(event)} on {done.on.isoformat()}")
        _set_reference(request, reference)
        request.history = [*request.history, StatusEvent(event=event, on=on, note=note)]
    elif event == "sent":
        if request.sent_on is not None and request.sent_on != on:
            raise StatusError(f"{name} is already recorded as sent on {request.sent_on.isoformat()} "
                              f"(sent_on); edit the case to correct it")
        _set_reference(request, reference)
        request.sent_on = on
    elif event == "confirmed":
        assert isinstance(request, PreservationRequest)
        if request.confirmed_on is not None and request.confirmed_on != on:
            raise StatusError(f"{name} is already recorded as confirmed on {request.confirmed_on.isoformat()}; "
                              f"a later expiry is an extension ('extended')")
        _set_reference(request, reference)
        request.confirmed_on = on
        if until is not None:
            request.expires_on = until
    elif event == "extension_asked":
        assert isinstance(request, PreservationRequest)
        request.extensions = [*request.extensions, PreservationExtension(requested_on=on, reference=reference)]
    elif event == "extended":
        assert isinstance(request, PreservationRequest)
        pending = request.extensions[-1] if request.extensions and request.extensions[-1].extended_to is None else None
        if pending is not None:
            pending.confirmed_on, pending.extended_to = on, until
            if reference is not None:
                pending.reference = reference
        else:
            request.extensions = [*request.extensions, PreservationExtension(confirmed_on=on, extended_to=until,
                                                                             reference=reference)]
    elif event == "follow_up_filed":
        assert isinstance(request, PreservationRequest)
        filed = request.follow_up
        if filed is not None and filed.filed_on is not None and filed.filed_on != on:
            raise StatusError(f"{name}'s formal request is already recorded as filed on {filed.filed_on.isoformat()}")
        request.follow_up = FollowUp(filed_on=on, reference=reference or (filed.reference if filed else None))
