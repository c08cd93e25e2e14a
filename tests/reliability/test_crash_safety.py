"""A save interrupted at the worst moment leaves the previous case file intact and the autosave
recoverable; every file holding case data is readable by its owner only.

The kill is real: a child process replaces os.replace with a SIGKILL of itself and calls
store.save_case, so it dies after the new text is written and flushed to the temporary file
but before the rename, exactly where a power cut would hurt most.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mla_writer import store
from mla_writer.store import autosave, autosave_path, load_case, parse_case, pending_autosave, save_case

from .conftest import EXAMPLE

KILL_MID_SAVE = textwrap.dedent("""
    import os, signal, sys
    from mla_writer import store

    case = store.load_case(sys.argv[1])
    case.title = "edited title that never reached the disk"
    store.autosave(case, sys.argv[1])          # the wizard autosaves as the user types

    def die(src, dst):                         # the rename is the one step that must not half-happen
        os.kill(os.getpid(), signal.SIGKILL)

    os.replace = die
    store.save_case(case, sys.argv[1])
    print("unreachable")
""")


def _case_copy(tmp_path: Path) -> Path:
    path = tmp_path / "case.json"
    save_case(load_case(EXAMPLE), path)
    return path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_sigkill_between_temp_write_and_rename_keeps_the_previous_file(tmp_path: Path):
    path = _case_copy(tmp_path)
    before = path.read_bytes()
    child = subprocess.run([sys.executable, "-c", KILL_MID_SAVE, str(path)], capture_output=True, timeout=60)

    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    assert b"unreachable" not in child.stdout
    assert path.read_bytes() == before, "the case file changed although the save never completed"
    assert load_case(path).title == load_case(EXAMPLE).title

    # The edit is not lost: the autosave holds it and is offered back.
    auto = pending_autosave(path)
    assert auto == autosave_path(path)
    recovered = parse_case(auto.read_bytes(), auto)
    assert recovered.title == "edited title that never reached the disk"
    assert _mode(auto) == 0o600

    # The half-finished temporary file holds the complete new text (it was flushed), is private,
    # and does not pose as the case.
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".case.json.")
    assert _mode(leftovers[0]) == 0o600
    assert parse_case(leftovers[0].read_bytes()).title == recovered.title


def test_failed_rename_keeps_the_previous_file_and_removes_the_temp_file(tmp_path: Path, monkeypatch):
    path = _case_copy(tmp_path)
    before = path.read_bytes()
    case = load_case(path)
    case.title = "never saved"

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_case(case, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json"]


def test_interrupt_during_write_keeps_the_previous_file(tmp_path: Path, monkeypatch):
    """Ctrl-C (KeyboardInterrupt, a BaseException) half-way through the write."""
    path = _case_copy(tmp_path)
    before = path.read_bytes()

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_case(load_case(path), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json"]


def test_the_rename_is_the_only_step_that_touches_the_case_file(tmp_path: Path, monkeypatch):
    """The target is never opened for writing: until os.replace it is the old file, byte for byte."""
    path = _case_copy(tmp_path)
    before = path.read_bytes()
    seen = []
    real_replace = os.replace

    def watching_replace(src, dst):
        seen.append(Path(dst).read_bytes() == before)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", watching_replace)
    case = load_case(path)
    case.title = "new"
    save_case(case, path)
    assert seen == [True]
    assert load_case(path).title == "new"


# ---- owner-only files ----------------------------------------------------------------------

@pytest.fixture(params=[0o000, 0o022, 0o077], ids=["umask000", "umask022", "umask077"])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def test_case_files_and_autosaves_are_0600_whatever_the_umask(tmp_path: Path, umask: int):
    case = load_case(EXAMPLE)
    path = save_case(case, tmp_path / "case.json")
    auto = autosave(case, path)
    auto_raw = autosave({"title": "raw dict"}, tmp_path / "other.json")
    for p in (path, auto, auto_raw):
        assert _mode(p) == 0o600, (p.name, oct(_mode(p)))


def test_saving_over_a_world_readable_file_makes_it_private(tmp_path: Path):
    path = tmp_path / "case.json"
    path.write_bytes(EXAMPLE.read_bytes())
    path.chmod(0o666)
    save_case(load_case(path), path)
    assert _mode(path) == 0o600


def test_umask_000_in_a_real_process(tmp_path: Path):
    code = ("import os, sys; os.umask(0); from mla_writer import store; "
            "c = store.load_case(sys.argv[1]); p = store.save_case(c, sys.argv[2]); store.autosave(c, p)")
    subprocess.run([sys.executable, "-c", code, str(EXAMPLE), str(tmp_path / "c.json")], check=True, timeout=60)
    assert _mode(tmp_path / "c.json") == 0o600
    assert _mode(autosave_path(tmp_path / "c.json")) == 0o600


def test_autosave_is_not_offered_once_the_case_is_saved(tmp_path: Path):
    path = _case_copy(tmp_path)
    auto = autosave({"title": "x"}, path)
    os.utime(path, ns=(auto.stat().st_mtime_ns + 10**9,) * 2)
    assert pending_autosave(path) is None


def test_save_refuses_to_replace_when_told_not_to(tmp_path: Path):
    path = _case_copy(tmp_path)
    before = path.read_bytes()
    with pytest.raises(FileExistsError):
        save_case(load_case(EXAMPLE), path, overwrite=False)
    assert path.read_bytes() == before


def test_saved_json_is_what_was_loaded(tmp_path: Path):
    path = _case_copy(tmp_path)
    assert json.loads(path.read_text("utf-8")) == json.loads(store.case_json(load_case(EXAMPLE)))


@pytest.mark.parametrize("stem", ["n" * 245, "案" * 80, "ملف" * 40])
def test_names_near_the_file_system_limit_save_and_autosave(tmp_path: Path, stem: str):
    """A legal case file name near 255 bytes once failed to save: the temp name and the autosave
    name added to it went over the limit."""
    path = tmp_path / f"{stem}.json"
    case = load_case(EXAMPLE)
    save_case(case, path)
    auto = autosave(case, path)
    assert load_case(path) == case
    assert pending_autosave(path) == auto and len(os.fsencode(auto.name)) <= 255
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, auto.name])


# ---- the document: replaced whole or not at all ----------------------------------------------

KILL_MID_RENDER = textwrap.dedent("""
    import os, signal, sys
    from mla_writer import cli

    def die(src, dst):
        os.kill(os.getpid(), signal.SIGKILL)

    os.replace = die
    cli.main(["render", sys.argv[1], "-o", sys.argv[2], "--force", "--today", "2026-04-01"])
""")


def test_failed_render_keeps_the_previous_document(tmp_path: Path, monkeypatch, capsys):
    from mla_writer import cli

    out = tmp_path / "request.docx"
    out.write_bytes(b"the version sent last week")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(os, "replace", broken_replace)
    code = cli.main(["render", str(EXAMPLE), "-o", str(out), "--force", "--today", "2026-04-01"])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert code == 2 and "no space left on device" in err and str(out) in err and "Traceback" not in err
    assert out.read_bytes() == b"the version sent last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["request.docx"]


def test_sigkill_during_render_keeps_the_previous_document(tmp_path: Path):
    out = tmp_path / "request.docx"
    out.write_bytes(b"the version sent last week")
    child = subprocess.run([sys.executable, "-c", KILL_MID_RENDER, str(EXAMPLE), str(out)],
                           capture_output=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    assert out.read_bytes() == b"the version sent last week"
