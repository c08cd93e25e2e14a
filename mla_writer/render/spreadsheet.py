"""The spreadsheet annex: a request's identifiers as an .xlsx file, when there are many.

Botnet, DDoS and fraud requests list hundreds to thousands of IP addresses; practitioners send
such lists as a spreadsheet the provider can sort and search, with the request saying so. Over
THRESHOLD identifiers, a request's identifiers therefore also go into ``R3-identifiers.xlsx``
(annex_name), written beside the document; the document keeps a summary (how many, the first and
last time of use, the first SUMMARY_ROWS rows) and a sentence naming the file.

One row per identifier: its number in the request, type, the identifier, the source port, the
time of use in its zone and in UTC, the zone, the period, the data sought, the link with the
offence and the source. Headers are in the document's languages. The file is deterministic: the
package's dates are the case's own and every zip entry is dated 1980-01-01, as for the document.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from .. import i18n
from ..files import name_piece, short_name
from ..labels import CATEGORY, IDENTIFIER_TYPE, N_

THRESHOLD = 200  # identifiers in one request; above it, the spreadsheet annex
SUMMARY_ROWS = 5  # rows of the identifiers table the document still shows

COLUMNS = (N_("No."), N_("Type"), N_("Identifier"), N_("Source port"), N_("Date and time of use"),
           N_("Time zone"), N_("Date and time of use (UTC)"), N_("Period"), N_("Data sought:"),
           N_("Link with the offence:"), N_("Source of the identifier:"))
WIDTHS = (6, 14, 28, 10, 20, 18, 20, 24, 40, 60, 40)


def annex_name(request_id: str) -> str:
    """The annex's file name, beside the request's document (``R3-identifiers.xlsx``)."""
    return short_name(f"{name_piece(request_id)}-identifiers", len(".xlsx")) + ".xlsx"


def sheet_title(request_id: str) -> str:
    """The request id as a sheet's name: spreadsheet programs refuse / \\ : * ? [ ] in one, and
    more than 31 characters."""
    title = name_piece(request_id).replace("[", "(").replace("]", ")")[:31]
    return title.strip("'") or "identifiers"  # (nor may it begin or end with an apostrophe)


def annex_names(requests: Sequence[Any]) -> list[str]:
    """The file names of the annexes of those of `requests` that have one."""
    return [annex_name(r.id) for r in requests if needs_annex(r)]


def needs_annex(request: Any) -> bool:
    return len(request.items) > THRESHOLD


def summary(request: Any) -> dict[str, Any] | None:
    """What the document says of a request whose identifiers are in the annex: None when the
    request keeps its identifiers in the document."""
    if not needs_annex(request):
        return None
    times = sorted(t for item in request.items
                   if item.identifier.type == "ip" and (t := item.identifier.utc()) is not None)
    return {"file": annex_name(request.id), "count": len(request.items), "shown": SUMMARY_ROWS,
            "first": times[0] if times else None, "last": times[-1] if times else None}


def _both(msgid: str, languages: Sequence[str]) -> str:
    """A header in each document language, once where they are the same."""
    words = [i18n.translations(lang).gettext(msgid).rstrip(":：").strip() for lang in languages]
    return " / ".join(dict.fromkeys(words))


def _free(value: Any, lang: str, drafting: str) -> str:
    """Free text in the first document language if there, else as typed."""
    if value is None:
        return ""
    if lang != drafting and value.translations.get(lang):
        return value.translations[lang]
    return value.text


def _time(value: dt.datetime | None) -> str | None:
    """A time as ISO 8601 text without its offset (the zone has its own column): it sorts as
    times do, reads the same in every spreadsheet program and locale, and a date cell costs
    openpyxl several times a text one."""
    return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else None


def _row(n: int, item: Any, lang: str, drafting: str) -> list[Any]:
    t = i18n.translations(lang).gettext
    ident = item.identifier
    ip = ident.type == "ip"
    period = ""
    if item.date_range:
        start, end = item.date_range.start.isoformat(), item.date_range.end.isoformat()
        period = start if start == end else f"{start} – {end}"
        if item.date_range.timezone:
            period += f" ({item.date_range.timezone})"
    return [n, t(IDENTIFIER_TYPE.short[ident.type]), ident.address if ip else ident.display(),
            ident.port if ip else None, _time(ident.local_time()) if ip else None,
            ident.timezone if ip else None, _time(ident.utc()) if ip else None, period,
            "; ".join(t(CATEGORY.short[c]) for c in item.categories), _free(item.nexus, lang, drafting),
            ident.source or ""]


_COLUMN_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _cell(ref: str, value: Any) -> str:
    """One cell of SpreadsheetML as openpyxl's write-only sheets write it (numbers, inline text)."""
    if isinstance(value, int):
        return f'<c r="{ref}" t="n"><v>{value}</v></c>'
    text = str(value).translate(_ESCAPE)
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _rows(request: Any, lang: str, drafting: str, write: Any) -> None:
    """The data rows, from row 2, in pieces of a few hundred rows."""
    chunk: list[str] = []
    for n, item in enumerate(request.items, start=1):
        r = n + 1
        cells = "".join(_cell(f"{_COLUMN_LETTERS[i]}{r}", v)
                        for i, v in enumerate(_row(n, item, lang, drafting)) if v not in (None, ""))
        chunk.append(f'<row r="{r}">{cells}</row>')
        if len(chunk) >= 500:
            write("".join(chunk))
            chunk = []
    write("".join(chunk))


def identifiers_xlsx(request: Any, languages: Sequence[str], *, drafting: str, when: dt.datetime) -> bytes:
    """The annex's bytes for `request`, its cells in the first document language.

    openpyxl makes the workbook (properties, styles, the sheet's columns, frozen header row and
    header); the data rows, thousands of them, are then streamed into the sheet as the cells
    openpyxl itself writes: through openpyxl's cell objects they cost ten times as much."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    from .package import rezip

    wb = Workbook(write_only=True)
    stamp = when.astimezone(dt.UTC).replace(tzinfo=None)
    wb.properties.creator = wb.properties.lastModifiedBy = "mla-writer"
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.title = annex_name(request.id).removesuffix(".xlsx")
    ws = wb.create_sheet(sheet_title(request.id))
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.append([_both(c, languages) for c in COLUMNS])
    out = io.BytesIO()
    with ZipFile(out, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()  # not save_workbook: it stamps the time of saving
    with ZipFile(io.BytesIO(out.getvalue())) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    head, found, tail = sheet.partition("</sheetData>")
    if not found:
        raise ValueError("openpyxl wrote a sheet without sheetData")

    def write_sheet(write: Any) -> None:
        write(head)
        _rows(request, languages[0], drafting, write)
        write(found + tail)

    return rezip(out.getvalue(), {"xl/worksheets/sheet1.xml": write_sheet})


def annexes(case: Any, languages: Sequence[str], *, when: dt.datetime,
            requests: Sequence[Any] | None = None) -> dict[str, bytes]:
    """File name -> bytes of the spreadsheet annex of each of `requests` (default: all of the
    case's) that has one (none for a short request)."""
    chosen = case.requests if requests is None else requests
    return {annex_name(r.id): identifiers_xlsx(r, languages, drafting=case.drafting_language, when=when)
            for r in chosen if needs_annex(r)}
