"""Hostile text in the document: the .docx is always well formed and shows the text literally
(a user's `{{ 7*7 }}` stays `{{ 7*7 }}`, `<w:p>` stays text, U+202E stays where it was typed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import EXAMPLES, assert_no_traceback, run_cli
from .docx_check import assert_valid_docx, document_text, squash
from .hostile import ACCEPTED, BLANK, field_name, inject

TODAY = "2026-04-01"
# Fields the preservation document prints in the drafting language column.
RENDERED = (("facts", "summary"), ("offences", 0, "name"), ("requests", 0, "items", 0, "nexus"),
            ("signature", "name"))


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def _render_in_process(cli, case: Path, out: Path, *extra: str):
    result = cli("render", case, "-o", out, "--today", TODAY, *extra)
    assert_no_traceback(result)
    assert result.code == 0, result.err
    return assert_valid_docx(out)


def _all_in_one(example_data: dict, texts: dict[str, str]) -> dict:
    """One case holding every text (one offence each, and the first few in the other printed
    fields too): one render checks them all."""
    data = inject(example_data, texts["word-markup"], RENDERED, label=True)
    template = data["offences"][0]
    data["offences"] = [{**template, "name": f"<<{name}>> {text}"} for name, text in texts.items()]
    data["facts"]["summary"] = f"[facts.summary] {texts['jinja-expression']}"
    return data


def test_hostile_text_is_printed_literally(example_data: dict, tmp_path: Path, cli):
    case = _write(tmp_path, _all_in_one(example_data, ACCEPTED))
    body = document_text(_render_in_process(cli, case, tmp_path / "out.docx"))
    missing = [name for name, text in ACCEPTED.items() if squash(f"<<{name}>> {text}") not in body]
    assert not missing, f"not shown literally: {missing}"
    assert squash(f"[facts.summary] {ACCEPTED['jinja-expression']}") in body
    for path in RENDERED[2:]:  # facts.summary and offences were replaced above
        assert squash(f"[{field_name(path)}] {ACCEPTED['word-markup']}") in body, field_name(path)


def test_blank_fields_give_a_sound_document_without_none(example_data: dict, tmp_path: Path, cli):
    data = example_data
    for text, path in zip(BLANK.values(), RENDERED, strict=False):
        data = inject(data, text, (path,))
    data["offences"][0]["max_penalty"] = "  "
    body = document_text(_render_in_process(cli, _write(tmp_path, data), tmp_path / "out.docx"))
    assert "None" not in body and "null" not in body


@pytest.mark.parametrize("languages", ["ar,en", "zh,ru", "fr"])
def test_hostile_text_in_other_languages(languages: str, example_data: dict, tmp_path: Path, cli):
    """Translations hold hostile text too: each column shows its own language's text literally."""
    names = ["bidi-override", "emoji", "word-markup", "jinja-statement", "mixed-scripts"]
    data = example_data
    data["facts"]["summary"] = {
        "text": "[en] " + " | ".join(ACCEPTED[n] for n in names),
        "translations": {lang: f"[{lang}] " + " | ".join(ACCEPTED[n] for n in names)
                         for lang in ("ar", "zh", "ru", "fr")},
    }
    body = document_text(_render_in_process(cli, _write(tmp_path, data), tmp_path / "out.docx",
                                            "--languages", languages))
    for lang in languages.split(","):
        assert squash(f"[{lang}] " + " | ".join(ACCEPTED[n] for n in names)) in body, lang


@pytest.mark.parametrize("name", ["word-markup", "jinja-expression", "paste-100k-bytes-arabic"])
def test_hostile_text_in_a_real_process(name: str, example_data: dict, tmp_path: Path):
    case = _write(tmp_path, inject(example_data, ACCEPTED[name], RENDERED, label=True))
    out = tmp_path / "out.docx"
    result = run_cli("render", case, "-o", out, "--today", TODAY, "--languages", "ar,en")
    assert_no_traceback(result)
    assert result.code == 0, result.err
    assert squash(f"[facts.summary] {ACCEPTED[name]}") in document_text(assert_valid_docx(out))


EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json"))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_every_example_renders_to_a_sound_document(example: Path, tmp_path: Path, cli):
    """Flawed training cases too: a gap in the case is a finding, never a broken render."""
    out = tmp_path / example.stem
    result = cli("render", example, "-o", f"{out}/", "--today", TODAY)
    assert_no_traceback(result)
    assert result.code == 0, (example.name, result.err)
    written = sorted(out.iterdir())
    assert len(written) >= 2 and out / "review-sheet.docx" in written
    for document in written:
        assert_valid_docx(document)


def test_output_name_near_the_file_system_limit(tmp_path: Path, cli):
    """A legal 245-byte output name: the temp file beside it must stay under the limit too."""
    out = tmp_path / ("n" * 240 + ".docx")
    _render_in_process(cli, EXAMPLES / "bec-preservation.json", out)


@pytest.mark.parametrize("today", ["0001-01-01", "9999-12-31"])
def test_extreme_dates_render_and_check(today: str, example_data: dict, tmp_path: Path, cli):
    """Year 1 and year 9999 everywhere a date goes (a typo away from a real date): date
    arithmetic in the checks and date formatting in six languages must not overflow."""
    data = example_data
    data["date"], data["signature"]["date"] = "9999-12-31", "0001-01-01"
    data["urgency"] |= {"respond_by": "0001-01-01", "data_at_risk_from": "9999-12-31"}
    data["requests"][0]["items"][0]["date_range"] = {"start": "0001-01-01", "end": "9999-12-31"}
    case = _write(tmp_path, data)
    assert_no_traceback(cli("check", case, "--today", today))
    for languages in ("en,fr", "ar,zh"):
        result = cli("render", case, "-o", tmp_path / "out.docx", "--force", "--today", today, "--languages", languages)
        assert_no_traceback(result)
        assert result.code == 0, result.err
        assert_valid_docx(tmp_path / "out.docx")
