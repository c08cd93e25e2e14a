"""The `status` command: show a case's request histories, or record what happened to a request.

    mla-writer status CASE                      every request's history and state
    mla-writer status CASE R1                   one request's
    mla-writer status CASE R1 sent --on 2026-12-01 --reference CA-2026/118

An event is recorded into the field that holds it (model/status.py), refused with one line when it
would make the history impossible, and the case file is saved as the wizard saves it (store.save_checked).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from .errors import EXIT_OK, UsageError
from .labels import STATUS_EVENT
from .model import Case, Request
from .model.status import EVENTS, StatusError, current, record, timeline, typed
from .store import DiskState, parse_case, read_case_file, save_checked


def event_name(value: str) -> str:
    """An event as typed (``follow-up-filed`` or ``follow_up_filed``) as the model names it."""
    name = value.strip().lower().replace("-", "_")
    if name not in EVENTS:
        raise UsageError(f"unknown event '{value}'; use one of {', '.join(map(typed, EVENTS))}")
    return name


def find_request(case: Case, request_id: str) -> int:
    for i, req in enumerate(case.requests):
        if req.id == request_id:
            return i
    ids = ", ".join(r.id for r in case.requests) or "none"
    raise UsageError(f"the case has no request {request_id!r} (its requests: {ids})")


def state(req: Request) -> str:
    """A request's state in a word or two: its latest event, or "draft"."""
    latest = current(req)
    return STATUS_EVENT.short[latest] if latest else "draft"


def refusal(error: StatusError) -> str:
    """Why an event cannot be recorded, in one line."""
    if error.problem is None:
        return str(error)
    from .checks.status import say_problem

    return say_problem(error.problem, "en")


def history_lines(req: Request) -> list[str]:
    """A request's history as printed: one line per event, then its state."""
    their = f" (their reference {req.reference})" if req.reference else ""
    lines = [f"{req.id} {req.kind}: {state(req)}{their}"]
    for e in timeline(req):
        when = e.on.isoformat() if e.on else "(date not recorded)"
        extra = [f"until {e.until.isoformat()}"] if e.until else []
        extra += [f"reference {e.reference}"] if e.reference else []
        extra += [e.note] if e.note else []
        lines.append(f"  {when}  {STATUS_EVENT.short[e.event]}{'  (' + '; '.join(extra) + ')' if extra else ''}")
    return lines


def main(args: argparse.Namespace, *, today: dt.date) -> int:
    """`today` is the clock, for a real case without --today."""
    from .asof import as_of

    path: Path = args.case
    raw, loaded = read_case_file(path)
    case = parse_case(raw, path)
    when = as_of(case, option=args.today, today=today)
    out = []
    if note := when.note("evaluated"):
        out.append(note)
    if args.event is None:
        if any(v is not None for v in (args.on, args.reference, args.until, args.note)):
            raise UsageError("--on, --reference, --until and --note go with an event, e.g. "
                             "'mla-writer status CASE R1 sent --on 2026-12-01'")
        chosen = [case.requests[find_request(case, args.request)]] if args.request else case.requests
        for req in chosen:
            out += history_lines(req)
        print("\n".join(_safe(line) for line in out) if out else f"{path}: the case holds no request")
        return EXIT_OK
    if args.request is None:
        raise UsageError("name the request the event is for, e.g. 'mla-writer status CASE R1 sent'")
    event = event_name(args.event)
    index = find_request(case, args.request)
    on = args.on or when.date
    try:
        updated = record(case.requests[index], event, on, as_of=when.date, reference=args.reference,
                         until=args.until, note=args.note)
    except StatusError as e:
        raise UsageError(refusal(e)) from None
    requests = list(case.requests)
    requests[index] = updated
    save(Case.model_validate({**case.model_dump(), "requests": [r.model_dump() for r in requests]}), path, loaded)
    out.append(f"recorded: {updated.id} {event.replace('_', ' ')} on {on.isoformat()} in {path}")
    out += history_lines(updated)
    print("\n".join(_safe(line) for line in out))
    return EXIT_OK


def save(case: Case, path: Path, loaded: DiskState) -> None:
    """Save the case as the wizard does: not while a wizard has it open, and never over a file
    that changed since it was read (store.save_checked keeps ours beside it and says so)."""
    from . import locks

    session = locks.new_session()
    try:
        locks.acquire(path, session)
    except locks.CaseLocked as e:
        raise UsageError(f"{e}; nothing was recorded: record the event once the wizard is closed") from None
    try:
        save_checked(case, path, loaded)
    finally:
        locks.release(path, session)


def _safe(line: str) -> str:
    from .files import printable

    return printable(line)
