"""Shared building blocks of the case model: strict base, free text, codes, limits.

Limits, so that whatever the model accepts also renders in reasonable time: a text field holds
at most MAX_TEXT characters, a case at most MAX_REQUESTS requests and MAX_ITEMS data items in
all, any other list MAX_ENTRIES entries. A case over them is refused naming the field.
Numbers and yes/no fields are strict: `true` is not the port 1, "90" is not the number 90.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from .countries import country_names

# The six UN languages: the only languages documents and catalogs exist for.
Lang = Literal["ar", "en", "es", "fr", "ru", "zh"]
LANGUAGES: tuple[str, ...] = get_args(Lang)

MAX_TEXT = 100_000
# Limits on lists, so that whatever the model accepts can also be rendered in reasonable time
# (a document part per request, table rows per data item): a case with more is split in several.
MAX_REQUESTS = 50
MAX_ITEMS = 10_000  # data items (identifiers) in all the requests of a case together
MAX_ENTRIES = 200  # any other list: persons, offences, contacts, annexes, copies to...


def empty_list() -> list:
    """default_factory for list fields. Pydantic reads a factory's signature, and reading a
    builtin's (``list``) tokenizes its text signature: a plain function is many times cheaper."""
    return []


def empty_dict() -> dict:
    """default_factory for dict fields; see empty_list."""
    return {}


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, so a typo in a case file is caught."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


# What _check_chars rejects, found in one pass of the regular expression engine: most texts hold
# none of it, and a case of thousands of identifiers has tens of thousands of texts.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _check_chars(value: str) -> str:
    """Reject what cannot be written to a Word document (XML 1.0) and would corrupt it."""
    if len(value) <= MAX_TEXT and _UNWRITABLE.search(value) is None:
        return value
    for pos, ch in enumerate(value):
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:
            raise ValueError(
                f"contains an unpaired surrogate (U+{code:04X}) at character {pos + 1}; "
                "the text was damaged when copied: retype or re-paste it"
            )
        if (code < 0x20 and ch not in "\t\n\r") or code in (0xFFFE, 0xFFFF):
            name = unicodedata.name(ch, "control character")
            raise ValueError(
                f"contains an invisible control character (U+{code:04X} {name}) at character "
                f"{pos + 1}; delete it (it cannot be printed in a document)"
            )
    if len(value) > MAX_TEXT:
        raise ValueError(f"is {len(value)} characters long; the limit is {MAX_TEXT}: shorten it or annex it")
    return value


# A single line or paragraph typed by the user, stored exactly as typed.
class _AfterCheck:
    """``AfterValidator(check)`` as a core schema written out: AfterValidator reads its
    function's signature again for every field that uses it (a hundred Str fields)."""

    def __init__(self, check: Callable[[str], str]) -> None:
        self.check = check

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))


Str = Annotated[str, _AfterCheck(_check_chars)]


def _country(value: str) -> str:
    code = value.strip().upper()
    if code in country_names():
        return code
    raise ValueError(
        f"'{value}' is not an ISO 3166-1 alpha-2 country code; use two letters such as FR, BR or KE"
    )


CountryCode = Annotated[str, _AfterCheck(_country)]


def country_name(code: str) -> str:
    return country_names().get(code, code)


class Text(Strict):
    """Free text typed by the user in the case's drafting language, with optional translations.

    In a case file it may be written as a plain string; it is stored as an object so that a
    translation into each document language can sit beside the original.
    """

    text: Str = ""
    translations: dict[Lang, Str] = Field(default_factory=empty_dict)

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: object) -> object:
        if isinstance(data, str):
            return {"text": data}
        return data

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        # The schema says what the loader accepts: the object, or a plain string (the original alone).
        return {"anyOf": [{"type": "string"}, handler(schema)]}

    def __bool__(self) -> bool:
        return bool(self.text.strip())

    def in_language(self, lang: str, drafting: str) -> str | None:
        """The text for `lang`: the original if that is the drafting language, else a translation."""
        if lang == drafting:
            return self.text
        t = self.translations.get(lang)  # type: ignore[call-overload]
        return t if t and t.strip() else None


def blank(value: object) -> bool:
    """True for None, empty or whitespace-only strings and empty Text."""
    if value is None:
        return True
    if isinstance(value, Text):
        return not value
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False
