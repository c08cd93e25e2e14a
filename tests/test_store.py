"""Case files: atomic writes, owner-only mode, never silently overwritten, autosave offer."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from mla_writer import store
from mla_writer.model import Case


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_save_then_load_round_trips(tmp_path: Path, example_path: Path):
    case = store.load_case(example_path)
    out = store.save_case(case, tmp_path / "copy.json")
    assert store.load_case(out) == case
    assert json.loads(out.read_text(encoding="utf-8"))["reference"] == "LYON-CYB-2026-0147"


def test_saved_case_is_readable_by_owner_only_even_with_open_umask(tmp_path: Path):
    old = os.umask(0)
    try:
        p = store.save_case(Case(), tmp_path / "c.json")
        a = store.autosave({"title": "half typed"}, tmp_path / "c.json")
    finally:
        os.umask(old)
    assert _mode(p) == 0o600
    assert _mode(a) == 0o600


def test_existing_file_is_kept_when_rename_fails(tmp_path: Path, monkeypatch):
    target = tmp_path / "c.json"
    store.save_case(Case(title="first"), target)

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        store.save_case(Case(title="second"), target)
    assert store.load_case(target).title == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"], "temporary file left behind"


def test_save_refuses_to_overwrite_when_asked(tmp_path: Path):
    target = tmp_path / "c.json"
    store.save_case(Case(title="first"), target)
    with pytest.raises(FileExistsError):
        store.save_case(Case(title="second"), target, overwrite=False)
    assert store.load_case(target).title == "first"


def test_pending_autosave_is_offered_only_when_newer(tmp_path: Path):
    target = tmp_path / "c.json"
    assert store.pending_autosave(target) is None
    auto = store.autosave({"title": "typed but not saved"}, target)
    assert store.pending_autosave(target) == auto
    store.save_case(Case(title="saved"), target)
    os.utime(auto, ns=(1, 1))
    assert store.pending_autosave(target) is None
    store.discard_autosave(target)
    assert not auto.exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{not json", "not valid JSON at line 1"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2]", "JSON object"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_unreadable_files_give_one_readable_problem(tmp_path: Path, content: bytes, words: str):
    p = tmp_path / "bad.json"
    p.write_bytes(content)
    with pytest.raises(store.CaseFileError) as e:
        store.load_case(p)
    assert words in e.value.problems[0]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"title": "never closed', "line 1, column 11: a text starts here and has no closing double quote"),
        (b'{"title": "a\tb"}', "tab or line break"),
        (b'{"title": "a\\q"}', "unknown escape"),
        (b'{"title": "x",}', "field name in double quotes"),
        (b'{"title": }', "a value is missing"),
        (b'{} {}', "more follows the end"),
    ],
)
def test_a_json_mistake_is_named_in_a_whole_sentence(tmp_path: Path, content: bytes, words: str):
    """Python's own messages stop at "... starting at", meant to be followed by a position."""
    p = tmp_path / "bad.json"
    p.write_bytes(content)
    with pytest.raises(store.CaseFileError) as e:
        store.load_case(p)
    (problem,) = e.value.problems
    assert words in problem
    assert not problem.rstrip(".").endswith((" at", ":"))


def test_missing_file_and_folder(tmp_path: Path):
    with pytest.raises(store.CaseFileError, match="no such file"):
        store.load_case(tmp_path / "nope.json")
    with pytest.raises(store.CaseFileError, match="folder"):
        store.load_case(tmp_path)
