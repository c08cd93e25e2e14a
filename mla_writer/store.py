"""Read and write case files: validated on load, written atomically, readable by the owner only.

A case file holds personal data about suspects and victims, so every file this module creates is
mode 0600, and a save never leaves a half-written file: it goes through ``files.write_file``
(temporary file in the same folder, flushed to disk, then given the case's name in one step).

Two editors never silently lose each other's work: loading remembers what was on disk
(:class:`DiskState`), and :func:`save_checked` refuses to replace a file that changed since,
keeping our version beside it as ``NAME.conflict-<UTC time>.json``. Autosaves are named per
session (``.NAME.<session>.autosave``), so two wizards never share one.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from .asof import clock_now
from .errors import CaseFileError, UsageError
from .files import OutputExists, check_target, printable, short_name, write_file
from .model import IDENTIFIER_TYPES, REQUEST_KINDS, Case

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

MAX_FILE_BYTES = 20 * 1024 * 1024
AUTOSAVE_SUFFIX = ".autosave"
_TAGS = set(REQUEST_KINDS) | set(IDENTIFIER_TYPES)


MAX_PROBLEMS = 20
_TAG_CHOICES = {"kind": REQUEST_KINDS, "type": IDENTIFIER_TYPES}
_SHOWN = 60  # characters of a key or tag quoted in a message


def field_path(loc: tuple[int | str, ...]) -> str:
    """Pydantic's error location as a case path, e.g. requests[0].items[1].identifier.address.

    The union tags pydantic inserts (``requests.0.preservation``) are dropped: the user never
    typed them.
    """
    out = ""
    prev: int | str | None = None
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _TAGS and (isinstance(prev, int) or prev == "identifier"):
            pass
        elif str(part).startswith("function-") or part in ("[key]",):
            pass
        else:
            out += ("." if out else "") + printable(str(part), _SHOWN)
        prev = part
    return out or "(case)"


def _tag_message(e: ErrorDetails) -> str:
    ctx = e.get("ctx") or {}
    disc = str(ctx.get("discriminator", "kind")).strip("'")
    choices = ", ".join(_TAG_CHOICES.get(disc, ()))
    if e["type"] == "union_tag_not_found":
        return f"'{disc}' is required: one of {choices}" if choices else f"'{disc}' is required"
    return f"unknown {disc} '{printable(str(ctx.get('tag', '')), _SHOWN)}'; use one of {choices}"


def _too_long(e: ErrorDetails) -> str:
    ctx = e.get("ctx") or {}
    limit, actual = ctx.get("max_length"), ctx.get("actual_length")
    count = f"has {actual} entries" if actual is not None else f"has more than {limit} entries"
    if tuple(e["loc"]) == ("requests",):
        return f"{count}; a case holds at most {limit} requests: split it into several cases"
    return f"{count}; at most {limit} are allowed here"


def format_validation_error(err: ValidationError) -> list[str]:
    lines = []
    errors = err.errors(include_url=False)
    for e in errors[:MAX_PROBLEMS]:
        msg = e["msg"]
        for prefix in ("Value error, ", "Assertion failed, "):
            if msg.startswith(prefix):
                msg = msg[len(prefix):]
        if e["type"] == "extra_forbidden":
            msg = "unknown field: remove it or check its spelling"
        elif e["type"] == "missing":
            msg = "is required"
        elif e["type"] in ("union_tag_invalid", "union_tag_not_found"):
            msg = _tag_message(e)
        elif e["type"] == "string_unicode":
            msg = "holds a field name or text damaged when copied (unpaired surrogate): retype it"
        elif e["type"] == "int_type":
            msg = "must be a whole number, written as digits without quotes"
        elif e["type"] == "bool_type":
            msg = "must be true or false, written without quotes"
        elif e["type"] == "too_long":
            msg = _too_long(e)
        lines.append(f"{field_path(tuple(e['loc']))}: {msg}")
    if len(errors) > MAX_PROBLEMS:
        lines.append(f"(case): and {len(errors) - MAX_PROBLEMS} more problems; fix the ones above first")
    return lines


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """json's object_pairs_hook: an object, or _DuplicateKey when one key is written twice."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return data


_WS = re.compile(r"[ \t\n\r]*")


