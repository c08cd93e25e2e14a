"""The register: every case file under a folder as one table, by next deadline (the command,
`mla-writer register FOLDER`, is in the CLI; `--stats` in stats.py, `--ics` in calendar_export.py).

The folder may be a shared network folder: files are only opened for reading and nothing is
locked or written there. A file that cannot be read or does not validate is listed with its error
(at the top: a deadline may hide in it), never left out. Each case is evaluated as of its own date
when it is a training case, else as of today (or --today).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from .deadlines import Deadline, days_open, deadlines
from .errors import UsageError
from .model import Case
from .tracking import state

ANSWER_KEY_SUFFIX = ".expected.json"  # the trainer's kit keeps answer keys beside its cases
PROGRESS_MIN = 50  # fewer cases than this are read before a progress bar would be seen


@dataclass(frozen=True)
class RequestSummary:
    id: str
    kind: str
    channel: str
    status: str

    def describe(self) -> str:
        return f"{self.id} {self.kind} ({self.status})"


@dataclass(frozen=True)
class Row:
    """One case file of the register: what it is, where it stands, what is due next."""

    file: str
    as_of: dt.date | None = None
    training: bool = False
    reference: str = ""
    title: str = ""
    requested_state: str | None = None
    requests: tuple[RequestSummary, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    days_open: int | None = None
    error: str | None = None
    case: Case | None = field(default=None, compare=False, repr=False)

    @property
    def next(self) -> Deadline | None:
        return self.deadlines[0] if self.deadlines else None

    def sort_key(self) -> tuple:
        nxt = self.next
        return (self.error is None, nxt.date if nxt else dt.date.max, self.reference, self.file)

    def as_dict(self) -> dict[str, object]:
        nxt = self.next
        return {
            "file": self.file,
            "error": self.error,
            "reference": self.reference,
            "title": self.title,
            "requested_state": self.requested_state,
            "requests": [r.__dict__ for r in self.requests],
            "next_deadline": _deadline_dict(nxt, self.as_of) if nxt and self.as_of else None,
            "deadlines": [_deadline_dict(d, self.as_of) for d in self.deadlines] if self.as_of else [],
            "days_open": self.days_open,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "training": self.training,
        }


def _deadline_dict(d: Deadline, as_of: dt.date) -> dict[str, object]:
    return {"date": d.date.isoformat(), "kind": d.kind, "what": d.what, "requests": list(d.requests),
            "detail": d.detail, "days_left": d.days_left(as_of)}


def case_files(folder: Path) -> list[Path]:
    """The case files under `folder` (or `folder` itself, a single file), in path order. Hidden
    files and folders (autosaves, temporary files, .git) and answer keys are not case files."""
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder")
    found: list[Path] = []
    for here, dirs, files in os.walk(folder, onerror=_walk_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.endswith(".json") and not name.startswith(".") and not name.endswith(ANSWER_KEY_SUFFIX):
                found.append(Path(here) / name)
    return sorted(found)


def _walk_error(error: OSError) -> None:
    # A subfolder that cannot be listed must not be passed over in silence either.
    raise UsageError(f"{error.filename}: cannot be listed ({error.strerror}); the register would be incomplete")


def read_row(path: Path, root: Path, *, option: dt.date | None, today: dt.date) -> Row:
    """One case file as a register row; a file that cannot be used becomes a row with its error."""
    from .asof import as_of
    from .store import CaseFileError, load_case

    name = str(path.relative_to(root)) if path != root else path.name
    try:
        case = load_case(path)
    except CaseFileError as e:
        more = f" (and {len(e.problems) - 1} more)" if len(e.problems) > 1 else ""
        return Row(file=name, error=f"{e.problems[0]}{more}" if e.problems else "cannot be read")
    when = as_of(case, option=option, today=today)
    return Row(
        file=name, as_of=when.date, training=when.training, reference=case.reference, title=case.title,
        requested_state=case.requested.state,
        requests=tuple(RequestSummary(r.id, r.kind, r.channel, state(r)) for r in case.requests),
        deadlines=tuple(deadlines(case, when.date)), days_open=days_open(case, when.date), case=case,
    )


def build(folder: Path, *, option: dt.date | None, today: dt.date, show_progress: bool = False) -> list[Row]:
    """Every case file under `folder` as a row, errors first, then by next deadline."""
    files = case_files(folder)
    root = folder if folder.is_dir() else folder.parent
    rows: list[Row] = []
    if show_progress and len(files) >= PROGRESS_MIN:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("reading cases"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("reading", total=len(files))
            for path in files:
                rows.append(read_row(path, root, option=option, today=today))
                progress.advance(task)
    else:
        rows = [read_row(path, root, option=option, today=today) for path in files]
    return sorted(rows, key=Row.sort_key)


# --- output -----------------------------------------------------------------------------------

COLUMNS = ("next deadline", "days", "what", "reference", "state", "open", "requests", "file")


def _cells(row: Row) -> list[str]:
    nxt = row.next
    return [
        nxt.date.isoformat() if nxt else "-",
        str(nxt.days_left(row.as_of)) if nxt and row.as_of else "",
        f"{', '.join(nxt.requests)} {nxt.what_as_of(row.as_of)}" if nxt and row.as_of else "nothing due",
        row.reference,
        row.requested_state or "",
        "" if row.days_open is None else str(row.days_open),
        ", ".join(r.describe() for r in row.requests) or "no requests",
        row.file + (f" (training, as of {row.as_of.isoformat()})" if row.training and row.as_of else ""),
    ]


def text_table(rows: list[Row]) -> str:
    """Files that cannot be read first, one line each, then the table of cases."""
    from rich.cells import cell_len  # the width a terminal gives a character (CJK count two)

    from .files import printable

    out = [printable(f"CANNOT READ {r.file}: {r.error}") for r in rows if r.error is not None]
    cases = [r for r in rows if r.error is None]
    if not cases:
        return "\n".join(out)
    table = [[c.upper() for c in COLUMNS]] + [[printable(c) for c in _cells(r)] for r in cases]
    widths = [max(cell_len(line[i]) for line in table) for i in range(len(COLUMNS))]
    right = {1, 5}
    for line in table:
        pads = [" " * (widths[i] - cell_len(c)) for i, c in enumerate(line)]
        cells = [pads[i] + c if i in right else c + pads[i] for i, c in enumerate(line)]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def csv_table(rows: list[Row]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["file", "error", "reference", "requested_state", "requests", "next_deadline", "days_left",
                     "what", "days_open", "as_of", "training"])
    for r in rows:
        nxt = r.next
        writer.writerow([
            _csv_safe(r.file), _csv_safe(r.error or ""), _csv_safe(r.reference), r.requested_state or "",
            _csv_safe("; ".join(x.describe() for x in r.requests)),
            nxt.date.isoformat() if nxt else "", nxt.days_left(r.as_of) if nxt and r.as_of else "",
            _csv_safe(nxt.describe()) if nxt else "", "" if r.days_open is None else r.days_open,
            r.as_of.isoformat() if r.as_of else "", "yes" if r.training else "no",
        ])
    return buf.getvalue()


def _csv_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: one starting with = + - @ would run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def summary_line(folder: Path, rows: list[Row], option: dt.date | None, today: dt.date) -> str:
    errors = sum(r.error is not None for r in rows)
    training = sum(r.training for r in rows)
    when = option or today
    parts = [f"{len(rows) - errors} case(s) in {folder} as of {when.isoformat()}"]
    if training and option is None:
        parts.append(f"{training} training case(s) as of their own dates")
    if errors:
        parts.append(f"{errors} file(s) that cannot be read, listed first")
    return "; ".join(parts)
