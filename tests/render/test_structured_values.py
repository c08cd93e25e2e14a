"""Penalties, periods and working languages are stored as what they are and worded by each
column in its own language; the prose older case files hold still loads, as free text."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mla_writer.model import Case, Penalty, Text
from mla_writer.render import render_bytes

from .cases import case_data, make_case, translate_all
from .readback import all_text, body_rows, open_docx

TEN_YEARS_AND_FINE = {"years": 10, "fine": {"amount": 1000000, "currency": "EUR"}}


def _rows(case: Case, langs: list[str]) -> list[tuple[str, ...]]:
    return body_rows(open_docx(render_bytes(case, languages=langs)))


def _english_text(case: Case) -> str:
    """A single-language document flows as paragraphs: its whole text, spaces made plain."""
    return " ".join(all_text(open_docx(render_bytes(case, languages=["en"]))).replace("\xa0", " ").split())


def _cell_with(rows: list[tuple[str, ...]], needle: str, column: int) -> str:
    hits = [r[column] for r in rows if needle in r[0]]
    assert hits, f"no row holds {needle!r}"
    return hits[0]


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "Peine maximale encourue : emprisonnement de 10 ans et amende de 1 000 000 euros"),
    ("es", "prisión de 10 años y multa de 1.000.000 euros"),
    ("ru", "лишение свободы на срок 10 лет и штраф в размере 1 000 000 евро"),
    ("zh", "有期徒刑10年并处罚金1,000,000欧元"),
    ("ar", "السجن لمدة 10 سنوات وغرامة قدرها"),
])
def test_a_structured_penalty_is_worded_in_each_column(lang: str, expected: str) -> None:
    data = case_data("subscriber")
    data["offences"][0]["max_penalty"] = TEN_YEARS_AND_FINE
    case = translate_all(Case.model_validate(data), (lang,))
    rows = _rows(case, ["en", lang])
    english = _cell_with(rows, "Maximum penalty:", 0)
    assert "Maximum penalty: imprisonment for 10 years and a fine of 1,000,000 euros" in english
    target = " ".join(_cell_with(rows, "Maximum penalty:", 1).split()).replace("\u202f", " ").replace("\xa0", " ")
    assert expected.replace("\xa0", " ") in target, target


@pytest.mark.parametrize(("penalty", "english"), [
    ({"life": True}, "imprisonment for life"),
    ({"years": 1, "months": 6}, "imprisonment for 1 year and 6 months"),
    ({"years": 3, "fine": {"amount": 200000, "currency": "MAD"}, "combination": "and_or"},
     "imprisonment for 3 years or a fine of 200,000 Moroccan dirhams, or both"),
    ({"fine": {"amount": 5000.5, "currency": "KES"}}, "a fine of 5,000.50 Kenyan shillings"),
    ({"years": 10, "note": "confiscation of property"}, "imprisonment for 10 years; additional penalty: confiscation of property"),
])
def test_each_shape_of_penalty(penalty: dict, english: str) -> None:
    data = case_data("subscriber")
    data["offences"][0]["max_penalty"] = penalty
    assert english in _english_text(Case.model_validate(data))


def test_a_penalty_in_words_still_loads_as_free_text_with_its_slot() -> None:
    data = case_data("subscriber")
    data["offences"][0]["max_penalty"] = "5 years' imprisonment"
    case = Case.model_validate(data)
    assert case.offences[0].max_penalty == Text(text="5 years' imprisonment")
    rows = _rows(case, ["en", "fr"])
    assert "[traduction en attente]" in _cell_with(rows, "Maximum penalty:", 1)


@pytest.mark.parametrize(("penalty", "says"), [
    ({"years": 5, "life": True}, "either life: true or a number of years"),
    ({}, 'give the penalty: years, months, life or fine, e.g. {"years": 10}'),
    ({"years": "10"}, "years"),
    ({"fine": {"amount": "375,000", "currency": "EUR"}}, "a number written without quotes"),
    ({"fine": {"amount": 10, "currency": "euro"}}, "currency"),
])
def test_a_malformed_penalty_is_refused_naming_its_field(penalty: dict, says: str) -> None:
    data = case_data("subscriber")
    data["offences"][0]["max_penalty"] = penalty
    with pytest.raises(ValidationError) as e:
        Case.model_validate(data)
    assert "offences.0.max_penalty" in str(e.value) and says in str(e.value)


def test_a_confidentiality_period_is_worded_in_each_language() -> None:
    case = translate_all(make_case("subscriber", confidentiality={"requested": True, "until": {"months": 12}}), ("ru",))
    rows = _rows(case, ["en", "ru"])
    english = _cell_with(rows, "Confidentiality is requested for 12 months.", 0)
    assert "Конфиденциальность запрашивается на срок 12 месяцев." in _cell_with(rows, english[:40], 1)


def test_a_confidentiality_term_in_words_keeps_until() -> None:
    case = make_case("subscriber", confidentiality={"requested": True, "until": "the end of the investigation"})
    assert "Confidentiality is requested until the end of the investigation." in _english_text(case)


def test_working_languages_are_named_in_the_column_language() -> None:
    data = case_data("subscriber")
    data["requesting"]["case_officer"]["languages"] = ["French", "anglais"]  # names load as codes
    case = translate_all(Case.model_validate(data), ("fr",))
    assert case.requesting.case_officer.languages == ["fr", "en"]
    rows = _rows(case, ["en", "fr"])
    cell = _cell_with(rows, "Working languages:", 0)
    assert "Working languages: French and English" in cell
    target = [r[1] for r in rows if r[0] == cell][0]
    assert "Langues de travail : français et anglais" in target.replace("\xa0", " ").replace("\u202f", " ")


def test_an_unknown_working_language_is_refused_with_the_form_to_use() -> None:
    data = case_data("subscriber")
    data["requesting"]["case_officer"]["languages"] = ["Klingonese"]
    with pytest.raises(ValidationError) as e:
        Case.model_validate(data)
    assert "requesting.case_officer.languages.0" in str(e.value) and "ISO 639 code" in str(e.value)


def test_penalty_model_is_exported() -> None:
    assert Penalty.model_validate({"years": 2}).years == 2


def test_articles_typed_in_french_never_reach_the_english_column() -> None:
    """"Articles 25 et 27" printed raw in the English column: the articles a drafter cites are
    free text, printed in each column's language or marked pending there."""
    data = case_data("subscriber", drafting_language="fr", languages=["fr", "en"])
    data["legal_bases"] = [{"basis": "budapest-25-27", "articles": "Articles 25 et 27"}]
    case = translate_all(Case.model_validate(data), ("fr", "en"))
    case.legal_bases[0].articles.translations.clear()  # type: ignore[union-attr]
    rows = _rows(case, ["fr", "en"])
    english = "\n".join(r[1] for r in rows if len(r) > 1)
    assert "Articles 25 et 27" not in english and "[translation pending]" in english
    case.legal_bases[0].articles.translations["en"] = "Articles 25 and 27"  # type: ignore[union-attr]
    english = "\n".join(r[1] for r in _rows(case, ["fr", "en"]) if len(r) > 1)
    assert "Articles 25 and 27" in english and "Articles 25 et 27" not in english
