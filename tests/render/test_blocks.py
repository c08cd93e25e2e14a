"""The document markup: every element, whitespace rules, and the errors a template author sees."""

from __future__ import annotations

import pytest

from mla_writer.render.blocks import MarkupError, Run, pair_blocks, parse_blocks


def test_headings_paragraphs_and_numbering():
    blocks = parse_blocks("<h1>Title</h1><p class='quote'>Q</p><np>one</np><np>two</np><h3>x</h3>")
    assert [(b.kind, b.level, b.style, b.number) for b in blocks] == [
        ("heading", 1, "", ""), ("para", 0, "quote", ""), ("numbered", 0, "", "1."),
        ("numbered", 0, "", "2."), ("heading", 3, "", "")]


def test_lists_are_lettered_or_bulleted():
    blocks = parse_blocks("<ol><li>a</li><li>b</li></ol><ul><li>c</li></ul>")
    assert [b.number for b in blocks] == ["(a)", "(b)", "•"]


def test_template_whitespace_collapses_but_user_text_is_kept():
    blocks = parse_blocks("<p>\n   Label:   <t>  two  spaces\nand a line  </t>\n </p>")
    assert blocks[0].runs == (Run("Label: "), Run("  two  spaces\nand a line  ", verbatim=True))


def test_inline_markup():
    (b,) = parse_blocks('<p><b>B</b> <i>I</i><br/><pending>[x]</pending> <field name="PAGE"/></p>')
    assert [r for r in b.runs if r.bold][0].text == "B"
    assert [r for r in b.runs if r.italic and not r.pending][0].text == "I"
    assert any(r.brk for r in b.runs)
    assert [r for r in b.runs if r.pending][0].text == "[x]"
    assert [r.field for r in b.runs if r.field] == ["PAGE"]


def test_checklist_items_and_tables():
    blocks = parse_blocks('<check state="yes">ok</check><table cols="1 2"><tr><th>A</th><th>B</th></tr>'
                          '<tr><td>1</td><td>2</td></tr></table><pagebreak/>')
    assert blocks[0].state == "yes"
    table = blocks[1]
    assert table.header_rows == 1 and table.widths == (1, 2)
    assert table.text == "A\tB\n1\t2"
    assert blocks[2].kind == "pagebreak"


@pytest.mark.parametrize(("markup", "message"), [
    ("<p>unclosed", "not well-formed"),
    ("loose text", "outside a paragraph"),
    ("<p>x</p>tail", "outside a paragraph"),
    ("<div>x</div>", "not part of the document markup"),
    ("<p><span>x</span></p>", "not allowed inside a paragraph"),
    ("<p class='huge'>x</p>", "class"),
    ("<check state='maybe'>x</check>", "state"),
    ("<table><p>x</p></table>", "only <tr>"),
    ("<table cols='1'><tr><td>a</td><td>b</td></tr></table>", "one positive number per column"),
    ('<p><field name="DATE"/></p>', "PAGE or NUMPAGES"),
])
def test_markup_errors_name_the_template(markup, message):
    with pytest.raises(MarkupError, match=message) as e:
        parse_blocks(markup, where="custom.html.j2 (fr)")
    assert "custom.html.j2 (fr)" in str(e.value)


def test_entities_are_not_resolved():
    with pytest.raises(MarkupError):
        parse_blocks('<!DOCTYPE d [<!ENTITY x "boom">]><p>&x;</p>')


def test_pairing_refuses_different_shapes():
    en = parse_blocks("<h1>A</h1><np>x</np>")
    assert len(pair_blocks(en, parse_blocks("<h1>B</h1><np>y</np>"))) == 2
    with pytest.raises(MarkupError, match="must not branch on the language"):
        pair_blocks(en, parse_blocks("<h1>B</h1><p>y</p>"))
    with pytest.raises(MarkupError, match="must not branch on the language"):
        pair_blocks(en, parse_blocks("<h1>B</h1>"))
