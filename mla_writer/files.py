"""The one way mla-writer writes a file, its cache folders, and text made safe for one line.

Every file the tool produces (case files and their autosaves, documents, PDFs, cache entries,
copies of examples, the schema) is written by :func:`write_file`, and by nothing else::

    write_file(path, data)                # a new file: refused if anything is at `path`
    write_file(path, data, force=True)    # replace what is at `path` (the user said --force)
    write_file(path, data, public=True)   # mode 0644, for files that hold no case data
    write_file(path, data, durable=False) # not flushed to the disk: for what is rebuilt if lost

What it guarantees:

- **Whole or nothing.** The bytes go to a temporary file in the target's own folder (so the last
  step is a rename or a link on one file system, never a copy), are flushed to the disk
  (fsync), and only then get the target's name; the folder is fsynced so the name survives a
  power cut. A crash, a full disk or Ctrl+C leaves the old file (or no file), never half of one.
  ``durable=False`` leaves out the two flushes (a few milliseconds each) for cache entries: a
  power cut may then lose one or leave it cut short, which its signature check catches (cache.py),
  and it is rebuilt.
- **No clobbering.** Without ``force`` the temporary file is hard-linked to the target name:
  ``link`` refuses any existing path, a dangling symbolic link included, in one atomic step, so
  a file that appears between a check and the write is never overwritten (no check-then-rename
  race). On a file system without hard links (FAT, some network shares) the name is reserved
  with an exclusive create instead.
- **No symlink following.** With ``force`` the name itself is replaced (``os.replace``): a
  symbolic link at the target is replaced by the new file; the file it points to is untouched.
- **Private.** Mode 0600 whatever the umask; 0644 only with ``public=True``.
- **Readable errors.** Every failure is a :class:`WriteError` (an ``OSError``) whose message
  names the target, never the temporary file, and says what was kept, e.g.
  ``out/R1.docx: no space left on device; nothing was written (an existing file is kept)``.
  :class:`OutputExists` (also a ``FileExistsError``) when the target exists without ``force``.

:func:`check_target` says before any work whether a write would be refused (the same rules), so a
command fails in a second instead of after minutes of rendering.

This module sits at the bottom of the package: it imports nothing else of it, so writing a
cache file does not load the case model.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from functools import cache
from pathlib import Path

__all__ = [
    "OutputExists", "WriteError", "cache_dir", "cache_root", "check_target", "data_dir", "printable",
    "short_name", "write_file",
]

APP = "mla-writer"
PRIVATE, PUBLIC = 0o600, 0o644
NAME_MAX = 255  # bytes in one file name on the usual file systems

# What each failure means to a user. The system's own wording ("No space left on device") is
# kept for anything else, with its first letter in lower case as the rest of a message is.
_REASONS = {
    errno.ENOSPC: "no space left on device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a folder",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EEXIST: "already exists",
}
# link() fails with these where the file system has no hard links (vfat, exfat, some shares).
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS, errno.EXDEV}


class WriteError(OSError):
    """A file could not be written. ``filename`` is the target, ``strerror`` says why and what
    was kept; ``str()`` is both, as one line."""

    def __init__(self, code: int | None, message: str, target: Path | str) -> None:
        super().__init__(code, message, str(target))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


class OutputExists(WriteError, FileExistsError):
    """Something is already at the target (a file, a folder, a symbolic link, even a dangling
    one) and the caller did not ask to replace it."""


def _reason(e: OSError) -> str:
    if e.errno in _REASONS:
        return _REASONS[e.errno]
    text = e.strerror or str(e) or type(e).__name__
    return text[:1].lower() + text[1:]


def _failed(e: OSError, target: Path, existed: bool) -> WriteError:
    kept = " (an existing file is kept)" if existed else ""
    if e.errno == errno.EEXIST:
        return OutputExists(errno.EEXIST, "already exists; nothing was written", target)
    if e.errno == errno.EISDIR:
        return WriteError(e.errno, "is a folder; nothing was written", target)
    if e.errno == errno.ENOENT:
        return WriteError(e.errno, f"the folder {_folder(target)} does not exist; nothing was written", target)
    if e.errno in (errno.EACCES, errno.EPERM):
        return WriteError(e.errno, f"permission denied: you cannot write in {_folder(target)}; nothing was "
                                   f"written{kept}", target)
    return WriteError(e.errno, f"{_reason(e)}; nothing was written{kept}", target)


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def write_file(path: Path | str, data: bytes | str, *, force: bool = False, public: bool = False,
               durable: bool = True) -> Path:
    """Write `data` (str is written as UTF-8) to `path` as the module docstring says; return `path`.

    Raises :class:`OutputExists` when `path` exists and `force` is false, :class:`WriteError`
    for any other failure. A KeyboardInterrupt or other BaseException passes through unchanged,
    after the temporary file is removed.
    """
    path = Path(path)
    folder = _folder(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    existed = os.path.lexists(path)
    if existed and not force:
        raise OutputExists(errno.EEXIST, "already exists; nothing was written", path)
    tmp: str | None = None
    try:
        # The temp name is cut short: a target name near the file system's 255-byte limit is
        # legal, but the same name plus a prefix and a random suffix would not be.
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=folder)
        try:
            os.fchmod(fd, PUBLIC if public else PRIVATE)
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if force:
            os.replace(tmp, path)
            tmp = None
        else:
            _link_new(tmp, path)
    except OSError as e:
        raise _failed(e, path, existed) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    if durable:
        _fsync_dir(folder)
    return path


def _link_new(tmp: str, path: Path) -> None:
    """Give `tmp` the name `path` only if nothing has that name, in one step."""
    try:
        os.link(tmp, path)
        return
    except OSError as e:
        if e.errno not in _NO_LINKS or os.path.lexists(path):
            raise
    # No hard links here: reserve the name with an exclusive create (which, like link, refuses
    # any existing path and never follows a symbolic link), then move the full file onto it.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), PRIVATE)
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        os.unlink(path)  # our own empty placeholder
        raise


def _fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is on disk
    finally:
        os.close(dfd)


_UNSAFE = frozenset('/\\:*?"<>|+')


def name_piece(text: str) -> str:
    """`text` (a request id) usable in a file name on every system: no separator, no control or
    space character, no leading dot."""
    piece = "".join("_" if c in _UNSAFE or not c.isprintable() or c.isspace() else c for c in text)
    return "_" + piece[1:] if piece.startswith(".") else piece or "_"


def short_name(name: str, extra: int) -> str:
    """`name`, shortened when it and `extra` more bytes (a suffix the caller adds) would be over
    the usual file systems' 255-byte limit for one file name: its start and a digest of the
    whole, so two long names still give two names."""
    if len(os.fsencode(name)) + extra <= NAME_MAX:
        return name
    import hashlib

    return f"{name[:40]}-{hashlib.sha256(os.fsencode(name)).hexdigest()[:12]}"


def check_target(path: Path | str, *, force: bool = False,
                 exists_hint: str = "use --force to replace it") -> None:
    """Raise the :class:`WriteError` that ``write_file(path, ..., force=force)`` would certainly
    raise, before any work is done: something already there (without `force`), a folder in
    the way, a missing or unwritable folder. Passing is no promise (the disk may fill), but
    what fails here fails in a second rather than after the work."""
    path = Path(path)
    folder = _folder(path)
    if path.is_dir():
        raise WriteError(errno.EISDIR, "is a folder; give a file name", path)
    if os.path.lexists(path) and not force:
        raise OutputExists(errno.EEXIST, f"already exists; {exists_hint}", path)
    if not folder.is_dir():
        raise WriteError(errno.ENOENT, f"the folder {folder} does not exist; create it first", path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise WriteError(errno.EACCES, f"you cannot write in the folder {folder}; choose another", path)


# --- cache folders -------------------------------------------------------------------------


def cache_root() -> Path | None:
    """mla-writer's folder in the user's cache (platformdirs: ~/.cache/mla-writer or
    $XDG_CACHE_HOME on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows), mode 0700.

    Only derived data goes there (compiled templates and catalogs, parsed reference data),
    never case data. None when it cannot be made or is not safely ours (a symbolic link,
    another owner, writable by others): callers then do the work each time.
    """
    import platformdirs

    root = Path(platformdirs.user_cache_dir(APP, appauthor=False))
    return root if _own_folder(root, create_parent=True) else None


@cache
def cache_dir(name: str) -> Path | None:
    """A subfolder of :func:`cache_root` for one kind of entry, with the same checks, or None.
    Remembered per process (``cache_dir.cache_clear()`` forgets, e.g. after $XDG_CACHE_HOME
    changes in a test)."""
    root = cache_root()
    if root is None:
        return None
    folder = root / name
    return folder if _own_folder(folder) else None


def data_dir() -> Path:
    """mla-writer's folder for the user's own files when the working folder is read-only."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def _own_folder(folder: Path, *, create_parent: bool = False) -> bool:
    """Make `folder` (and, if asked, its parent) mode 0700 if missing; True when it is ours."""
    try:
        # Each level we create is made 0700 explicitly: mkdir(parents=True) would give the
        # umask's mode to the parents, and a folder others can write lets them plant entries.
        for level in ((folder.parent, folder) if create_parent else (folder,)):
            if not level.exists():
                level.mkdir(mode=0o700)
                os.chmod(level, 0o700)
        st = folder.lstat()
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
            return False
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return False
    except OSError:
        return False
    return os.access(folder, os.W_OK)


# --- text for one line -------------------------------------------------------------------------

# Invisible or direction-changing characters: in a file name, a key or a user's text they would
# make a printed line lie about what it shows (U+202E shows text backwards).
_BIDI = frozenset({0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)})


def printable(text: str, limit: int | None = None) -> str:
    """`text` safe for one terminal line or message: C0 and C1 controls (an escape sequence, a
    newline) as ``\\xNN``; bidi controls and lone surrogates (undecodable bytes of a file name)
    as ``\\uXXXX``; cut to `limit` characters with an ellipsis. What it prints cannot split,
    reverse or restyle the line around it."""
    shown = text if limit is None else text[:limit]
    out = "".join(
        f"\\x{code:02x}" if code < 0x20 or 0x7F <= code < 0xA0
        else f"\\u{code:04x}" if 0xD800 <= code <= 0xDFFF or code in _BIDI
        else ch
        for ch, code in ((c, ord(c)) for c in shown)
    )
    return out + ("…" if limit is not None and len(text) > limit else "")
