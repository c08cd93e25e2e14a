"""Derived data kept between runs in the user's cache folder, signed, and only ever rebuilt.

What is kept (each saves work a run would otherwise repeat): parsed reference data (JSON),
Babel's merged locale data (a pickle: Babel's own format for that data), compiled catalogs
(``.mo``), compiled templates (Jinja's bytecode) and Textual's parsed CSS (a pickle).

A pickle or bytecode runs code when it is loaded, and a catalog is the wording of a legal
document, so no entry is trusted for being in the folder: anything that can write there (a
restored backup, a synced home, another program) could have put it there. Each entry is::

    MAGIC | HMAC-SHA256(key, folder, name, payload) | payload

with a per-user key of 32 random bytes kept beside the entries (``<cache>/key``, mode 0600, made
on first use). An entry that fails verification (planted, damaged, cut short, made with
another key) is ignored and rebuilt, as is one whose payload then fails to load: a cache problem
costs time, never a failure. Entries are written with ``files.write_file`` like every file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import stat
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from .files import OutputExists, WriteError, cache_dir, write_file

T = TypeVar("T")

MAGIC = b"mla-writer cache 1\n"
KEY_NAME = "key"
KEY_BYTES = 32
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_MAC_BYTES = hashlib.sha256().digest_size


def _read_private(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of ours, not a symbolic link, or None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        if hasattr(os, "getuid") and st.st_uid != os.getuid():
            return None
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                return None
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


@cache
def _key(root: Path) -> bytes | None:
    """The signing key kept in `root` (made if missing or unusable), or None without one."""
    path = root / KEY_NAME
    for _ in range(2):
        key = _read_private(path, KEY_BYTES)
        try:
            loose = os.lstat(path).st_mode & 0o077
        except OSError:
            loose = 0
        if key is not None and len(key) == KEY_BYTES and not loose:
            return key
        try:
            # A key others could read (or not ours, or damaged) is replaced: every entry signed
            # with the old one is then rebuilt, which costs one slow run.
            write_file(path, os.urandom(KEY_BYTES), force=os.path.lexists(path))
        except OutputExists:
            continue  # another process made it at the same moment: read theirs
        except WriteError:
            return None
    return None


def _mac(key: bytes, folder: str, name: str, payload: bytes) -> bytes:
    mac = hmac.new(key, digestmod=hashlib.sha256)
    # The entry's place is signed with it: an entry copied under another name does not verify.
    mac.update(f"{folder}\0{name}\0".encode("utf-8", "surrogatepass"))
    mac.update(payload)
    return mac.digest()


def read_entry(folder: str, name: str) -> bytes | None:
    """The payload of entry `name` in cache folder `folder`, if it is there and verifies."""
    where = cache_dir(folder)
    if where is None:
        return None
    key = _key(where.parent)
    data = _read_private(where / name, MAX_ENTRY_BYTES) if key is not None else None
    if data is None or not data.startswith(MAGIC) or len(data) < len(MAGIC) + _MAC_BYTES:
        return None
    mac, payload = data[len(MAGIC): len(MAGIC) + _MAC_BYTES], data[len(MAGIC) + _MAC_BYTES:]
    return payload if hmac.compare_digest(mac, _mac(key, folder, name, payload)) else None  # type: ignore[arg-type]


def write_entry(folder: str, name: str, payload: bytes) -> bool:
    """Keep `payload` as entry `name`; False when there is no usable cache (only costs time)."""
    where = cache_dir(folder)
    key = _key(where.parent) if where is not None else None
    if where is None or key is None:
        return False
    try:
        # Not flushed to the disk: an entry lost or cut short by a power cut fails verification
        # and is rebuilt, and a first run writes a score of them.
        write_file(where / name, MAGIC + _mac(key, folder, name, payload) + payload, force=True, durable=False)
    except WriteError:
        return False
    return True


def cached(folder: str, key: bytes, build: Callable[[], T], *, dump: Callable[[T], bytes],
           load: Callable[[bytes], T], suffix: str) -> T:
    """What ``build()`` returns, kept in cache folder `folder` under a hash of `key` (which must
    hold everything the result depends on). A missing, unverified or unloadable entry is
    rebuilt; what ``build()`` raises is raised, and nothing is stored."""
    name = hashlib.sha256(key).hexdigest()[:32] + suffix
    payload = read_entry(folder, name)
    if payload is not None:
        try:
            return load(payload)
        except Exception:  # signed but not loadable (another library version): rebuild
            pass
    value = build()
    try:
        data = dump(value)
    except Exception:  # a value that cannot be stored is still returned
        return value
    write_entry(folder, name, data)
    return value


def cached_pickle(folder: str, key: bytes, build: Callable[[], T]) -> T:
    """:func:`cached` for data only a pickle holds (Babel's locale data, Textual's parsed CSS).
    Only a signed entry is ever unpickled."""
    import pickle

    return cached(folder, key, build, dump=lambda v: pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL),
                  load=pickle.loads, suffix=".pickle")


def cached_json(folder: str, key: bytes, build: Callable[[], T]) -> T:
    """:func:`cached` for plain data (dicts, lists, strings, numbers, dates): stored as JSON,
    so even a signed entry is data, never code."""
    import json

    return cached(folder, key, build,
                  dump=lambda v: json.dumps(_tagged(v), ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                  load=lambda b: json.loads(b, object_hook=_untagged), suffix=".json")


# Dates and times (TOML has them, JSON does not) travel as {"$date": "2026-01-31"}; a mapping
# that could be read as such a tag travels as {"$dict": [[key, value]]}.
_TAGS: dict[str, Callable[[str], Any]] = {
    "$datetime": dt.datetime.fromisoformat, "$date": dt.date.fromisoformat, "$time": dt.time.fromisoformat,
}


def _tagged(value: Any) -> Any:
    if isinstance(value, dict):
        out = {k: _tagged(v) for k, v in value.items()}
        return {"$dict": [list(kv) for kv in out.items()]} if len(out) == 1 and next(iter(out)) in (
            *_TAGS, "$dict") else out
    if isinstance(value, (list, tuple)):
        return [_tagged(v) for v in value]
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    return value


def _untagged(obj: dict) -> Any:
    if len(obj) == 1:
        (tag, value), = obj.items()
        if tag in _TAGS:
            return _TAGS[tag](value)
        if tag == "$dict":
            return {k: v for k, v in value}
    return obj
