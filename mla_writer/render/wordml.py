"""WordprocessingML as strings: paragraphs, runs, tables, fields and checkboxes of the body.

The document builder writes thousands of runs; an lxml element per run (or python-docx's
objects around it) cost more than everything else together. The markup here is what those
produced, minus the run properties now held by styles (docstyles.py): a run names its
character style (bold, italic, a pending translation) and carries ``w:rtl`` when it holds
right-to-left script; a paragraph names its paragraph style (language, size) and carries what is
its own (direction, indent, alignment). Text is escaped here and only here. Every fragment that
does not depend on the text is built once and reused.
"""

from __future__ import annotations

from functools import cache

from .oxml import CHECKBOX_FONT, CHECKED, UNCHECKED, W14

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = f'xmlns:w="{W}" xmlns:w14="{W14}" xmlns:r="{R}"'
PART_MARK = "mla-writer part "

_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str) -> str:
    return text.translate(_ESCAPE) if ("&" in text or "<" in text or ">" in text) else text


@cache
def char_style(*, bold: bool, italic: bool, pending: bool) -> str | None:
    """The character style id for these flags (docstyles.CHAR_STYLES), None for plain text."""
    if not (bold or italic or pending):
        return None
    return "Mla" + ("B" if bold else "") + ("I" if italic else "") + ("P" if pending else "")


@cache
def _rpr(style: str | None, rtl: bool) -> str:
    if style is None and not rtl:
        return ""
    return ("<w:rPr>" + (f'<w:rStyle w:val="{style}"/>' if style else "") + ("<w:rtl/>" if rtl else "")
            + "</w:rPr>")


def _t(stretch: str) -> str:
    if "&" in stretch or "<" in stretch or ">" in stretch:
        stretch = stretch.translate(_ESCAPE)
    if stretch[0].isspace() or stretch[-1].isspace():  # as python-docx's CT_R.add_t
        return f'<w:t xml:space="preserve">{stretch}</w:t>'
    return f"<w:t>{stretch}</w:t>"


def run(text: str, style: str | None, rtl: bool = False) -> str:
    """A run holding `text` (not empty, no line breaks): a w:t per stretch, a w:tab per tab;
    `rtl` marks it as right-to-left script."""
    if "\t" in text:
        body = "<w:tab/>".join(_t(s) if s else "" for s in text.split("\t"))
        return f"<w:r>{_rpr(style, rtl)}{body}</w:r>"
    # _t inline: this is called once for nearly every line of a long document.
    if "&" in text or "<" in text or ">" in text:
        text = text.translate(_ESCAPE)
    if text[0].isspace() or text[-1].isspace():
        return f'<w:r>{_rpr(style, rtl)}<w:t xml:space="preserve">{text}</w:t></w:r>'
    return f"<w:r>{_rpr(style, rtl)}<w:t>{text}</w:t></w:r>"


@cache
def line_break(style: str | None) -> str:
    return f"<w:r>{_rpr(style, False)}<w:br/></w:r>"


@cache
def field(instruction: str, style: str | None) -> str:
    """A complex field such as PAGE or NUMPAGES; "1" is the result shown before Word updates it."""
    rpr = _rpr(style, False)
    return (f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rpr}<w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
            f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
            f"<w:r>{rpr}<w:t>1</w:t></w:r>"
            f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>')


@cache
def checkbox(checked: bool) -> str:
    """A Word checkbox content control (w14:checkbox) holding the ballot-box glyph: Word lets the
    reviewer tick it by clicking; LibreOffice and older Word show the glyph."""
    font = (f'<w:rFonts w:ascii="{CHECKBOX_FONT}" w:hAnsi="{CHECKBOX_FONT}" w:eastAsia="{CHECKBOX_FONT}" '
            f'w:cs="{CHECKBOX_FONT}"/>')
    return ("<w:sdt><w:sdtPr><w14:checkbox>"
            f'<w14:checked w14:val="{1 if checked else 0}"/>'
            f'<w14:checkedState w14:val="2612" w14:font="{CHECKBOX_FONT}"/>'
            f'<w14:uncheckedState w14:val="2610" w14:font="{CHECKBOX_FONT}"/>'
            "</w14:checkbox></w:sdtPr><w:sdtContent>"
            f"<w:r><w:rPr>{font}</w:rPr><w:t>{CHECKED if checked else UNCHECKED}</w:t></w:r>"
            "</w:sdtContent></w:sdt>")


