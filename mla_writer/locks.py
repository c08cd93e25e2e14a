"""Advisory locks on case files: one wizard edits a case, a second one opens it read-only.

While a wizard has a case open it holds ``.NAME.lock`` beside it: a small JSON file saying
which process, on which machine, in which session, since when. The lock is made with the same
no-clobber step as every file (``files.write_file``: a hard link that fails if the name exists),
so of two wizards starting at once exactly one gets it.

A lock whose process is gone (the wizard crashed, the machine restarted) is stale and taken
over; so is a lock file that cannot be read. A lock from another machine (a shared folder)
cannot be checked and is respected.

The lock is advisory: it is what lets a second wizard say "read-only" up front. What guarantees
that no work is lost is the check on every save (``store.save_checked``), which holds even
for editors that know nothing of this lock.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path

from .asof import clock_now
from .files import OutputExists, short_name, write_file

LOCK_SUFFIX = ".lock"


@dataclass(frozen=True)
class LockInfo:
    """Who holds a case: process, machine, session and since when (UTC, ISO 8601)."""

    pid: int
    host: str
    session: str
    since: str
    started: str = ""  # the process's start time where the system says it: a reused pid is not it


class CaseLocked(Exception):
    """Another live wizard holds the case."""

    def __init__(self, path: Path, holder: LockInfo) -> None:
        self.path, self.holder = path, holder
        super().__init__(f"{path} is open in another wizard (process {holder.pid} on {holder.host} "
                         f"since {holder.since})")


def new_session() -> str:
    """A name for one wizard's time with a case: its autosave and its lock carry it."""
    return secrets.token_hex(8)


def lock_path(case_path: Path | str) -> Path:
    path = Path(case_path)
    return path.with_name(f".{short_name(path.name, 1 + len(LOCK_SUFFIX))}{LOCK_SUFFIX}")


def _read(lock: Path) -> LockInfo | None:
    try:
        data = json.loads(lock.read_bytes()[:4096])
        info = LockInfo(pid=data["pid"], host=data["host"], session=data["session"], since=data["since"],
                        started=data.get("started", ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    ok = isinstance(info.pid, int) and not isinstance(info.pid, bool) and info.pid > 0
    return info if ok and all(isinstance(v, str) for v in (info.host, info.session, info.since)) else None


def _started(pid: int) -> str:
    """When process `pid` started (clock ticks since boot, from /proc), or "" where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return fields[19].decode()
    except (OSError, IndexError, UnicodeDecodeError):
        return ""


def _alive(info: LockInfo) -> bool:
    if info.host != socket.gethostname():
        return True  # another machine's process cannot be checked from here: respect its lock
    try:
        os.kill(info.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, another user's
    except OSError:
        return False
    return not (info.started and _started(info.pid) not in ("", info.started))


def holder(case_path: Path | str) -> LockInfo | None:
    """Who holds the case now; None when nobody does (no lock, or a stale or damaged one)."""
    info = _read(lock_path(case_path))
    return info if info is not None and _alive(info) else None


def acquire(case_path: Path | str, session: str, *, now: dt.datetime | None = None) -> Path:
    """Take the lock on a case for `session`; CaseLocked when a live wizard holds it. Returns
    the lock file. Taking it again in the same session is fine."""
    lock = lock_path(case_path)
    pid = os.getpid()
    mine = json.dumps({
        "pid": pid, "host": socket.gethostname(), "session": session,
        "since": (now or clock_now()).astimezone(dt.UTC).isoformat(timespec="seconds"),
        "started": _started(pid),
    }) + "\n"
    for _ in range(3):
        try:
            return write_file(lock, mine)
        except OutputExists:
            pass
        current = _read(lock)
        if current is not None and current.session == session:
            return lock
        if current is not None and _alive(current):
            raise CaseLocked(Path(case_path), current)
        try:
            lock.unlink()  # stale or damaged: take it over
        except FileNotFoundError:
            pass
    current = _read(lock)
    raise CaseLocked(Path(case_path), current or LockInfo(0, "?", "?", "?"))


def release(case_path: Path | str, session: str) -> None:
    """Give the lock back, if `session` holds it (another session's lock is left alone)."""
    lock = lock_path(case_path)
    current = _read(lock)
    if current is not None and current.session == session:
        try:
            lock.unlink()
        except FileNotFoundError:
            pass
