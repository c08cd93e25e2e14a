"""Rendered documents read back: every request kind in every language.

Each kind is rendered in three pairs (en+fr, ar+zh, es+ru) so that every language sits in a
column of every kind; that all 15 pairs line up follows from every language producing blocks of
the same shape, which test_every_language_gives_the_same_shape checks for each kind.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from docx.oxml.ns import qn

from mla_writer import i18n
from mla_writer.render import render_blocks, render_bytes, render_package
from mla_writer.render.oxml import EAST_ASIA_FONT, has_rtl_script

from .cases import FACTS, KINDS, LANGS, findings, make_case
from .readback import all_text, body_rows, open_docx, part_names, part_xml

PAIRS = (("en", "fr"), ("ar", "zh"), ("es", "ru"))
TITLES = {
    "preservation": "Request for the expedited preservation of stored computer data",
    "subscriber": "Request for mutual legal assistance: subscriber information",
    "traffic": "Request for mutual legal assistance: stored traffic data",
    "content": "Request for mutual legal assistance: stored content data",
    "emergency": "Emergency request for the disclosure of data",
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def tr(lang: str, msgid: str) -> str:
    return i18n.translations(lang).gettext(msgid)


@cache
def rendered(kind: str, langs: tuple[str, ...]) -> bytes:
    case = make_case(kind)
    return render_bytes(case, languages=list(langs))


CASES = [(k, p) for k in KINDS for p in PAIRS]


@pytest.mark.parametrize("kind", KINDS)
def test_every_language_gives_the_same_shape(kind):
    case = make_case(kind)
    shapes = {}
    for lang in LANGS:
        parts = render_blocks(case, [lang])
        shapes[lang] = [[b.shape() for b in part.body[0]] for part in parts]
    assert all(s == shapes["en"] for s in shapes.values())


@pytest.mark.parametrize(("kind", "pair"), CASES)
def test_title_and_headings_in_both_languages(kind, pair):
    rows = body_rows(open_docx(rendered(kind, pair)))
    assert (tr(pair[0], TITLES[kind]), tr(pair[1], TITLES[kind])) in rows
    for heading in ("Legal basis", "Requesting authority", "Summary of the facts", "Contacts"):
        assert (tr(pair[0], heading), tr(pair[1], heading)) in rows, heading
    for lang in pair:
        if lang != "en":
            assert tr(lang, "Legal basis") != "Legal basis", f"{lang} catalog not used"


@pytest.mark.parametrize(("kind", "pair"), CASES)
def test_facts_verbatim_or_marked_pending(kind, pair):
    document = open_docx(rendered(kind, pair))
    text = all_text(document)
    for lang in pair:
        if lang == "en":
            assert FACTS in text  # the drafting language: exactly as typed, line break included
        elif lang == "fr":
            assert "Le 3 mars 2026, une société lyonnaise a reçu une fausse facture." in text
        else:
            assert tr(lang, "[translation pending]") in text


@pytest.mark.parametrize(("kind", "pair"), CASES)
def test_identifiers_and_dates_formatted_per_language(kind, pair):
    text = all_text(open_docx(rendered(kind, pair)))
    for lang in pair:
        assert i18n.format_date(make_case(kind).date, lang) in text  # the letterhead date
    if kind in ("traffic", "content"):
        assert "billing@invoices.example.net" in text
    else:
        assert "198.51.100.23" in text
        assert "America/Sao_Paulo" in text
        for lang in pair:
            local = i18n.format_datetime(make_case(kind).requests[0].items[-1].identifier.local_time(), lang)
            assert local in text and local.endswith("08:14:52")
            utc = i18n.format_datetime(make_case(kind).requests[0].items[-1].identifier.utc(), lang)
            assert utc in text and utc.endswith("11:14:52")
            assert tr(lang, "source port %(port)s") % {"port": 52144} in text


@pytest.mark.parametrize(("kind", "pair"), CASES)
def test_header_and_footer(kind, pair):
    data = rendered(kind, pair)
    headers = " ".join(part_xml(data, n) for n in part_names(data) if re.match(r"word/header\d+\.xml", n))
    footers = " ".join(part_xml(data, n) for n in part_names(data) if re.match(r"word/footer\d+\.xml", n))
    assert "TEST-2026-001" in headers
    for lang in pair:
        assert tr(lang, "DRAFT") in headers
        assert tr(lang, "CONFIDENTIAL") in headers  # a known marking, in each language
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footers)
    assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", footers)
    from mla_writer.render.context import fingerprint

    assert fingerprint(make_case(kind)) in footers


@pytest.mark.parametrize(("kind", "pair"), CASES)
def test_the_checklist_is_on_the_review_sheet_not_in_the_request(kind, pair):
    case = make_case(kind)
    documents, sheet = render_package(case, languages=list(pair), findings=findings(case))
    assert "<w14:checkbox>" not in part_xml(documents[0].data, "word/document.xml")
    assert part_xml(sheet, "word/document.xml").count("<w14:checkbox>") == 19  # one language: the drafting one
    text = all_text(open_docx(sheet))
    assert tr(case.drafting_language, "Checklist for the central authority") in text


@pytest.mark.parametrize("kind", KINDS)
def test_arabic_column_is_right_to_left(kind):
    document = open_docx(rendered(kind, ("ar", "zh")))
    table = document.tables[0]
    for row in table.rows:
        ar, zh = row.cells
        for p in ar.paragraphs:
            assert p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None
            for r in p.runs:
                # Arabic script is marked right to left; Latin user text and digits are not, so
                # Word does not reorder an IP address or a time.
                assert (r._r.rPr.find(qn("w:rtl")) is not None) == has_rtl_script(r.text), r.text
        for p in zh.paragraphs:
            assert p._p.pPr is None or p._p.pPr.find(qn("w:bidi")) is None


@pytest.mark.parametrize("kind", KINDS)
def test_chinese_runs_name_an_east_asian_font(kind):
    document = open_docx(rendered(kind, ("ar", "zh")))
    runs = [r for row in document.tables[0].rows for p in row.cells[1].paragraphs for r in p.runs if r.text.strip()]
    assert runs
    for r in runs:
        fonts = r._r.rPr.find(qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")) == EAST_ASIA_FONT
        assert r._r.rPr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    styles = open_docx(rendered(kind, ("ar", "zh"))).styles.element.xml
    assert f'w:eastAsia="{EAST_ASIA_FONT}"' in styles


def test_single_arabic_document_lays_tables_out_from_the_right():
    data = rendered("preservation", ("ar",))
    xml = part_xml(data, "word/document.xml")
    assert "<w:bidiVisual/>" in xml
    document = open_docx(data)
    assert all(p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None
               for p in document.paragraphs if p.text.strip())
    assert tr("ar", TITLES["preservation"]) in all_text(document)


def test_single_language_has_no_side_by_side_table():
    document = open_docx(rendered("subscriber", ("fr",)))
    assert tr("fr", TITLES["subscriber"]) in [p.text for p in document.paragraphs]
    assert all(len(t.columns) != 2 for t in document.tables)


def test_final_case_has_no_draft_marking():
    case = make_case("preservation", status="final")
    data = render_bytes(case, languages=["en", "fr"])
    headers = " ".join(part_xml(data, n) for n in part_names(data) if n.startswith("word/header"))
    assert "DRAFT" not in headers and "PROJET" not in headers
    assert "CONFIDENTIAL" in headers and "CONFIDENTIEL" in headers


def test_an_unknown_marking_is_shown_as_typed():
    case = make_case("traffic", classification="NATO UNCLASSIFIED <x>")
    data = render_bytes(case, languages=["en", "fr"])
    headers = " ".join(part_xml(data, n) for n in part_names(data) if n.startswith("word/header"))
    assert headers.count("NATO UNCLASSIFIED &lt;x&gt;") >= 2


def test_one_section_per_request_numbered_within_the_document():
    data = dict(make_case("preservation").model_dump(mode="json"))
    second = make_case("subscriber").requests[0].model_dump(mode="json")
    second["id"] = "R2"
    data["requests"].append(second)
    from mla_writer.model import Case

    case = Case.model_validate(data)
    document = open_docx(render_bytes(case, languages=["en", "fr"]))
    assert len(document.sections) == 2
    text = all_text(document)
    assert "request R2, 2 of 2" in text and "demande R2, 2 sur 2" in text
    alone = all_text(open_docx(render_bytes(case, languages=["en", "fr"], requests=case.requests[1:])))
    assert "request R2" not in alone  # alone in its document, it is not numbered


@pytest.mark.parametrize("langs", [("en", "fr"), ("ar",)])
def test_headers_and_footers_end_with_a_paragraph(langs):
    """Word reports a damaged file when a header or footer story ends with a table."""
    data = rendered("traffic", langs)
    for name in part_names(data):
        if re.match(r"word/(header|footer)\d+\.xml", name):
            xml = part_xml(data, name)
            assert xml.rstrip().endswith("</w:p></w:hdr>") or xml.rstrip().endswith("</w:p></w:ftr>"), name
