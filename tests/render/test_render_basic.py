"""The first end-to-end path: a case renders as a Word document with two languages side by side."""

from __future__ import annotations

import docx
import pytest

from mla_writer.render import RenderError, render_bytes, render_docx

from .cases import FACTS, make_case
from .readback import all_text, body_rows


def test_example_renders_english_and_french_side_by_side(tmp_path, example_path):
    from mla_writer.store import load_case

    case = load_case(example_path)
    out = render_docx(case, tmp_path / "x.docx", languages=["en", "fr"])
    rows = body_rows(docx.Document(str(out)))
    assert ("Request for the expedited preservation of stored computer data",
            "Demande de conservation rapide de données informatiques stockées") in rows
    assert ("Summary of the facts", "Résumé des faits pertinents") in rows
    assert any(row[0].endswith(case.facts.summary.text) for row in rows)


def test_user_text_is_verbatim_with_its_line_breaks(tmp_path):
    case = make_case("preservation")
    data = render_bytes(case, languages=["en", "fr"])
    path = tmp_path / "c.docx"
    path.write_bytes(data)
    assert FACTS in all_text(docx.Document(str(path)))


def test_a_case_without_requests_gives_a_clear_error():
    case = make_case("preservation", requests=[])
    with pytest.raises(RenderError, match="no request"):
        render_bytes(case, languages=["en"])


def test_the_document_carries_its_styles_once_without_the_templates_word_2010_copy():
    """python-docx's template has a stylesWithEffects.xml (Word 2010) without the styles the
    document defines; it is left out, and styles.xml holds them."""
    import io
    import zipfile

    data = render_bytes(make_case("preservation"), languages=["en", "fr"])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert "word/stylesWithEffects.xml" not in names
        assert b"stylesWithEffects" not in z.read("word/_rels/document.xml.rels")
        assert b"stylesWithEffects" not in z.read("[Content_Types].xml")
        assert b'w:styleId="MlaTextFr"' in z.read("word/styles.xml")
    assert docx.Document(io.BytesIO(data)).paragraphs is not None  # python-docx opens it
