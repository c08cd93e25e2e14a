"""Values of one writing direction inside a paragraph of the other stay whole (render/bidi.py),
and each column's header is in its own language."""

from __future__ import annotations

import re

import pytest

from mla_writer.render import render_bytes
from mla_writer.render.bidi import LRM, MARKS, RLM, WORD_JOINER, isolate_values
from mla_writer.render.oxml import has_rtl_script

from .cases import make_case
from .readback import open_docx

VALUE_IN_ARABIC = [
    ("المادتان 313-1 و313-2", ["313-1", "313-2"]),
    ("(2 و9-11 ماي 2026)", ["9-11"]),
    ("تأكيد الحفظ OFAC-PRES-2026-0412", ["OFAC-PRES-2026-0412"]),
    ("الهاتف +33 4 72 00 00 01.", ["+33 4 72 00 00 01"]),
    ("المادة 29(7) من", ["29(7)"]),
    ("شركة ExampleCloud SAS، الكائن", ["ExampleCloud SAS"]),
]


def _plain(text: str) -> str:
    return text.translate(dict.fromkeys(map(ord, MARKS)))


@pytest.mark.parametrize(("text", "values"), VALUE_IN_ARABIC)
def test_each_latin_value_in_arabic_text_is_a_unit(text, values):
    pieces = isolate_values(text, rtl=True, verbatim=True)
    assert _plain("".join(pieces)) == text  # nothing but invisible marks is added
    units = [_plain(p) for p in pieces if p.startswith(LRM) and p.endswith(LRM + RLM)]
    assert units == values
    # A value is its own run in Word, without the right-to-left flag that would reorder it.
    assert not any(has_rtl_script(p) for p in pieces if p.startswith(LRM))


def test_plain_numbers_and_arabic_wording_are_left_alone():
    assert isolate_values("التاريخ: 20 مارس 2026، العنوان 203.0.113.45", rtl=True, verbatim=False) == [
        "التاريخ: 20 مارس 2026، العنوان 203.0.113.45"]


def test_latin_value_typed_whole_is_one_unit_with_its_brackets():
    assert isolate_values("(R1) Ltd.", rtl=True, verbatim=True) == [LRM + "(R1) Ltd." + LRM + RLM]


def test_arabic_value_in_a_latin_paragraph_is_a_unit():
    assert isolate_values("قضية رقم 4417/2026", rtl=False, verbatim=True) == [RLM + "قضية رقم 4417/2026" + RLM + LRM]
    assert isolate_values("Hospital الواحة 12 beds", rtl=False, verbatim=True) == [
        "Hospital ", RLM + "الواحة" + RLM + LRM, " 12 beds"]
    assert isolate_values("Plain English 313-1", rtl=False, verbatim=True) == ["Plain English 313-1"]
    assert WORD_JOINER in "".join(isolate_values("المادة 313-1", rtl=True, verbatim=True))


def test_line_breaks_stay_where_they_were_typed():
    pieces = isolate_values("line one\nالسطر 2-3", rtl=True, verbatim=True)
    assert _plain("".join(pieces)) == "line one\nالسطر 2-3"


# --------------------------------------------------------------------------- headers

def _header_lines(data: bytes) -> list[tuple[str, str]]:
    """(left cell, right cell) of each line of the first page's header, marks removed."""
    header = open_docx(data).sections[0].header
    return [tuple(_plain(c.text) for c in row.cells) for t in header.tables for row in t.rows]


@pytest.mark.parametrize(("marking", "pair", "own"), [
    ("سري", ("en", "ar"), {"en": "CONFIDENTIAL · DRAFT", "ar": "سري · مسودة"}),
    ("保密", ("en", "zh"), {"en": "CONFIDENTIAL · DRAFT", "zh": "保密 · 草稿"}),
    ("CONFIDENTIEL", ("ar", "en"), {"ar": "سري · مسودة", "en": "CONFIDENTIAL · DRAFT"}),
])
def test_each_column_header_is_in_its_own_language(marking, pair, own):
    case = make_case("preservation", classification=marking)
    lines = _header_lines(render_bytes(case, languages=list(pair)))
    assert lines[0] == (own[pair[0]], own[pair[1]])


def test_a_marking_the_tool_does_not_know_stays_as_typed():
    """机密 is a state-secret grade of PRC law, not a translation of CONFIDENTIAL: the tool
    does not translate it (locales/GLOSSARY.md)."""
    case = make_case("preservation", classification="机密")
    lines = _header_lines(render_bytes(case, languages=["en", "zh"]))
    assert lines[0] == ("机密 · DRAFT", "机密 · 草稿")
    assert not re.search("[\u0600-\u06ff]", lines[0][0])
