"""A finding's message: a catalog message with named parameters, said in any of the six languages.

Rules write their messages in English, marked ``N_`` so that Babel extracts them, with
``%(name)s`` placeholders for what varies. A parameter is a plain value (a date, a number, text
from the case, printed as it is), or something that has its own word in each language: a
``Term`` (a catalog word, such as a category's label), a ``Country`` or a ``Language`` (named per
CLDR), a ``Date`` (written as the language writes dates), a ``Listing`` of such values
("French and English", "français et anglais") or a ``Phrase`` (a catalog message with parameters
of its own: "the Convention on Cybercrime, article 29").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import labels


@dataclass(frozen=True)
class Term:
    """A word of the catalogs, translated when the message is said."""

    msgid: str


@dataclass(frozen=True)
class Country:
    """A country, named in the language the message is said in."""

    code: str


@dataclass(frozen=True)
class Language:
    """A language (ISO 639 code), named in the language the message is said in."""

    code: str


@dataclass(frozen=True)
class Date:
    """A day, written as the language the message is said in writes it."""

    day: dt.date


@dataclass(frozen=True)
class Listing:
    """Several values joined as the language joins a list."""

    items: tuple[Param, ...]


@dataclass(frozen=True)
class Phrase:
    """A catalog message with parameters of its own, said inside another message."""

    msgid: str
    params: tuple[tuple[str, Param], ...] = ()


Param = str | int | Term | Country | Language | Date | Listing | Phrase


def term(table: labels.Labels, code: str) -> Term | str:
    """The label of a code of one of the model's lists (the code itself if the list lacks it)."""
    label = table.short.get(code)
    return Term(label) if label else code


def terms(table: labels.Labels, codes: Iterable[str]) -> Listing:
    return Listing(tuple(term(table, c) for c in codes))


def languages(codes: Iterable[str]) -> Listing:
    return Listing(tuple(Language(c) for c in codes))


def say(msgid: str, params: Mapping[str, Param], lang: str) -> str:
    """The message in `lang`: its catalog translation with each parameter said in `lang` too."""
    from .. import i18n  # a check that is never printed needs no catalog

    text = i18n.translations(lang).gettext(msgid)
    if not params:
        return text
    return text % {name: _said(value, lang) for name, value in params.items()}


def _said(value: Param, lang: str) -> str:
    from .. import i18n

    if isinstance(value, Term):
        return i18n.translations(lang).gettext(value.msgid)
    if isinstance(value, Country):
        return i18n.territory_name(value.code, lang)
    if isinstance(value, Language):
        return i18n.language_name(value.code, lang)
    if isinstance(value, Date):
        return i18n.format_date(value.day, lang)
    if isinstance(value, Phrase):
        return say(value.msgid, dict(value.params), lang)
    if isinstance(value, Listing):
        from babel.lists import format_list

        return format_list([_said(v, lang) for v in value.items], locale=i18n.locale(lang))
    return str(value)
