"""Read rendered documents back: text per body table row, every paragraph, the raw XML."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document

from mla_writer.render.bidi import MARKS


def _cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs).strip()


def body_rows(document: Document) -> list[tuple[str, ...]]:
    """The text of each row of each top-level table, cell by cell."""
    return [tuple(_cell_text(c) for c in row.cells) for table in document.tables for row in table.rows]


def all_text(document: Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def visible_text(document: Document) -> str:
    """all_text without the direction marks the renderer puts around values of the other
    writing direction (render/bidi.py): what a reader sees on the page."""
    return all_text(document).translate(dict.fromkeys(map(ord, MARKS)))


def part_xml(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


def part_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.namelist()


def open_docx(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))
