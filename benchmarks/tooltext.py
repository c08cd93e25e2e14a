"""The tool's own text, laid out as the document lays it out, for the floor and the limit.

`document_text(case, languages)` renders the case's blocks (templates, catalogs: everything
before the document builder) and returns the document as a list of items, each one paragraph
``{"p": text}`` or one table ``{"table": [[cell text, ...], ...]}``: the same paragraphs, rows
and cells the builder writes, with the same text, so that a writer given this list does the
builder's job without its formatting. Written as JSON, it is what ``benchmarks.floor`` (python-docx
alone) and ``benchmarks.rawxml`` (strings and zipfile) read in a process of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

CHECKED, UNCHECKED = "\u2612", "\u2610"


def _block_text(block) -> str:
    text = plain(block.runs)
    if block.kind in ("numbered", "item"):
        return f"{block.number}\t{text}"
    if block.kind == "check":
        return f"{CHECKED if block.state == 'yes' else UNCHECKED}\t{text}"
    return text


def plain(runs) -> str:
    """The text of runs as the document shows it: a page field as its first value."""
    return "".join("\n" if r.brk else "1" if r.field else r.text for r in runs)


def _table(blocks: Sequence) -> dict:
    first = blocks[0]
    rows = []
    for ri, row in enumerate(first.rows):
        cells = []
        for ci in range(len(row)):
            texts = list(dict.fromkeys(plain(b.rows[ri][ci]) for b in blocks if ci < len(b.rows[ri])))
            cells.append("\n".join(texts))
        rows.append(cells)
    return {"table": rows}


def flow(per_lang: list[list]) -> list[dict]:
    """One story (header, footer or body) as paragraphs and tables."""
    out: list[dict] = []
    if len(per_lang) == 1:
        for block in per_lang[0]:
            if block.kind == "table":
                out.append(_table([block]))
            elif block.kind != "pagebreak":
                out.append({"p": _block_text(block)})
        return out
    pending: list[list[str]] = []
    for pair in zip(*per_lang, strict=True):
        if pair[0].kind in ("table", "pagebreak"):
            if pending:
                out.append({"table": pending})
                pending = []
            if pair[0].kind == "table":
                out.append(_table(pair))
        else:
            pending.append([_block_text(b) for b in pair])
    if pending:
        out.append({"table": pending})
    return out


def document_text(case, languages: Sequence[str], today: dt.date | None = None) -> list[dict]:
    from mla_writer.render import render_blocks

    items: list[dict] = []
    for part in render_blocks(case, list(languages)):
        for story in (part.header, part.footer, part.body):
            items.extend(flow(story))
    return items


def count_strings(items: list[dict]) -> int:
    return sum(1 if "p" in it else sum(len(r) for r in it["table"]) for it in items)
