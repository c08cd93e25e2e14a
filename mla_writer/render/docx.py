"""Blocks -> a Word document: two languages side by side in aligned table rows, or one alone.

Each part of the document (one per request, or the review sheet) is a Word section with its own
header and footer. In a bilingual part every pair of blocks is one row of a two-column table, so
a paragraph and its translation always start at the same height. Data tables (identifiers,
findings) span the full width, each cell holding both languages when they differ.

How it is built, for speed on cases with thousands of identifiers: python-docx supplies the
package (styles, settings, sections, header and footer parts); every formatting choice that
depends on the language (fonts of the four script slots, size, language tag, right-to-left
paragraphs) is a paragraph or character style defined once in styles.xml (docstyles.py); the
text itself is written as WordprocessingML strings (wordml.py), each run naming its style, and
streamed into the package's document.xml without building an element per run.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml import parse_xml
from docx.shared import Cm, RGBColor
from lxml import etree

from . import bidi, docstyles, oxml, wordml
from .blocks import Block, Run
from .package import write_package
from .word_template import TEMPLATE

PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)  # A4
MARGIN = Cm(2.0)
GUTTER = Cm(0.5)
BODY_PT = docstyles.BODY_PT
HEADING_PT = docstyles.HEADING_PT
SMALL_PT = docstyles.SMALL_PT
INDENT = docstyles.INDENT_TWIPS
PENDING_COLOUR = RGBColor(0xC0, 0x00, 0x00)
HEADER_FILL = "E7E6E6"
SIGNATURE_SPACE = 18 * 20  # twips
CELL_AFTER = 1 * 20

# Where a story is written: the body, a header or footer (small text) or a data-table cell.
BODY, SMALL, CELL = "Text", "Small", "Cell"


@dataclass
class Part:
    """One section of the document: blocks per language for the header, footer and body."""

    header: list[list[Block]]
    footer: list[list[Block]]
    body: list[list[Block]]


def _lines(runs: Sequence[Run]) -> list[tuple[Run, ...]]:
    """Split a cell's runs at its line breaks."""
    if len(runs) == 1:  # most cells of a long table: one value
        return [] if runs[0].brk else [tuple(runs)]
    out: list[list[Run]] = [[]]
    for r in runs:
        if r.brk:
            out.append([])
        else:
            out[-1].append(r)
    return [tuple(x) for x in out if x]


def _plain(runs: Sequence[Run]) -> tuple[tuple[str, str | None], ...]:
    return tuple((r.text, r.field) for r in runs)


_CHAR_STYLE = {(b, i, p): wordml.char_style(bold=b, italic=i, pending=p)
               for b in (False, True) for i in (False, True) for p in (False, True)}


def _twips(emu: int) -> int:
    return round(emu / 635)


