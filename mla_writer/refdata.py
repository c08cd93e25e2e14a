"""Editable reference data: treaties, legal bases, countries, the quoted source excerpts.

The data lives in TOML files under ``mla_writer/data/`` (see its README.md) so that trainers and
central authorities can correct it without touching code. Each file carries ``source`` and
``as_of``; this module reads the files into pydantic models, so that a bad value is reported
with its file and key ("countries.toml: JP.treaties.untoc.status: ..."). It never touches the
network.

Treaty wording is held only as quotations that name a source excerpt under ``data/sources/``;
tests/test_quotations.py proves each one word for word against its excerpt. A basis without
quotations is never quoted: documents name the article and say its text is to be attached.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)

from .cache import cached_json
from .model import LANGUAGES, REQUEST_KINDS
from .model.legal import TreatyKey
from .model.requests import Channel

__all__ = [
    "LEGAL_BASES_FILE", "COUNTRIES_FILE", "SUBSCRIBER_FILE", "TREATIES_FILE", "PLACEHOLDERS_FILE", "SOURCES_DIR",
    "TreatyKey", "TREATY_KEYS", "TreatyStatusValue", "TREATY_STATUSES",
    "RefDataError", "Quote", "LegalBasisInfo", "TreatyInfo", "TreatyStatus", "Declaration",
    "CountryInfo", "SubscriberElement", "SubscriberDefinition", "SourceExcerpt", "PreservationMinimum",
    "PlaceholderPhrases", "placeholder_phrases", "load_placeholder_phrases",
    "legal_bases", "treaties", "countries", "country", "subscriber_definition", "subscriber_elements",
    "source_excerpts", "data_as_of", "unmatched_paragraphs",
    "load_legal_bases", "load_treaties", "load_countries", "load_subscriber_definition", "load_source_excerpt",
]

LEGAL_BASES_FILE = "legal_bases.toml"
COUNTRIES_FILE = "countries.toml"
SUBSCRIBER_FILE = "subscriber_information.toml"
TREATIES_FILE = "treaties.toml"
PLACEHOLDERS_FILE = "placeholders.toml"
SOURCES_DIR = "sources"

TREATY_KEYS: tuple[str, ...] = get_args(TreatyKey)
# "ratified": consent to be bound given, but the treaty is not yet in force (for that State).
TreatyStatusValue = Literal["party", "ratified", "signatory", "none", "unknown"]
TREATY_STATUSES: tuple[str, ...] = get_args(TreatyStatusValue)

_META_KEYS = frozenset({"source", "as_of"})
_LANG = re.compile(r"^[a-z]{2}$")


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


class _Data(BaseModel):
    # Unknown keys are typos in a hand-edited file: refuse them. Booleans are StrictBool: TOML
    # gives true/false, and "yes" or 1 is a mistake, not something to coerce.
    model_config = ConfigDict(extra="forbid", frozen=True)


def _iso639_1(values: tuple[str, ...]) -> tuple[str, ...]:
    for v in values:
        if not _LANG.match(v):
            raise ValueError(f"{v!r} is not an ISO 639-1 code (two lower-case letters)")
    return values


def _language_codes(field: str) -> Any:
    """A validator holding ``field`` (a code or a tuple of codes) to ISO 639-1."""

    def check(cls: type, value: Any) -> Any:
        _iso639_1((value,) if isinstance(value, str) else value)
        return value

    return field_validator(field)(classmethod(check))


# --------------------------------------------------------------------------- models


class Quote(_Data):
    """Treaty wording in one language, copied from the excerpt ``sources/<source>.md``."""

    lang: str
    source: str
    text: str = Field(min_length=1)

    _lang = _language_codes("lang")


class PreservationMinimum(_Data):
    """The shortest preservation a legal basis provides for, with the clause that says so (its
    wording is in the excerpt ``sources/<source>.md``; tests/test_refdata.py holds them together)."""

    days: int = Field(ge=1)
    reference: str = Field(min_length=1, description="The clause, as a finding cites it: 'Budapest art. 29(7)'")
    source: str = Field(min_length=1)


class LegalBasisInfo(_Data):
    id: str
    treaty: TreatyKey | Literal[""]
    short: str = Field(min_length=1)
    article: str
    instrument: str = ""
    request_kinds: tuple[str, ...] = Field(min_length=1)
    channels: tuple[Channel, ...] = Field(min_length=1)
    user_fills: StrictBool = False
    note: str = ""
    quotes: tuple[Quote, ...] = ()
    preservation_minimum: PreservationMinimum | None = None

    @field_validator("request_kinds")
    @classmethod
    def _known_kinds(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        # The kinds are the model's, read from its union of requests (declared there once).
        bad = [k for k in value if k not in REQUEST_KINDS]
        if bad:
            raise ValueError(f"unknown request kind(s) {bad}: expected some of {', '.join(REQUEST_KINDS)}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> LegalBasisInfo:
        if not self.treaty and not self.instrument:
            raise ValueError("a basis without a treaty needs `instrument` (its title)")
        if self.user_fills and self.quotes:
            raise ValueError("a basis the drafter quotes (user_fills) carries no quotations")
        langs = [q.lang for q in self.quotes]
        if len(set(langs)) != len(langs):
            raise ValueError("two quotations in the same language")
        if not self.quotes and not self.user_fills and not self.note:
            raise ValueError("an unquoted treaty article needs a `note` saying what is missing")
        if self.preservation_minimum is not None and "preservation" not in self.request_kinds:
            raise ValueError("a preservation minimum belongs to a basis that serves preservation requests")
        return self

    @property
    def verified(self) -> bool:
        """True when the data file quotes the article (every quotation is proved by a test)."""
        return bool(self.quotes)

    def quote(self, lang: str) -> Quote | None:
        return next((q for q in self.quotes if q.lang == lang), None)

    def fits(self, kind: str) -> bool:
        return kind in self.request_kinds

    def serves(self, channel: str) -> bool:
        return channel in self.channels


class PlaceholderPhrases(_Data):
    """Phrases of one language that stand in for content (see placeholders.toml): pointers to an
    annex or another part, and whole texts that would fit any case."""

    lang: str
    refers: tuple[str, ...] = Field(min_length=1)
    generic: tuple[str, ...] = Field(min_length=1)

    @field_validator("lang")
    @classmethod
    def _document_language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError(f"{value!r} is not a document language: use one of {', '.join(LANGUAGES)}")
        return value

    @field_validator("refers", "generic")
    @classmethod
    def _no_blank(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not phrase.strip() for phrase in value):
            raise ValueError("an empty phrase would match every text: remove it")
        return value


class TreatyInfo(_Data):
    key: TreatyKey
    short: str = Field(min_length=1, description="The name findings use: 'the Budapest Convention'")
    title: str = Field(min_length=1)
    adopted: dt.date
    authentic_languages: tuple[str, ...] = Field(min_length=1)
    entry_into_force: dt.date | None = None
    status_as_of: dt.date
    status_source: str = Field(min_length=1)
    read_on: dt.date
    note: str = ""

    _langs = _language_codes("authentic_languages")

    def in_force_on(self, day: dt.date) -> bool:
        return self.entry_into_force is not None and self.entry_into_force <= day


class TreatyStatus(_Data):
    """A State's position towards one treaty, with the date its source states it."""

    status: TreatyStatusValue
    since: dt.date | None = Field(default=None, description="When the status began: entry into force for it where "
                                  "known, else the date of the signature, ratification or accession")
    as_of: dt.date | None = None
    source: str = ""
    note: str = ""

    @model_validator(mode="after")
    def _sourced(self) -> TreatyStatus:
        if self.status == "unknown":
            if not self.note:
                raise ValueError("an unknown status needs a `note` giving the reason (what was searched)")
            if self.source:
                raise ValueError("an unknown status has no source; put what was found in `note`")
        elif not self.source or self.as_of is None:
            raise ValueError(f"status {self.status!r} needs `source` and `as_of` (the date the source states it)")
        return self


