"""The catalogs are complete, consistent with the templates, and keep every placeholder.

A document with one untranslated sentence is a document a central authority sends back, so an
empty or fuzzy entry in any language fails the build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from babel.support import NullTranslations

from mla_writer import i18n

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _catalog(lang: str):
    path = LOCALES / lang / "LC_MESSAGES" / "mla_writer.po"
    assert path.is_file(), f"{path} is missing: run pybabel init (see CONTRIBUTING.md, Translations)"
    with path.open("rb") as fh:
        return read_po(fh, locale=i18n.locale(lang), abort_invalid=True)


def _pot():
    with (LOCALES / "mla_writer.pot").open("rb") as fh:
        return read_po(fh)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_catalog_has_no_untranslated_or_fuzzy_entry(lang):
    catalog = _catalog(lang)
    bad = []
    for m in catalog:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(s and s.strip() for s in strings):
            bad.append(m.id if isinstance(m.id, str) else m.id[0])
    assert not bad, f"{lang}: {len(bad)} untranslated or fuzzy entries, e.g. {bad[:3]}"


def test_the_english_catalog_gives_every_source_string_back():
    """English documents and screens use the source strings without reading en.po
    (i18n.translations): a wording changed only in en.po would never be seen, so it must be
    changed in the source (the template or the code) instead."""
    catalog = _catalog(i18n.SOURCE_LANGUAGE)
    changed = [m.id for m in catalog if m.id and m.string != m.id]
    assert not changed, f"en.po rewords {len(changed)} source strings, e.g. {changed[:3]}: change the source instead"
    assert catalog.plural_expr == "(n != 1)"  # gettext's own rule, used without a catalog
    # en.po is not read at all: the source strings are returned as they are.
    assert type(i18n.translations("en")) is NullTranslations


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_catalog_holds_every_source_string(lang):
    catalog = _catalog(lang)
    missing = [m.id for m in _pot() if m.id and catalog.get(m.id) is None]
    assert not missing, f"{lang}: run pybabel update; missing {missing[:3]}"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_translations_keep_every_placeholder(lang):
    for m in _catalog(lang):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for s in strings:
            # A plural form may spell the number out ("يومين") but must not invent placeholders.
            found = set(PLACEHOLDER.findall(s))
            assert found <= wanted, f"{lang}: {ids[0]!r} has unknown placeholders {found - wanted}"
            if not isinstance(m.id, tuple):
                assert found == wanted, f"{lang}: {ids[0]!r} drops {wanted - found}"


def test_pot_holds_every_string_the_documents_use():
    keywords = dict(DEFAULT_KEYWORDS, N_=None)
    method_map = [("templates/**.j2", "jinja2"), ("mla_writer/render/**.py", "python"),
                  ("mla_writer/i18n.py", "python"), ("mla_writer/labels.py", "python")]
    options = {"templates/**.j2": {"extensions": "jinja2.ext.i18n"}}
    used = {msg for _, _, msg, _, _ in extract_from_dir(str(ROOT), method_map, options, keywords)
            if msg}
    known = {m.id for m in _pot() if m.id}
    missing = sorted(str(x) for x in used - known)
    assert not missing, f"locales/mla_writer.pot is out of date (run pybabel extract): {missing[:3]}"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_catalog_compiles(lang):
    assert i18n.compile_po(LOCALES / lang / "LC_MESSAGES" / "mla_writer.po")
