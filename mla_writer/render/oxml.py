"""Every raw WordprocessingML helper: what python-docx does not do for us.

- right-to-left paragraphs and runs for Arabic (w:bidi, w:rtl, w:bCs, w:szCs, w:lang w:bidi)
- the East Asian font slot (w:eastAsia) so Word and LibreOffice pick a CJK font for Chinese
- PAGE / NUMPAGES fields, checkboxes (w14 content controls), cell shading and borders
- fixed package metadata and zip timestamps, so the same case gives the same bytes

This is the one module that reaches python-docx's element layer (``paragraph._p``, ``run._r``,
``table._tbl``, ``cell._tc``, ``row._tr``, a header's ``_element``: the attributes python-docx's
own documentation points to for what its API does not cover); tests/render/test_oxml.py guards
that each is still there.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Callable, Mapping
from copy import deepcopy
from functools import cache
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn as _qn
from docx.shared import RGBColor
from docx.text.font import Font
from lxml.etree import SubElement

from .bidi import MARKS

# python-docx's qn() splits the prefix on every call; the names used here are few.
qn = cache(_qn)

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"

# Word's own language tags for the six languages (w:lang values).
LANG_TAGS = {"ar": "ar-SA", "en": "en-GB", "es": "es-ES", "fr": "fr-FR", "ru": "ru-RU", "zh": "zh-CN"}

# Fonts: one per script slot. Word picks the slot by character; LibreOffice maps missing fonts
# through fontconfig (Times New Roman -> Liberation Serif, SimSun -> a Noto CJK face).
LATIN_FONT = "Times New Roman"
COMPLEX_FONT = "Times New Roman"  # has Arabic glyphs on Windows; Noto Naskh Arabic elsewhere
EAST_ASIA_FONT = "SimSun"
CHECKBOX_FONT = "MS Gothic"
CHECKED, UNCHECKED = "\u2612", "\u2610"

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# Writes a part streamed into the package: handed a function taking its XML in str pieces.
Writer = Callable[[Callable[[str], None]], None]


def _child(parent, tag: str, *, first: bool = False):
    """The existing child `tag` of `parent`, or a new one (first or last, per schema order needs)."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        if first:
            parent.insert(0, el)
        else:
            parent.append(el)
    return el


# --------------------------------------------------------------------------- fonts and direction

def set_run_fonts(rpr, *, ascii_: str = LATIN_FONT, east_asia: str = EAST_ASIA_FONT,
                  cs: str = COMPLEX_FONT) -> None:
    """Fill the four font slots of a run or style property element (w:rPr)."""
    fonts = _child(rpr, "w:rFonts", first=True)
    fonts.set(qn("w:ascii"), ascii_)
    fonts.set(qn("w:hAnsi"), ascii_)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), cs)


def set_lang(rpr, lang: str) -> None:
    """Tag the run's language so spelling, line breaking and font fallback follow it."""
    el = _child(rpr, "w:lang")
    tag = LANG_TAGS[lang]
    if lang == "ar":
        el.set(qn("w:bidi"), tag)
    elif lang == "zh":
        el.set(qn("w:eastAsia"), tag)
    else:
        el.set(qn("w:val"), tag)


_RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
              "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
              "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
              "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
              "specVanish", "oMath"]
_RPR_RANK = {qn(f"w:{t}"): i for i, t in enumerate(_RPR_ORDER)}


def _rpr_in_order(rpr) -> None:
    """Sort w:rPr children into the order the schema requires (Word rejects other orders)."""
    children = sorted(rpr, key=lambda c: _RPR_RANK.get(c.tag, len(_RPR_ORDER)))
    for c in children:
        rpr.append(c)


