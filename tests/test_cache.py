"""Signed cache entries (mla_writer.cache): what is kept comes back, anything else is rebuilt."""

from __future__ import annotations

import datetime as dt
import stat

import pytest

from mla_writer import cache, files


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    files.cache_dir.cache_clear()
    cache._key.cache_clear()
    yield tmp_path / "cache" / "mla-writer"
    files.cache_dir.cache_clear()
    cache._key.cache_clear()


def test_an_entry_comes_back_as_written_and_the_key_is_private(cache_home):
    assert cache.write_entry("things", "a.bin", b"payload")
    assert cache.read_entry("things", "a.bin") == b"payload"
    key = cache_home / "key"
    assert len(key.read_bytes()) == 32 and stat.S_IMODE(key.stat().st_mode) == 0o600
    entry = cache_home / "things" / "a.bin"
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


@pytest.mark.parametrize("tamper", ["payload", "mac", "empty", "cut", "renamed", "symlink"])
def test_an_entry_that_does_not_verify_is_not_returned(cache_home, tamper):
    cache.write_entry("things", "a.bin", b"payload")
    entry = cache_home / "things" / "a.bin"
    data = entry.read_bytes()
    if tamper == "payload":
        entry.write_bytes(data[:-1] + b"X")
    elif tamper == "mac":
        entry.write_bytes(data[:len(cache.MAGIC)] + bytes(32) + data[len(cache.MAGIC) + 32:])
    elif tamper == "empty":
        entry.write_bytes(b"")
    elif tamper == "cut":
        entry.write_bytes(data[:20])
    elif tamper == "renamed":  # a valid entry under another name
        (cache_home / "things" / "b.bin").write_bytes(data)
        assert cache.read_entry("things", "b.bin") is None
        return
    else:
        entry.unlink()
        other = cache_home / "elsewhere.bin"
        other.write_bytes(data)
        entry.symlink_to(other)
    assert cache.read_entry("things", "a.bin") is None


def test_cached_pickle_builds_once_then_reads(cache_home):
    calls = []

    def build():
        calls.append(1)
        return {"merged": (1, 2), "when": dt.date(2026, 1, 31)}

    first = cache.cached_pickle("p", b"key", build)
    again = cache.cached_pickle("p", b"key", build)
    assert first == again and calls == [1]


def test_cached_json_keeps_dates_and_tag_lookalikes(cache_home):
    value = {"as_of": dt.date(2026, 1, 31), "at": dt.datetime(2026, 1, 31, 8, 0, tzinfo=dt.UTC),
             "odd": {"$date": "not a date"}, "list": [1, 2.5, "x", None, True], "nested": {"$dict": 1}}
    calls = []

    def build():
        calls.append(1)
        return value

    assert cache.cached_json("j", b"k", build) == value
    assert cache.cached_json("j", b"k", build) == value
    assert calls == [1]
    payload = cache.read_entry("j", next((cache_home / "j").iterdir()).name)
    assert b"pickle" not in payload and payload.startswith(b"{")


def test_a_signed_entry_that_fails_to_load_is_rebuilt(cache_home):
    cache.cached_pickle("p", b"key", lambda: 1)
    name = next((cache_home / "p").iterdir()).name
    cache.write_entry("p", name, b"signed but not a pickle")
    assert cache.cached_pickle("p", b"key", lambda: 2) == 2
    assert cache.cached_pickle("p", b"key", lambda: 3) == 2


def test_a_loose_key_is_replaced_and_old_entries_rebuilt(cache_home):
    cache.write_entry("things", "a.bin", b"payload")
    key = cache_home / "key"
    key.chmod(0o644)
    cache._key.cache_clear()
    assert cache.read_entry("things", "a.bin") is None
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_a_failing_build_stores_nothing(cache_home):
    def broken():
        raise ValueError("bad data")

    with pytest.raises(ValueError):
        cache.cached_json("j", b"k", broken)
    assert not list((cache_home / "j").iterdir())


def test_without_a_cache_folder_the_work_is_simply_done(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    files.cache_dir.cache_clear()
    try:
        assert cache.cached_json("j", b"k", lambda: [1]) == [1]
        assert not cache.write_entry("j", "x", b"y") and cache.read_entry("j", "x") is None
    finally:
        files.cache_dir.cache_clear()


@pytest.mark.parametrize("mo", [b"", b"\xde\x12\x04\x95\x00", b"not a catalog at all"])
def test_a_damaged_shipped_catalog_beside_its_source_is_compiled_again(tmp_path, monkeypatch, cache_home, mo):
    import os
    import shutil

    from mla_writer import i18n

    real = i18n.locales_dir() / "fr" / "LC_MESSAGES" / "mla_writer.po"
    folder = tmp_path / "locales" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copyfile(real, folder / "mla_writer.po")
    (folder / "mla_writer.mo").write_bytes(mo)
    os.utime(folder / "mla_writer.mo", ns=(2 * 10**18, 2 * 10**18))  # newer than the .po: it would be used
    monkeypatch.setattr(i18n, "locales_dir", lambda: tmp_path / "locales")
    i18n.translations.cache_clear()
    try:
        assert i18n.translations("fr").gettext("Right channel") != "Right channel"
        (folder / "mla_writer.po").unlink()
        i18n.translations.cache_clear()
        with pytest.raises(i18n.CatalogError, match="mla_writer.mo: the compiled catalog is damaged"):
            i18n.translations("fr")
    finally:
        i18n.translations.cache_clear()


def test_an_entry_is_not_flushed_to_the_disk_but_the_key_and_other_files_are(cache_home, monkeypatch):
    """A cache entry lost to a power cut is rebuilt, so writing one waits for no disk flush; the
    signing key (losing it rebuilds every entry) and every other file are flushed."""
    import os

    cache.read_entry("f", "e")  # makes the key
    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    assert cache.write_entry("f", "e", b"payload")
    assert synced == []
    assert cache.read_entry("f", "e") == b"payload"
    files.write_file(cache_home / "other", b"x")
    assert len(synced) == 2  # the file, then its folder
