"""Each raw-XML helper, read back from the element it wrote (and after a save and reload)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from mla_writer.render import oxml

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


def _reload(document) -> docx.document.Document:
    buf = io.BytesIO()
    document.save(buf)
    return docx.Document(io.BytesIO(buf.getvalue()))


def test_arabic_paragraph_and_run_are_right_to_left():
    d = docx.Document()
    p = d.add_paragraph()
    oxml.set_paragraph_rtl(p)
    run = p.add_run("نص")
    oxml.style_run(run, lang="ar", bold=True, size_pt=10)
    p = _reload(d).paragraphs[0]
    assert p._p.pPr.find(qn("w:bidi")) is not None
    rpr = p.runs[0]._r.rPr
    for tag in ("w:rtl", "w:b", "w:bCs"):
        assert rpr.find(qn(tag)) is not None, tag
    assert rpr.find(qn("w:szCs")).get(qn("w:val")) == "20"
    assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "ar-SA"


def test_rpr_children_follow_schema_order():
    d = docx.Document()
    run = d.add_paragraph().add_run("x")
    oxml.style_run(run, lang="zh", bold=True, italic=True, size_pt=9)
    tags = [c.tag.split("}")[1] for c in run._r.rPr]
    assert tags == ["rFonts", "b", "bCs", "i", "iCs", "sz", "szCs", "lang"]


def test_chinese_run_has_an_east_asian_font():
    d = docx.Document()
    run = d.add_paragraph().add_run("中文")
    oxml.style_run(run, lang="zh")
    rpr = _reload(d).paragraphs[0].runs[0]._r.rPr
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == oxml.EAST_ASIA_FONT
    assert fonts.get(qn("w:hint")) == "eastAsia"
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_document_defaults_fill_every_font_slot():
    d = docx.Document()
    oxml.set_document_defaults(d, size_pt=10)
    fonts = _reload(d).styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr")).find(qn("w:rFonts"))
    assert {k.split("}")[1]: v for k, v in fonts.attrib.items()} == {
        "ascii": oxml.LATIN_FONT, "hAnsi": oxml.LATIN_FONT, "eastAsia": oxml.EAST_ASIA_FONT, "cs": oxml.COMPLEX_FONT}


def test_page_fields():
    d = docx.Document()
    p = d.add_paragraph()
    oxml.add_field(p, "PAGE", lang="en")
    oxml.add_field(p, "NUMPAGES", lang="en")
    p = _reload(d).paragraphs[0]
    instr = [e.text.strip() for e in p._p.iter(qn("w:instrText"))]
    kinds = [e.get(qn("w:fldCharType")) for e in p._p.iter(qn("w:fldChar"))]
    assert instr == ["PAGE", "NUMPAGES"]
    assert kinds == ["begin", "separate", "end"] * 2


def test_checkbox_content_control():
    d = docx.Document()
    oxml.add_checkbox(d.add_paragraph(), True, lang="en")
    oxml.add_checkbox(d.add_paragraph(), False, lang="ar")
    paras = _reload(d).paragraphs
    states = [p._p.find(qn("w:sdt")).find(qn("w:sdtPr")).find(f"{W14}checkbox").find(f"{W14}checked")
              .get(f"{W14}val") for p in paras]
    assert states == ["1", "0"]
    glyphs = ["".join(t.text for t in p._p.iter(qn("w:t"))) for p in paras]
    assert glyphs == [oxml.CHECKED, oxml.UNCHECKED]


def test_table_helpers():
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    oxml.set_table_rtl(t)
    oxml.set_table_borders(t, outer=False, inside_h=False, inside_v=True)
    oxml.set_fixed_layout(t)
    oxml.repeat_header(t.rows[0])
    oxml.set_cell_shading(t.cell(0, 0), "E7E6E6")
    t = _reload(d).tables[0]
    tblpr = t._tbl.tblPr
    assert tblpr.find(qn("w:bidiVisual")) is not None
    borders = tblpr.find(qn("w:tblBorders"))
    assert borders.find(qn("w:insideV")).get(qn("w:val")) == "single"
    assert borders.find(qn("w:top")).get(qn("w:val")) == "none"
    assert len(tblpr.findall(qn("w:tblLayout"))) == 1
    assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert t.cell(0, 0)._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "E7E6E6"


def test_indent_and_alignment_follow_direction():
    d = docx.Document()
    p = d.add_paragraph()
    oxml.set_paragraph_rtl(p)
    oxml.set_indent(p, start=635 * 400, hanging=635 * 200)
    oxml.set_alignment(p, "end")
    ppr = _reload(d).paragraphs[0]._p.pPr
    ind = ppr.find(qn("w:ind"))
    assert (ind.get(qn("w:left")), ind.get(qn("w:hanging"))) == ("400", "200")
    assert ppr.find(qn("w:jc")).get(qn("w:val")) == "left"  # the end of a right-to-left line
    order = [c.tag.split("}")[1] for c in ppr]
    assert order.index("bidi") < order.index("ind") < order.index("jc")


def test_core_properties_and_zip_are_fixed():
    d = docx.Document()
    when = dt.datetime(2026, 3, 20, tzinfo=dt.UTC)
    oxml.fix_core_properties(d, when=when, title="REF-1", subject="preservation")
    data = oxml.save_deterministic(d)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {oxml.FIXED_ZIP_TIME}
        assert {i.external_attr >> 16 for i in z.infolist()} == {0o600}
        core = z.read("docProps/core.xml").decode()
    assert "2026-03-20T00:00:00Z" in core and "REF-1" in core
    cp = docx.Document(io.BytesIO(data)).core_properties
    assert cp.created == cp.modified == when
    # The same parts in the same order as python-docx's own save.
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(buf) as theirs, zipfile.ZipFile(io.BytesIO(data)) as ours:
        assert theirs.namelist() == ours.namelist()
        assert all(theirs.read(n) == ours.read(n) for n in theirs.namelist())
    assert oxml.save_deterministic(d) == data


def test_fixed_dates_are_in_the_local_headers_too_and_the_archive_stays_sound():
    """zipfile reads dates from the central directory only; each entry's own header carries a
    copy, which other readers (and a diff of two documents) see."""
    import struct

    d = docx.Document()
    d.add_paragraph("x")
    data = oxml.save_deterministic(d)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None  # every entry's checksum holds
        for info in z.infolist():
            assert info.create_system == 0
            time, date = struct.unpack_from("<HH", data, info.header_offset + 10)
            assert (time, date) == (0, 1 << 5 | 1)  # 00:00:00, 1980-01-01 in MS-DOS form
    with pytest.raises(ValueError, match="zip archive"):
        oxml._fix_zip_headers(bytearray(b"not a zip"))


def test_package_parts_are_python_docx_own_parts_in_its_order():
    """The renderer zips python-docx's parts itself (once, not python-docx's save and then again):
    the same entries, in the same order, with the same bytes as python-docx's own save."""
    from mla_writer.render.package import write_package

    d = docx.Document()
    d.add_paragraph("x")
    oxml.drop_thumbnail(d)
    oxml.fix_core_properties(d, when=dt.datetime(2026, 3, 20, tzinfo=dt.UTC), title="REF-1", subject="s")
    buf = io.BytesIO()
    d.save(buf)
    parts = oxml.package_parts(d)
    with zipfile.ZipFile(buf) as theirs:
        assert list(parts) == theirs.namelist()
        assert all(parts[n] == theirs.read(n) for n in theirs.namelist())
    streamed = oxml.package_parts(d, {"word/document.xml": lambda write: write("<streamed/>")})
    with zipfile.ZipFile(io.BytesIO(write_package(streamed))) as z:
        assert z.namelist() == list(parts)
        assert z.read("word/document.xml") == b"<streamed/>"
        assert z.read("word/styles.xml") == parts["word/styles.xml"]


def test_python_docx_still_has_the_element_layer_oxml_reaches():
    """oxml.py is the one module reaching python-docx's element attributes: a python-docx that
    renamed one fails here, not in a user's render."""
    from docx import Document
    from lxml import etree

    from mla_writer.render.oxml import story_element

    document = Document()
    paragraph = document.add_paragraph()
    run = paragraph.add_run("x")
    table = document.add_table(rows=1, cols=1)
    section = document.sections[0]
    elements = [paragraph._p, run._r, table._tbl, table.rows[0]._tr, table.cell(0, 0)._tc,
                story_element(section.header), story_element(section.footer)]
    assert all(isinstance(e, etree._Element) for e in elements)
    assert [etree.QName(e).localname for e in elements] == ["p", "r", "tbl", "tr", "tc", "hdr", "ftr"]
