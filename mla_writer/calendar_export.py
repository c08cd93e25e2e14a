"""The register's deadlines as an iCalendar file (RFC 5545) that Outlook and Thunderbird import.

- A deadline is a day, not an instant (whose midnight would it be?), so each is an all-day event
  (DTSTART;VALUE=DATE): calendars show it on that day in every time zone. Every date-time in the
  file (DTSTAMP) is in UTC; no time zone definitions are needed.
- Each event's UID is made from the case's reference and what the deadline is (which request or
  earlier preservation, lapse / extension / reply), never from its date: when an extension moves a
  lapse, a re-export updates the event instead of adding a second one. SEQUENCE grows with the
  export date, so an importing calendar takes the newer version.
- A preservation's lapse carries a reminder (VALARM) two weeks ahead; an extension to ask for and a
  reply due carry one three days ahead.
- A deadline that a request no longer has (the request was executed, refused or followed up, or
  sent) and that has not yet passed is exported as cancelled, so a re-import takes it off the
  calendar; older ones are left out.
- Only references, request ids and kinds, States and file names go into the calendar, never the
  case's text: calendars are often synchronised to servers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from .deadlines import Deadline, deadlines

if TYPE_CHECKING:
    from icalendar import Calendar

    from .register import Row

PRODID = "-//mla-writer//deadlines//EN"
UID_DOMAIN = "mla-writer.invalid"  # RFC 5545 suggests UID@domain; .invalid is reserved for such use
EPOCH = dt.date(2000, 1, 1)
REMINDER_DAYS = {"lapse": 14, "extension": 3, "reply": 3}
TITLES = {
    "lapse": "Preservation lapses",
    "extension": "Ask for an extension of a preservation",
    "reply": "Reply due",
}


def uid(identity: str, deadline: Deadline) -> str:
    digest = hashlib.sha256(f"{identity}\x1f{deadline.key}".encode()).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def _identities(rows: list[Row]) -> dict[str, str]:
    """Each case's identity for its UIDs: its reference; the file too where two share one."""
    counts = Counter(r.reference for r in rows if r.case is not None)
    return {r.file: (r.reference if r.reference and counts[r.reference] == 1 else f"{r.reference}\x1f{r.file}")
            for r in rows if r.case is not None}


def _event(row: Row, d: Deadline, identity: str, stamp: dt.date, *, cancelled: bool):
    from icalendar import Alarm, Event

    ev = Event()
    ev.add("uid", uid(identity, d))
    ev.add("dtstamp", dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.UTC))
    ev.add("sequence", (stamp - EPOCH).days)
    ev.add("dtstart", d.date)
    ev.add("dtend", d.date + dt.timedelta(days=1))
    ev.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    case = row.reference or row.file
    ev.add("summary", f"{TITLES[d.kind]}: {', '.join(d.requests)}, {case}")
    kinds = {r.id: r.kind for r in row.requests}
    lines = [
        f"Case: {row.reference or '(no reference)'} ({row.file})",
        f"Requested State: {row.requested_state or 'not given'}",
        "Request(s): " + ", ".join(f"{i} {kinds.get(i, '')}".strip() for i in d.requests),
        f"{d.what.capitalize()}: {d.date.isoformat()}" + (f" ({d.detail})" if d.detail else ""),
        f"From mla-writer register, as of {(row.as_of or stamp).isoformat()}.",
    ]
    ev.add("description", "\n".join(lines))
    ev.add("categories", ["mla-writer"])
    if cancelled:
        ev.add("status", "CANCELLED")
        return ev
    ev.add("status", "CONFIRMED")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"{TITLES[d.kind]} on {d.date.isoformat()}: {', '.join(d.requests)}, {case}")
    alarm.add("trigger", -dt.timedelta(days=REMINDER_DAYS[d.kind]))
    ev.add_component(alarm)
    return ev


def calendar(rows: list[Row], *, stamp: dt.date) -> Calendar:
    """Every pending deadline of the readable cases in `rows` as one calendar; `stamp` is the
    date of the export (the register's evaluation date)."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "mla-writer deadlines")
    identities = _identities(rows)
    for row in rows:
        if row.case is None or row.as_of is None:
            continue
        identity = identities[row.file]
        pending = {d.key for d in row.deadlines}
        for d in row.deadlines:
            cal.add_component(_event(row, d, identity, stamp, cancelled=False))
        for d in deadlines(row.case, row.as_of, settled_too=True):
            if d.key not in pending and d.date >= row.as_of:
                cal.add_component(_event(row, d, identity, stamp, cancelled=True))
    return cal


def write_calendar(rows: list[Row], path: Path, *, stamp: dt.date, force: bool = False) -> int:
    """Write the calendar (files.write_file: whole, owner-only as it names cases, an existing
    file replaced only with `force`); return how many events it has."""
    from .files import write_file

    cal = calendar(rows, stamp=stamp)
    write_file(path, cal.to_ical(), force=force)
    return len(cal.walk("VEVENT"))


def check_calendar_target(path: Path, *, force: bool = False) -> None:
    """Refuse the calendar file before any case is read, by the rules it will be written by."""
    from .errors import UsageError
    from .files import check_target

    if path.suffix.lower() != ".ics":
        raise UsageError(f"{path}: a calendar file ends in .ics")
    check_target(path, force=force, exists_hint="use --force to replace it (the events update, not duplicate)")
