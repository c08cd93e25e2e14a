"""Catalog loading, text direction and per-language formatting (mla_writer.i18n)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mla_writer import i18n

ROOT = i18n.locales_dir()


@pytest.fixture
def locales(tmp_path, monkeypatch):
    """A private copy of the French catalog, so tests can age and break files."""
    target = tmp_path / "locales" / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(ROOT / "fr" / "LC_MESSAGES" / "mla_writer.po", target / "mla_writer.po")
    monkeypatch.setattr(i18n, "locales_dir", lambda: tmp_path / "locales")
    i18n.translations.cache_clear()
    yield target
    i18n.translations.cache_clear()


def test_french_catalog_translates():
    assert i18n.translations("fr").gettext("DRAFT") == "PROJET"


def test_english_is_the_source_language():
    assert i18n.translations("en").gettext("DRAFT") == "DRAFT"


def test_a_checkout_without_mo_compiles_the_po_in_memory(locales):
    assert not (locales / "mla_writer.mo").exists()
    assert i18n.translations("fr").gettext("DRAFT") == "PROJET"
    assert not (locales / "mla_writer.mo").exists()  # nothing written into the source tree


def test_a_stale_mo_is_ignored(locales):
    mo = locales / "mla_writer.mo"
    mo.write_bytes(b"not a catalog")  # would fail to load if it were used
    old = (locales / "mla_writer.po").stat().st_mtime - 100
    os.utime(mo, (old, old))
    assert i18n.translations("fr").gettext("DRAFT") == "PROJET"


def test_a_fresh_mo_is_used(locales):
    mo = locales / "mla_writer.mo"
    mo.write_bytes(i18n.compile_po(locales / "mla_writer.po"))
    (locales / "mla_writer.po").write_text("this is not a catalog", encoding="utf-8")
    new = (locales / "mla_writer.po").stat().st_mtime + 100
    os.utime(mo, (new, new))
    assert i18n.translations("fr").gettext("DRAFT") == "PROJET"


def test_a_broken_po_names_the_file(locales):
    (locales / "mla_writer.po").write_text('msgid "a"\nthis is not a keyword\n', encoding="utf-8")
    with pytest.raises(i18n.CatalogError, match="mla_writer.po"):
        i18n.translations("fr")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="not a document language"):
        i18n.translations("de")


def test_direction():
    assert i18n.is_rtl("ar")
    assert not any(i18n.is_rtl(x) for x in ("en", "es", "fr", "ru", "zh"))


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "20 March 2026"), ("fr", "20 mars 2026"), ("es", "20 de marzo de 2026"),
    ("ru", "20 марта 2026\u202fг."), ("zh", "2026年3月20日"),
])
def test_dates_per_language(lang, expected):
    assert i18n.format_date(dt.date(2026, 3, 20), lang) == expected


def test_arabic_date_uses_the_arabic_month_name():
    assert "مارس" in i18n.format_date(dt.date(2026, 3, 20), "ar")


def test_datetime_keeps_the_zone_it_is_given():
    local = dt.datetime(2026, 3, 3, 8, 14, 52, tzinfo=ZoneInfo("America/Sao_Paulo"))
    assert i18n.format_datetime(local, "en") == "3 March 2026, 08:14:52"
    assert i18n.format_datetime(local.astimezone(dt.UTC), "en") == "3 March 2026, 11:14:52"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "184,350"), ("fr", "184\u202f350"), ("es", "184.350"), ("ru", "184\xa0350"), ("zh", "184,350"),
])
def test_numbers_per_language(lang, expected):
    assert i18n.format_number(184350, lang) == expected


def test_country_names_per_language():
    assert i18n.territory_name("IE", "fr") == "Irlande"
    assert i18n.territory_name("IE", "zh") == "爱尔兰"
    assert i18n.territory_name("XK", "en") == "Kosovo"


_FORMAT_ALL = (
    "import datetime as dt, json, sys; from mla_writer import i18n\n"
    "when = dt.datetime(2026, 3, 3, 8, 14, 52, tzinfo=dt.timezone(dt.timedelta(hours=1)))\n"
    "print(json.dumps({lang: [i18n.format_date(when.date(), lang), i18n.format_datetime(when, lang),\n"
    "    i18n.territory_name('KE', lang), i18n.territory_name('BR', lang), i18n.language_name('fr', lang),\n"
    "    i18n.format_number(1234567.5, lang)] for lang in i18n.LANGUAGES}, ensure_ascii=False))\n"
)


def _format_all(cache: Path | None) -> dict:
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "XDG_CACHE_HOME": str(cache) if cache else "/nonexistent/unwritable"}
    out = subprocess.run([sys.executable, "-c", _FORMAT_ALL], env=env, capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)


def test_formats_are_babels_own_with_or_without_a_cache_folder(tmp_path: Path):
    """Dates, numbers and names come from Babel's own locale data in every language, the same
    whether or not a cache folder is usable (no merged locale data is kept there: see
    i18n.locale), and the same on a second run with the cache filled."""
    plain = _format_all(None)  # no usable cache folder
    assert plain["fr"][2] == "Kenya" and plain["zh"][0] == "2026年3月3日"
    assert _format_all(tmp_path) == plain  # fills the cache
    assert _format_all(tmp_path) == plain  # with the cache filled
    assert not (tmp_path / "mla-writer" / "babel").exists()
