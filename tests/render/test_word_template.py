"""The trimmed Word template (mla_writer/render/word_template.py): still what its command makes
from python-docx's template, and every style a document names is defined in it."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from mla_writer import examples
from mla_writer.render import render_bytes
from mla_writer.render.word_template import TEMPLATE, source_template, trimmed

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def test_the_shipped_template_is_what_its_command_makes():
    shipped, made = _parts(TEMPLATE.read_bytes()), _parts(trimmed(source_template()))
    assert list(shipped) == list(made)
    changed = [name for name in shipped if shipped[name] != made[name]]
    assert not changed, f"{changed}: run scripts/word-template.py and review the change"


def test_python_docx_licence_travels_with_the_template():
    notice = TEMPLATE.with_suffix(".LICENSE").read_text("utf-8")
    assert "Copyright (c) 2013 Steve Canny" in notice and "Permission is hereby granted" in notice


def test_only_the_styles_are_trimmed():
    source, shipped = _parts(source_template()), _parts(TEMPLATE.read_bytes())
    assert list(source) == list(shipped)
    assert [n for n in source if source[n] != shipped[n]] == ["word/styles.xml"]
    ids = re.findall(rb'w:styleId="([^"]+)"', shipped["word/styles.xml"])
    assert len(ids) < 30 < len(re.findall(rb'w:styleId="', source["word/styles.xml"]))
    assert {b"Normal", b"Heading1", b"Heading2", b"Heading3", b"TableNormal", b"ListNumber"} <= set(ids)


@pytest.mark.parametrize(("name", "langs"), [("bec-preservation", ("en", "fr")), ("ransomware-hospital", ("ar", "en")),
                                             ("ddos-for-hire", ("zh", "ru")), ("threat-to-life-emergency", ("es",))])
def test_every_style_a_document_names_is_defined(name, langs):
    case = examples.load_example(name)
    parts = _parts(render_bytes(case, languages=list(langs), today=examples.check_date(case)))
    styles = parts["word/styles.xml"].decode("utf-8")
    defined = set(re.findall(r'w:styleId="([^"]+)"', styles))
    named = {(part, ref) for part, xml in parts.items() if part.startswith("word/") and part.endswith(".xml")
             for ref in re.findall(r'<w:(?:pStyle|rStyle|tblStyle|basedOn|link|next) w:val="([^"]+)"',
                                   xml.decode("utf-8"))}
    assert any(part == "word/document.xml" for part, _ in named)
    missing = sorted((part, ref) for part, ref in named if ref not in defined)
    assert not missing, missing[:10]
    assert len(parts["word/styles.xml"]) < 100_000  # python-docx's template alone: 430 KB
