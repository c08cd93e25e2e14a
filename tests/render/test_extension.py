"""`render --extension R1`: the request to extend a preservation before it lapses, in one step,
read back from the Word document as the addressee would read it."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest

from mla_writer import examples
from mla_writer.cli import main as cli_main
from mla_writer.render import RenderError, render_extension

from .cases import translate_all
from .readback import all_text, open_docx, part_names, part_xml

LAPSING = examples.example_path("flawed-preservation-lapsing")


def _text(path: Path) -> str:
    return " ".join(all_text(open_docx(path.read_bytes())).split())


def test_extension_from_the_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ext.docx"
    assert cli_main(["render", str(LAPSING), "-o", str(out), "--extension", "R1", "--languages", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["training case: rendered as of 2026-11-05", f"wrote {out}"]
    assert "extension-asked" in lines[2]
    text = _text(out)
    for expected in (
        "Request for the extension of a preservation of stored computer data",
        "Date: 5 November 2026",  # the letter speaks from the case's date, not the clock
        "On 21 August 2026 the requesting authority asked for the expeditious preservation",
        "Reference: INTERPOL-WI-2026-33871",
        "Preservation expires on: 19 November 2026",
        "The requesting State intends to submit a request for mutual legal assistance",
        "extended by 90 days, until 17 February 2027",
        "192.0.2.77",  # the data preserved
    ):
        assert expected in text, expected
    data = out.read_bytes()
    assert any("Fingerprint" in part_xml(data, n) for n in part_names(data) if "footer" in n)


def test_days_and_a_filed_follow_up(tmp_path: Path) -> None:
    case = examples.load_example("grooming-child-exploitation")
    out = render_extension(case, "R1", tmp_path / "g.docx", languages=["en"], letter_date=dt.date(2026, 9, 22),
                           days=60)
    text = _text(out)
    assert "Preservation expires on: 27 October 2026" in text
    assert "extended by 60 days, until 26 December 2026" in text
    assert "was sent on 21 September 2026" in text and "DCI-ACPU-2026-0388" in text
    assert "Date: 22 September 2026" in text


@pytest.mark.parametrize("pair", [["ar", "en"], ["fr", "es"], ["ru", "zh"]])
def test_every_language(tmp_path: Path, pair: list[str]) -> None:
    # The case's own texts translated: what is checked is the letter's wording in each language.
    case = translate_all(examples.load_example("flawed-preservation-lapsing"))
    out = render_extension(case, "R1", tmp_path / "x.docx", languages=pair, letter_date=dt.date(2026, 11, 5))
    text = _text(out)
    assert "[translation pending]" not in text and "INTERPOL-WI-2026-33871" in text


@pytest.mark.parametrize(("args", "says"), [
    (["--extension", "R2"], "--extension R2: it is a subscriber request; only a preservation is extended"),
    (["--extension", "R7"], "--extension R7: the case has no such request (its requests: R1, R2)"),
    (["--extension", "R1", "--today", "2026-11-20"], "the preservation lapsed on 2026-11-19"),
    (["--days", "30"], "--days goes with --extension"),
    (["--extension", "R1", "--days", "0"], "--days goes with --extension and is a number of days from 1 to 3650"),
])
def test_refusals_are_one_line_and_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 args: list[str], says: str) -> None:
    out = tmp_path / "x.docx"
    assert cli_main(["render", str(LAPSING), "-o", str(out), *args]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and says in err, err
    assert not out.exists()


def test_an_unsent_preservation_cannot_be_extended(tmp_path: Path) -> None:
    case = examples.load_example("bec-preservation")
    with pytest.raises(RenderError, match="has not been sent"):
        render_extension(case, "R1", tmp_path / "b.docx", languages=["en"], letter_date=dt.date(2026, 3, 21))


def test_an_extension_is_written_by_the_one_writer_and_never_over_a_file(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ext.docx"
    out.write_bytes(b"last week's letter")
    assert cli_main(["render", str(LAPSING), "-o", str(out), "--extension", "R1"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "already exists; use --force" in err, err
    assert out.read_bytes() == b"last week's letter"
    assert cli_main(["render", str(LAPSING), "-o", str(out), "--extension", "R1", "--force"]) == 0
    assert out.read_bytes().startswith(b"PK") and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ext.docx"]  # no temporary file left
