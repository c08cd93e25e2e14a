"""`mla-writer identifiers import CASE R FILE`: rows of IP identifiers from a CSV file or log lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mla_writer import cli
from mla_writer.identifier_import import parse
from mla_writer.store import load_case

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ddos-for-hire.json"  # R2 holds an IP identifier, R3 none

GOOD_CSV = """ip,timestamp,timezone,port
203.0.113.10,2026-09-01T10:00:00,Asia/Shanghai,51234
203.0.113.11,2026-09-01 10:00:05,Asia/Shanghai,51235
"""
BAD_CSV = GOOD_CSV + """203.0.113.999,2026-09-01T10:00:05,Asia/Shanghai,51235
203.0.113.12,2026-13-01T10:00:05,Asia/Shanghai,51235
203.0.113.13,2026-09-01T10:00:05,Mars/Base,51235
203.0.113.14,2026-09-01T10:00:05,UTC,99999
"""


@pytest.fixture
def case(tmp_path: Path) -> Path:
    path = tmp_path / "case.json"
    shutil.copyfile(EXAMPLE, path)
    return path


def _items(path: Path, request: str = "R3") -> list:
    return next(r for r in load_case(path).requests if r.id == request).items


def test_csv_rows_are_added_with_the_request_categories(case, tmp_path, capsys):
    before = _items(case, "R2")
    rows = tmp_path / "ips.csv"
    rows.write_text(GOOD_CSV, "utf-8")
    assert cli.main(["identifiers", "import", str(case), "R2", str(rows)]) == 0
    after = _items(case, "R2")
    assert len(after) == len(before) + 2
    new = after[-1].identifier
    assert (new.address, new.timestamp.isoformat(), new.timezone, new.port) == (
        "203.0.113.11", "2026-09-01T10:00:05", "Asia/Shanghai", 51235)
    like = next(i for i in before if i.identifier.type == "ip")
    assert after[-1].categories == like.categories
    assert "added 2 identifier(s) to R2" in capsys.readouterr().out
    # The same file again adds nothing twice.
    assert cli.main(["identifiers", "import", str(case), "R2", str(rows)]) == 0
    assert len(_items(case, "R2")) == len(after)
    assert "2 already in R2" in capsys.readouterr().out


def test_a_bad_row_adds_nothing_and_is_named_by_line_and_field_only(case, tmp_path, capsys):
    original = case.read_bytes()
    rows = tmp_path / "ips.csv"
    rows.write_text(BAD_CSV, "utf-8")
    assert cli.main(["identifiers", "import", str(case), "R3", str(rows)]) == 2
    assert case.read_bytes() == original
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if ": line " in line]
    assert [line.split(": ", 1)[1].split(":")[0:2] for line in lines] == [
        ["line 4", " address"], ["line 5", " timestamp"], ["line 6", " timezone"], ["line 7", " port"]]
    for value in ("203.0.113.999", "Mars/Base", "99999", "2026-13-01", "203.0.113.10"):
        assert value not in err  # the rows are personal data: never echoed
    assert "nothing was added" in err and "--skip-bad" in err


def test_skip_bad_adds_the_good_rows(case, tmp_path, capsys):
    before = len(_items(case))
    rows = tmp_path / "ips.csv"
    rows.write_text(BAD_CSV, "utf-8")
    assert cli.main(["identifiers", "import", str(case), "R3", str(rows), "--skip-bad"]) == 0
    assert len(_items(case)) == before + 2
    assert "4 bad row(s) skipped" in capsys.readouterr().out


def test_log_lines_pasted_on_standard_input(case, monkeypatch, capsys):
    import io

    pasted = ("2026-09-02 21:37:05 Asia/Shanghai GET /panel from 198.51.100.7:40001\n"
              "[2001:db8::5]:443 2026-09-02T21:38:00 UTC\n"
              "2026-09-02T21:39:00 UTC 203.0.113.77 port 8080\n")
    monkeypatch.setattr("sys.stdin", io.StringIO(pasted))
    assert cli.main(["identifiers", "import", str(case), "R3", "-"]) == 0
    got = [(i.identifier.address, i.identifier.port, i.identifier.timezone) for i in _items(case)[-3:]]
    assert got == [("198.51.100.7", 40001, "Asia/Shanghai"), ("2001:db8::5", 443, "UTC"),
                   ("203.0.113.77", 8080, "UTC")]


def test_csv_without_a_header_takes_the_columns_in_order():
    parsed = parse("203.0.113.1,2026-01-02T03:04:05,Europe/Paris,443\n198.51.100.2\n")
    assert [(line, ip.address, ip.port) for line, ip in parsed.good] == [(1, "203.0.113.1", 443),
                                                                         (2, "198.51.100.2", None)]
    assert not parsed.bad


def test_unknown_request_and_empty_file_are_one_line_errors(case, tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_text("\n", "utf-8")
    assert cli.main(["identifiers", "import", str(case), "R9", str(empty)]) == 2
    assert "no request 'R9'" in capsys.readouterr().err
    assert cli.main(["identifiers", "import", str(case), "R3", str(empty)]) == 2
    assert "holds no rows" in capsys.readouterr().err