class _Story:
    """WordprocessingML of one story (the body of a part, a header, a footer) as strings,
    handed to `sink` in large pieces so that a long document never sits in memory twice."""

    FLUSH_AT = 4096  # strings

    def __init__(self, langs: Sequence[str], sink: Callable[[str], None]) -> None:
        self.langs = list(langs)
        self.sink = sink
        self.out: list[str] = []
        self.memo: dict[tuple, str] = {}
        # Writes a line's runs, by language: (out, runs, bold, italic, heading).
        self.line: dict[str, Callable[[list[str], tuple[Run, ...], bool, bool, bool], None]] = {
            lang: self._rtl_line if oxml.is_rtl(lang) else self._ltr_runs for lang in self.langs}
        self.heads: dict[tuple, tuple[str, bool, bool, bool]] = {}
        self.text_width = _twips(int(PAGE_WIDTH - 2 * MARGIN))

    def emit(self, s: str) -> None:
        self.out.append(s)
        if len(self.out) >= self.FLUSH_AT:
            self.flush()

    def flush(self) -> None:
        if self.out:
            self.sink("".join(self.out))
            self.out.clear()  # in place: the writers hold this list

    # ------------------------------------------------------------------ runs and paragraphs
    def _rtl_line(self, out: list[str], runs: tuple[Run, ...], bold: bool, italic: bool, heading: bool) -> None:
        # A long table repeats the same cell lines (a category, "IP address", a time zone): each
        # distinct right-to-left line is turned into runs once per document. (Left to right is
        # cheap enough that looking a line up would cost more than writing it.)
        key = (runs, bold, italic, heading)
        xml = self.memo.get(key)
        if xml is None:
            pieces: list[str] = []
            self._rtl_runs(pieces, runs, bold=bold, italic=italic, heading=heading)
            xml = self.memo[key] = "".join(pieces)
        out.append(xml)

    @staticmethod
    def _ltr_runs(out: list[str], runs: Sequence[Run], bold: bool, italic: bool, heading: bool) -> None:
        """Left to right: consecutive text of one style is one run (the block parser cuts text at
        every value and tag; Word needs a new run only where the formatting changes)."""
        # The loop of a long document: a line without right-to-left letters or typed line breaks
        # (nearly all of them) is checked once as a whole, not run by run.
        line = "".join([r[0] for r in runs])
        plain = not ("\n" in line or "\r" in line or (not line.isascii() and bidi.RTL_LETTER.search(line)))
        run, styles = wordml.run, _CHAR_STYLE
        text: list[str] = []
        current: str | None = None
        for value, r_bold, r_italic, verbatim, pending, fld, brk in runs:  # Run's fields, unpacked
            # Headings are bold by their style; bold again on the run would toggle it off.
            style = styles[((r_bold or bold) and not heading, r_italic or italic, pending)]
            if text and (style != current or brk or fld):
                out.append(run("".join(text), current))
                text = []
            current = style
            if brk:
                out.append(wordml.line_break(style))
            elif fld:
                out.append(wordml.field(fld, style))
            elif not value:
                continue
            elif plain:
                text.append(value)
            else:
                if bidi.RTL_LETTER.search(value) is not None:
                    value = "".join(bidi.isolate_values(value, rtl=False, verbatim=verbatim))
                if "\r" in value or "\n" in value:
                    # Line breaks the user typed become Word line breaks inside one paragraph.
                    for i, part in enumerate(value.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
                        if i:
                            if text:
                                out.append(run("".join(text), style))
                                text = []
                            out.append(wordml.line_break(style))
                        if part:
                            text.append(part)
                else:
                    text.append(value)
        if text:
            out.append(run("".join(text), current))

    @staticmethod
    def _rtl_runs(out: list[str], runs: Sequence[Run], *, bold: bool, italic: bool, heading: bool) -> None:
        """Right to left: each value of the other direction is a run of its own (bidi.py), and
        only runs holding right-to-left script are marked w:rtl."""
        for r in runs:
            style = _CHAR_STYLE[((r.bold or bold) and not heading, r.italic or italic, r.pending)]
            if r.brk:
                out.append(wordml.line_break(style))
                continue
            if r.field:
                out.append(wordml.field(r.field, style))
                continue
            text = r.text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in r.text else r.text
            for piece in bidi.isolate_values(text, rtl=True, verbatim=r.verbatim):
                for i, line in enumerate(piece.split("\n")):
                    if i:
                        out.append(wordml.line_break(style))
                    if line:
                        out.append(wordml.run(line, style, rtl=oxml.has_rtl_script(line)))

    def write_block(self, block: Block, lang: str, where: str) -> None:
        """One block as a paragraph (or a table) in the current story."""
        kind = block.kind
        if kind == "table":
            self._table([block], [lang])
            return
        if kind == "pagebreak":
            self.emit(wordml.PAGE_BREAK)
            return
        # A long list has thousands of paragraphs of a few kinds: each kind's start is made once,
        # and only a list item's number is written for each.
        key = (kind, block.style, block.level, block.state, where, lang)
        head = self.heads.get(key)
        if head is None:
            head = self.heads[key] = self._head(block, lang, where)
        start, bold, italic, heading = head
        self.out.append(start)
        if kind == "numbered" or kind == "item":
            self.out.append(wordml.run(block.number + "\t", None))
        self.line[lang](self.out, block.runs, bold, italic, heading)
        self.emit("</w:p>")

    @staticmethod
    def _head(block: Block, lang: str, where: str) -> tuple[str, bool, bool, bool]:
        """A paragraph's start (its properties, and a checkbox) and how its runs
        are formatted: (start, bold, italic, heading)."""
        rtl = oxml.is_rtl(lang)
        style = docstyles.paragraph_style(where, lang)
        italic, bold, heading = False, False, False
        keep, before, ind, jc = False, 0, None, None
        prefix = ""
        if block.kind == "heading":
            style, heading = docstyles.heading_style(block.level, lang), True
        elif block.kind in ("numbered", "item"):
            ind = (INDENT if block.kind == "numbered" else 2 * INDENT, 0, INDENT)  # the number: write_block
        elif block.kind == "check":
            ind = (INDENT, 0, INDENT)
            prefix = wordml.checkbox(block.state == "yes") + wordml.run("\t", None, rtl=False)
        elif block.style == "quote":
            if where == BODY:
                style = docstyles.paragraph_style("Quote", lang)
            else:
                ind = (INDENT, INDENT, 0)
            italic = True
        elif block.style in ("small", "note"):
            style = docstyles.paragraph_style(SMALL, lang)
        elif block.style == "label":
            keep, bold = True, True
        elif block.style == "center":
            jc = "center"
        elif block.style == "right":
            jc = "end"
        elif block.style == "signature":
            before = SIGNATURE_SPACE
        start = wordml.paragraph_start(style, rtl=rtl, keep_next=keep, before=before, ind=ind, jc=jc)
        return start + prefix, bold, italic, heading

    # ------------------------------------------------------------------ tables
    def _table(self, blocks: Sequence[Block], langs: Sequence[str]) -> None:
        """A data table; with two languages each cell holds both texts where they differ."""
        first = blocks[0]
        ncols = max(len(r) for r in first.rows) if first.rows else 1
        weights = first.widths or (1,) * ncols
        width = int(PAGE_WIDTH - 2 * MARGIN)
        widths = [_twips(width * w // sum(weights)) for w in weights]
        out = self.out
        out.append(wordml.table_start(widths, borders=(True, True, True),
                                      rtl=len(langs) == 1 and oxml.is_rtl(langs[0])))
        cell_start = [wordml.cell_start(w) for w in widths]
        head_start = [wordml.cell_start(w, HEADER_FILL) for w in widths]
        starts = {lang: wordml.paragraph_start(docstyles.paragraph_style(CELL, lang), rtl=oxml.is_rtl(lang))
                  for lang in langs}
        if len(blocks) > 2:
            raise ValueError("a table holds one or two languages")
        lang0 = langs[0]
        other = blocks[1].rows if len(blocks) == 2 else None
        lang1 = langs[-1]
        # A column often repeats the cell above it (a category, a date, a time zone): its markup
        # is then the one just written. Comparing with the cell above costs next to nothing.
        above: dict[int, tuple[tuple[Run, ...], tuple[Run, ...], bool, str]] = {}
        for ri, row in enumerate(first.rows):
            head = ri < first.header_rows
            out.append(wordml.ROW_HEADER_START if head else wordml.ROW_START)
            row1 = other[ri] if other is not None else row
            for ci, cell in enumerate(row):
                cell1 = row1[ci] if ci < len(row1) else ()
                seen = above.get(ci)
                if seen is not None and seen[0] == cell and seen[1] == cell1 and seen[2] == head:
                    out.append(seen[3])
                    continue
                mark = len(out)
                self._cell(cell, cell1, head, (head_start if head else cell_start)[ci], starts, lang0, lang1)
                xml = "".join(out[mark:])
                del out[mark:]
                out.append(xml)
                above[ci] = (cell, cell1, head, xml)
            out.append("</w:tr>")
            if len(out) >= self.FLUSH_AT:
                self.flush()
        out.append("</w:tbl>")
        out.append(wordml.SPACER)

    def _cell(self, cell: tuple[Run, ...], cell1: tuple[Run, ...], head: bool, start: str, starts: dict[str, str],
              lang0: str, lang1: str) -> None:
        """One table cell: `cell` in `lang0`, and `cell1` in `lang1` where it differs."""
        out, line0, line1 = self.out, self.line[lang0], self.line[lang1]
        out.append(start)
        if cell == cell1:  # the same in each language (or one language): a value
            lines0 = _lines(cell)
            if not lines0:
                out.append(starts[lang0] + "</w:p>")
            for line in lines0:
                out.append(starts[lang0])
                line0(out, line, head, False, False)
                out.append("</w:p>")
            out.append("</w:tc>")
            return
        # Line by line: what both languages share (an address, a number) is shown once;
        # what differs is shown in each language, first language first.
        lines0, lines1 = _lines(cell), _lines(cell1)
        if not lines0 and not lines1:
            out.append(starts[lang0] + "</w:p>")
        for k in range(max(len(lines0), len(lines1))):
            a = lines0[k] if k < len(lines0) else None
            b = lines1[k] if k < len(lines1) else None
            if a is not None:
                out.append(starts[lang0])
                line0(out, a, head, False, False)
                out.append("</w:p>")
            if b is not None and (a is None or not (a == b or (len(a) == len(b) and _plain(a) == _plain(b)))):
                out.append(starts[lang1])
                line1(out, b, head, False, False)
                out.append("</w:p>")
        out.append("</w:tc>")

    def _columns(self, pairs: Sequence[Sequence[Block]], where: str, *, borders: bool, spacer: bool) -> None:
        """Side-by-side rows: block i of language A left, of language B right."""
        half = _twips((int(PAGE_WIDTH - 2 * MARGIN) - int(GUTTER)) // 2 + int(GUTTER) // 2)
        self.emit(wordml.table_start([half] * len(self.langs), borders=(False, False, borders), rtl=False))
        start = wordml.cell_start(half)
        out = self.out
        for blocks in pairs:
            out.append(wordml.ROW_START)
            for block, lang in zip(blocks, self.langs, strict=True):
                out.append(start)
                self.write_block(block, lang, where)  # a table in a cell ends with its spacer paragraph
                out.append("</w:tc>")
            self.emit("</w:tr>")
        self.emit("</w:tbl>")
        if spacer:
            self.emit(wordml.SPACER)

    # ------------------------------------------------------------------ stories
    def flow(self, per_lang: list[list[Block]], where: str, *, borders: bool = True) -> None:
        if len(self.langs) == 1:
            for block in per_lang[0]:
                self.write_block(block, self.langs[0], where)
            return
        run: list[Sequence[Block]] = []
        body = where == BODY
        for pair in zip(*per_lang, strict=True):
            if pair[0].kind in ("table", "pagebreak"):
                if run:
                    self._columns(run, where, borders=borders, spacer=body)
                    run = []
                if pair[0].kind == "table":
                    self._table(pair, self.langs)
                else:
                    self.emit(wordml.PAGE_BREAK)
            else:
                run.append(pair)
        if run:
            self._columns(run, where, borders=borders, spacer=body)


def _story_xml(langs: Sequence[str], per_lang: list[list[Block]]) -> str:
    """A header's or footer's content, ending with a paragraph as Word requires."""
    pieces: list[str] = []
    story = _Story(langs, pieces.append)
    story.flow(per_lang, SMALL, borders=False)
    story.flush()
    xml = "".join(pieces)
    if not xml.endswith("</w:p>"):
        xml += wordml.SPACER
    return xml


def _fill(hdr_ftr, xml: str) -> None:
    """Replace a header or footer part's content by `xml`."""
    for child in list(hdr_ftr):
        hdr_ftr.remove(child)
    for child in parse_xml(f"<w:hdr {wordml.NAMESPACES}>{xml}</w:hdr>"):
        hdr_ftr.append(child)


class _Writer:
    def __init__(self, languages: Sequence[str]) -> None:
        self.langs = list(languages)
        self.doc = Document(str(TEMPLATE))
        oxml.drop_thumbnail(self.doc)
        oxml.drop_styles_with_effects(self.doc)
        docstyles.define(self.doc, self.langs)
        self.parts: list[Part] = []

    def _section(self, first: bool):
        section = self.doc.sections[0] if first else self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)
        section.header_distance = section.footer_distance = Cm(1.0)
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        return section

    def add_part(self, part: Part) -> None:
        section = self._section(not self.parts)
        _fill(oxml.story_element(section.header), _story_xml(self.langs, part.header))
        _fill(oxml.story_element(section.footer), _story_xml(self.langs, part.footer))
        self.parts.append(part)

    def _body(self, write: Callable[[str], None], pieces: list[str]) -> None:
        """document.xml: python-docx's skeleton (its root and the sections' properties) with each
        part's body written in before the paragraph that ends its section."""
        story = _Story(self.langs, write)
        write(pieces[0])
        for part, rest in zip(self.parts, pieces[1:], strict=True):
            story.flow(part.body, BODY)
            story.flush()
            write(rest)

    def save(self, *, when: dt.datetime, title: str, subject: str) -> bytes:
        oxml.fix_core_properties(self.doc, when=when, title=title, subject=subject)
        body = self.doc.element.body
        ends = [p for p in body if p.tag == oxml.qn("w:p")] + [body[-1]]  # section ends, in order
        if len(ends) != len(self.parts):
            raise ValueError(f"the document skeleton has {len(ends)} sections for {len(self.parts)} parts")
        for i, el in enumerate(ends):
            el.addprevious(etree.Comment(f"{wordml.PART_MARK}{i}"))
        skeleton = etree.tostring(self.doc.element, encoding="UTF-8", standalone=True).decode("utf-8")
        pieces = wordml.split_marks(skeleton, len(ends))
        body_name = self.doc.part.partname.membername
        return write_package(oxml.package_parts(self.doc, {body_name: lambda write: self._body(write, pieces)}))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for a document's build, then as it was.

    A build makes hundreds of thousands of tuples (blocks, runs, the memo of their XML) that all
    live until it ends: each collection while they are made would scan them all again and free
    none (a fifth of the time of a 5,000-identifier document). Whatever cycles the build leaves
    are collected once it is resumed. The command line pauses it for a whole one-shot command
    already; this is for every other caller (the wizard, a batch's workers, the benchmark)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def build_docx(parts: Sequence[Part], languages: Sequence[str], *, when: dt.datetime, title: str,
               subject: str) -> bytes:
    """The .docx bytes for the parts, in one or two languages."""
    with collector_paused():
        w = _Writer(languages)
        for part in parts:
            w.add_part(part)
        return w.save(when=when, title=title, subject=subject)


__all__ = ["Part", "build_docx", "collector_paused"]
