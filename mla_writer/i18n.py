"""Languages: one Babel catalog per language, text direction, and dates and numbers per language.

The catalogs live in ``locales/<lang>/LC_MESSAGES/mla_writer.po`` (domain ``mla_writer``). A wheel
ships compiled ``.mo`` files (built by ``hatch_build.py``); a source checkout has only the ``.po``
files, so a missing or stale ``.mo`` is compiled in memory on first use. Nobody has to remember
to run ``pybabel compile`` for a change to a ``.po`` file to show up.

The wizard uses ``translations(lang).gettext`` for its screens; the documents use the same
catalogs through ``mla_writer.render.templates``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from .cache import read_entry, write_entry
from .labels import LANGUAGES, RTL_LANGUAGES
from .resources import resource_dir

DOMAIN = "mla_writer"
SOURCE_LANGUAGE = "en"

# Babel's locale for each document language. English follows British usage (20 March 2026), as UN
# documents do; Chinese documents are in Simplified Chinese, the script of the official UN texts.
_LOCALES = {"ar": "ar", "en": "en_GB", "es": "es", "fr": "fr", "ru": "ru", "zh": "zh_Hans_CN"}

__all__ = [
    "DOMAIN", "LANGUAGES", "CatalogError", "compile_po", "format_date", "format_datetime",
    "format_number", "is_rtl", "language_name", "locale", "locales_dir", "territory_name",
    "translations",
]


class CatalogError(ValueError):
    """A catalog cannot be read: the message names the file."""


def locales_dir() -> Path:
    return resource_dir("locales")


def _check(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"'{lang}' is not a document language; use one of {', '.join(LANGUAGES)}")
    return lang


def compile_po(po_path: Path) -> bytes:
    """The bytes of the .mo file for a .po file (fuzzy entries left out, as pybabel compile does)."""
    # Only a checkout whose catalog changed since it was last compiled needs Babel's reader.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    try:
        with po_path.open("rb") as fp:
            catalog = read_po(fp, locale=po_path.parent.parent.name, domain=DOMAIN, abort_invalid=True)
    except (OSError, ValueError, SyntaxError, PoFileError) as e:
        raise CatalogError(f"{po_path}: cannot read the catalog ({e})") from None
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


@cache
def translations(lang: str) -> NullTranslations:
    """The catalog for a language (cached). English is the source language: its catalog gives
    every string back as it is (tests/render/test_catalogs.py checks it does), so it is not
    read, which on a checkout's first run also spares compiling it."""
    if _check(lang) == SOURCE_LANGUAGE:
        return NullTranslations()
    folder = locales_dir() / lang / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        try:
            return _catalog(mo.read_bytes())
        except (OSError, ValueError) as e:
            if not po.is_file():
                raise CatalogError(f"{mo}: the compiled catalog is damaged ({e}); reinstall mla-writer") from None
            # a damaged compiled catalog beside its source: compile the source instead
    if po.is_file():
        return _compiled(po, lang)
    return NullTranslations()


def _catalog(mo: bytes) -> Translations:
    """A Translations read from .mo bytes; ValueError if they are not a catalog (cut short,
    empty, or not a .mo file at all: gettext's own errors say "unpack requires a buffer")."""
    import struct

    try:
        return Translations(io.BytesIO(mo), domain=DOMAIN)
    except (OSError, struct.error, UnicodeDecodeError, IndexError, KeyError) as e:
        raise ValueError(f"not a compiled catalog: {e}") from None


def _compiled(po: Path, lang: str) -> Translations:
    """The catalog of a checkout's .po, its .mo bytes kept in the user's cache keyed by the .po's
    content. An entry that does not verify (cache.read_entry) or does not read as a catalog is
    compiled again: a damaged cache costs time, never a failure. The entry read is the catalog
    returned (not read once to check it and again to use it)."""
    source = po.read_bytes()
    name = f"{lang}-{hashlib.sha256(source).hexdigest()[:20]}.mo"
    cached = read_entry("catalogs", name)
    if cached is not None:
        try:
            return _catalog(cached)
        except ValueError:
            pass
    data = compile_po(po)
    write_entry("catalogs", name, data)
    return _catalog(data)


@cache
def locale(lang: str) -> Locale:
    # Babel merges a locale's CLDR data into its parents' on first use. Handing it that data
    # merged from our cache would need its private in-memory cache, and
    # measured at 5% of a whole render it is not worth relying on another library's internals.
    return Locale.parse(_LOCALES[_check(lang)])


def is_rtl(lang: str) -> bool:
    """True for languages written right to left (Arabic). A constant list rather than Babel's
    character_order, which loads a whole locale's data just to answer."""
    return _check(lang) in RTL_LANGUAGES


def format_date(value: dt.date, lang: str, form: str = "long") -> str:
    """A date as a lawyer writes it in that language, e.g. 20 March 2026, 20 mars 2026."""
    return _babel_date(value, format=form, locale=locale(lang))


def format_datetime(value: dt.datetime, lang: str) -> str:
    """Date and time to the second, in the time zone the value carries (no conversion)."""
    loc = locale(lang)
    date_part = _babel_date(value.date(), format="long", locale=loc)
    time_part = _babel_datetime(value, format="HH:mm:ss", tzinfo=value.tzinfo, locale=loc)
    # CLDR's way of joining a date and a time: "3 March 2026, 08:14:52", "2026年3月3日 08:14:52".
    return str(loc.datetime_formats["medium"]).replace("{1}", date_part).replace("{0}", time_part)


def format_number(value: int | float, lang: str) -> str:
    return format_decimal(value, locale=locale(lang))


def territory_name(code: str, lang: str) -> str:
    """A country's name in the language (Babel's CLDR data), or the code when CLDR lacks it."""
    return locale(lang).territories.get(code.upper(), code)


def language_name(code: str, lang: str) -> str:
    return locale(lang).languages.get(code, code)
