"""Editable reference data: legal bases, countries, subscriber-information elements.

The data lives in TOML files under ``mla_writer/data/`` so that trainers and central
authorities can correct it without touching code. Each file carries ``source`` and
``as_of``. This module only reads and checks the shape of the files; it imports nothing
heavy (it is on the CLI path) and never touches the network.

Treaty wording in ``citation_en`` / ``citation_fr`` is verbatim or empty: an empty citation
with ``verified = false`` means nobody has checked the wording yet, and the drafter has to
supply it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from .cache import cached_json

__all__ = [
    "LEGAL_BASES_FILE",
    "COUNTRIES_FILE",
    "SUBSCRIBER_FILE",
    "REQUEST_KINDS",
    "TREATY_KEYS",
    "TREATY_STATUSES",
    "RefDataError",
    "LegalBasisInfo",
    "TreatyMembership",
    "CountryInfo",
    "SubscriberElement",
    "SubscriberDefinition",
    "legal_bases",
    "countries",
    "country",
    "subscriber_elements",
    "subscriber_definition",
    "data_as_of",
    "load_legal_bases",
    "load_countries",
    "load_subscriber_definition",
]

LEGAL_BASES_FILE = "legal_bases.toml"
COUNTRIES_FILE = "countries.toml"
SUBSCRIBER_FILE = "subscriber_information.toml"

REQUEST_KINDS = frozenset({"preservation", "subscriber", "traffic", "content", "emergency"})
TREATY_KEYS = ("untoc", "budapest", "sap")
TREATY_STATUSES = frozenset({"party", "signatory", "none", "unknown"})

_META_KEYS = frozenset({"source", "as_of"})


class RefDataError(ValueError):
    """A reference-data file is missing, is not valid TOML, or has a bad value.

    The message always names the file and, where there is one, the key.
    """

    def __init__(self, file: str, key: str | None, problem: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        where = f"{file}: {key}" if key else file
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True, slots=True)
class LegalBasisInfo:
    id: str
    instrument: str
    short: str
    article: str
    treaty: str  # "untoc" | "budapest" | "sap" | ""
    request_kinds: tuple[str, ...]
    citation_en: str
    citation_fr: str
    verified: bool
    user_fills: bool
    source: str
    source_fr: str = ""
    note: str = ""
    #: ((letter, label), ...) e.g. UNTOC 18(15)(a)-(f) or Budapest 29(2)(a)-(f)
    elements: tuple[tuple[str, str], ...] = ()
    #: True when the element labels are verbatim treaty text
    elements_verbatim: bool = False

    def fits(self, kind: str) -> bool:
        return kind in self.request_kinds


@dataclass(frozen=True, slots=True)
class TreatyMembership:
    untoc: str
    budapest: str
    sap: str

    def status(self, treaty: str) -> str:
        """Status for a treaty key; "" (no treaty) and unknown keys give "unknown"."""
        if treaty in TREATY_KEYS:
            return str(getattr(self, treaty))
        return "unknown"


@dataclass(frozen=True, slots=True)
class CountryInfo:
    code: str
    name: str
    languages_accepted: tuple[str, ...]
    languages_note: str
    treaties: TreatyMembership
    treaties_as_of: date
    treaties_source: str
    treaties_note: str = ""


@dataclass(frozen=True, slots=True)
class SubscriberElement:
    id: str  # "service" | "identity" | "installation_site"
    letter: str
    label: str
    text_en: str
    text_fr: str
    note_fr: str = ""


@dataclass(frozen=True, slots=True)
class SubscriberDefinition:
    article: str
    chapeau_en: str
    chapeau_fr: str
    elements: tuple[SubscriberElement, ...]
    source: str
    as_of: date


# --------------------------------------------------------------------------- reading


def _data_dir() -> Path:
    # The package is always unpacked on disk (a checkout or an installed wheel); a plain path
    # spares importlib.resources, which imports zipfile, for the wizard and `check`.
    return Path(__file__).resolve().parent / "data"


def _read(where: Path, file: str) -> dict[str, Any]:
    try:
        raw = where.read_bytes()
    except OSError as exc:
        raise RefDataError(file, None, f"cannot read file ({exc})") from exc
    try:
        # Parsing TOML in pure Python is most of a check's time; the parsed data is cached (as
        # JSON: data, never code), keyed by the file's bytes, so an edited file is parsed again.
        return cached_json("refdata", b"toml " + raw, lambda: tomllib.loads(raw.decode("utf-8")))
    except UnicodeDecodeError as exc:
        raise RefDataError(file, None, f"not UTF-8 ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RefDataError(file, None, f"invalid TOML ({exc})") from exc


def _get(table: dict[str, Any], file: str, key: str, name: str, kind: type, default: Any = ...) -> Any:
    """Fetch ``table[name]`` and check its type; ``key`` is the dotted path for messages."""
    path = f"{key}.{name}" if key else name
    if name not in table:
        if default is ...:
            raise RefDataError(file, path, "missing")
        return default
    value = table[name]
    # bool is a subclass of int; dates are checked exactly (datetime is a date subclass)
    ok = type(value) is kind if kind in (bool, date) else isinstance(value, kind)
    if not ok:
        raise RefDataError(file, path, f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def _str_list(table: dict[str, Any], file: str, key: str, name: str) -> tuple[str, ...]:
    values = _get(table, file, key, name, list)
    if not all(isinstance(v, str) for v in values):
        raise RefDataError(file, f"{key}.{name}", "expected a list of strings")
    return tuple(values)


def _meta(data: dict[str, Any], file: str) -> date:
    _get(data, file, "", "source", str)
    return _get(data, file, "", "as_of", date)


def _tables(data: dict[str, Any], file: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        if key in _META_KEYS:
            continue
        if not isinstance(value, dict):
            raise RefDataError(file, key, f"expected a table, got {type(value).__name__}")
        out[key] = value
    return out


# --------------------------------------------------------------------------- parsing


def _parse_legal_bases(data: dict[str, Any], file: str) -> dict[str, LegalBasisInfo]:
    _meta(data, file)
    result: dict[str, LegalBasisInfo] = {}
    for key, t in _tables(data, file).items():
        kinds = _str_list(t, file, key, "request_kinds")
        bad = sorted(set(kinds) - REQUEST_KINDS)
        if bad:
            raise RefDataError(file, f"{key}.request_kinds", f"unknown request kind(s) {bad}")
        treaty = _get(t, file, key, "treaty", str)
        if treaty not in (*TREATY_KEYS, ""):
            raise RefDataError(file, f"{key}.treaty", f"unknown treaty key {treaty!r}")
        elements: tuple[tuple[str, str], ...] = ()
        verbatim = False
        el = _get(t, file, key, "elements", dict, None)
        if el is not None:
            verbatim = _get(el, file, f"{key}.elements", "verbatim", bool, False)
            pairs = []
            for letter, label in el.items():
                if letter == "verbatim":
                    continue
                if not isinstance(label, str):
                    raise RefDataError(file, f"{key}.elements.{letter}", "expected str")
                pairs.append((letter, label))
            elements = tuple(pairs)
        result[key] = LegalBasisInfo(
            id=key,
            instrument=_get(t, file, key, "instrument", str),
            short=_get(t, file, key, "short", str),
            article=_get(t, file, key, "article", str),
            treaty=treaty,
            request_kinds=kinds,
            citation_en=_get(t, file, key, "citation_en", str),
            citation_fr=_get(t, file, key, "citation_fr", str, ""),
            verified=_get(t, file, key, "verified", bool),
            user_fills=_get(t, file, key, "user_fills", bool, False),
            source=_get(t, file, key, "source", str),
            source_fr=_get(t, file, key, "source_fr", str, ""),
            note=_get(t, file, key, "note", str, ""),
            elements=elements,
            elements_verbatim=verbatim,
        )
    return result


def _parse_countries(data: dict[str, Any], file: str) -> dict[str, CountryInfo]:
    _meta(data, file)
    result: dict[str, CountryInfo] = {}
    for code, t in _tables(data, file).items():
        if len(code) != 2 or not code.isascii() or not code.isupper():
            raise RefDataError(file, code, "table name must be an ISO 3166-1 alpha-2 code")
        langs = _str_list(t, file, code, "languages_accepted")
        for lang in langs:
            if len(lang) != 2 or not lang.isascii() or not lang.islower():
                raise RefDataError(file, f"{code}.languages_accepted", f"{lang!r} is not an ISO 639-1 code")
        tr = _get(t, file, code, "treaties", dict)
        status: dict[str, str] = {}
        for treaty in TREATY_KEYS:
            value = _get(tr, file, f"{code}.treaties", treaty, str)
            if value not in TREATY_STATUSES:
                raise RefDataError(file, f"{code}.treaties.{treaty}", f"status {value!r} not in {sorted(TREATY_STATUSES)}")
            status[treaty] = value
        result[code] = CountryInfo(
            code=code,
            name=_get(t, file, code, "name", str),
            languages_accepted=langs,
            languages_note=_get(t, file, code, "languages_note", str, ""),
            treaties=TreatyMembership(**status),
            treaties_as_of=_get(t, file, code, "treaties_as_of", date),
            treaties_source=_get(t, file, code, "treaties_source", str),
            treaties_note=_get(t, file, code, "treaties_note", str, ""),
        )
    return result


def _parse_subscriber(data: dict[str, Any], file: str) -> SubscriberDefinition:
    as_of = _meta(data, file)
    raw = _get(data, file, "", "elements", list)
    elements = []
    for i, t in enumerate(raw):
        key = f"elements[{i}]"
        if not isinstance(t, dict):
            raise RefDataError(file, key, "expected a table")
        elements.append(
            SubscriberElement(
                id=_get(t, file, key, "id", str),
                letter=_get(t, file, key, "letter", str),
                label=_get(t, file, key, "label", str),
                text_en=_get(t, file, key, "text_en", str),
                text_fr=_get(t, file, key, "text_fr", str, ""),
                note_fr=_get(t, file, key, "note_fr", str, ""),
            )
        )
    return SubscriberDefinition(
        article=_get(data, file, "", "article", str),
        chapeau_en=_get(data, file, "", "chapeau_en", str),
        chapeau_fr=_get(data, file, "", "chapeau_fr", str, ""),
        elements=tuple(elements),
        source=_get(data, file, "", "source", str),
        as_of=as_of,
    )


# --------------------------------------------------------------------------- public API


def load_legal_bases(path: Path) -> dict[str, LegalBasisInfo]:
    """Read a legal-bases file from any path (the cached :func:`legal_bases` reads the packaged one)."""
    return _parse_legal_bases(_read(path, path.name), path.name)


def load_countries(path: Path) -> dict[str, CountryInfo]:
    return _parse_countries(_read(path, path.name), path.name)


def load_subscriber_definition(path: Path) -> SubscriberDefinition:
    return _parse_subscriber(_read(path, path.name), path.name)


@cache
def legal_bases() -> dict[str, LegalBasisInfo]:
    """All legal bases, keyed by id (``untoc-18``, ``budapest-29``...). Do not mutate."""
    return load_legal_bases(_data_dir() / LEGAL_BASES_FILE)


@cache
def countries() -> dict[str, CountryInfo]:
    """All countries, keyed by ISO 3166-1 alpha-2 code (``XK`` for Kosovo). Do not mutate."""
    return load_countries(_data_dir() / COUNTRIES_FILE)


def country(code: str) -> CountryInfo | None:
    return countries().get(code.strip().upper())


@cache
def subscriber_definition() -> SubscriberDefinition:
    """Budapest Convention art. 18(3): chapeau plus elements (a)-(c)."""
    return load_subscriber_definition(_data_dir() / SUBSCRIBER_FILE)


def subscriber_elements() -> list[SubscriberElement]:
    return list(subscriber_definition().elements)


@cache
def _as_of() -> dict[str, date]:
    out: dict[str, date] = {}
    for file in (LEGAL_BASES_FILE, COUNTRIES_FILE, SUBSCRIBER_FILE):
        out[file.removesuffix(".toml")] = _meta(_read(_data_dir() / file, file), file)
    return out


def data_as_of() -> dict[str, date]:
    """``{"legal_bases": date, "countries": date, "subscriber_information": date}``."""
    return dict(_as_of())
