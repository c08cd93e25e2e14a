"""Two editors on one case lose nothing (issue 20, item 3).

A save compares the file on disk with what was loaded (mtime, size, SHA-256): if another program
or wizard changed it, the file is not replaced, our version is kept beside it as
NAME.conflict-<UTC time>.json and the error names both. While a wizard has a case open it holds
an advisory lock, so a second wizard (or a second browser tab of `serve`) opens the case
read-only and says why; a lock left by a dead process is taken over. Autosaves are named per
session, so two wizards never write the same autosave file.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mla_writer import locks, store
from mla_writer.store import DiskState, SaveConflict, load_case, read_case_file, save_case, save_checked

from .conftest import EXAMPLE

NOW = dt.datetime(2026, 4, 1, 9, 30, 5, tzinfo=dt.UTC)


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.fixture
def case_file(tmp_path) -> Path:
    return save_case(load_case(EXAMPLE), tmp_path / "case.json")


def _edited(path: Path, title: str):
    case = load_case(path)
    case.title = title
    return case


# ---- the store: optimistic saves ---------------------------------------------------------------

def test_loading_remembers_what_was_on_disk(case_file):
    raw, state = read_case_file(case_file)
    st = case_file.stat()
    assert isinstance(state, DiskState)
    assert (state.size, state.mtime_ns) == (st.st_size, st.st_mtime_ns) == (len(raw), st.st_mtime_ns)
    import hashlib

    assert state.sha256 == hashlib.sha256(raw).hexdigest()


def test_a_save_over_an_unchanged_file_goes_through_and_can_be_repeated(case_file):
    _, loaded = read_case_file(case_file)
    after = save_checked(_edited(case_file, "mine"), case_file, loaded)
    assert load_case(case_file).title == "mine"
    save_checked(_edited(case_file, "mine again"), case_file, after)
    assert load_case(case_file).title == "mine again"
    assert sorted(p.name for p in case_file.parent.iterdir()) == ["case.json"]


def test_a_file_changed_on_disk_is_kept_and_ours_goes_beside_it(case_file):
    _, loaded = read_case_file(case_file)
    save_case(_edited(case_file, "theirs"), case_file)  # another wizard, an editor, a sync tool
    theirs = case_file.read_bytes()
    with pytest.raises(SaveConflict) as info:
        save_checked(_edited(case_file, "mine"), case_file, loaded, now=NOW)
    kept = case_file.with_name("case.conflict-20260401T093005Z.json")
    assert info.value.path == case_file and info.value.kept == kept
    assert str(case_file) in str(info.value) and str(kept) in str(info.value)
    assert isinstance(info.value, OSError)  # the wizard's "cannot save" handling applies
    assert case_file.read_bytes() == theirs
    assert load_case(kept).title == "mine" and _mode(kept) == 0o600


def test_a_second_conflict_in_the_same_second_gets_its_own_file(case_file):
    _, loaded = read_case_file(case_file)
    save_case(_edited(case_file, "theirs"), case_file)
    kept = []
    for title in ("mine", "mine, later"):
        with pytest.raises(SaveConflict) as info:
            save_checked(_edited(case_file, title), case_file, loaded, now=NOW)
        kept.append(info.value.kept)
    assert kept[0] != kept[1] and load_case(kept[1]).title == "mine, later"
    assert load_case(kept[0]).title == "mine"


def test_a_touched_but_unchanged_file_is_no_conflict(case_file):
    _, loaded = read_case_file(case_file)
    os.utime(case_file, ns=(1, 1))
    save_checked(_edited(case_file, "mine"), case_file, loaded)
    assert load_case(case_file).title == "mine"


def test_a_new_case_whose_name_was_taken_meanwhile_is_a_conflict(tmp_path):
    path = tmp_path / "new.json"
    save_case(load_case(EXAMPLE), path)  # created by someone else after we chose the name
    before = path.read_bytes()
    with pytest.raises(SaveConflict):
        save_checked(load_case(EXAMPLE), path, None, now=NOW)
    assert path.read_bytes() == before


def test_a_file_deleted_meanwhile_is_written_again(case_file):
    _, loaded = read_case_file(case_file)
    mine = _edited(case_file, "mine")
    case_file.unlink()
    save_checked(mine, case_file, loaded)
    assert load_case(case_file).title == "mine"


def test_a_conflict_name_stays_legal_for_a_long_case_name(tmp_path):
    path = save_case(load_case(EXAMPLE), tmp_path / ("案" * 80 + ".json"))
    _, loaded = read_case_file(path)
    save_case(_edited(path, "theirs"), path)
    with pytest.raises(SaveConflict) as info:
        save_checked(_edited(path, "mine"), path, loaded, now=NOW)
    assert len(os.fsencode(info.value.kept.name)) <= 255 and load_case(info.value.kept).title == "mine"


# ---- the store: locks and per-session autosaves --------------------------------------------------

def _dead_pid() -> int:
    return int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True).stdout)


def test_a_lock_is_held_until_released(case_file):
    first, second = locks.new_session(), locks.new_session()
    assert first != second
    lock = locks.acquire(case_file, first)
    assert lock.exists() and _mode(lock) == 0o600
    with pytest.raises(locks.CaseLocked) as info:
        locks.acquire(case_file, second)
    holder = info.value.holder
    assert holder.pid == os.getpid() and holder.session == first
    locks.release(case_file, second)  # not ours: left alone
    assert lock.exists()
    locks.release(case_file, first)
    assert not lock.exists()
    locks.acquire(case_file, second)
    assert locks.holder(case_file).session == second


def test_a_lock_left_by_a_dead_process_is_taken_over(case_file):
    lock = locks.acquire(case_file, locks.new_session())
    data = json.loads(lock.read_text())
    data["pid"] = _dead_pid()
    lock.write_text(json.dumps(data))
    assert locks.holder(case_file) is None
    mine = locks.new_session()
    locks.acquire(case_file, mine)
    assert locks.holder(case_file).session == mine


@pytest.mark.parametrize("content", [b"", b"not json", b'{"pid": "x"}', b"[]"])
def test_a_damaged_lock_is_taken_over(case_file, content):
    locks.lock_path(case_file).write_bytes(content)
    mine = locks.new_session()
    locks.acquire(case_file, mine)
    assert locks.holder(case_file).session == mine


def test_autosaves_are_named_per_session(case_file):
    a, b = locks.new_session(), locks.new_session()
    auto_a = store.autosave({"title": "from a"}, case_file, a)
    auto_b = store.autosave({"title": "from b"}, case_file, b)
    assert auto_a != auto_b and auto_a.exists() and auto_b.exists()
    assert _mode(auto_a) == _mode(auto_b) == 0o600
    os.utime(auto_a, ns=(case_file.stat().st_mtime_ns + 10**9,) * 2)
    os.utime(auto_b, ns=(case_file.stat().st_mtime_ns + 2 * 10**9,) * 2)
    assert store.pending_autosave(case_file) == auto_b  # the newest
    assert store.pending_autosave(case_file, skip=(b,)) == auto_a
    assert sorted(store.autosaves(case_file)) == sorted([auto_a, auto_b])
    store.discard_autosave(case_file, a)
    assert not auto_a.exists() and auto_b.exists()


# ---- the wizard --------------------------------------------------------------------------------

TODAY = dt.date(2026, 3, 20)


def _app(doc):
    from mla_writer.tui.app import WizardApp

    app = WizardApp(doc, today=TODAY, autosave_delay=0, check_delay=0)
    said: list[str] = []
    real = app.notify

    def notify(message, *args, **kwargs):
        said.append(str(message))
        return real(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return app, said


async def _edit_title(pilot, text: str) -> None:
    from tests.tui.conftest import tab_to, type_text

    await tab_to(pilot, "f-title")
    await pilot.press("end")
    await type_text(pilot, text)


def test_a_second_wizard_opens_the_case_read_only_and_says_why(case_file):
    from mla_writer.tui.app import open_document

    first = open_document(case_file, today=TODAY)
    second = open_document(case_file, today=TODAY)
    assert not first.read_only and second.read_only
    before = case_file.read_bytes()

    async def run():
        app, said = _app(second)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert any("read-only" in s and "another wizard" in s for s in said), said
            await _edit_title(pilot, " (second)")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert any("read-only" in s for s in said[1:]), said
            await pilot.press("ctrl+q")
        return app

    app = asyncio.run(run())
    assert case_file.read_bytes() == before, "the read-only wizard replaced the case"
    own = store.autosave_path(case_file, second.session)
    assert json.loads(own.read_text())["title"].endswith("(second)")
    assert str(own) in app.exit_message
    assert not store.autosave_path(case_file, first.session).exists()
    assert locks.holder(case_file).session == first.session  # the second never held the lock
    first.close()
    assert locks.holder(case_file) is None


def test_the_wizard_keeps_both_versions_when_the_file_changed_under_it(case_file):
    from mla_writer.tui.app import open_document

    doc = open_document(case_file, today=TODAY)
    theirs = _edited(case_file, "saved by another program")

    async def run():
        app, said = _app(doc)
        async with app.run_test(size=(100, 30)) as pilot:
            await _edit_title(pilot, " (mine)")
            save_case(theirs, case_file)
            await pilot.press("ctrl+s")
            await pilot.pause()
            conflicts = list(case_file.parent.glob("case.conflict-*.json"))
            assert len(conflicts) == 1
            assert any(str(conflicts[0]) in s and "changed on disk" in s for s in said), said
            await pilot.press("ctrl+q")  # saving fails the same way: ours is kept again, and it quits
        return app, conflicts[0]

    app, kept = asyncio.run(run())
    assert load_case(case_file).title == "saved by another program"
    assert load_case(kept).title.endswith("(mine)") and _mode(kept) == 0o600
    assert "changed on disk" in app.exit_message and ".conflict-" in app.exit_message
    assert locks.holder(case_file) is None, "the lock outlived the wizard"


def test_a_wizard_takes_over_the_lock_of_a_crashed_one(case_file):
    from mla_writer.tui.app import open_document

    lock = locks.acquire(case_file, "crashed")
    data = json.loads(lock.read_text())
    data["pid"] = _dead_pid()
    lock.write_text(json.dumps(data))
    doc = open_document(case_file, today=TODAY)
    assert not doc.read_only and locks.holder(case_file).session == doc.session
    doc.close()


def test_the_autosave_of_a_running_wizard_is_not_offered_to_another(case_file):
    from mla_writer.tui.app import open_document

    first = open_document(case_file, today=TODAY)
    first.set(("title",), "typing in the first wizard")
    first.autosave()
    second = open_document(case_file, today=TODAY)
    assert second.pending_autosave() is None
    first.close()
    third = open_document(case_file, today=TODAY)
    assert third.pending_autosave() == store.autosave_path(case_file, first.session)
    third.close()


def test_a_case_in_a_folder_where_no_lock_can_be_written_still_opens(case_file, monkeypatch):
    from mla_writer.files import WriteError
    from mla_writer.tui.app import open_document

    def cannot_write(*args, **kwargs):
        raise WriteError(30, "the file system is read-only; nothing was written", "x")

    monkeypatch.setattr(locks, "write_file", cannot_write)
    doc = open_document(case_file, today=TODAY)
    assert not doc.read_only and not doc.locked
    doc.close()


def test_work_of_a_read_only_wizard_is_offered_even_after_the_other_saved(case_file):
    """The second wizard quits first (its work goes to its own autosave), then the first one
    saves: the case file is newer than that autosave, which still holds work never saved."""
    from mla_writer.tui.app import open_document

    first = open_document(case_file, today=TODAY)
    second = open_document(case_file, today=TODAY)
    second.set(("title",), "typed in the read-only wizard")
    auto = second.autosave()
    first.set(("reference",), "SAVED-BY-FIRST")
    os.utime(auto, ns=(1, 1))
    first.save()
    first.close()
    later = open_document(case_file, today=TODAY)
    assert later.pending_autosave() == auto
    assert later.restore_autosave() and later.data["title"] == "typed in the read-only wizard"
    later.close()
