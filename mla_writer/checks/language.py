"""The language of the request (UNTOC art. 18(14)) and the translation of every free text.

Which languages a State accepts comes from mla_writer/data/countries.toml (refdata), which says
itself that the entries are to be confirmed with the central authority: hence warnings, not errors.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import refdata
from ..model import Case, country_name
from .engine import Context, Hit, rule
from .walk import texts


@rule(
    "LANG-NOT-ACCEPTED", "warning",
    summary="No document language is one the requested State accepts",
    message="Write the request in, or translate it into, a language the requested State accepts "
            "(see its entry in the countries data; confirm with its central authority).",
    reference="UNTOC art. 18(14); BRIEF §4 item 17",
)
def lang_not_accepted(case: Case, ctx: Context) -> Iterator[Hit]:
    code = case.requested.state
    info = refdata.country(code) if code else None
    if info is None or not info.languages_accepted:
        return
    if not set(case.languages) & set(info.languages_accepted):
        accepted = ", ".join(info.languages_accepted)
        yield Hit("languages",
                  f"{info.name} accepts requests in {accepted} (per the countries data, to be "
                  f"confirmed with its central authority); the document is in {', '.join(case.languages)}. "
                  "Add an accepted language, or confirm that this one is accepted.")


@rule(
    "COUNTRY-NO-DATA", "advice",
    summary="There is no reference data for the requested State",
    message="mla-writer has no languages or treaty data for this State: check which languages it "
            "accepts and which treaties bind it yourself (or add it to countries.toml).",
    reference="UNTOC art. 18(14); BRIEF §2.5",
)
def country_no_data(case: Case, ctx: Context) -> Iterator[Hit]:
    code = case.requested.state
    if code and refdata.country(code) is None:
        yield Hit("requested.state",
                  f"mla-writer has no reference data for {country_name(code)} ({code}): check which "
                  "languages it accepts and which treaties bind it yourself, or add it to countries.toml.")


@rule(
    "TEXT-NOT-TRANSLATED", "warning",
    summary="A free text is not yet translated into a document language",
    message="Translate this text into the document's other language, or the two columns of the "
            "document will not match.",
    reference="UNTOC art. 18(14); BRIEF §3.Q",
)
def text_not_translated(case: Case, ctx: Context) -> Iterator[Hit]:
    targets = [lang for lang in case.languages if lang != case.drafting_language]
    if not targets:
        return
    for path, text in texts(case):
        if not text:
            continue
        for lang in targets:
            if not (text.translations.get(lang) or "").strip():
                yield Hit(f"{path}.translations.{lang}",
                          f"Translate this text into '{lang}', the document's other language.")
