"""The language of the request (UNTOC art. 18(14)) and the translation of every free text.

Which languages a State accepts comes from mla_writer/data/countries.toml (refdata), which says
itself that the entries are to be confirmed with the central authority: hence warnings, not errors.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .. import refdata
from ..labels import N_
from ..model import Case
from .engine import Context, Hit, rule
from .message import Country, Language, languages
from .walk import texts


@rule(
    "LANG-NOT-ACCEPTED", "warning",
    summary=N_("No document language is one the requested State accepts"),
    message=N_("Write the request in, or translate it into, a language the requested State accepts "
               "(see its entry in the countries data; confirm with its central authority)."),
    reference="UNTOC art. 18(14)",
    checklist="language",
)
def lang_not_accepted(case: Case, ctx: Context) -> Iterator[Hit]:
    code = case.requested.state
    info = refdata.country(code) if code else None
    if info is None or not info.languages_accepted:
        return
    if not set(case.languages) & set(info.languages_accepted):
        yield Hit("languages",
                  N_("%(country)s accepts requests in %(accepted)s (per the countries data, to be "
                     "confirmed with its central authority); the document is in %(languages)s. "
                     "Add an accepted language, or confirm that this one is accepted."),
                  country=Country(code), accepted=languages(info.languages_accepted),  # type: ignore[arg-type]
                  languages=languages(case.languages))


@rule(
    "COUNTRY-NO-DATA", "advice",
    summary=N_("There is no reference data for the requested State"),
    message=N_("mla-writer has no languages or treaty data for this State: check which languages it "
               "accepts and which treaties bind it yourself (or add it to countries.toml)."),
    reference="UNTOC art. 18(14); A/74/130 ¶50(f), ¶334",
    checklist="legal_basis",
)
def country_no_data(case: Case, ctx: Context) -> Iterator[Hit]:
    code = case.requested.state
    if code and refdata.country(code) is None:
        yield Hit("requested.state",
                  N_("mla-writer has no reference data for %(country)s (%(code)s): check which "
                     "languages it accepts and which treaties bind it yourself, or add it to countries.toml."),
                  country=Country(code), code=code)


@rule(
    "TEXT-NOT-TRANSLATED", "warning",
    summary=N_("A free text is not yet translated into a document language"),
    message=N_("Translate this text into the document's other language, or the two columns of the "
               "document will not match."),
    reference="UNTOC art. 18(14)",
    checklist="language",
)
def text_not_translated(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, lang in missing_translations(case):
        yield Hit(f"{path}.translations.{lang}",
                  N_("Translate this text into %(language)s, the document's other language."),
                  language=Language(lang))


def missing_translations(case: Case, document_languages: Sequence[str] | None = None) -> Iterator[tuple[str, str]]:
    """(path, language) for each free text a document in `document_languages` (default: the
    case's) would print as "[translation pending]": written, but not translated into a document
    language other than the drafting language."""
    langs = list(case.languages) if document_languages is None else list(document_languages)
    targets = [lang for lang in langs if lang != case.drafting_language]
    if not targets:
        return
    for path, text in texts(case):
        if not text:
            continue
        for lang in targets:
            if not (text.translations.get(lang) or "").strip():  # type: ignore[call-overload]
                yield path, lang
