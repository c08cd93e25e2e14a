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

from .labels import LANGUAGES, RTL_LANGUAGES
from .resources import cache_dir, cached_pickle, resource_dir

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
    """The catalog for a language (cached). English falls back to the source strings."""
    folder = locales_dir() / _check(lang) / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fp:
            return Translations(fp, domain=DOMAIN)
    if po.is_file():
        return Translations(io.BytesIO(_compiled(po, lang)), domain=DOMAIN)
    return NullTranslations()


def _compiled(po: Path, lang: str) -> bytes:
    """The .mo bytes for a checkout's .po, kept in the user's cache keyed by the .po's content."""
    source = po.read_bytes()
    folder = cache_dir("catalogs")
    cached = folder / f"{lang}-{hashlib.sha256(source).hexdigest()[:20]}.mo" if folder else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    data = compile_po(po)
    if cached is not None:
        from .store import write_atomic

        try:
            write_atomic(cached, data, 0o600)
        except OSError:
            pass  # a cache that cannot be written only costs time
    return data


@cache
def locale(lang: str) -> Locale:
    name = _LOCALES[_check(lang)]
    _preload_locale_data(name)
    return Locale.parse(name)


def _preload_locale_data(name: str) -> None:
    """Give Babel its data for a locale from the user's cache, already merged.

    Babel keeps each locale's CLDR data as its own pickle and merges it into its parents' (en_GB
    into en into root) on first use, key by key in Python: a third of a document's formatting
    time. The merged result is cached, keyed by Babel's version, and put where Babel looks
    first, its own in-memory cache. A Babel that keeps that cache elsewhere loads as usual.
    """
    import babel
    from babel import localedata

    memory = getattr(localedata, "_cache", None)
    if isinstance(memory, dict) and name not in memory:
        key = f"babel {babel.__version__} {name}".encode()
        memory[name] = cached_pickle("babel", key, lambda: localedata.load(name))


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