class Declaration(_Data):
    """What a State notified for a treaty: its central authority, the languages it accepts."""

    central_authority: str = ""
    languages: tuple[str, ...] = ()
    as_of: dt.date
    source: str = Field(min_length=1)

    _langs = _language_codes("languages")


class CountryInfo(_Data):
    code: str
    name: str = Field(min_length=1)
    languages_accepted: tuple[str, ...] = Field(min_length=1)
    languages_note: str = ""
    treaties: dict[TreatyKey, TreatyStatus]
    declared: dict[TreatyKey, Declaration] = Field(default_factory=dict)

    _langs = _language_codes("languages_accepted")

    @field_validator("treaties")
    @classmethod
    def _every_treaty(cls, v: dict[str, TreatyStatus]) -> dict[str, TreatyStatus]:
        missing = [t for t in TREATY_KEYS if t not in v]
        if missing:
            raise ValueError(f"no status for {', '.join(missing)} (use status = \"unknown\" with a note)")
        return v

    def status(self, treaty: str) -> str:
        """Status for a treaty key; "" (no treaty) and unknown keys give "unknown"."""
        entry = self.treaties.get(treaty)  # type: ignore[call-overload]
        return entry.status if entry else "unknown"


class SubscriberElement(_Data):
    id: Literal["service", "identity", "installation_site"]
    letter: str
    label: str
    text: str = Field(min_length=1)


