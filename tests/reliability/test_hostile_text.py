"""Hostile text typed or pasted into a case: stored exactly, or refused naming the field.

The document side (the text shown literally in a valid .docx) is in test_hostile_render.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mla_writer.store import CaseFileError, autosave, load_case, parse_case, pending_autosave, save_case

from .conftest import assert_clean_refusal, assert_no_traceback, run_cli
from .hostile import ACCEPTED, BLANK, FIELDS, REJECTED, field_name, inject


def _get(case, path):
    node = case
    for p in path:
        node = node[p] if isinstance(p, int) else getattr(node, p)
    return getattr(node, "text", node)


@pytest.mark.parametrize("name", sorted(ACCEPTED | BLANK))
@pytest.mark.parametrize("ascii_only", [False, True], ids=["utf8", "escaped"])
def test_accepted_text_is_stored_exactly(name: str, ascii_only: bool, example_data: dict, tmp_path: Path):
    text = (ACCEPTED | BLANK)[name]
    raw = json.dumps(inject(example_data, text), ensure_ascii=ascii_only)
    case = parse_case(raw)
    for path in FIELDS:
        assert _get(case, path) == text, field_name(path)
    saved = save_case(case, tmp_path / "case.json")
    assert load_case(saved) == case


@pytest.mark.parametrize("name", sorted(ACCEPTED | BLANK))
def test_check_survives_accepted_text(name: str, example_data: dict, tmp_path: Path, cli):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(inject(example_data, (ACCEPTED | BLANK)[name]), ensure_ascii=False), "utf-8")
    assert_no_traceback(cli("check", path))
    assert_no_traceback(cli("check", path, "--format", "json"))


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_forbidden_characters_are_refused_naming_every_field(name: str, example_data: dict, tmp_path: Path, cli):
    text, words = REJECTED[name]
    path = tmp_path / "case.json"
    # ensure_ascii writes a lone surrogate as the JSON escape "\ud800", as an editor would.
    path.write_text(json.dumps(inject(example_data, text), ensure_ascii=True), "ascii")
    result = cli("check", path)
    assert_clean_refusal(result, words)
    for p in FIELDS:
        assert f": {field_name(p)}: " in result.err or f": {field_name(p)}.text: " in result.err, \
            (field_name(p), result.err)


@pytest.mark.parametrize("name", ["lone-high-surrogate", "escape-sequence", "nul"])
def test_forbidden_characters_in_a_real_process(name: str, example_data: dict, tmp_path: Path):
    text, words = REJECTED[name]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(inject(example_data, text), ensure_ascii=True), "ascii")
    result = run_cli("check", path)
    assert_clean_refusal(result, words, "facts.summary")
    assert "\x1b" not in result.err  # an escape sequence must not reach the terminal


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_forbidden_characters_in_translations(name: str, example_data: dict):
    text, words = REJECTED[name]
    example_data["purpose"] = {"text": "ok", "translations": {"fr": text}}
    with pytest.raises(CaseFileError) as info:
        parse_case(json.dumps(example_data))
    assert any(p.startswith("purpose.translations.fr:") and words in p for p in info.value.problems)


def test_damaged_work_in_progress_is_still_autosaved(tmp_path: Path):
    """The wizard autosaves raw data before it validates; a pasted lone surrogate must not
    make the autosave fail (and lose the rest of the work)."""
    case = tmp_path / "case.json"
    data = {"title": "draft", "facts": {"summary": "pasted \ud800 text"}}
    auto = autosave(data, case)
    assert pending_autosave(case) == auto
    back = json.loads(auto.read_text("utf-8"))
    assert back == data
    with pytest.raises(CaseFileError) as info:
        parse_case(auto.read_bytes())
    assert any(p.startswith("facts.summary") for p in info.value.problems)


def test_check_listing_quotes_user_text_on_one_plain_line(tmp_path: Path, cli):
    """A rule that quotes the case (here the e-mail domain of an emergency request) must not pass
    a C1 control (U+009B is CSI on many terminals) or a bidi override to the terminal."""
    from .conftest import EXAMPLES

    data = json.loads((EXAMPLES / "threat-to-life-emergency.json").read_text("utf-8"))
    hostile = "\x9b2J\u202eevil"
    touched = 0
    for request in data["requests"]:
        auth = request.get("authenticity")
        if isinstance(auth, dict):
            for key in ("official_email_domain", "sent_from"):
                if isinstance(auth.get(key), str):
                    auth[key] += hostile
                    touched += 1
    assert touched, "the example no longer has an authenticity block to test with"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = cli("check", path, "--today", "2026-04-01")
    assert result.code in (0, 1), result.err
    assert "\x9b" not in result.out and "\u202e" not in result.out
    assert "\\x9b" in result.out, "the quoted text is shown, escaped"
