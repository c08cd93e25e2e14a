"""The one-pass catalog compiler gives the translations Babel's reader and write_mo give."""

from __future__ import annotations

import gettext
import io

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from mla_writer import i18n
from mla_writer.labels import LANGUAGES
from mla_writer.pocompile import compile_po_fast


def _babel(text: str, lang: str) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, read_po(io.BytesIO(text.encode("utf-8")), locale=lang, abort_invalid=True), use_fuzzy=False)
    return buf.getvalue()


def _same(ours: bytes, theirs: bytes, catalog) -> None:
    a, b = gettext.GNUTranslations(io.BytesIO(ours)), gettext.GNUTranslations(io.BytesIO(theirs))
    for m in catalog:
        if not m.id:
            continue
        if m.pluralizable:
            for n in range(0, 12):
                args = (m.id[0], m.id[1], n)
                assert (a.npgettext(m.context, *args) if m.context else a.ngettext(*args)) == (
                    b.npgettext(m.context, *args) if m.context else b.ngettext(*args)), (m.id, n)
        else:
            assert (a.pgettext(m.context, m.id) if m.context else a.gettext(m.id)) == (
                b.pgettext(m.context, m.id) if m.context else b.gettext(m.id)), m.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalog_compiles_to_the_same_translations_as_babel(lang):
    text = (i18n.locales_dir() / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po").read_text("utf-8")
    ours = compile_po_fast(text)
    assert ours is not None
    _same(ours, _babel(text, lang), read_po(io.BytesIO(text.encode("utf-8")), locale=lang))


HEADER = ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
          '"Content-Type: text/plain; charset=utf-8\\n"\n\n')


def test_fuzzy_untranslated_context_plurals_and_escapes_as_babel_reads_them():
    text = HEADER + (
        '#, fuzzy\nmsgid "fuzzy"\nmsgstr "flou"\n\n'
        'msgid "empty"\nmsgstr ""\n\n'
        'msgctxt "menu"\nmsgid "Open"\nmsgstr "Ouvrir"\n\n'
        'msgid "Open"\nmsgstr "Ouvert"\n\n'
        '#, python-format\nmsgid "%(num)d rule"\nmsgid_plural "%(num)d rules"\nmsgstr[0] "%(num)d règle"\n'
        'msgstr[1] ""\n\n'
        'msgid ""\n"two "\n"lines\\n\\t\\"quoted\\" \\\\ back"\nmsgstr "deux "\n"lignes\\n\\t\\"cité\\" \\\\"\n'
    )
    ours = compile_po_fast(text)
    assert ours is not None
    _same(ours, _babel(text, "fr"), read_po(io.BytesIO(text.encode("utf-8")), locale="fr"))
    t = gettext.GNUTranslations(io.BytesIO(ours))
    assert t.gettext("fuzzy") == "fuzzy" and t.gettext("empty") == "empty"
    assert t.pgettext("menu", "Open") == "Ouvrir" and t.gettext("Open") == "Ouvert"
    assert t.ngettext("%(num)d rule", "%(num)d rules", 5) == "%(num)d rules"  # an empty form: the source
    assert t.gettext('two lines\n\t"quoted" \\ back') == 'deux lignes\n\t"cité" \\'


@pytest.mark.parametrize("odd", [
    '#~ msgid "old"\n#~ msgstr "vieux"\n',  # obsolete entries
    'msgid "a"\nmsgstr "b"\nmsgstr "c"\n',  # a second msgstr
    'msgid "a"\nmsgstr[0] "b"\n',  # a plural form without msgid_plural
    'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[2] "c"\n',  # more forms than declared
    'msgid "a"\nmsgstr "b\n',  # a string left open
    'nonsense\n',
])
def test_anything_else_is_left_to_babel(odd):
    assert compile_po_fast(HEADER + odd) is None