class SubscriberDefinition(_Data):
    source: str
    as_of: dt.date
    article: str
    quote_source: str
    chapeau: str = Field(min_length=1)
    elements: tuple[SubscriberElement, ...] = Field(min_length=1)


class SourceExcerpt(_Data):
    """A shipped excerpt of a treaty text: its provenance (front matter) and the text itself."""

    id: str
    treaty: TreatyKey
    language: str
    authentic: StrictBool
    title: str
    publication: str
    kind: Literal["official publication", "government reproduction", "depositary web page"]
    repository: str = ""
    path: str = ""
    commit: str = ""
    url: str = ""
    read_on: dt.date
    excerpt: str
    body: str = Field(min_length=1)

    @model_validator(mode="after")
    def _findable(self) -> SourceExcerpt:
        if not (self.repository and self.path and self.commit) and not self.url:
            raise ValueError("name where the text was read: repository, path and commit, or url")
        return self


# --------------------------------------------------------------------------- reading


def _data_dir() -> Path:
    # The package is always unpacked on disk (a checkout or an installed wheel); a plain path
    # spares importlib.resources, which imports zipfile, for the wizard and `check`.
    return Path(__file__).resolve().parent / "data"


def _read_text(where: Path, file: str) -> str:
    try:
        return where.read_bytes().decode("utf-8")
    except OSError as exc:
        raise RefDataError(file, None, f"cannot read file ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise RefDataError(file, None, f"not UTF-8 ({exc})") from exc


def _read(where: Path, file: str) -> dict[str, Any]:
    try:
        raw = where.read_bytes()
    except OSError as exc:
        raise RefDataError(file, None, f"cannot read file ({exc})") from exc

    def parse() -> dict[str, Any]:
        try:
            return tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise RefDataError(file, None, f"not UTF-8 ({exc})") from exc
        except tomllib.TOMLDecodeError as exc:
            raise RefDataError(file, None, f"invalid TOML ({exc})") from exc

    # Parsing TOML in pure Python is most of a check's time; the parsed data is cached (as JSON:
    # data, never code), keyed by the file's bytes, so an edited file is parsed again.
    return cached_json("refdata", b"toml " + raw, parse)


def _validate(model: type[_Data], data: Any, file: str, key: str) -> Any:
    """``model`` from ``data``; the first error becomes a RefDataError naming file and key."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        parts = [key, *(str(p) for p in err["loc"])]
        where = ".".join(p for p in parts if p)
        problem = "missing" if err["type"] == "missing" else err["msg"].removeprefix("Value error, ")
        raise RefDataError(file, where or None, problem) from None


def _meta(data: dict[str, Any], file: str) -> dt.date:
    if not isinstance(data.get("source"), str) or not data["source"]:
        raise RefDataError(file, "source", "missing" if "source" not in data else "expected a non-empty string")
    if "as_of" not in data:
        raise RefDataError(file, "as_of", "missing")
    if type(data["as_of"]) is not dt.date:
        raise RefDataError(file, "as_of", f"expected a date, got {type(data['as_of']).__name__}")
    return data["as_of"]


def _tables(data: dict[str, Any], file: str) -> dict[str, dict[str, Any]]:
    _meta(data, file)
    out: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        if key in _META_KEYS:
            continue
        if not isinstance(value, dict):
            raise RefDataError(file, key, f"expected a table, got {type(value).__name__}")
        out[key] = value
    return out


# --------------------------------------------------------------------------- loaders


def load_legal_bases(path: Path) -> dict[str, LegalBasisInfo]:
    """Read a legal-bases file from any path (the cached :func:`legal_bases` reads the packaged one)."""
    tables = _tables(_read(path, path.name), path.name)
    return {key: _validate(LegalBasisInfo, {"id": key, **t}, path.name, key) for key, t in tables.items()}


def load_treaties(path: Path) -> dict[str, TreatyInfo]:
    tables = _tables(_read(path, path.name), path.name)
    return {key: _validate(TreatyInfo, {"key": key, **t}, path.name, key) for key, t in tables.items()}


def load_countries(path: Path) -> dict[str, CountryInfo]:
    tables = _tables(_read(path, path.name), path.name)
    out = {}
    for code, t in tables.items():
        if len(code) != 2 or not code.isascii() or not code.isupper():
            raise RefDataError(path.name, code, "table name must be an ISO 3166-1 alpha-2 code")
        out[code] = _validate(CountryInfo, {"code": code, **t}, path.name, code)
    return out


def load_placeholder_phrases(path: Path) -> dict[str, PlaceholderPhrases]:
    """Read a placeholder-phrases file, one table per document language."""
    tables = _tables(_read(path, path.name), path.name)
    return {lang: _validate(PlaceholderPhrases, {"lang": lang, **t}, path.name, lang) for lang, t in tables.items()}


def load_subscriber_definition(path: Path) -> SubscriberDefinition:
    data = _read(path, path.name)
    _meta(data, path.name)
    return _validate(SubscriberDefinition, data, path.name, "")


_FRONT = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n(.*)\Z", re.S)


def load_source_excerpt(path: Path) -> SourceExcerpt:
    """An excerpt file: TOML front matter between ``+++`` lines, then the copied text."""
    text = _read_text(path, path.name)
    m = _FRONT.match(text)
    if not m:
        raise RefDataError(path.name, None, "expected TOML front matter between '+++' lines, then the excerpt")
    try:
        meta = tomllib.loads(m.group(1))
    except tomllib.TOMLDecodeError as exc:
        raise RefDataError(path.name, None, f"invalid TOML in the front matter ({exc})") from exc
    return _validate(SourceExcerpt, {"id": path.stem, **meta, "body": m.group(2)}, path.name, "")


# --------------------------------------------------------------------------- verification

# Typographic variants of the same quotation mark: the sources write ``...", "...", “...” or ’.
_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


def _comparable(text: str) -> str:
    """Text as the word-for-word comparison sees it: whitespace, markdown heading marks and the
    glyph chosen for a quotation mark aside."""
    text = text.replace("``", '"').translate(_QUOTE_MARKS)
    return re.sub(r"[\s#]+", "", text)


def unmatched_paragraphs(quotation: str, excerpt: str) -> list[str]:
    """The paragraphs of ``quotation`` (separated by blank lines) not found word for word in
    ``excerpt``; an empty list means the quotation is verified against it."""
    body = _comparable(excerpt)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", quotation) if p.strip()]
    return [p for p in paragraphs if _comparable(p) not in body]


# --------------------------------------------------------------------------- public API


@cache
def legal_bases() -> dict[str, LegalBasisInfo]:
    """All legal bases, keyed by id (``untoc-18``, ``budapest-29``...)."""
    return load_legal_bases(_data_dir() / LEGAL_BASES_FILE)


@cache
def treaties() -> dict[str, TreatyInfo]:
    """The treaties legal bases refer to, keyed ``untoc``, ``budapest``, ``sap``, ``uncc``."""
    return load_treaties(_data_dir() / TREATIES_FILE)


@cache
def countries() -> dict[str, CountryInfo]:
    """All countries, keyed by ISO 3166-1 alpha-2 code (``XK`` for Kosovo)."""
    return load_countries(_data_dir() / COUNTRIES_FILE)


def country(code: str) -> CountryInfo | None:
    return countries().get(code.strip().upper())


@cache
def placeholder_phrases() -> dict[str, PlaceholderPhrases]:
    """Phrases that stand in for content, by document language."""
    return load_placeholder_phrases(_data_dir() / PLACEHOLDERS_FILE)


@cache
def subscriber_definition() -> SubscriberDefinition:
    """Budapest Convention art. 18(3): chapeau plus elements (a)-(c)."""
    return load_subscriber_definition(_data_dir() / SUBSCRIBER_FILE)


def subscriber_elements() -> list[SubscriberElement]:
    return list(subscriber_definition().elements)


@cache
def source_excerpts() -> dict[str, SourceExcerpt]:
    """Every shipped excerpt, keyed by file name without ``.md`` (``budapest.en``)."""
    folder = _data_dir() / SOURCES_DIR
    return {p.stem: load_source_excerpt(p) for p in sorted(folder.glob("*.md"))}


def data_as_of() -> dict[str, dt.date]:
    """``{"legal_bases": date, "treaties": date, "countries": date, "subscriber_information": date}``."""
    out: dict[str, dt.date] = {}
    for file in (LEGAL_BASES_FILE, TREATIES_FILE, COUNTRIES_FILE, SUBSCRIBER_FILE, PLACEHOLDERS_FILE):
        out[file.removesuffix(".toml")] = _meta(_read(_data_dir() / file, file), file)
    return out
