"""Training cases are frozen in time: every command evaluates one as of its own date, says so, and
gives the answer key's codes whatever the machine's clock says. The clock is injected (asof.clock_today
is the package's one reading of it), never the real one."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import docx
import pytest

from mla_writer import asof, examples
from mla_writer.cli import main as cli_main
from mla_writer.model import Case, Training

NAMES = examples.example_names()
FLAWED = [n for n in NAMES if examples.answer_key(n) is not None]
GOOD = [n for n in NAMES if n not in FLAWED]
YEARS_AHEAD = dt.date(2031, 6, 1)
YEARS_BEFORE = dt.date(2019, 1, 15)


@pytest.fixture(params=[YEARS_AHEAD, YEARS_BEFORE], ids=["clock-2031", "clock-2019"])
def clock(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(asof, "clock_today", lambda: request.param)
    return request.param


def _check_json(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    cli_main(["check", str(path), "--format", "json", *extra])
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", FLAWED)
def test_check_reproduces_the_answer_key_in_any_year(name: str, clock: dt.date,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = _check_json(examples.example_path(name), capsys)
    codes = {f["code"] for f in out["findings"]}
    key = examples.answer_key(name)
    assert key is not None and set(key.codes) <= codes, sorted(set(key.codes) - codes)
    assert out["as_of"] == examples.check_date(examples.load_example(name)).isoformat()
    assert out["training"] is True


def test_the_lapsing_preservation_stays_about_to_lapse(clock: dt.date, capsys: pytest.CaptureFixture[str]) -> None:
    codes = {f["code"] for f in _check_json(examples.example_path("flawed-preservation-lapsing"), capsys)["findings"]}
    assert "PRES-EXPIRING" in codes and "PRES-EXPIRED" not in codes


@pytest.mark.parametrize("name", GOOD)
def test_worked_examples_raise_no_error_and_no_passed_date_in_any_year(name: str, clock: dt.date,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    findings = _check_json(examples.example_path(name), capsys)["findings"]
    assert [f["code"] for f in findings if f["severity"] == "error"] == []
    assert {"RESPOND-BY-PAST", "PRES-EXPIRED"}.isdisjoint(f["code"] for f in findings)


def test_check_text_says_the_training_date(clock: dt.date, capsys: pytest.CaptureFixture[str]) -> None:
    cli_main(["check", str(examples.example_path("flawed-preservation-lapsing"))])
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "training case: checked as of 2026-11-05"


def test_today_option_overrides_the_training_date_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    path = examples.example_path("flawed-preservation-lapsing")
    cli_main(["check", str(path), "--today", "2026-12-01"])
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("training case: checked as of 2026-12-01 (--today; its own date is "
                                   "2026-11-05)")
    assert "PRES-EXPIRED" in out


def test_a_real_case_uses_the_clock(tmp_path: Path, clock: dt.date, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(examples.example_path("flawed-preservation-lapsing").read_text("utf-8"))
    del data["training"]
    path = tmp_path / "real.json"
    path.write_text(json.dumps(data), "utf-8")
    out = _check_json(path, capsys)
    assert out["as_of"] == clock.isoformat() and out["training"] is False
    codes = {f["code"] for f in out["findings"]}
    # The same file as a real case: in 2031 the preservation has long lapsed; in 2019 it is far off.
    assert ("PRES-EXPIRED" in codes) == (clock > dt.date(2026, 11, 19))
    cli_main(["check", str(path)])
    assert "training case" not in capsys.readouterr().out


def _docx_text(path: Path) -> str:
    d = docx.Document(io.BytesIO(path.read_bytes()))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_render_all_with_the_clock_years_ahead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The whole kit, rendered as a trainer would in 2031: no document says a date has passed, and
    each reviewer's annex lists exactly the findings of its own date."""
    monkeypatch.setattr(asof, "clock_today", lambda: YEARS_AHEAD)
    assert cli_main(["examples", "render-all", str(tmp_path), "--languages", "en"]) == 0
    out = capsys.readouterr().out
    assert "training cases: each checked and rendered as of its own date" in out
    for name in NAMES:
        documents = sorted((tmp_path / name).glob("*.docx"))
        assert documents[-1].name == "review-sheet.docx" and len(documents) >= 2, name
        for document in documents:
            text = _docx_text(document)
            assert "RESPOND-BY-PAST" not in text and "has passed" not in text, document
            assert "PRES-EXPIRED" not in text and "has lapsed" not in text, document
    assert "PRES-EXPIRING" in _docx_text(tmp_path / "flawed-preservation-lapsing" / "review-sheet.docx")


def test_render_says_the_training_date(tmp_path: Path, clock: dt.date, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "d"
    assert cli_main(["render", str(examples.example_path("ddos-for-hire")), "-o", f"{out}/", "--languages", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["training case: rendered as of 2026-10-20", f"wrote {out / 'R1-preservation-US-en.docx'}",
                     f"wrote {out / 'R2+R3-subscriber+traffic-US-en.docx'}", f"wrote {out / 'review-sheet.docx'}"]
    assert "RESPOND-BY-PAST" not in _docx_text(out / "review-sheet.docx")


def test_examples_list_and_copy_say_the_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["examples", "list"]) == 0
    assert "training case: checked as of 2026-11-05" in capsys.readouterr().out
    assert cli_main(["examples", "copy", "flawed-preservation-lapsing", str(tmp_path)]) == 0
    assert "as of 2026-11-05" in capsys.readouterr().out
    copied = Case.model_validate_json((tmp_path / "flawed-preservation-lapsing.json").read_text("utf-8"))
    assert copied.training is not None and copied.training.as_of == dt.date(2026, 11, 5)


@pytest.mark.parametrize("command", [["check", "x.json"], ["render", "x.json", "-o", "x.docx"],
                                     ["examples", "render-all", "out"], ["status", "x.json", "R1", "sent"],
                                     ["register", "folder"]])
def test_every_command_that_reads_the_clock_documents_today(command: list[str],
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli_main([*command, "--help"])
    assert "--today YYYY-MM-DD" in capsys.readouterr().out


def test_as_of_rules() -> None:
    real, training = Case(), Case(training=Training(as_of=dt.date(2026, 1, 2)))
    today = dt.date(2030, 5, 5)
    assert asof.as_of(real, option=None, today=today) == asof.AsOf(today, "clock")
    assert asof.as_of(training, option=None, today=today).date == dt.date(2026, 1, 2)
    assert asof.as_of(training, option=dt.date(2026, 2, 1), today=today).date == dt.date(2026, 2, 1)
    assert asof.as_of(real, option=None, today=today).note() is None
    assert asof.evaluation_date(training, today) == dt.date(2026, 1, 2)
    assert asof.evaluation_date(real, today) == today


def test_no_other_module_reads_the_clock() -> None:
    import mla_writer

    root = Path(mla_writer.__file__).parent
    readers = [str(p.relative_to(root)) for p in root.rglob("*.py")
               if p.name != "asof.py" and any(s in p.read_text("utf-8")
                                              for s in ("date.today()", "datetime.now(", "utcnow("))]
    assert readers == []
