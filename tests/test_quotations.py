"""Every treaty quotation mla-writer prints is proved word for word (whitespace aside) against the
source excerpt shipped beside it, and every excerpt says where and when it was read.

To re-run after editing mla_writer/data: ``.venv/bin/python -m pytest tests/test_quotations.py``.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mla_writer import refdata

BASES = refdata.legal_bases()
EXCERPTS = refdata.source_excerpts()
QUOTES = [(basis_id, q) for basis_id, info in BASES.items() for q in info.quotes]


@pytest.mark.parametrize(("basis_id", "quote"), QUOTES, ids=[f"{b}-{q.lang}" for b, q in QUOTES])
def test_quotation_matches_its_source_excerpt(basis_id: str, quote: refdata.Quote) -> None:
    excerpt = EXCERPTS.get(quote.source)
    assert excerpt is not None, f"{basis_id}: no excerpt sources/{quote.source}.md"
    info = BASES[basis_id]
    assert excerpt.treaty == info.treaty and excerpt.language == quote.lang and excerpt.authentic
    assert refdata.unmatched_paragraphs(quote.text, excerpt.body) == []


def test_subscriber_definition_matches_its_source_excerpt() -> None:
    d = refdata.subscriber_definition()
    excerpt = EXCERPTS[d.quote_source]
    text = "\n\n".join([d.chapeau, *(e.text for e in d.elements)])
    assert refdata.unmatched_paragraphs(text, excerpt.body) == []


@pytest.mark.parametrize("name", sorted(EXCERPTS))
def test_excerpt_says_where_and_when_it_was_read(name: str) -> None:
    e = EXCERPTS[name]
    assert e.title and e.publication and e.excerpt
    assert dt.date(2020, 1, 1) <= e.read_on <= dt.date.today()
    assert (e.repository and e.path and re.fullmatch(r"[0-9a-f]{40}", e.commit)) or e.url.startswith("http")
    assert e.language in refdata.treaties()[e.treaty].authentic_languages


def test_every_excerpt_is_quoted_from() -> None:
    used = {q.source for _b, q in QUOTES} | {refdata.subscriber_definition().quote_source}
    assert used == set(EXCERPTS)


def test_the_check_finds_a_changed_word() -> None:
    """The comparison is word for word: one word changed, added or dropped is caught."""
    body = EXCERPTS["budapest.en"].body
    right = BASES["budapest-25-27"].quote("en").text
    assert refdata.unmatched_paragraphs(right, body) == []
    for wrong in (right.replace("means of communication,", "means of communications,"),
                  right.replace("to the widest extent possible", "to the widest extent"),
                  right.replace("The requested Party shall accept", "The requested Party accept")):
        assert refdata.unmatched_paragraphs(wrong, body), wrong


def test_whitespace_and_quotation_marks_do_not_count() -> None:
    assert refdata.unmatched_paragraphs('the term “subscriber information”  means',
                                        'the term ``subscriber information" means') == []
    assert refdata.unmatched_paragraphs("Requests for mutual legal assistance", "Requests formutual legal assistance") == []


# --- what the issue asks to be quoted, verified, in English ---------------------------------------

def _paragraph_numbers(text: str) -> set[str]:
    return set(re.findall(r"^(\d+)\.", text, re.M))


def test_untoc_article_18_paragraphs_1_13_14_15_are_quoted() -> None:
    quote = BASES["untoc-18"].quote("en")
    assert quote is not None and _paragraph_numbers(quote.text) == {"1", "13", "14", "15"}
    assert "Requests for mutual legal assistance and any communication related thereto" in quote.text


@pytest.mark.parametrize("basis_id", ["budapest-25-27", "budapest-29", "budapest-30", "budapest-31",
                                      "budapest-33", "budapest-35"])
def test_budapest_article_is_quoted_in_english(basis_id: str) -> None:
    assert BASES[basis_id].verified and BASES[basis_id].quote("en") is not None


def test_budapest_25_3_reads_communication() -> None:
    text = BASES["budapest-25-27"].quote("en").text
    assert "by expedited means of communication, including fax or e-mail" in text
    assert "communications, including" not in text


def test_unverified_articles_carry_no_wording_and_say_why() -> None:
    for basis_id, info in BASES.items():
        if info.treaty and not info.verified:
            assert info.note, basis_id
    assert all(not BASES[b].verified and BASES[b].user_fills for b in BASES if b.startswith("uncc-"))
