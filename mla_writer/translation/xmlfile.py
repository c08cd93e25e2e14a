"""Reading an XML file someone else made (a translator's XLIFF, a colleague's TMX), safely.

The parser never fetches anything (no network, no external DTD or entity), never expands an
entity, and refuses a file that declares any: a few hundred bytes of nested entities ("billion
laughs") would otherwise expand into gigabytes. Every problem is one readable line naming the
file, raised as :class:`TranslationFileError` (a UsageError: the command exits 2).
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

from ..errors import UsageError
from ..files import printable

MAX_BYTES = 50 * 1024 * 1024


class TranslationFileError(UsageError):
    """A translation or memory file that cannot be used; nothing was changed."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{printable(str(path), 200)}: {reason}")


def read_bytes(path: Path | str) -> bytes:
    """The bytes of a regular file of at most 50 MB."""
    path = Path(path)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise TranslationFileError(path, "is not a regular file")
        if st.st_size > MAX_BYTES:
            raise TranslationFileError(path, f"is {st.st_size // 1_048_576} MB; the limit is 50 MB")
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise TranslationFileError(path, "no such file") from None
    except PermissionError:
        raise TranslationFileError(path, "permission denied: you cannot read this file") from None
    except IsADirectoryError:
        raise TranslationFileError(path, "is a folder, not a file") from None
    except OSError as e:
        raise TranslationFileError(path, f"cannot be read ({e.strerror or e})") from None
    if len(data) > MAX_BYTES:
        raise TranslationFileError(path, "is over 50 MB; the limit is 50 MB")
    return data


def parse(data: bytes, path: Path | str, what: str):
    """The root element of `data`; `what` names the kind of file in messages ("XLIFF file")."""
    from lxml import etree

    if any(mark in data for mark in _ENTITY_MARKS):
        raise _entities(path, what)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False, remove_pis=True, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        if "amplification" in str(e.msg or e):
            raise _entities(path, what) from None
        detail = printable(re.sub(r",? line \d+.*$", "", str(e.msg or e)), 120)
        raise TranslationFileError(path, f"is not a well-formed {what} (line {e.lineno or '?'}: {detail}); "
                                         "nothing was changed") from None
    except ValueError as e:  # e.g. a str with an encoding declaration; never for bytes
        raise TranslationFileError(path, f"is not a {what} ({printable(str(e), 120)})") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise _entities(path, what)
    if any(True for _ in root.iter(etree.Entity)):
        raise TranslationFileError(path, "uses XML entities that are not defined; it was not read and "
                                         "nothing was changed")
    return root


# An entity declaration, in the encodings a file may come in; the parser's own check is the backstop.
_ENTITY_MARKS = tuple(b"<!ENTITY".decode().encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def _entities(path: Path | str, what: str) -> TranslationFileError:
    return TranslationFileError(path, f"declares XML entities (a way to make a small file expand to gigabytes), "
                                      f"which no {what} needs: it was not read and nothing was changed")


def local(tag: object) -> str:
    """An element's name without its namespace ('' for comments and the like)."""
    return tag.split("}", 1)[-1] if isinstance(tag, str) else ""


def lang_of(element, default: str = "") -> str:
    return element.get("{http://www.w3.org/XML/1998/namespace}lang") or element.get("lang") or default


__all__ = ["MAX_BYTES", "TranslationFileError", "lang_of", "local", "parse", "read_bytes"]
