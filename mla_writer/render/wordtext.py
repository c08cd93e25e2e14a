"""The text of a Word document's body, paragraph by paragraph, as a reader sees it.

One function reads it for the fingerprint a rendered document carries and for the comparison
`review` makes, so both always agree on what "the text" is. It works on any lxml tree of
``word/document.xml`` (python-docx's elements are lxml elements too).

What counts: the text of runs (also inside content controls, hyperlinks, tracked insertions),
tabs and line breaks as spaces. What does not: field codes and field results (a page number is
recomputed by every program that opens the file), text deleted with track changes, the
fallback branch of alternate content, empty paragraphs. Whitespace runs are collapsed, so a
program that splits runs or rewrites spaces differently changes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P, _T, _TAB, _BR, _CR = (f"{{{W}}}{t}" for t in ("p", "t", "tab", "br", "cr"))
_FLDCHAR, _FLDSIMPLE, _DEL, _TR, _BODY = (f"{{{W}}}{t}" for t in ("fldChar", "fldSimple", "del", "tr", "body"))
_FALLBACK = f"{{{MC}}}Fallback"
# Never read: deleted text, simple fields (their text is a result), the fallback of alternate
# content, and a paragraph nested in another (a text box: read as its own paragraph).
_SKIPPED = frozenset({_DEL, _FLDSIMPLE, _FALLBACK, _P})
_SPACES = frozenset({_TAB, _BR, _CR})
_FLDTYPE = f"{{{W}}}fldCharType"
_SECTION_END = f"{{{W}}}pPr/{{{W}}}sectPr"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the body with text: its element, its text, the table row it sits in
    (None outside a table) and the number of the document's section it is in (from 0)."""

    element: etree._Element
    text: str
    row: etree._Element | None
    section: int


def paragraph_text(p: etree._Element) -> str:
    """The visible text of one paragraph, whitespace collapsed (see the module docstring)."""
    bits: list[str] = []
    _collect(p, bits, [])
    return " ".join("".join(bits).split())


def _collect(el: etree._Element, bits: list[str], fields: list[bool]) -> None:
    """Append the visible text under `el` to `bits`; `fields` holds, per open complex field,
    whether its result (not its code) has begun: the text of either is not the paragraph's."""
    for child in el:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == _FLDCHAR:
            kind = child.get(_FLDTYPE)
            if kind == "begin":
                fields.append(False)
            elif kind == "separate" and fields:
                fields[-1] = True
            elif kind == "end" and fields:
                fields.pop()
        elif fields:
            _collect(child, [], fields)  # still follow the field characters, drop the text
        elif tag == _T:
            bits.append(child.text or "")
        elif tag in _SPACES:
            bits.append(" ")
        else:
            _collect(child, bits, fields)


def body_paragraphs(document: etree._Element) -> list[Paragraph]:
    """Every paragraph with text in the body of ``word/document.xml``, in reading order."""
    body = document.find(f"{{{W}}}body")
    out: list[Paragraph] = []
    if body is None:
        return out
    section = 0
    for child in body:
        _paragraphs(child, None, section, out)
        # A section ends with the paragraph that holds its properties (the last one's are the body's).
        if child.tag == _P and child.find(_SECTION_END) is not None:
            section += 1
    return out


def _paragraphs(el: etree._Element, row: etree._Element | None, section: int, out: list[Paragraph]) -> None:
    tag = el.tag
    if tag == _P:
        text = paragraph_text(el)
        if text:
            out.append(Paragraph(el, text, row, section))
    elif tag not in _SKIPPED:
        for child in el:
            _paragraphs(child, el if tag == _TR else row, section, out)


def fingerprint(texts: list[str]) -> str:
    """The SHA-256 of the body's paragraph texts, one per line."""
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()
