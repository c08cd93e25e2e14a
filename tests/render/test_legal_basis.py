"""The legal-basis section read back from rendered documents: each request shows only its own
bases, and treaty wording appears in the column's language where an authentic text was found,
else as the authentic English text under a translated label, never as "translation pending"."""

from __future__ import annotations

import pytest

from mla_writer import examples, i18n, refdata
from mla_writer.model import Case, LegalBasis
from mla_writer.render import render_bytes

from .cases import translate_all
from .readback import all_text, body_rows, open_docx


def tr(lang: str, msgid: str) -> str:
    return i18n.translations(lang).gettext(msgid)


def _only(case: Case, request_id: str) -> Case:
    """The case with just one of its requests: one request's document."""
    single = case.model_copy(deep=True)
    single.requests = [r for r in single.requests if r.id == request_id]
    return single


def _render(case: Case, languages: list[str]) -> str:
    today = examples.check_date(case) or case.date
    data = render_bytes(case, languages=languages, today=today)
    return all_text(open_docx(data))


def _legal_section(case: Case, languages: list[str]) -> list[tuple[str, ...]]:
    today = examples.check_date(case) or case.date
    data = render_bytes(case, languages=languages, today=today)
    rows = body_rows(open_docx(data))
    start = rows.index(tuple(tr(lang, "Legal basis") for lang in languages))
    end = rows.index(tuple(tr(lang, "Requesting authority") for lang in languages), start)
    return rows[start:end]


THREAT = translate_all(examples.load_example("threat-to-life-emergency"))  # French and English
B29 = refdata.legal_bases()["budapest-29"]
B35 = refdata.legal_bases()["budapest-35"]


def test_the_emergency_request_to_the_provider_quotes_no_treaty() -> None:
    text = _render(_only(THREAT, "R1"), ["fr", "en"])
    assert "2702(b)(8)" in text
    assert B29.quote("en").text.splitlines()[0] not in text
    assert "Convention on Cybercrime" not in text and "twenty-four hour" not in text


def test_the_preservation_request_to_the_247_point_cites_no_provider_rule() -> None:
    text = _render(_only(THREAT, "R2"), ["fr", "en"])
    assert "2702" not in text
    assert "A Party may request another Party to order or otherwise obtain the expeditious preservation" in text


def test_french_column_shows_french_authentic_text_or_the_labelled_english_text() -> None:
    rows = _legal_section(_only(THREAT, "R2"), ["fr", "en"])
    french = "\n".join(r[0] for r in rows)
    assert tr("fr", "[translation pending]") not in french
    # art. 35: the French authentic text was found and is quoted
    assert "Chaque Partie désigne un point de contact joignable vingt-quatre heures" in french
    # art. 29: no French text was found: the authentic English text, labelled in French
    label = tr("fr", "Authentic English text:")
    assert label == "Texte anglais faisant foi :"
    cell = next(r[0] for r in rows if "expeditious preservation" in r[0])
    assert cell.startswith(label)


@pytest.mark.parametrize("lang", ["ar", "es", "ru", "zh"])
def test_untoc_in_a_language_without_a_shipped_text_is_labelled_english(lang: str) -> None:
    case = translate_all(examples.load_example("bec-preservation"))  # relies on UNTOC art. 18
    rows = _legal_section(case, [lang, "en"])
    target = "\n".join(r[0] for r in rows)
    assert tr(lang, "Authentic English text:") in target
    assert "States Parties shall afford one another the widest measure of mutual legal assistance" in target
    assert tr(lang, "[translation pending]") not in target


def test_an_unverified_article_is_named_and_its_text_is_to_be_attached() -> None:
    case = _only(translate_all(examples.load_example("sim-swap-fraud")), "R2")
    case.legal_bases.append(LegalBasis.model_validate(
        {"basis": "uncc-stored-data", "articles": {"text": "artículo 44", "translations": {"en": "Article 44"}}}))
    case.requests[0].legal_bases = ["uncc-stored-data"]
    rows = _legal_section(case, ["es", "en"])
    english = "\n".join(r[1] for r in rows)
    assert "United Nations Convention against Cybercrime, Article 44" in english
    assert "The text of this provision is to be attached to this request." in english
    assert tr("es", "The text of this provision is to be attached to this request.") in "\n".join(r[0] for r in rows)


def test_a_provider_asked_to_cooperate_voluntarily() -> None:
    case = _only(translate_all(examples.load_example("grooming-child-exploitation")), "R1")
    assert case.requests[0].legal_bases == []
    text = _render(case, ["en"])
    assert "This request asks the provider to cooperate voluntarily" in text
    assert "18 U.S.C. § 3512" not in text  # the State-to-State statute belongs to the other requests
