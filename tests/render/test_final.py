"""`render --final`: the version to send is refused, naming each item, while an error finding or
a missing translation remains; without --final the draft is written with visible markers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mla_writer import examples
from mla_writer.checks import Context, run_checks
from mla_writer.cli import main as cli_main

from .cases import findings, make_case, translate_all
from .readback import all_text, open_docx

FLAWED = "flawed-preservation-missing-elements"  # drafted in French, documents in French and Spanish


def test_the_flawed_example_reports_each_missing_translation_at_its_path() -> None:
    case = examples.load_example(FLAWED)
    found = {f.path for f in run_checks(case, Context(today=examples.check_date(case))) if f.code == "TEXT-NOT-TRANSLATED"}
    assert {"signature.title.translations.es", "signature.place.translations.es",
            "requesting.authority.name.translations.es"} <= found
    key = examples.answer_key(FLAWED)
    assert key is not None and found == {path for code, path in key.findings if code == "TEXT-NOT-TRANSLATED"}


def test_render_final_refuses_the_flawed_example_naming_each_item(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "final.docx"
    code = cli_main(["render", str(examples.example_path(FLAWED)), "-o", str(out), "--final"])
    err = capsys.readouterr().err.splitlines()
    assert code == 2 and not out.exists() and list(tmp_path.iterdir()) == []
    case = examples.load_example(FLAWED)
    findings = run_checks(case, Context(today=examples.check_date(case)))
    missing = sorted(f.path.removesuffix(".translations.es") for f in findings if f.code == "TEXT-NOT-TRANSLATED")
    errors = [f for f in findings if f.severity == "error"]
    assert missing and errors
    for path in missing:
        assert sum(line == f"error: {path}: not translated into es (Spanish)" for line in err) == 1, path
    for f in errors:
        assert any(line.startswith(f"error: {f.path}: {f.code}: ") for line in err), f.code
    assert len(err) == len(missing) + len(errors) + 1  # and one closing line
    assert err[-1].startswith(f"error: --final: {len(missing) + len(errors)} item(s)")
    assert "Traceback" not in "\n".join(err)


def test_without_final_the_draft_is_written_with_markers(tmp_path: Path) -> None:
    out = tmp_path / "draft.docx"
    assert cli_main(["render", str(examples.example_path(FLAWED)), "-o", str(out)]) == 0
    assert "[traducción pendiente]" in all_text(open_docx(out.read_bytes()))


def test_render_final_writes_a_case_with_nothing_left(tmp_path: Path) -> None:
    case = translate_all(make_case("preservation", legal_bases=[{"basis": "untoc-18"}]), ("fr",))
    assert not [f for f in findings(case) if f.severity == "error" or f.code == "TEXT-NOT-TRANSLATED"]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case.model_dump(mode="json")), encoding="utf-8")
    out = tmp_path / "final.docx"
    assert cli_main(["render", str(path), "-o", str(out), "--final", "--today", "2026-04-15"]) == 0
    assert out.is_file()


def test_render_final_asks_for_the_languages_rendered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A case complete in its own pair is not complete in another: --languages counts."""
    case = translate_all(make_case("preservation", legal_bases=[{"basis": "untoc-18"}]), ("fr",))
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case.model_dump(mode="json")), encoding="utf-8")
    out = tmp_path / "final.docx"
    assert cli_main(["render", str(path), "-o", str(out), "--final", "--languages", "en,es",
                     "--today", "2026-04-15"]) == 2
    assert "facts.summary: not translated into es (Spanish)" in capsys.readouterr().err
    assert not out.exists()


WORKED = [n for n in examples.example_names()
          if not (examples.load_example(n).training and examples.load_example(n).training.flawed)]


@pytest.mark.parametrize("name", WORKED)
def test_every_worked_example_renders_final_in_its_own_pair(tmp_path: Path, name: str) -> None:
    """Issue 12: the worked examples are complete, so --final writes the package to send: no
    DRAFT marking, no fingerprint, no pending marker in any request document."""
    import docx

    from mla_writer import i18n

    case = examples.load_example(name)
    out = tmp_path / "package"
    assert cli_main(["render", str(examples.example_path(name)), "-o", f"{out}/", "--final"]) == 0
    documents = sorted(p for p in out.iterdir() if p.name != "review-sheet.docx")
    assert documents and len(documents) < len(list(out.iterdir()))
    marks = [i18n.translations(lang).gettext(m) for lang in case.languages
             for m in ("DRAFT", "Fingerprint:", "[translation pending]", "[to be completed]")]
    for path in documents:
        d = docx.Document(str(path))
        text = all_text(open_docx(path.read_bytes())) + "\n".join(
            p.text for s in d.sections for story in (s.header, s.footer)
            for t in story.tables for row in t.rows for c in row.cells for p in c.paragraphs)
        assert not [m for m in marks if m in text], path.name


def test_render_final_of_one_request_is_held_up_only_by_what_concerns_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A request to one addressee is sent when it is ready: an untranslated text in another
    request of the case does not hold it up, and still holds up that other request."""
    data = json.loads(examples.example_path("sextortion-account-takeover").read_text(encoding="utf-8"))
    assert [r["id"] for r in data["requests"]][:2] == ["R1", "R2"]
    data["requests"][1]["items"][0]["nexus"]["translations"] = {}  # R2's first item: no translation left
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    today = str(examples.check_date(examples.load_example("sextortion-account-takeover")))

    r1 = tmp_path / "r1.docx"
    assert cli_main(["render", str(path), "-o", str(r1), "--request", "R1", "--final", "--today", today]) == 0
    assert r1.is_file()
    capsys.readouterr()

    r2 = tmp_path / "r2.docx"
    assert cli_main(["render", str(path), "-o", str(r2), "--request", "R2", "--final", "--today", today]) == 2
    err = capsys.readouterr().err
    assert "error: requests[1].items[0].nexus: not translated into" in err and not r2.exists()

    package = tmp_path / "package"
    assert cli_main(["render", str(path), "-o", f"{package}/", "--final", "--today", today]) == 2
    assert not package.exists()
