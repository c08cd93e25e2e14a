"""The cache is never trusted as code, and a damaged entry is only ever rebuilt (issue 20, items 4
and 5). Anything that can write the user's cache folder (a restored backup, a synced home,
another program) plants entries here; the next `render` must neither run what they hold nor use
their wording, and must give the same document as with a clean cache."""

from __future__ import annotations

import io
import marshal
import pickle
from pathlib import Path

import pytest

from .conftest import EXAMPLE, run_cli
from .docx_check import assert_valid_docx, paragraphs

TODAY = ("--today", "2026-04-01")


class _Planted:
    """Unpickling this runs code: it creates the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (exec, (f"open({self.marker!r}, 'w').close()",))


def _evil_pickle(marker: Path) -> bytes:
    return pickle.dumps(_Planted(marker), protocol=4)


def _evil_code(marker: Path):
    return compile(f"open({str(marker)!r}, 'w').close()\n", "<planted>", "exec")


def _env(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path / "home")}


def _render(tmp_path: Path, name: str) -> list[str]:
    out = tmp_path / f"{name}.docx"
    result = run_cli("render", EXAMPLE, "-o", out, "--force", *TODAY, env=_env(tmp_path))
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    return paragraphs(assert_valid_docx(out))


def _entries(tmp_path: Path) -> list[Path]:
    """Every cache entry (not the key that signs them)."""
    root = tmp_path / "cache" / "mla-writer"
    return sorted(p for p in root.rglob("*") if p.is_file() and p.parent != root)


@pytest.fixture
def warm(tmp_path) -> list[str]:
    """A render that fills the cache; returns the document's text."""
    text = _render(tmp_path, "first")
    kinds = {p.parent.name.split("-")[0] for p in _entries(tmp_path)}
    assert {"catalogs", "jinja", "refdata"} <= kinds, kinds
    return text


def _replace_tail(data: bytes, marker: Path) -> bytes:
    """The entry with whatever follows its header (if any) replaced by code: a pickle where a
    pickle starts, compiled code where Jinja's bytecode starts."""
    from jinja2.bccache import bc_magic

    at = data.find(bc_magic)
    if at >= 0:
        buf = io.BytesIO(data[at + len(bc_magic):])
        pickle.load(buf)  # the template's checksum
        head = data[: at + len(bc_magic) + buf.tell()]
        return head + marshal.dumps(_evil_code(marker))
    for proto in (b"\x80\x05", b"\x80\x04", b"\x80\x03"):
        at = data.find(proto)
        if at >= 0:
            return data[:at] + _evil_pickle(marker)
    return _evil_pickle(marker)


@pytest.mark.parametrize("attack", ["planted-code", "whole-file-pickle"])
def test_planted_code_in_any_entry_never_runs(tmp_path, warm, attack):
    marker = tmp_path / "PWNED"
    for entry in _entries(tmp_path):
        data = entry.read_bytes()
        entry.write_bytes(_replace_tail(data, marker) if attack == "planted-code" else _evil_pickle(marker))
    again = _render(tmp_path, "second")
    assert not marker.exists(), "a cache entry ran code"
    assert again == warm


@pytest.mark.parametrize("damage", ["empty", "truncated", "one-byte-flipped"])
def test_a_damaged_entry_is_rebuilt_never_fatal(tmp_path, warm, damage):
    """An empty or cut compiled catalog (.mo) once gave 'unpack requires a buffer of 8 bytes
    (please report this)' at every later render."""
    for entry in _entries(tmp_path):
        data = entry.read_bytes()
        if damage == "empty":
            data = b""
        elif damage == "truncated":
            data = data[: len(data) // 2]
        else:
            data = data[:-1] + bytes([data[-1] ^ 1])
        entry.write_bytes(data)
    assert _render(tmp_path, "second") == warm
    # and repaired: a third render finds every entry sound and rewrites none
    stamps = {p: p.stat().st_mtime_ns for p in _entries(tmp_path)}
    assert _render(tmp_path, "third") == warm
    assert {p: p.stat().st_mtime_ns for p in _entries(tmp_path)} == stamps


def test_a_planted_catalog_does_not_change_the_document_wording(tmp_path, warm):
    """A compiled catalog is data, but it is the document's wording: a valid .mo planted by
    someone else is refused like planted code."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from mla_writer.i18n import locales_dir

    for entry in _entries(tmp_path):
        if entry.parent.name != "catalogs":
            continue
        lang = entry.name.split("-")[0]
        with (locales_dir() / lang / "LC_MESSAGES" / "mla_writer.po").open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for message in catalog:
            if message.id and isinstance(message.id, str):
                message.string = "PLANTED WORDING"
        buf = io.BytesIO()
        write_mo(buf, catalog)
        data = entry.read_bytes()
        at = data.find(b"\xde\x12\x04\x95")  # a .mo file's magic number
        entry.write_bytes((data[:at] if at > 0 else b"") + buf.getvalue())
    again = _render(tmp_path, "second")
    assert not any("PLANTED" in p for p in again)
    assert again == warm


def test_the_signing_key_is_private_and_a_replaced_key_only_costs_a_rebuild(tmp_path, warm):
    root = tmp_path / "cache" / "mla-writer"
    key = root / "key"
    assert key.is_file() and key.stat().st_mode & 0o777 == 0o600 and len(key.read_bytes()) == 32
    key.write_bytes(b"\x00" * 32)  # someone else's key: every entry now fails to verify
    assert _render(tmp_path, "second") == warm


def test_check_works_the_same_with_a_poisoned_cache(tmp_path, warm):
    marker = tmp_path / "PWNED"
    for entry in _entries(tmp_path):
        entry.write_bytes(_replace_tail(entry.read_bytes(), marker))
    result = run_cli("check", EXAMPLE, *TODAY, env=_env(tmp_path))
    assert result.code in (0, 1) and "Traceback" not in result.err
    assert not marker.exists()
