"""Fuzz the renderer for a bounded, repeatable time: whole valid cases of every kind (the
model's hypothesis strategies) and arbitrary text in printed fields. Every document must be a
sound .docx and show the user's text literally; the only acceptable failure is RenderError.

A case that breaks this is written to corpus/ (as a case file) before the test fails.
"""

from __future__ import annotations

import copy
import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import cases  # the model's strategies (tests/strategies.py)

from mla_writer.checks import Context, run_checks
from mla_writer.model import REQUEST_KINDS
from mla_writer.render import RenderError, render_package
from mla_writer.store import CaseFileError, parse_case

from .docx_check import assert_valid_docx, document_text, squash
from .test_fuzz_loader import EXAMPLE_DATA, FUZZ, examples, keep_in_corpus

TODAY = dt.date(2026, 4, 1)
# Characters a Word document can hold (the model refuses the others, see test_hostile_text).
xml_char = st.characters(codec="utf-8", exclude_categories=("Cs",)).filter(
    lambda c: (ord(c) >= 0x20 or c in "\t\n\r") and c not in "\ufffe\uffff")
xml_text = st.text(xml_char, min_size=1, max_size=60).filter(lambda t: t.strip())


def _render(case, languages) -> bytes:
    """The first request document of the case's package; the review sheet is checked too."""
    documents, sheet = render_package(case, languages=languages, findings=run_checks(case, Context(today=TODAY)),
                                      today=TODAY)
    assert_valid_docx(sheet)
    return documents[0].data


@settings(FUZZ, max_examples=examples(8))
@given(st.sampled_from(REQUEST_KINDS).flatmap(lambda kind: cases(kinds=(kind,))))
def test_fuzz_any_valid_case_renders_to_a_sound_document(case):
    try:
        data = _render(case, list(case.languages))
    except RenderError as e:
        assert str(e) and "\n" not in str(e).strip()
        return
    except BaseException as e:  # anything else is the bug we hunt
        keep_in_corpus(case.model_dump_json(indent=2), e)
        raise
    assert_valid_docx(data)


@settings(FUZZ, max_examples=examples(8))
@given(xml_text, xml_text, st.sampled_from([["en"], ["en", "fr"], ["ar", "en"], ["en", "zh"]]))
def test_fuzz_text_is_shown_literally(summary: str, offence: str, languages: list[str]):
    data = copy.deepcopy(EXAMPLE_DATA)
    data["facts"]["summary"] = "FUZZ-S " + summary
    data["offences"][0]["name"] = "FUZZ-O " + offence
    raw = json.dumps(data)
    try:
        case = parse_case(raw)
    except CaseFileError:
        return  # e.g. text the model refuses: covered by the loader fuzz
    try:
        rendered = _render(case, languages)
    except BaseException as e:  # the example always renders; any failure is a bug
        keep_in_corpus(raw, e)
        raise
    body = document_text(assert_valid_docx(rendered))
    assert squash("FUZZ-S " + summary) in body
    assert squash("FUZZ-O " + offence) in body
