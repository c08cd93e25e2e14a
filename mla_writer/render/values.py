"""Structured values worded in one language: penalties, periods, lists, working languages.

The case stores what a penalty or a period is (``{"years": 10}``); each column of a document
says it in its own language, from catalog messages (plurals by ``ngettext``) and Babel's CLDR
data (list patterns, currency and language names). Free text never reaches these functions: a
penalty or period written as prose is a ``Text`` and printed as one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from babel.lists import format_list
from babel.numbers import format_currency

from .. import i18n


def join(parts: Sequence[str], lang: str) -> str:
    """Parts joined as the language lists them: "A, B and C", "A, B et C", "A、B和C"."""
    return format_list(list(parts), style="standard", locale=i18n.locale(lang)) if parts else ""


def duration(value: Mapping[str, Any], lang: str, t: Any) -> str:
    """``{"years": 1, "months": 6}`` as "1 year and 6 months" in `lang`."""
    parts = []
    if value.get("years"):
        n = value["years"]
        parts.append(t.ngettext("%(num)s year", "%(num)s years", n) % {"num": i18n.format_number(n, lang)})
    if value.get("months"):
        n = value["months"]
        parts.append(t.ngettext("%(num)s month", "%(num)s months", n) % {"num": i18n.format_number(n, lang)})
    if value.get("days"):
        n = value["days"]
        parts.append(t.ngettext("%(num)s day", "%(num)s days", n) % {"num": i18n.format_number(n, lang)})
    return join(parts, lang)


def fine(value: Mapping[str, Any], lang: str, t: Any) -> str:
    amount = value["amount"]
    # The currency by its name in the language, plural as the number asks ("200 000 dirhams
    # marocains"): a symbol or a code alone is not what a statute says. Cents only when there are.
    whole = amount == int(amount)
    money = format_currency(int(amount) if whole else amount, value["currency"], locale=i18n.locale(lang),
                            format_type="name", format="#,##0" if whole else None, currency_digits=not whole)
    return str(t.gettext("a fine of %(amount)s") % {"amount": money})


def penalty(value: Mapping[str, Any], lang: str, t: Any) -> str:
    """The imprisonment and fine of a structured penalty (its ``note`` is free text, printed by
    the template): "imprisonment for 10 years and a fine of €1,000,000"."""
    prison = ""
    if value.get("life"):
        prison = t.gettext("imprisonment for life")
    elif value.get("years") or value.get("months"):
        prison = t.gettext("imprisonment for %(duration)s") % {"duration": duration(value, lang, t)}
    money = fine(value["fine"], lang, t) if value.get("fine") else ""
    if prison and money:
        pattern = {
            "and": t.gettext("%(imprisonment)s and %(fine)s"),
            "or": t.gettext("%(imprisonment)s or %(fine)s"),
            "and_or": t.gettext("%(imprisonment)s or %(fine)s, or both"),
        }[value.get("combination") or "and"]
        return str(pattern % {"imprisonment": prison, "fine": money})
    return str(prison or money)


def language_names(codes: Sequence[str], lang: str) -> str:
    """Working languages by name in `lang`: ["fr", "en"] -> "français et anglais" in French."""
    return join([i18n.language_name(c, lang) for c in codes], lang)