def _duplicate_where(text: str) -> tuple[str, int] | None:
    """The case path and line of the first key written twice in an object of `text`.

    Only called once json has found such a key (and so has read everything before it): json
    reports no positions to its hooks, so the text is walked again here, objects and lists by
    hand, everything else with json's own decoder (``raw_decode`` reads one value at an index).
    """
    scan = json.JSONDecoder().raw_decode

    def skip(i: int) -> int:
        return _WS.match(text, i).end()  # type: ignore[union-attr]

    def walk(i: int, path: tuple[str | int, ...]) -> int:
        i = skip(i)
        if text.startswith("{", i):
            seen: set[str] = set()
            i = skip(i + 1)
            if text.startswith("}", i):
                return i + 1
            while True:
                i = skip(i)
                key, after = scan(text, i)
                if key in seen:
                    raise _Found(_path_text((*path, key)), text.count("\n", 0, i) + 1)
                seen.add(key)
                i = walk(skip(after) + 1, (*path, key))  # past the ':'
                i = skip(i)
                if not text.startswith(",", i):
                    return i + 1
                i += 1
        if text.startswith("[", i):
            i = skip(i + 1)
            if text.startswith("]", i):
                return i + 1
            n = 0
            while True:
                i = skip(walk(i, (*path, n)))
                n += 1
                if not text.startswith(",", i):
                    return i + 1
                i += 1
        return scan(text, i)[1]

    try:
        walk(0, ())
    except _Found as found:
        return found.path, found.line
    except (StopIteration, ValueError, IndexError, RecursionError):
        pass
    return None


class _Found(Exception):
    def __init__(self, path: str, line: int) -> None:
        self.path, self.line = path, line


def _path_text(parts: tuple[str | int, ...]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + printable(part, _SHOWN)
    return out or "(case)"


def parse_case_json(text: str | bytes, origin: Path | str = "<case>") -> dict:
    """The JSON object a case file holds, not yet validated. Everything that is not a JSON
    object (bad bytes, bad JSON, too deep, a list, a key written twice in one object) raises
    CaseFileError with one readable line."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise CaseFileError(
                origin, [f"not UTF-8 text (bad byte at offset {e.start}): is it a case file (.json)?"]
            ) from None
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except _DuplicateKey as e:
        # A reviewer reading the file sees the first value; json would silently keep the last.
        where = _duplicate_where(text)
        path, again = where if where else (printable(e.key, _SHOWN), "")
        line = f" (again at line {again})" if again else ""
        raise CaseFileError(origin, [f"{path}: written twice{line}: keep only one; a reader sees the first, "
                                     "the program would take the last"]) from None
    except json.JSONDecodeError as e:
        raise CaseFileError(origin, [f"not valid JSON at line {e.lineno}, column {e.colno}: {_json_problem(e)}"]) from None
    except ValueError:  # e.g. a number with more than 4300 digits, which Python refuses to parse
        raise CaseFileError(origin, ["holds a number too long to be part of a case file"]) from None
    except RecursionError:
        raise CaseFileError(origin, ["nested too deeply to be a case file"]) from None
    if not isinstance(data, dict):
        raise CaseFileError(origin, ["a case file must hold a JSON object ({...}) at the top"])
    return data


# Python's JSON messages, some of which end in "at" (they are meant to be followed by a position).
_JSON_PROBLEMS = {
    "Expecting value": "a value is missing or is not JSON (text goes in double quotes)",
    "Expecting property name enclosed in double quotes":
        "expected a field name in double quotes (is there a comma before a closing brace?)",
    "Unterminated string starting at": "a text starts here and has no closing double quote",
    "Invalid control character at": "a text holds a tab or line break: write it as \\t or \\n",
    "Extra data": "more follows the end of the case's object",
    "Invalid \\escape": "a backslash starts an unknown escape: write a backslash itself as \\\\",
    "Invalid \\uXXXX escape": "a \\u escape needs four hexadecimal digits, e.g. \\u00e9",
}


def _json_problem(e: json.JSONDecodeError) -> str:
    known = _JSON_PROBLEMS.get(e.msg)
    if known:
        return known
    return e.msg.removesuffix(" at").rstrip(":")


def parse_case(text: str | bytes, origin: Path | str = "<case>") -> Case:
    data = parse_case_json(text, origin)
    try:
        return Case.model_validate(data)
    except ValidationError as e:
        raise CaseFileError(origin, format_validation_error(e)) from None
    except RecursionError:
        raise CaseFileError(origin, ["nested too deeply to be a case file"]) from None


@dataclass(frozen=True)
class DiskState:
    """What a case file held when this program last read or wrote it. Two states are the same
    file when their SHA-256 is (a file touched but not changed is no conflict)."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes, st: os.stat_result) -> DiskState:
        return cls(st.st_mtime_ns, len(data), hashlib.sha256(data).hexdigest())


def read_case_file(path: Path | str) -> tuple[bytes, DiskState]:
    """A case file's bytes and its state on disk, refusing what is not one: a folder, a pipe or
    device (which would block or never end), a file over 20 MB, an unreadable file. Raises
    CaseFileError."""
    path = Path(path)
    try:
        if path.is_dir():
            raise CaseFileError(path, ["is a folder, not a case file"])
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise CaseFileError(path, ["is not a regular file (a device or a pipe?)"])
        if st.st_size > MAX_FILE_BYTES:
            raise CaseFileError(path, [f"is {st.st_size // 1_048_576} MB; a case file is at most 20 MB"])
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)  # the file may grow after stat
            st = os.fstat(fh.fileno())
        if len(raw) > MAX_FILE_BYTES:
            raise CaseFileError(path, ["is over 20 MB; a case file is at most 20 MB"])
    except FileNotFoundError:
        raise CaseFileError(path, ["no such file"]) from None
    except PermissionError:
        raise CaseFileError(path, ["permission denied: you cannot read this file"]) from None
    except OSError as e:
        raise CaseFileError(path, [f"cannot be read ({e.strerror})"]) from None
    return raw, DiskState.of(raw, st)


