"""`register --stats`: the figures States say they lack (E/CN.15/2018 discussion guide) about
their own requests for electronic evidence, counted from the case files of a register.

Requests by requested State, kind and channel; days from sending to execution (median and 90th
percentile); the share of sent requests that needed clarification; preservations that lapsed.
Each case counts as of its own evaluation date (a training case as of its own).
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter
from typing import TYPE_CHECKING, Any

from .model import PreservationRequest
from .model.status import timeline

if TYPE_CHECKING:
    from .register import Row


def _percentile(values: list[int], pct: int) -> float:
    """The `pct`th percentile, interpolated between the nearest ranks (as spreadsheets do)."""
    if len(values) == 1:
        return float(values[0])
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def stats(rows: list[Row]) -> dict[str, Any]:
    by_state: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    by_channel: Counter[str] = Counter()
    to_execution: list[int] = []
    sent = clarified = executed = refused = 0
    preserved = lapsed = 0
    for row in rows:
        case = row.case
        if case is None or row.as_of is None:
            continue
        for req in case.requests:
            by_state[case.requested.state or "unknown"] += 1
            by_kind[req.kind] += 1
            by_channel[req.channel] += 1
            events = {e.event: e.on for e in reversed(timeline(req))}  # the first of each
            if req.sent_on is None:
                continue
            sent += 1
            clarified += "clarification_asked" in events
            refused += "refused" in events
            if (done := events.get("executed")) is not None:
                executed += 1
                to_execution.append((done - req.sent_on).days)
            if isinstance(req, PreservationRequest):
                preserved += 1
                expiry = req.effective_expiry()
                followed = req.follow_up is not None and req.follow_up.filed_on is not None
                if expiry is not None and expiry < row.as_of and not followed and "refused" not in events:
                    lapsed += 1
    days = sorted(to_execution)
    return {
        "cases": sum(r.case is not None for r in rows),
        "files_not_read": sum(r.error is not None for r in rows),
        "requests": sum(by_kind.values()),
        "by_requested_state": dict(sorted(by_state.items())),
        "by_kind": dict(sorted(by_kind.items())),
        "by_channel": dict(sorted(by_channel.items())),
        "sent": sent,
        "executed": executed,
        "refused": refused,
        "days_sent_to_executed": {
            "count": len(days),
            "median": statistics.median(days) if days else None,
            "p90": round(_percentile(days, 90), 1) if days else None,
        },
        "clarification": {"needed": clarified, "of_sent": sent, "share": _share(clarified, sent)},
        "preservations": {"sent": preserved, "lapsed": lapsed, "share_lapsed": _share(lapsed, preserved)},
    }


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.1f}%"


def stats_text(figures: dict[str, Any]) -> str:
    lines = [f"{figures['cases']} case(s), {figures['requests']} request(s); {figures['sent']} sent, "
             f"{figures['executed']} executed, {figures['refused']} refused"]
    if figures["files_not_read"]:
        lines[0] += f"; {figures['files_not_read']} file(s) not read (run register without --stats to see why)"
    for title, key in (("By requested State", "by_requested_state"), ("By kind", "by_kind"),
                       ("By channel", "by_channel")):
        counts = figures[key]
        lines.append(f"{title}:")
        width = max((len(k) for k in counts), default=0)
        lines += [f"  {k:<{width}}  {v:>5}" for k, v in counts.items()]
    d = figures["days_sent_to_executed"]
    if d["count"]:
        lines.append(f"Days from sending to execution: median {d['median']:g}, 90th percentile {d['p90']:g} "
                     f"({d['count']} executed request(s))")
    else:
        lines.append("Days from sending to execution: no executed request recorded")
    c = figures["clarification"]
    lines.append(f"Needed clarification: {c['needed']} of {c['of_sent']} sent request(s) ({_pct(c['share'])})")
    p = figures["preservations"]
    lines.append(f"Preservations that lapsed without a formal request: {p['lapsed']} of {p['sent']} sent "
                 f"({_pct(p['share_lapsed'])})")
    return "\n".join(lines)


def stats_csv(figures: dict[str, Any]) -> str:
    """One figure a line: measure, key, value (a spreadsheet's pivot reads it as it is)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["measure", "key", "value"])
    for name in ("cases", "files_not_read", "requests", "sent", "executed", "refused"):
        w.writerow([name, "", figures[name]])
    for name in ("by_requested_state", "by_kind", "by_channel"):
        for key, value in figures[name].items():
            w.writerow([name, key, value])
    for name in ("days_sent_to_executed", "clarification", "preservations"):
        for key, value in figures[name].items():
            w.writerow([name, key, "" if value is None else value])
    return buf.getvalue()
