"""Blocks -> a Word document: two languages side by side in aligned table rows, or one alone.

Each part of the document (one per request, or the review sheet) is a Word section with its own
header and footer. In a bilingual part every pair of blocks is one row of a two-column table, so
a paragraph and its translation always start at the same height. Data tables (identifiers,
findings) span the full width, each cell holding both languages when they differ.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from . import bidi, oxml
from .blocks import Block, Run
from .oxml import qn

PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)  # A4
MARGIN = Cm(2.0)
GUTTER = Cm(0.5)
BODY_PT = 10
HEADING_PT = {1: 13, 2: 11, 3: 10}
SMALL_PT = 8
INDENT = Cm(0.75)
PENDING_COLOUR = RGBColor(0xC0, 0x00, 0x00)
HEADER_FILL = "E7E6E6"


@dataclass
class Part:
    """One section of the document: blocks per language for the header, footer and body."""

    header: list[list[Block]]
    footer: list[list[Block]]
    body: list[list[Block]]


def _lines(runs: Sequence[Run]) -> list[tuple[Run, ...]]:
    """Split a cell's runs at its line breaks."""
    out: list[list[Run]] = [[]]
    for r in runs:
        if r.brk:
            out.append([])
        else:
            out[-1].append(r)
    return [tuple(x) for x in out if x]


def _plain(runs: Sequence[Run]) -> tuple[tuple[str, str | None], ...]:
    return tuple((r.text, r.field) for r in runs)