def read_case_bytes(path: Path | str) -> bytes:
    """A case file's bytes, with every guard of :func:`read_case_file`."""
    return read_case_file(path)[0]


def load_case(path: Path | str) -> Case:
    return parse_case(read_case_bytes(path), path)


def load_case_json(path: Path | str) -> dict:
    """The raw JSON object of a case file that may not validate (the wizard opens such a file so
    the user can fix it), with every guard load_case applies before validation."""
    return parse_case_json(read_case_bytes(path), path)


def case_json(case: Case) -> str:
    return case.model_dump_json(indent=2, exclude_defaults=False) + "\n"


def save_case(case: Case, path: Path | str, *, overwrite: bool = True) -> Path:
    """Save a case. With ``overwrite=False`` anything already at `path` (a file, a link) is an
    error (files.OutputExists, a FileExistsError), never replaced."""
    return write_file(path, case_json(case), force=overwrite)


class SaveConflict(OSError):
    """The case file changed on disk since it was loaded: it was left as it is, and our version
    was written beside it (``kept``). ``str()`` names both files."""

    def __init__(self, path: Path, kept: Path) -> None:
        message = (f"changed on disk since it was opened (another program or wizard saved it), so it was "
                   f"not replaced; your version is in {kept}: compare the two and keep what you need")
        super().__init__(None, message, str(path))
        self.path, self.kept = path, kept

    def __str__(self) -> str:
        return f"{self.path}: {self.strerror}"


def disk_state(path: Path | str) -> DiskState | None:
    """The case file's state on disk now; None when there is no file (or it cannot be read)."""
    try:
        raw, state = read_case_file(path)
    except CaseFileError:
        return None
    return state


def save_checked(case: Case, path: Path | str, loaded: DiskState | None, *,
                 now: dt.datetime | None = None) -> DiskState:
    """Save `case` to `path` only if the file still holds what was loaded (`loaded`; None when
    there was no file). Returns the state of what was written, for the next save.

    If someone else changed or created the file meanwhile, nothing of theirs is replaced: our
    version goes to ``NAME.conflict-<UTC time>.json`` beside it and SaveConflict names both. A
    file deleted meanwhile is simply written again (nothing of theirs is lost).
    """
    path = Path(path)
    data = case_json(case).encode("utf-8")
    current = disk_state(path) if os.path.lexists(path) else None
    if os.path.lexists(path) and (current is None or loaded is None or current.sha256 != loaded.sha256):
        raise SaveConflict(path, _keep_conflict(path, data, now or clock_now()))
    try:
        write_file(path, data, force=current is not None)
    except OutputExists:  # created in the instant since we looked
        raise SaveConflict(path, _keep_conflict(path, data, now or clock_now())) from None
    return DiskState.of(data, path.stat())