def has_rtl_script(text: str) -> bool:
    """True when the text holds right-to-left letters (Arabic, Hebrew...) or Arabic digits; the
    direction marks bidi.py puts around values do not count."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL", "AN") for ch in text if ch not in MARKS)


def style_run(run, *, lang: str, bold: bool = False, italic: bool = False,
              size_pt: float | None = None) -> None:
    """Bold, italic and size in both the Latin and the complex-script slots, plus direction.

    w:rtl goes only on runs that hold right-to-left script: it makes Word treat the run as
    complex script, which would reorder an IP address or a time typed in Latin digits.
    """
    _style_r(run._r, lang=lang, bold=bold, italic=italic, size_pt=size_pt,
             rtl=lang == "ar" and has_rtl_script(run.text))


def _style_r(r, *, lang: str, bold: bool, italic: bool, size_pt: float | None, rtl: bool) -> None:
    rpr = r.get_or_add_rPr()
    if bold:
        _child(rpr, "w:b")
        _child(rpr, "w:bCs")
    if italic:
        _child(rpr, "w:i")
        _child(rpr, "w:iCs")
    if size_pt is not None:
        half = str(int(round(size_pt * 2)))
        _child(rpr, "w:sz").set(qn("w:val"), half)
        _child(rpr, "w:szCs").set(qn("w:val"), half)
    if rtl:
        _child(rpr, "w:rtl")
    if lang == "zh":
        # The East Asian slot on the run itself, and the hint that makes shared characters
        # (quotes, punctuation, digits next to Han) use it too.
        set_run_fonts(rpr)
        _child(rpr, "w:rFonts").set(qn("w:hint"), "eastAsia")
    set_lang(rpr, lang)
    _rpr_in_order(rpr)


def set_paragraph_rtl(paragraph) -> None:
    """Right-to-left paragraph (w:bidi): Arabic reads from the right, lists indent from the right."""
    ppr = paragraph._p.get_or_add_pPr()
    bidi = OxmlElement("w:bidi")
    # w:bidi comes after the numbering/border/shading/tabs group and before spacing and jc.
    anchor = None
    for tag in ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
                "w:jc", "w:textDirection", "w:textAlignment", "w:outlineLvl", "w:rPr"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if ppr.find(qn("w:bidi")) is None:
        if anchor is not None:
            anchor.addprevious(bidi)
        else:
            ppr.append(bidi)


def set_table_rtl(table) -> None:
    """Lay the table's columns out from the right (w:bidiVisual), for an Arabic-only document."""
    tblpr = table._tbl.tblPr
    el = OxmlElement("w:bidiVisual")
    style = tblpr.find(qn("w:tblStyle"))
    if style is not None:
        style.addnext(el)
    else:
        tblpr.insert(0, el)


def set_document_defaults(document, *, size_pt: float = 11) -> None:
    """Default fonts for every script and size for Latin and complex scripts (w:docDefaults)."""
    styles = document.styles.element
    defaults = _child(styles, "w:docDefaults", first=True)
    rpr_default = _child(defaults, "w:rPrDefault", first=True)
    rpr = _child(rpr_default, "w:rPr")
    for el in list(rpr):
        if el.tag in (qn("w:rFonts"), qn("w:sz"), qn("w:szCs"), qn("w:lang")):
            rpr.remove(el)
    set_run_fonts(rpr)
    half = str(int(size_pt * 2))
    _child(rpr, "w:sz").set(qn("w:val"), half)
    _child(rpr, "w:szCs").set(qn("w:val"), half)
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), LANG_TAGS["en"])
    lang.set(qn("w:eastAsia"), LANG_TAGS["zh"])
    lang.set(qn("w:bidi"), LANG_TAGS["ar"])
    _rpr_in_order(rpr)


def set_style_fonts(style, *, size_pt: float | None = None, bold: bool | None = None) -> None:
    """Give a style explicit fonts in all slots (the built-in headings use theme fonts)."""
    rpr = style.element.get_or_add_rPr()
    for tag in ("w:rFonts", "w:color"):
        el = rpr.find(qn(tag))
        if el is not None:
            rpr.remove(el)
    set_run_fonts(rpr)
    if size_pt is not None:
        half = str(int(round(size_pt * 2)))
        _child(rpr, "w:sz").set(qn("w:val"), half)
        _child(rpr, "w:szCs").set(qn("w:val"), half)
    if bold:
        _child(rpr, "w:b")
        _child(rpr, "w:bCs")
    _rpr_in_order(rpr)


# --------------------------------------------------------------------------- fields and checkboxes

def add_field(paragraph, instruction: str, *, lang: str, bold: bool = False,
              size_pt: float | None = None) -> None:
    """A complex field such as PAGE or NUMPAGES; "1" is the cached result shown before update."""
    def run_with(child) -> None:
        add_styled_run(paragraph, lang=lang, bold=bold, size_pt=size_pt).append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    add_styled_text(paragraph, "1", lang=lang, bold=bold, size_pt=size_pt)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def add_checkbox(paragraph, checked: bool, *, lang: str) -> None:
    """A Word checkbox content control (w14:checkbox) holding the ballot-box glyph.

    Word lets the reviewer tick it by clicking; LibreOffice and older Word show the glyph.
    """
    paragraph._p.append(deepcopy(_checkbox(checked)))


