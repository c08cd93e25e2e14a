"""The document's styles: every run and paragraph property that depends on the language or the
kind of text, defined once in styles.xml instead of on each of thousands of runs.

Paragraph styles, one per language and kind of text (``MlaTextEn``, ``MlaCellAr``, ``MlaH1Zh``...):

- the fonts of the four script slots (Latin, East Asian, complex script) and the language tag,
  so that Word and LibreOffice pick the right face and line breaking for each language; Chinese
  also has the East Asian hint, so shared characters (quotes, digits next to Han) use that slot;
- the size in both the Latin and the complex-script slots (w:sz and w:szCs);
- right to left (w:bidi) for Arabic.

Character styles for what a run adds: bold, italic and a pending translation (in red), in both
the Latin and the complex-script slots. ``w:rtl`` stays on the run itself: it depends on the
run's text (Arabic script yes; an IP address or a time in an Arabic paragraph no, see bidi.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from docx.oxml import parse_xml
from docx.shared import Pt, RGBColor

from . import oxml
from .wordml import NAMESPACES

BODY_PT = 10
HEADING_PT = {1: 13, 2: 11, 3: 10}
SMALL_PT = 8
CELL_PT = BODY_PT - 1
INDENT_TWIPS = 425  # 0.75 cm
PENDING_COLOUR = "C00000"

# Kinds of paragraph text: (size in points, space after in twips or None for Normal's, indent).
KINDS: dict[str, tuple[float, int | None, bool]] = {
    "Text": (BODY_PT, None, False),
    "Small": (SMALL_PT, None, False),
    "Cell": (CELL_PT, 20, False),  # data-table cells: 1 pt after each line
    "Quote": (CELL_PT, None, True),  # a quoted provision: smaller, indented on both sides
}
# Character styles: id suffix -> (bold, italic, pending); wordml.char_style names them.
CHAR_STYLES = {f"{'B' * b}{'I' * i}{'P' * p}": (b, i, p)
               for b in (True, False) for i in (True, False) for p in (True, False) if b or i or p}


@cache
def paragraph_style(kind: str, lang: str) -> str:
    return f"Mla{kind}{lang.capitalize()}"


@cache
def heading_style(level: int, lang: str) -> str:
    return f"MlaH{level}{lang.capitalize()}"


def _fonts(lang: str) -> str:
    hint = ' w:hint="eastAsia"' if lang == "zh" else ""
    return (f'<w:rFonts w:ascii="{oxml.LATIN_FONT}" w:hAnsi="{oxml.LATIN_FONT}" '
            f'w:eastAsia="{oxml.EAST_ASIA_FONT}" w:cs="{oxml.COMPLEX_FONT}"{hint}/>')


def _lang(lang: str) -> str:
    slot = {"ar": "bidi", "zh": "eastAsia"}.get(lang, "val")
    return f'<w:lang w:{slot}="{oxml.LANG_TAGS[lang]}"/>'


def _size(pt: float | None) -> str:
    if pt is None:
        return ""
    half = int(round(pt * 2))
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


def _paragraph(style_id: str, name: str, based_on: str, lang: str, *, size: float | None,
               after: int | None = None, indent: bool = False) -> str:
    ppr = ("<w:bidi/>" if oxml.is_rtl(lang) else "") + (f'<w:spacing w:after="{after}"/>' if after is not None else "")
    if indent:
        ppr += f'<w:ind w:left="{INDENT_TWIPS}" w:right="{INDENT_TWIPS}"/>'
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="{based_on}"/>'
            f'<w:next w:val="{paragraph_style("Text", lang)}"/><w:qFormat/>'
            + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
            + f"<w:rPr>{_fonts(lang)}{_size(size)}{_lang(lang)}</w:rPr></w:style>")


def _character(suffix: str, bold: bool, italic: bool, pending: bool) -> str:
    rpr = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "") + (
        f'<w:color w:val="{PENDING_COLOUR}"/>' if pending else "")
    words = [w for w, on in (("bold", bold), ("italic", italic), ("pending translation", pending)) if on]
    return (f'<w:style w:type="character" w:customStyle="1" w:styleId="Mla{suffix}">'
            f'<w:name w:val="mla {" ".join(words)}"/><w:qFormat/><w:rPr>{rpr}</w:rPr></w:style>')


@cache
def styles_xml(languages: tuple[str, ...]) -> str:
    """The styles mla-writer adds for these languages, in a fixed order."""
    out = []
    for lang in languages:
        for kind, (size, after, indent) in KINDS.items():
            out.append(_paragraph(paragraph_style(kind, lang), f"mla {kind.lower()} {lang}", "Normal", lang,
                                  size=size, after=after, indent=indent))
        for level in HEADING_PT:
            out.append(_paragraph(heading_style(level, lang), f"mla heading {level} {lang}", f"Heading{level}",
                                  lang, size=None))
    out.extend(_character(suffix, *flags) for suffix, flags in CHAR_STYLES.items())
    return "".join(out)


def define(document, languages: Sequence[str]) -> None:
    """Set the document defaults and the built-in styles the ones here are based on, and add
    the paragraph and character styles for `languages`."""
    oxml.set_document_defaults(document, size_pt=BODY_PT)
    styles = document.styles
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
    element = styles.element
    for style in parse_xml(f"<w:styles {NAMESPACES}>{styles_xml(tuple(languages))}</w:styles>"):
        element.append(style)
