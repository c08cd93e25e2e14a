"""User text is data, never markup or template; output is deterministic; templates are sandboxed."""

from __future__ import annotations

import shutil

import pytest

from mla_writer.render import RenderError, render_blocks, render_bytes, template_dir

from .cases import make_case, text
from .readback import all_text, open_docx, part_xml, visible_text

HOSTILE = [
    "<b>&{{ x }}</b> {% if %} ]]> <!-- -->",
    "Payment of 1 000 € 💸 to the 🏦 account",
    "RTL override \u202egpj.exe\u202c and isolate \u2067abc\u2069 kept as typed",
    "  leading and trailing spaces  ",
    "Line one\nLine two\n\nParagraph after a blank line",
    "Arabic inside English: تحويل مصرفي, and 中文",
    "%(state)s %s %% {0} $x",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_is_shown_literally(value):
    case = make_case("preservation", facts={"summary": text(value), "connection": text(value)})
    for langs in (["en", "fr"], ["ar", "en"]):
        data = render_bytes(case, languages=langs)
        assert value in visible_text(open_docx(data))
        assert "<b>" not in part_xml(data, "word/document.xml").replace("&lt;b&gt;", "")


def test_user_text_in_a_sentence_stays_literal():
    case = make_case("preservation")
    case.confidentiality.until = "{{ 7*7 }} <i>or</i> %(x)s"
    data = render_bytes(case, languages=["en", "fr"])
    assert "{{ 7*7 }} <i>or</i> %(x)s" in all_text(open_docx(data))
    assert "49" not in all_text(open_docx(data)).split("Confidentiality")[-1].split("\n")[1]


def test_same_case_gives_the_same_bytes():
    case = make_case("emergency")
    first = render_bytes(case, languages=["ar", "zh"])
    again = render_bytes(make_case("emergency"), languages=["ar", "zh"])
    assert first == again


def test_a_change_to_the_case_changes_the_fingerprint_and_bytes():
    a = make_case("subscriber")
    b = make_case("subscriber", reference="TEST-2026-002")
    assert render_bytes(a, languages=["en"]) != render_bytes(b, languages=["en"])
    from mla_writer.render.context import fingerprint

    assert fingerprint(a) != fingerprint(b) and len(fingerprint(a)) == 16


@pytest.fixture
def own_templates(tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(template_dir(), folder)
    return folder


def test_a_templates_folder_replaces_the_bundled_one(own_templates):
    path = own_templates / "subscriber.html.j2"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "{% block assistance_intro %}", "{% block assistance_intro %}<p>Custom paragraph</p>"), encoding="utf-8")
    case = make_case("subscriber")
    data = render_bytes(case, languages=["en", "fr"], templates=own_templates)
    assert "Custom paragraph" in all_text(open_docx(data))


def test_a_template_that_branches_on_the_language_is_refused(own_templates):
    path = own_templates / "content.html.j2"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "{% block assistance_intro %}{% endblock %}",
        "{% block assistance_intro %}{% if L.code == 'fr' %}<p>x</p>{% endif %}{% endblock %}"), encoding="utf-8")
    with pytest.raises(RenderError, match="must not branch on the language"):
        render_bytes(make_case("content"), languages=["en", "fr"], templates=own_templates)


@pytest.mark.parametrize("evil", [
    "{{ ''.__class__.__mro__ }}",
    "{{ L._t }}",
    "{{ cycler.__init__.__globals__ }}",
])
def test_templates_are_sandboxed(own_templates, evil):
    (own_templates / "header.html.j2").write_text(f"<p>{evil}</p>", encoding="utf-8")
    with pytest.raises(RenderError):
        render_blocks(make_case("traffic"), ["en"], own_templates)


def test_broken_markup_names_the_template(own_templates):
    (own_templates / "footer.html.j2").write_text("<p>unclosed", encoding="utf-8")
    with pytest.raises(RenderError, match=r"footer\.html\.j2"):
        render_blocks(make_case("traffic"), ["en"], own_templates)


def test_a_missing_kind_template_says_what_is_needed(own_templates):
    (own_templates / "emergency.html.j2").unlink()
    with pytest.raises(RenderError, match="no template emergency.html.j2"):
        render_blocks(make_case("emergency"), ["en"], own_templates)


def test_missing_required_values_are_visible():
    case = make_case("preservation", purpose="", signature={})
    case.requests[0].necessity.text = ""
    text_ = all_text(open_docx(render_bytes(case, languages=["en", "fr"])))
    assert "[to be completed]" in text_ and "[à compléter]" in text_