@cache
def _checkbox(checked: bool):
    """The content control, built once per state and copied (a checklist has dozens)."""
    sdt = OxmlElement("w:sdt")
    sdt_pr = OxmlElement("w:sdtPr")
    box = OxmlElement("w14:checkbox")
    state = OxmlElement("w14:checked")
    state.set(f"{{{W14}}}val", "1" if checked else "0")
    box.append(state)
    for tag, glyph in (("w14:checkedState", "2612"), ("w14:uncheckedState", "2610")):
        el = OxmlElement(tag)
        el.set(f"{{{W14}}}val", glyph)
        el.set(f"{{{W14}}}font", CHECKBOX_FONT)
        box.append(el)
    sdt_pr.append(box)
    sdt.append(sdt_pr)
    content = OxmlElement("w:sdtContent")
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    set_run_fonts(rpr, ascii_=CHECKBOX_FONT, east_asia=CHECKBOX_FONT, cs=CHECKBOX_FONT)
    r.append(rpr)
    t = OxmlElement("w:t")
    t.text = CHECKED if checked else UNCHECKED
    r.append(t)
    content.append(r)
    sdt.append(content)
    return sdt


# --------------------------------------------------------------------------- tables

def set_cell_shading(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def set_table_borders(table, *, outer: bool, inside_h: bool, inside_v: bool) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge, on in (("top", outer), ("left", outer), ("bottom", outer), ("right", outer),
                     ("insideH", inside_h), ("insideV", inside_v)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if on else "none")
        if on:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "808080")
        borders.append(el)
    old = tblpr.find(qn("w:tblBorders"))
    if old is not None:
        tblpr.remove(old)
    # w:tblBorders sits after tblW/jc/tblCellSpacing/tblInd and before shd/tblLayout/tblCellMar/tblLook.
    anchor = None
    for tag in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"):
        anchor = tblpr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tblpr.append(borders)


def set_fixed_layout(table) -> None:
    """Column widths as given, not stretched to the content: the two languages stay aligned."""
    tblpr = table._tbl.tblPr
    if tblpr.find(qn("w:tblLayout")) is not None:
        tblpr.remove(tblpr.find(qn("w:tblLayout")))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    anchor = None
    for tag in ("w:tblCellMar", "w:tblLook", "w:tblCaption"):
        anchor = tblpr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(layout)
    else:
        tblpr.append(layout)


def repeat_header(row) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))


def cant_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.insert(0, OxmlElement("w:cantSplit"))


# --------------------------------------------------------------------------- determinism

def fix_core_properties(document, *, when: dt.datetime, title: str, subject: str) -> None:
    """Metadata that depends only on the case: same case, same bytes."""
    cp = document.core_properties
    cp.author = "mla-writer"
    cp.last_modified_by = "mla-writer"
    cp.title = title
    cp.subject = subject
    cp.keywords = ""
    cp.comments = ""
    cp.revision = 1
    cp.created = when
    cp.modified = when
    cp.last_printed = when


def drop_part(document, reltype: str) -> None:
    """Remove a package part python-docx's default template carries but we do not need."""
    pkg = document.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == reltype:
            del pkg.rels[rid]


def drop_thumbnail(document) -> None:
    drop_part(document, RT.THUMBNAIL)


STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def drop_styles_with_effects(document) -> None:
    """Remove python-docx's stylesWithEffects.xml: Word 2010's copy of the styles with their text
    effects, which Word 2013 and later neither write nor need. The template's copy (430 KB) lacks
    the styles docstyles.py defines, so a reader that preferred it would miss them; and
    compressing it was a tenth of a short document's build."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            part.drop_rel(rid)


def save_deterministic(document) -> bytes:
    """The document's .docx bytes: python-docx's own save, with every zip entry dated 1980-01-01
    and marked as made on MS-DOS (python-docx stamps each entry with the time of saving and the
    system it runs on, so the same case would differ by the clock and the machine)."""
    out = io.BytesIO()
    document.save(out)
    data = bytearray(out.getbuffer())
    _fix_zip_headers(data)
    return bytes(data)


def package_parts(document, streamed: Mapping[str, Writer] | None = None) -> dict[str, bytes | Writer]:
    """Every part of the document's package by zip entry name, in the order python-docx's own save
    writes them and with the same content ([Content_Types].xml, the package relationships, then
    each part followed by its relationships), not compressed: the package is then zipped once
    (package.write_package). A part named in `streamed` is not serialized; its writer stands in
    its place. Only python-docx's public package API is used (tests/render/test_oxml.py compares
    the result with python-docx's save)."""
    streamed = streamed or {}
    pkg = document.part.package
    parts = pkg.parts
    for part in parts:
        part.before_marshal()
    out: dict[str, bytes | Writer] = {"[Content_Types].xml": _content_types(parts), "_rels/.rels": pkg.rels.xml}
    for part in parts:
        name = part.partname.membername
        out[name] = streamed[name] if name in streamed else part.blob
        if len(part.rels):
            out[part.partname.rels_uri.membername] = part.rels.xml
    return out


def _content_types(parts) -> bytes:
    """[Content_Types].xml for `parts` as python-docx writes it: an extension's default where the
    standard gives one for the part's type, an override per part otherwise, each sorted."""
    from docx.opc.oxml import CT_Types, serialize_part_xml
    from docx.opc.spec import default_content_types

    defaults = {"rels": CT.OPC_RELATIONSHIPS, "xml": CT.XML}
    overrides = {}
    for part in parts:
        ext = part.partname.ext
        if (ext.lower(), part.content_type) in default_content_types:
            defaults[ext.lower()] = part.content_type
        else:
            overrides[part.partname] = part.content_type
    types = CT_Types.new()
    for ext in sorted(defaults):
        types.add_default(ext, defaults[ext])
    for partname in sorted(overrides):
        types.add_override(partname, overrides[partname])
    return serialize_part_xml(types)


def fixed_zip_dates(data: bytes) -> bytes:
    """A zip archive (without a comment) with every entry dated FIXED_ZIP_TIME, as made on MS-DOS."""
    fixed = bytearray(data)
    _fix_zip_headers(fixed)
    return bytes(fixed)


# Fields of the ZIP format's headers (PKWARE's APPNOTE.TXT, 4.3.7, 4.3.12 and 4.3.16): only dates
# and the system byte change, so the entries, their order, compression and checksums stay
# python-docx's, and nothing is compressed twice.
_LOCAL_HEADER, _CENTRAL_HEADER, _END_OF_CENTRAL = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
_DOS_TIME, _DOS_DATE = 0, (FIXED_ZIP_TIME[0] - 1980) << 9 | FIXED_ZIP_TIME[1] << 5 | FIXED_ZIP_TIME[2]


def _fix_zip_headers(data: bytearray) -> None:
    """Set in place every entry's date (local and central headers) to FIXED_ZIP_TIME, and its
    'made by' system to MS-DOS, the value that does not depend on the machine."""
    import struct

    end = data.rfind(_END_OF_CENTRAL)
    if end < 0 or len(data) - end != 22:  # python-docx writes no archive comment
        raise ValueError("not a zip archive as python-docx writes it")
    entries, _size, at = struct.unpack_from("<HII", data, end + 10)
    for _ in range(entries):
        if data[at:at + 4] != _CENTRAL_HEADER:
            raise ValueError(f"no central directory entry at byte {at}")
        struct.pack_into("<HH", data, at + 12, _DOS_TIME, _DOS_DATE)
        data[at + 5] = 0  # version made by: high byte, the system (0 = MS-DOS)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, at + 28)
        (local,) = struct.unpack_from("<I", data, at + 42)
        if data[local:local + 4] != _LOCAL_HEADER:
            raise ValueError(f"no local header at byte {local}")
        struct.pack_into("<HH", data, local + 10, _DOS_TIME, _DOS_DATE)
        at += 46 + name_len + extra_len + comment_len


# --------------------------------------------------------------------------- paragraph layout

def is_rtl(lang: str) -> bool:
    return lang == "ar"