@cache
def paragraph_start(style: str, *, rtl: bool, keep_next: bool = False, before: int = 0,
                    ind: tuple[int, int, int] | None = None, jc: str | None = None) -> str:
    """``<w:p>`` and its properties, children in the schema's order. `ind` is (start, end,
    hanging) in twips: in a right-to-left paragraph w:left/w:right already mean its leading and
    trailing edges (ECMA-376 1st ed., 17.3.1.12). `jc` is start, center or end."""
    ppr = [f'<w:pStyle w:val="{style}"/>']
    if keep_next:
        ppr.append("<w:keepNext/>")
    if rtl:
        ppr.append("<w:bidi/>")
    if before:
        ppr.append(f'<w:spacing w:before="{before}"/>')
    if ind is not None:
        start, end, hanging = ind
        ppr.append(f'<w:ind w:left="{start}" w:right="{end}"' + (f' w:hanging="{hanging}"' if hanging else "") + "/>")
    if jc is not None:
        val = {"start": "right" if rtl else "left", "end": "left" if rtl else "right"}.get(jc, jc)
        ppr.append(f'<w:jc w:val="{val}"/>')
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>"


# The tiny empty paragraph between two tables (Word merges tables that touch) and at the end of
# a header or footer (a story must end with a paragraph).
SPACER = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="40" w:lineRule="exact"/></w:pPr></w:p>'
PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
ROW_START = "<w:tr>"
ROW_HEADER_START = "<w:tr><w:trPr><w:tblHeader/></w:trPr>"  # repeated on each page the table runs onto


def _border(edge: str, on: bool) -> str:
    if on:
        return f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    return f'<w:{edge} w:val="none"/>'


@cache
def _table_start(widths: tuple[int, ...], borders: tuple[bool, bool, bool], rtl: bool) -> str:
    outer, inside_h, inside_v = borders
    edges = "".join(_border(e, on) for e, on in (("top", outer), ("left", outer), ("bottom", outer),
                                                 ("right", outer), ("insideH", inside_h), ("insideV", inside_v)))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    # Fixed layout: column widths as given, not stretched to the content, so the languages stay aligned.
    return ("<w:tbl><w:tblPr>" + ("<w:bidiVisual/>" if rtl else "")
            + '<w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/>'
            + f"<w:tblBorders>{edges}</w:tblBorders>"
            + '<w:tblLayout w:type="fixed"/>'
            + '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
              'w:noVBand="1" w:val="04A0"/>'
            + f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>")


def table_start(widths: list[int], *, borders: tuple[bool, bool, bool], rtl: bool) -> str:
    """``<w:tbl>``, its properties and grid; `borders` is (outer, inside horizontal, inside
    vertical); `rtl` lays the columns out from the right (an Arabic-only document)."""
    return _table_start(tuple(widths), borders, rtl)


@cache
def cell_start(width: int, fill: str | None = None) -> str:
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{shd}</w:tcPr>'


def split_marks(xml: str, count: int) -> list[str]:
    """`xml` cut at the comments PART_MARK 0 .. count-1 (which are dropped): count + 1 pieces."""
    pieces = []
    for i in range(count):
        mark = f"<!--{PART_MARK}{i}-->"
        head, found, xml = xml.partition(mark)
        if not found:
            raise ValueError(f"no mark {i} in the document skeleton")
        pieces.append(head)
    pieces.append(xml)
    return pieces
