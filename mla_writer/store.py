"""Read and write case files: validated on load, written atomically, readable by the owner only.

A case file holds personal data about suspects and victims, so every file this module creates is
mode 0600, and a save never leaves a half-written file: the text goes to a temporary file in the
same folder, is flushed to disk, then renamed over the target in one step.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from .errors import CaseFileError
from .model import IDENTIFIER_TYPES, REQUEST_KINDS, Case

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

MAX_FILE_BYTES = 20 * 1024 * 1024
AUTOSAVE_SUFFIX = ".autosave"
_NAME_MAX = 255  # bytes in one file name on the usual file systems
_TAGS = set(REQUEST_KINDS) | set(IDENTIFIER_TYPES)


# Invisible or direction-changing characters in a key or tag would make an error line lie about
# what the file holds (U+202E shows text backwards) or fail to print (lone surrogates).
_UNSAFE = {0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
MAX_PROBLEMS = 20
_TAG_CHOICES = {"kind": REQUEST_KINDS, "type": IDENTIFIER_TYPES}


def printable(text: str, limit: int = 60) -> str:
    """`text` safe to show on one line: controls, bidi overrides and surrogates as \\uXXXX, cut short."""
    out = []
    for ch in text[:limit]:
        code = ord(ch)
        if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code <= 0xDFFF or code in _UNSAFE:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out) + ("…" if len(text) > limit else "")


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
            out += ("." if out else "") + printable(str(part))
        prev = part
    return out or "(case)"


def _tag_message(e: ErrorDetails) -> str:
    ctx = e.get("ctx") or {}
    disc = str(ctx.get("discriminator", "kind")).strip("'")
    choices = ", ".join(_TAG_CHOICES.get(disc, ()))
    if e["type"] == "union_tag_not_found":
        return f"'{disc}' is required: one of {choices}" if choices else f"'{disc}' is required"
    return f"unknown {disc} '{printable(str(ctx.get('tag', '')))}'; use one of {choices}"


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
        lines.append(f"{field_path(tuple(e['loc']))}: {msg}")
    if len(errors) > MAX_PROBLEMS:
        lines.append(f"(case): and {len(errors) - MAX_PROBLEMS} more problems; fix the ones above first")
    return lines


def parse_case_json(text: str | bytes, origin: Path | str = "<case>") -> dict:
    """The JSON object a case file holds, not yet validated. Everything that is not a JSON
    object (bad bytes, bad JSON, too deep, a list) raises CaseFileError with one readable line."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise CaseFileError(
                origin, [f"not UTF-8 text (bad byte at offset {e.start}): is it a case file (.json)?"]
            ) from None
    try:
        data = json.loads(text)
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


def read_case_bytes(path: Path | str) -> bytes:
    """A case file's bytes, refusing what is not one: a folder, a pipe or device (which would
    block or never end), a file over 20 MB, an unreadable file. Raises CaseFileError."""
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
        if len(raw) > MAX_FILE_BYTES:
            raise CaseFileError(path, ["is over 20 MB; a case file is at most 20 MB"])
    except FileNotFoundError:
        raise CaseFileError(path, ["no such file"]) from None
    except PermissionError:
        raise CaseFileError(path, ["permission denied: you cannot read this file"]) from None
    except OSError as e:
        raise CaseFileError(path, [f"cannot be read ({e.strerror})"]) from None
    return raw


def load_case(path: Path | str) -> Case:
    return parse_case(read_case_bytes(path), path)


def load_case_json(path: Path | str) -> dict:
    """The raw JSON object of a case file that may not validate (the wizard opens such a file so
    the user can fix it), with every guard load_case applies before validation."""
    return parse_case_json(read_case_bytes(path), path)


def case_json(case: Case) -> str:
    return case.model_dump_json(indent=2, exclude_defaults=False) + "\n"


def write_private(path: Path | str, text: str) -> Path:
    """Write `text` to `path` atomically with mode 0600 (temp file in the same folder + rename)."""
    return write_atomic(path, text, 0o600)


def write_text_public(path: Path | str, text: str) -> Path:
    """Atomic write for files that hold no case data (schemas, generated docs)."""
    return write_atomic(path, text, 0o644)


def write_atomic(path: Path | str, text: str | bytes, mode: int) -> Path:
    """Write to a temporary file in the target's folder, flush it to disk, then rename it over
    the target, so a crash leaves either the old file or the new one, never a mix."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    # The temp name is cut short: a target name near the file system's 255-byte limit is legal,
    # but the same name plus a prefix and a random suffix would not be.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, mode)
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(folder)
    return path


def _fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def save_case(case: Case, path: Path | str, *, overwrite: bool = True) -> Path:
    """Save a case. With ``overwrite=False`` an existing file is an error, never replaced."""
    path = Path(path)
    if not overwrite and path.exists():
        raise FileExistsError(f"{path} already exists; choose another name or open it instead")
    return write_private(path, case_json(case))


def autosave_path(path: Path | str) -> Path:
    path = Path(path)
    name = f".{path.name}{AUTOSAVE_SUFFIX}"
    if len(os.fsencode(name)) > _NAME_MAX:  # keep it a legal name, and one per case file
        digest = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:12]
        name = f".{path.name[:40]}-{digest}{AUTOSAVE_SUFFIX}"
    return path.with_name(name)


def autosave(data: dict | Case, path: Path | str) -> Path:
    """Write work in progress beside the case file. It may not validate yet, so it is raw JSON."""
    payload = data.model_dump(mode="json") if isinstance(data, Case) else data
    text = json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A pasted lone surrogate cannot be UTF-8; as a \ud800 escape the work is still saved
        # and the loader names the damaged field when the user reopens it.
        text = json.dumps(payload, ensure_ascii=True, indent=2, default=str) + "\n"
    return write_private(autosave_path(path), text)


def pending_autosave(path: Path | str) -> Path | None:
    """An autosave newer than its case file (or with no case file): unsaved work to offer back."""
    auto = autosave_path(path)
    if not auto.exists():
        return None
    case = Path(path)
    if case.exists() and case.stat().st_mtime_ns > auto.stat().st_mtime_ns:
        return None
    return auto


def discard_autosave(path: Path | str) -> None:
    try:
        autosave_path(path).unlink()
    except FileNotFoundError:
        pass