def _ppr_insert(ppr, el, before: tuple[str, ...]) -> None:
    """Insert a w:pPr child before the first of `before` present (schema order), else at the end."""
    old = ppr.find(el.tag)
    if old is not None:
        ppr.remove(old)
    for tag in before:
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            anchor.addprevious(el)
            return
    rpr = ppr.find(qn("w:rPr"))
    if rpr is not None:
        rpr.addprevious(el)
    else:
        ppr.append(el)


def set_indent(paragraph, *, start: int = 0, end: int = 0, hanging: int = 0) -> None:
    """Indent by reading direction, so an Arabic (w:bidi) paragraph indents from the right.

    In transitional WordprocessingML w:left/w:right already mean the leading and trailing edge
    of a right-to-left paragraph (ECMA-376 1st ed., 17.3.1.12), so no swapping is needed.
    """
    ppr = paragraph._p.get_or_add_pPr()
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(int(start) // 635))
    ind.set(qn("w:right"), str(int(end) // 635))
    if hanging:
        ind.set(qn("w:hanging"), str(int(hanging) // 635))
    _ppr_insert(ppr, ind, ("w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                           "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl"))


def set_alignment(paragraph, where: str) -> None:
    """Alignment by reading direction (w:jc start/center/end/both)."""
    ppr = paragraph._p.get_or_add_pPr()
    rtl = ppr.find(qn("w:bidi")) is not None
    val = {"start": "right" if rtl else "left", "end": "left" if rtl else "right"}.get(where, where)
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), val)
    _ppr_insert(ppr, jc, ("w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl"))


def set_line_height(paragraph, height) -> None:
    """An exact line height (used for the tiny spacer between two tables)."""
    fmt = paragraph.paragraph_format
    from docx.enum.text import WD_LINE_SPACING

    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = height


def add_styled_text(paragraph, text: str, *, lang: str, bold: bool = False,
                    italic: bool = False, size_pt: float | None = None, colour: RGBColor | None = None) -> None:
    """A run holding `text`, styled as style_run does (and in `colour`).

    A document has thousands of runs in a few dozen styles. Building each run's properties
    element by element through python-docx was most of a document's build time; here each
    style's run is built that way once and copied. The content is what python-docx's
    ``add_run(text)`` writes: a w:t per stretch of text, a w:tab per tab.
    """
    if "\r" in text or "\n" in text:
        run = paragraph.add_run(text)  # line breaks: python-docx's own way
        style_run(run, lang=lang, bold=bold, italic=italic, size_pt=size_pt)
        if colour:
            run.font.color.rgb = colour
        return
    r = add_styled_run(paragraph, lang=lang, bold=bold, italic=italic, size_pt=size_pt, colour=colour,
                       rtl=lang == "ar" and has_rtl_script(text))
    for i, stretch in enumerate(text.split("\t")):
        if i:
            SubElement(r, _W_TAB)
        if stretch:
            t = SubElement(r, _W_T)
            t.text = stretch
            if len(stretch.strip()) < len(stretch):  # as python-docx's CT_R.add_t
                t.set(_XML_SPACE, "preserve")


def add_styled_run(paragraph, *, lang: str, bold: bool = False, italic: bool = False,
                   size_pt: float | None = None, colour: RGBColor | None = None, rtl: bool = False):
    """An empty run at the end of the paragraph with the properties style_run gives (a copy of
    the one run built per style); the caller appends its content."""
    r = deepcopy(_prototype_run(lang, bold, italic, size_pt, rtl, colour))
    paragraph._p.append(r)
    return r


def add_line_break(paragraph, *, lang: str, size_pt: float | None = None) -> None:
    """A run holding a line break (w:br), as python-docx's ``add_run().add_break()``, styled."""
    SubElement(add_styled_run(paragraph, lang=lang, size_pt=size_pt), _W_BR)


_W_T, _W_TAB, _W_BR, _XML_SPACE = _qn("w:t"), _qn("w:tab"), _qn("w:br"), _qn("xml:space")


@cache
def _prototype_run(lang: str, bold: bool, italic: bool, size_pt: float | None, rtl: bool,
                   colour: RGBColor | None):
    r = OxmlElement("w:r")
    _style_r(r, lang=lang, bold=bold, italic=italic, size_pt=size_pt, rtl=rtl)
    if colour:
        Font(r).color.rgb = colour
    return r


def story_element(story: Any) -> Any:
    """The XML element of a section's header or footer, to fill with WordprocessingML."""
    return story._element
