"""IP identifiers from a file: a CSV export or a block of log lines pasted from a server.

    mla-writer identifiers import CASE R3 FILE.csv [--skip-bad]     (FILE "-": standard input)

Each row gives an IP address, the local date and time of its use, the time zone and, behind
carrier-grade NAT, the source port. A CSV file with a header row names its columns (address or
ip, timestamp or time, timezone or zone, port, in any order); without one, the columns are taken
in that order. Any other text is read as log lines: on each line, the address (also as
``203.0.113.7:51234`` or ``[2001:db8::1]:443``), a date and time (2026-03-14T09:42:17 or
2026-03-14 09:42:17), an IANA zone (Europe/Paris, UTC) and ``port N`` are found wherever they are.

Every row is validated as the case file validates an identifier (model.IPAddress). A bad row is
reported by its line number and the field at fault only: the rows are personal data, and the
terminal, a shared screen or a log is no place for them. If any row is bad nothing is added,
unless --skip-bad, which adds the good rows and reports the others.
"""

from __future__ import annotations

import csv
import io
import ipaddress
import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from .model import IPAddress

# Column names a CSV header may use, for each field of an IP identifier.
COLUMNS = {
    "address": ("address", "ip", "ip address", "ip_address", "ipaddress", "source ip", "src", "src_ip"),
    "timestamp": ("timestamp", "time", "datetime", "date", "date time", "when", "local time"),
    "timezone": ("timezone", "time zone", "zone", "tz"),
    "port": ("port", "source port", "src_port", "sport"),
}
FIELDS = tuple(COLUMNS)
# What is wrong with a field, in words that do not repeat the value.
PROBLEMS = {
    "address": "not an IPv4 or IPv6 address (write it as 203.0.113.7 or 2001:db8::1)",
    "timestamp": "not a date and time (write it as 2026-03-14T09:42:17, local time, no offset)",
    "timezone": "not an IANA time zone (write it as Europe/Paris, America/Sao_Paulo or UTC)",
    "port": "not a port number (0 to 65535)",
}

_TIMESTAMP = re.compile(r"\b(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\b")
_PORT_WORD = re.compile(r"\bport[\s:=]+(\d+)\b", re.IGNORECASE)
_ZONE = re.compile(r"\b(UTC|GMT|[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_+\-0-9]+)+)\b")
_BRACKETED_V6 = re.compile(r"\[([0-9A-Fa-f:.]+)\](?::(\d+))?")
_V4_PORT = re.compile(r"\b(\d{1,3}(?:\.\d{1,3}){3})(?::(\d+))?\b")
_V6 = re.compile(r"(?<![\w:])([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\w:])")


class UnreadableFile(ValueError):
    """The file cannot be read as rows of identifiers at all (not one bad row: the whole)."""


@dataclass
class Row:
    line: int
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class BadRow:
    line: int
    field: str
    problem: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.problem}"


@dataclass
class Parsed:
    good: list[tuple[int, IPAddress]]
    bad: list[BadRow]


def _header(cells: list[str]) -> dict[str, int] | None:
    """Column index of each field named in a header row, or None if the row is not a header."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = " ".join(cell.strip().lower().replace("-", " ").split())
        for fld, names in COLUMNS.items():
            if name in names or name.replace(" ", "_") in names:
                found.setdefault(fld, i)
    return found if "address" in found else None


def _looks_like_csv(text: str) -> bool:
    first = next((line for line in text.splitlines() if line.strip()), "")
    if _header(next(csv.reader([first]), [])) is not None:
        return True
    cells = next(csv.reader([first]), [])
    return len(cells) >= 2 and _is_ip(cells[0].strip())


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _csv_rows(text: str) -> list[Row]:
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text))
    columns: dict[str, int] | None = None
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if columns is None:
            columns = _header(cells)
            if columns is not None:
                continue  # the header row
            columns = {f: i for i, f in enumerate(FIELDS)}
        rows.append(Row(line, {f: cells[i].strip() for f, i in columns.items() if i < len(cells) and cells[i].strip()}))
    return rows


def _log_row(line_no: int, line: str) -> Row:
    values: dict[str, str] = {}
    rest = line
    if m := _TIMESTAMP.search(rest):
        values["timestamp"] = f"{m.group(1)}T{m.group(2)}"
        rest = rest[:m.start()] + " " + rest[m.end():]
    if m := _PORT_WORD.search(rest):
        values["port"] = m.group(1)
        rest = rest[:m.start()] + " " + rest[m.end():]
    if m := _BRACKETED_V6.search(rest):
        values["address"] = m.group(1)
        if m.group(2):
            values.setdefault("port", m.group(2))
        rest = rest[:m.start()] + " " + rest[m.end():]
    elif m := _V4_PORT.search(rest):
        values["address"] = m.group(1)
        if m.group(2):
            values.setdefault("port", m.group(2))
        rest = rest[:m.start()] + " " + rest[m.end():]
    elif (m := _V6.search(rest)) and _is_ip(m.group(1)):
        values["address"] = m.group(1)
        rest = rest[:m.start()] + " " + rest[m.end():]
    if m := _ZONE.search(rest):
        values["timezone"] = m.group(1)
    return Row(line_no, values)


def read_rows(text: str) -> list[Row]:
    """The rows of a CSV file or of a block of log lines, each with its line number."""
    text = text.removeprefix("\ufeff")  # a byte-order mark a spreadsheet program wrote
    if not text.strip():
        raise UnreadableFile("the file holds no rows")
    if _looks_like_csv(text):
        return _csv_rows(text)
    return [_log_row(i, line) for i, line in enumerate(text.splitlines(), start=1) if line.strip()]


def validate(rows: list[Row]) -> Parsed:
    good: list[tuple[int, IPAddress]] = []
    bad: list[BadRow] = []
    for row in rows:
        v = row.values
        if "address" not in v:
            bad.append(BadRow(row.line, "address", "no IP address found"))
            continue
        data: dict[str, object] = {"type": "ip", "address": v["address"]}
        if "timestamp" in v:
            data["timestamp"] = v["timestamp"]
        if "timezone" in v:
            data["timezone"] = v["timezone"]
        if "port" in v:
            if not v["port"].isdigit():
                bad.append(BadRow(row.line, "port", PROBLEMS["port"]))
                continue
            data["port"] = int(v["port"])
        try:
            good.append((row.line, IPAddress.model_validate(data)))
        except ValidationError as e:
            err = e.errors()[0]
            where = str(err["loc"][0]) if err["loc"] else "timestamp"  # the model check: an offset without a zone
            problem = PROBLEMS.get(where, "not valid")
            if not err["loc"]:
                where, problem = "timezone", "a UTC offset is given but no time zone: give the zone (e.g. Europe/Paris)"
            bad.append(BadRow(row.line, where, problem))
    return Parsed(good, bad)


def parse(text: str) -> Parsed:
    return validate(read_rows(text))
