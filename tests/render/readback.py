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


def effective_run_property(document: Document, paragraph, run, tag: str):
    """The run property `tag` (e.g. "w:rFonts") as Word resolves it: on the run, else in the
    run's character style, else in the paragraph's style and the styles it is based on."""
    from docx.oxml.ns import qn

    styles = {s.get(qn("w:styleId")): s for s in document.styles.element.iter(qn("w:style"))}

    def in_style(style_id: str | None):
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = styles.get(style_id)
            if style is None:
                return None
            rpr = style.find(qn("w:rPr"))
            if rpr is not None and rpr.find(qn(tag)) is not None:
                return rpr.find(qn(tag))
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return None

    rpr = run._r.rPr
    if rpr is not None:
        if rpr.find(qn(tag)) is not None:
            return rpr.find(qn(tag))
        rstyle = rpr.find(qn("w:rStyle"))
        found = in_style(rstyle.get(qn("w:val"))) if rstyle is not None else None
        if found is not None:
            return found
    ppr = paragraph._p.pPr
    pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return in_style(pstyle.get(qn("w:val")) if pstyle is not None else "Normal")