class _Writer:
    def __init__(self, languages: Sequence[str]) -> None:
        self.langs = list(languages)
        self.doc = Document()
        oxml.drop_thumbnail(self.doc)
        self._styles()

    # ------------------------------------------------------------------ setup
    def _styles(self) -> None:
        oxml.set_document_defaults(self.doc, size_pt=BODY_PT)
        styles = self.doc.styles
        normal = styles["Normal"]
        oxml.set_style_fonts(normal, size_pt=BODY_PT)
        normal.paragraph_format.space_after = Pt(4)
        for level, size in HEADING_PT.items():
            st = styles[f"Heading {level}"]
            oxml.set_style_fonts(st, size_pt=size, bold=True)
            st.font.color.rgb = RGBColor(0, 0, 0)
            st.paragraph_format.space_before = Pt(8 if level == 1 else 6)
            st.paragraph_format.space_after = Pt(4)
            st.paragraph_format.keep_with_next = True

    def _section(self, first: bool):
        section = self.doc.sections[0] if first else self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)
        section.header_distance = section.footer_distance = Cm(1.0)
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        return section

    @property
    def text_width(self) -> int:
        return int(PAGE_WIDTH - 2 * MARGIN)

    # ------------------------------------------------------------------ runs and paragraphs
    def _runs(self, paragraph, runs: Sequence[Run], lang: str, *, size: float | None = None,
              bold: bool = False) -> None:
        rtl = oxml.is_rtl(lang)
        for r in runs:
            if r.brk:
                oxml.add_line_break(paragraph, lang=lang, size_pt=size)
                continue
            if r.field:
                oxml.add_field(paragraph, r.field, lang=lang, bold=r.bold or bold, size_pt=size)
                continue
            # Each value of the other writing direction is a run of its own (see bidi.py).
            for piece in bidi.isolate_values(r.text, rtl=rtl, verbatim=r.verbatim):
                # Line breaks the user typed become Word line breaks inside one paragraph.
                for i, line in enumerate(piece.split("\n")):
                    if i:
                        oxml.add_line_break(paragraph, lang=lang)
                    if not line:
                        continue
                    oxml.add_styled_text(paragraph, line, lang=lang, bold=r.bold or bold, italic=r.italic,
                                         size_pt=size, colour=PENDING_COLOUR if r.pending else None)

    def _paragraph(self, container, lang: str, *, reuse: bool):
        existing = container._element.p_lst if reuse else []
        if len(existing) == 1 and not existing[0].r_lst:  # the empty paragraph a new cell holds
            p = Paragraph(existing[0], container)
        else:
            p = container.add_paragraph()
        if oxml.is_rtl(lang):
            oxml.set_paragraph_rtl(p)
        return p

    def write_block(self, container, block: Block, lang: str, *, reuse: bool = False,
                    size: float | None = None) -> None:
        """Write one block into a cell, header, footer or the body."""
        if block.kind == "table":
            self._table(container, [block], [lang])
            return
        p = self._paragraph(container, lang, reuse=reuse)
        fmt = p.paragraph_format
        if block.kind == "heading":
            p._p.style = f"Heading{block.level}"  # the style id; styles[...] is slow per call
            self._runs(p, block.runs, lang)
        elif block.kind == "pagebreak":
            p.add_run().add_break(WD_BREAK.PAGE)
        elif block.kind in ("numbered", "item"):
            indent = INDENT if block.kind == "numbered" else INDENT * 2
            oxml.set_indent(p, start=indent, hanging=INDENT)
            oxml.add_styled_text(p, block.number + "\t", lang=lang, size_pt=size)
            self._runs(p, block.runs, lang, size=size)
        elif block.kind == "check":
            oxml.set_indent(p, start=INDENT, hanging=INDENT)
            oxml.add_checkbox(p, block.state == "yes", lang=lang)
            oxml.add_styled_text(p, "\t", lang=lang)
            self._runs(p, block.runs, lang, size=size)
        else:
            style = block.style
            if style == "quote":
                oxml.set_indent(p, start=INDENT, end=INDENT)
                self._runs(p, tuple(Run(r.text, r.bold, True, r.verbatim, r.pending, r.field, r.brk)
                                    for r in block.runs), lang, size=size or BODY_PT - 1)
            elif style in ("small", "note"):
                self._runs(p, block.runs, lang, size=SMALL_PT)
            elif style == "label":
                fmt.keep_with_next = True
                self._runs(p, block.runs, lang, size=size, bold=True)
            else:
                if style == "center":
                    oxml.set_alignment(p, "center")
                elif style == "right":
                    oxml.set_alignment(p, "end")
                elif style == "signature":
                    fmt.space_before = Pt(18)
                self._runs(p, block.runs, lang, size=size)

    # ------------------------------------------------------------------ tables
    def _grid(self, container, rows: int, cols: int, widths: Sequence[int]):
        if container is self.doc:
            table = self.doc.add_table(rows=rows, cols=cols)
        elif hasattr(container, "is_linked_to_previous"):  # a header or footer
            table = container.add_table(rows, cols, sum(widths))
        else:  # a table cell
            table = container.add_table(rows, cols)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        oxml.set_fixed_layout(table)
        # Straight on the XML: python-docx's column.cells and row.cells lay out the whole table
        # again on each call, which made a long table quadratic.
        tbl = table._tbl
        for grid_col, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_col.w = width
        for tr in tbl.tr_lst:
            for tc, width in zip(tr.tc_lst, widths, strict=True):
                tc.width = width
        return table

    def _table(self, container, blocks: Sequence[Block], langs: Sequence[str]) -> None:
        """A data table; with two languages each cell holds both texts where they differ."""
        first = blocks[0]
        ncols = max(len(r) for r in first.rows) if first.rows else 1
        width = self.text_width
        weights = first.widths or (1,) * ncols
        widths = [width * w // sum(weights) for w in weights]
        table = self._grid(container, len(first.rows), ncols, widths)
        oxml.set_table_borders(table, outer=True, inside_h=True, inside_v=True)
        if len(langs) == 1 and oxml.is_rtl(langs[0]):
            oxml.set_table_rtl(table)
        for ri, row in enumerate(table.rows):
            head = ri < first.header_rows
            if head:
                oxml.repeat_header(row)
            for ci, cell in enumerate(_cells(table, row)):
                if head:
                    oxml.set_cell_shading(cell, HEADER_FILL)
                lines: list[tuple[str, tuple[Run, ...]]] = []
                per_lang = [_lines(block.rows[ri][ci] if ci < len(block.rows[ri]) else ())
                            for block in blocks]
                # Line by line: what both languages share (an address, a number) is shown once;
                # what differs is shown in each language, first language first.
                for k in range(max(len(x) for x in per_lang)):
                    variants = [(lang, ls[k]) for lang, ls in zip(langs, per_lang, strict=True) if k < len(ls)]
                    if all(_plain(v) == _plain(variants[0][1]) for _, v in variants):
                        lines.append(variants[0])
                    else:
                        lines.extend(variants)
                for k, (lang, runs) in enumerate(lines):
                    p = self._paragraph(cell, lang, reuse=(k == 0))
                    p.paragraph_format.space_after = Pt(1)
                    self._runs(p, runs, lang, size=BODY_PT - 1, bold=head)
        self._spacer(container)

    def _spacer(self, container) -> None:
        """A tiny empty paragraph: Word merges tables that touch."""
        p = container.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.space_before = Pt(0)
        oxml.set_line_height(p, Pt(2))

    def _columns(self, container, pairs: Sequence[Sequence[Block]], *, size: float | None = None,
                 borders: bool = True) -> None:
        """Side-by-side rows: block i of language A left, of language B right."""
        half = (self.text_width - int(GUTTER)) // 2
        table = self._grid(container, len(pairs), len(self.langs), [half + int(GUTTER) // 2] * 2)
        oxml.set_table_borders(table, outer=False, inside_h=False, inside_v=borders)
        for row, blocks in zip(table.rows, pairs, strict=True):
            for cell, block, lang in zip(_cells(table, row), blocks, self.langs, strict=True):
                self.write_block(cell, block, lang, reuse=True, size=size)
        if container is self.doc:
            self._spacer(container)

    # ------------------------------------------------------------------ parts
    def _flow(self, container, per_lang: list[list[Block]], *, size: float | None = None,
              borders: bool = True) -> None:
        if len(self.langs) == 1:
            for block in per_lang[0]:
                self.write_block(container, block, self.langs[0], size=size,
                                 reuse=container is not self.doc)
            return
        pairs = list(zip(*per_lang, strict=True))
        run: list[Sequence[Block]] = []
        for pair in pairs:
            if pair[0].kind in ("table", "pagebreak"):
                if run:
                    self._columns(container, run, size=size, borders=borders)
                    run = []
                if pair[0].kind == "table":
                    self._table(container, pair, self.langs)
                else:
                    container.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            else:
                run.append(pair)
        if run:
            self._columns(container, run, size=size, borders=borders)

    def add_part(self, part: Part, first: bool) -> None:
        section = self._section(first)
        self._flow(section.header, part.header, size=SMALL_PT, borders=False)
        self._flow(section.footer, part.footer, size=SMALL_PT, borders=False)
        for story in (section.header, section.footer):
            self._end_with_paragraph(story)
        self._flow(self.doc, part.body)

    @staticmethod
    def _end_with_paragraph(story) -> None:
        """Move the header's initial empty paragraph after its table: Word wants a story to end
        with a paragraph, and the empty line on top only pushes the header down."""
        body = story._element
        first = body[0] if len(body) else None
        if first is not None and first.tag == qn("w:p") and not first.xpath("string(.)") and len(body) > 1:
            body.remove(first)
            body.append(first)
            p = story.paragraphs[-1]
            p.paragraph_format.space_after = Pt(0)
            oxml.set_line_height(p, Pt(2))

    def save(self, *, when: dt.datetime, title: str, subject: str) -> bytes:
        oxml.fix_core_properties(self.doc, when=when, title=title, subject=subject)
        return oxml.save_deterministic(self.doc)


def _cells(table: Table, row: _Row) -> list[_Cell]:
    """The cells of a row of a table we built (no merged cells), without python-docx's layout."""
    return [_Cell(tc, table) for tc in row._tr.tc_lst]


def build_docx(parts: Sequence[Part], languages: Sequence[str], *, when: dt.datetime, title: str,
               subject: str) -> bytes:
    """The .docx bytes for the parts, in one or two languages."""
    w = _Writer(languages)
    for i, part in enumerate(parts):
        w.add_part(part, first=(i == 0))
    return w.save(when=when, title=title, subject=subject)


__all__ = ["Part", "build_docx"]
