"""Values the tool words itself in each document language: penalties, periods, language codes.

A case stores what a penalty or a period *is* (``{"years": 10}``), not a sentence about it, so
that each column of a document says it in its own language from the catalogs. Old case files
wrote these as prose: a string still loads, as free text with a translation slot (``Text``), so
nothing is lost and the translation can be typed beside it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, StrictBool, StrictInt, Tag, field_validator, model_validator

from .common import LANGUAGES, Strict, Text, _AfterCheck


def _prose_or(structured: str) -> Any:
    """A discriminator for ``Structured | Text``: a string or a {"text", ...} object is free
    text; anything else is the structured form (so its errors name its own fields)."""

    def pick(value: object) -> str:
        if isinstance(value, (str, Text)) or (isinstance(value, dict) and "text" in value):
            return "text"
        return structured

    return Discriminator(pick)


class Fine(Strict):
    amount: float = Field(ge=0, description="The largest fine, e.g. 375000")
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. EUR, KES, MAD")

    @field_validator("amount", mode="before")
    @classmethod
    def _number(cls, value: object) -> object:
        # "375,000" would be read as text by some and as 375 by others: a number only.
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError("must be a number written without quotes or separators, e.g. 375000")
        return value


Combination = Literal["and", "or", "and_or"]


class Penalty(Strict):
    """The maximum penalty the law sets for an offence, e.g. ``{"years": 10, "fine": {"amount":
    1000000, "currency": "EUR"}}``. ``combination`` says whether imprisonment and fine go
    together ("and"), are alternatives ("or") or either or both ("and_or"); ``note`` holds any
    further penalty in words (with its translations), e.g. confiscation of property."""

    life: StrictBool = Field(default=False, description="Imprisonment for life")
    years: StrictInt | None = Field(default=None, ge=0, le=200, description="Years of imprisonment")
    months: StrictInt | None = Field(default=None, ge=0, le=2400, description="Months of imprisonment")
    fine: Fine | None = None
    combination: Combination = Field(default="and", description="Imprisonment and fine: and, or, and_or")
    note: Text = Field(default_factory=Text, description="Any further penalty, in words")

    @model_validator(mode="after")
    def _something(self) -> Penalty:
        if self.life and (self.years or self.months):
            raise ValueError("give either life: true or a number of years and months, not both")
        if not (self.life or self.years or self.months or self.fine or self.note):
            raise ValueError('give the penalty: years, months, life or fine, e.g. {"years": 10}')
        return self

    def __bool__(self) -> bool:
        return True


class Period(Strict):
    """A length of time, e.g. ``{"months": 12}`` or ``{"days": 90}``."""

    years: StrictInt = Field(default=0, ge=0, le=100)
    months: StrictInt = Field(default=0, ge=0, le=1200)
    days: StrictInt = Field(default=0, ge=0, le=36500)

    @model_validator(mode="after")
    def _not_empty(self) -> Period:
        if not (self.years or self.months or self.days):
            raise ValueError('give a length of time, e.g. {"months": 12} or {"days": 90}')
        return self

    def __bool__(self) -> bool:
        return True


# Structured, or free text as old case files wrote it.
PenaltyOrText = Annotated[
    Annotated[Penalty, Tag("penalty")] | Annotated[Text, Tag("text")], _prose_or("penalty")
]
PeriodOrText = Annotated[
    Annotated[Period, Tag("period")] | Annotated[Text, Tag("text")], _prose_or("period")
]


_CODE = re.compile(r"^[a-z]{2,3}$")


@cache
def _language_codes() -> dict[str, str]:
    """Each language's code and its name in each of the six UN languages, folded -> the code."""
    from babel import Locale

    out: dict[str, str] = {}
    for lang in ("en", "fr", "es", "ru", "ar", "zh"):
        for code, name in Locale.parse(lang).languages.items():
            if _CODE.match(code):
                out.setdefault(name.casefold(), code)
                out[code] = code
    return out


def _language(value: str) -> str:
    key = value.strip().casefold()
    if key in LANGUAGES:
        # A UN language's code is its own entry in the table, which costs Babel's locale data of
        # six languages (most of a case's validation time) to build.
        return key
    code = _language_codes().get(key) or _language_codes().get(key.replace("-", "_").split("_")[0])
    if code is None:
        raise ValueError(f"'{value}' is not a language mla-writer knows; give its ISO 639 code, "
                         "such as fr, en, ar or kk")
    return code


# A working language: an ISO 639 code ("kk"). A language's name in one of the six UN languages
# ("French", "français", "казахский") is read as its code, so older case files load.
LanguageCode = Annotated[str, _AfterCheck(_language)]
