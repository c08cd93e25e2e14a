"""Every input that once broke the tool (corpus/) still gets a clean answer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mla_writer.store import CaseFileError, parse_case

from .conftest import CORPUS, assert_no_traceback

FILES = sorted(CORPUS.glob("*.json"))


def test_corpus_is_not_empty():
    assert len(FILES) >= 5


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_loader_gives_a_case_or_readable_problems(path: Path):
    try:
        parse_case(path.read_bytes(), path)
    except CaseFileError as e:
        assert e.problems and len(e.problems) <= 21
        for line in e.problems:
            assert "\n" not in line and len(line) < 400
            assert not any(0xD800 <= ord(c) <= 0xDFFF or c in "\u202e\x1b" for c in line), line


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_cli_gives_a_clean_answer(path: Path, tmp_path: Path, cli):
    case = tmp_path / "case.json"
    shutil.copyfile(path, case)
    for result in (cli("check", case), cli("render", case, "-o", tmp_path / "out.docx")):
        assert_no_traceback(result)
        assert "unexpected" not in result.err, result.err
        assert len(result.err.splitlines()) <= 21