def _keep_conflict(path: Path, data: bytes, now: dt.datetime) -> Path:
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    stem = short_name(path.stem, len(f".conflict-{stamp}-99{path.suffix}"))
    for n in range(1, 100):
        kept = path.with_name(f"{stem}.conflict-{stamp}{f'-{n}' if n > 1 else ''}{path.suffix}")
        try:
            return write_file(kept, data)
        except OutputExists:
            continue
    raise OutputExists(None, "too many conflict copies in one second; nothing was written", path)


# --- autosaves ----------------------------------------------------------------------------------

# The longest session name new_session() makes, so every autosave name of a case fits.
_SESSION_CHARS = 16


def autosave_path(path: Path | str, session: str = "") -> Path:
    """Where a session's autosave of `path` goes: .NAME.SESSION.autosave beside it (without a
    session, .NAME.autosave: the name older versions used, still offered back)."""
    path = Path(path)
    base = "." + short_name(path.name, 1 + len(f".{'x' * _SESSION_CHARS}{AUTOSAVE_SUFFIX}"))
    return path.with_name(f"{base}.{session}{AUTOSAVE_SUFFIX}" if session else f"{base}{AUTOSAVE_SUFFIX}")


def autosaves(path: Path | str) -> list[Path]:
    """Every autosave of the case at `path`, of any session."""
    shared = autosave_path(path)
    base = shared.name[: -len(AUTOSAVE_SUFFIX)]
    found = []
    for auto in shared.parent.glob(glob.escape(base) + "*" + AUTOSAVE_SUFFIX):
        middle = auto.name[len(base): -len(AUTOSAVE_SUFFIX)]
        if middle == "" or (middle.startswith(".") and middle[1:].isalnum()):
            found.append(auto)
    return sorted(found)


def session_of(auto: Path, path: Path | str) -> str:
    """The session that wrote the autosave `auto` of `path` ("" for the older, shared name)."""
    base = autosave_path(path).name[: -len(AUTOSAVE_SUFFIX)]
    return auto.name[len(base) + 1: -len(AUTOSAVE_SUFFIX)]


def autosave(data: dict | Case, path: Path | str, session: str = "") -> Path:
    """Write work in progress beside the case file. It may not validate yet, so it is raw JSON."""
    payload = data.model_dump(mode="json") if isinstance(data, Case) else data
    text = json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A pasted lone surrogate cannot be UTF-8; as a \ud800 escape the work is still saved
        # and the loader names the damaged field when the user reopens it.
        text = json.dumps(payload, ensure_ascii=True, indent=2, default=str) + "\n"
    return write_file(autosave_path(path, session), text, force=True)


def pending_autosave(path: Path | str, skip: tuple[str, ...] = ()) -> Path | None:
    """Unsaved work to offer back: the newest autosave of any session but those in `skip` (a
    wizard still running). A session's autosave is removed when that session saves, so one that
    is left holds work never saved, however old; the older shared name (no session) counts
    only when newer than the case file."""
    case = Path(path)
    try:
        saved = case.stat().st_mtime_ns if case.exists() else None
    except OSError:
        saved = None
    best: tuple[int, Path] | None = None
    for auto in autosaves(case):
        if session_of(auto, case) in skip:
            continue
        try:
            when = auto.stat().st_mtime_ns
        except OSError:
            continue
        stale = session_of(auto, case) == "" and saved is not None and when < saved
        if not stale and (best is None or when > best[0]):
            best = (when, auto)
    return best[1] if best else None


def discard_autosave(path: Path | str, session: str = "") -> None:
    try:
        autosave_path(path, session).unlink()
    except FileNotFoundError:
        pass


def check_new_case_target(path: Path, *, force: bool = False) -> None:
    """Refuse, before any work, a name a new case file cannot be written to: not .json, or taken
    (without `force`): what `new` and `import` both check before they make a case."""
    if path.suffix.lower() != ".json":
        raise UsageError(f"{path}: a case file name ends in .json")
    check_target(path, force=force)
