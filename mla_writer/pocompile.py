"""A catalog (.po) compiled to .mo bytes in one pass, for a checkout's first run.

A wheel ships compiled catalogs; a checkout compiles its .po files on first use (i18n), and
Babel's reader, which builds a Catalog of Message objects with their locations and comments,
took a third of that first render. This reads the entries only, as ``pybabel compile`` does
without ``--use-fuzzy``: fuzzy, untranslated and obsolete (``#~``) entries are left out; a
plural form left empty falls back to the source text; the header is copied as it is (gettext
reads the charset and Plural-Forms from it).

Anything outside the layout Babel and ``pybabel update`` write (a line of another kind, a
second ``msgid`` for one entry, more plural forms than the header declares) makes
:func:`compile_po_fast` return None, and the caller uses Babel's reader, which reports the
problem. tests/render/test_pocompile.py checks the two give the same translations for every
catalog.
"""

from __future__ import annotations

import re
import struct

_ESCAPE = re.compile(r'\\([\\trn"])')
_UNESCAPED = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}
_PLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def _unescape(quoted: str) -> str | None:
    if len(quoted) < 2 or not (quoted[0] == quoted[-1] == '"'):
        return None
    return _ESCAPE.sub(lambda m: _UNESCAPED[m.group(1)], quoted[1:-1])


class _Entry:
    __slots__ = ("context", "fuzzy", "msgid", "plural", "strings")

    def __init__(self, fuzzy: bool) -> None:
        self.fuzzy = fuzzy
        self.context: str | None = None
        self.msgid: str | None = None
        self.plural: str | None = None
        self.strings: dict[int, str] = {}


def _entries(text: str) -> list[_Entry] | None:
    """The entries of the .po text, or None where it leaves the usual layout."""
    entries: list[_Entry] = []
    current: _Entry | None = None
    fuzzy = False
    field: tuple[str, int] | None = None  # what a continuation line adds to
    for line in text.split("\n"):  # as Babel reads: lines end at a newline only, and are stripped
        line = line.strip()
        if not line:
            current, field, fuzzy = None, None, False
            continue
        if line.startswith("#"):
            if line.startswith("#~"):
                return None  # obsolete entries: rare (pybabel update drops them); Babel reads them
            if current is not None and current.msgid is not None:
                current, field = None, None  # a comment after an entry starts the next one
            if line.startswith("#,") and "fuzzy" in (f.strip() for f in line[2:].split(",")):
                fuzzy = True
            continue
        if line.startswith('"'):
            piece = _unescape(line)
            if piece is None or current is None or field is None:
                return None
            name, index = field
            if name == "msgstr":
                current.strings[index] += piece
            else:
                setattr(current, name, getattr(current, name) + piece)
            continue
        m = _KEYWORD.match(line)
        value = _unescape(m.group(3)) if m else None
        if m is None or value is None:
            return None
        keyword, index = m.group(1), m.group(2)
        if keyword == "msgctxt" or (keyword == "msgid" and (current is None or current.msgid is not None)):
            current = _Entry(fuzzy)
            entries.append(current)
            fuzzy = False
        if current is None:
            return None
        if keyword == "msgctxt":
            current.context, field = value, ("context", 0)
        elif keyword == "msgid":
            current.msgid, field = value, ("msgid", 0)
        elif keyword == "msgid_plural":
            if current.msgid is None or current.plural is not None or current.strings:
                return None
            current.plural, field = value, ("plural", 0)
        else:
            n = int(index) if index is not None else 0
            if current.msgid is None or n in current.strings or (index is None) != (current.plural is None):
                return None
            current.strings[n] = value
            field = ("msgstr", n)
    return entries


def compile_po_fast(text: str) -> bytes | None:
    """The .mo bytes of the .po `text`, or None when Babel's reader must read it."""
    entries = _entries(text)
    if not entries or entries[0].msgid != "" or entries[0].context is not None or entries[0].plural is not None:
        return None
    header = entries[0].strings.get(0, "")
    if not re.search(r"charset\s*=\s*utf-8\b", header, re.IGNORECASE):
        return None
    m = _PLURALS.search(header)
    nplurals = int(m.group(1)) if m else 2
    messages: dict[tuple[str, str], tuple[bytes, bytes]] = {}
    for e in entries[1:]:
        if e.msgid is None or not e.strings or e.fuzzy:
            if e.msgid is None:
                return None
            continue
        if e.plural is None:
            string = e.strings[0]
            if not string:
                continue
            msgid, msgstr = e.msgid.encode("utf-8"), string.encode("utf-8")
        else:
            if max(e.strings) >= nplurals:
                return None
            forms = [e.strings.get(i, "") or (e.msgid if i == 0 else e.plural) for i in range(nplurals)]
            msgid = e.msgid.encode("utf-8") + b"\0" + e.plural.encode("utf-8")
            msgstr = b"\0".join(f.encode("utf-8") for f in forms)
        if e.context is not None:
            msgid = e.context.encode("utf-8") + b"\x04" + msgid
        key = (e.msgid, e.context or "")
        if key in messages:
            return None
        messages[key] = (msgid, msgstr)
    ordered = [(b"", header.encode("utf-8"))] + [messages[k] for k in sorted(messages)]
    return _mo(ordered)


def _mo(messages: list[tuple[bytes, bytes]]) -> bytes:
    """GNU .mo bytes of (msgid, msgstr) pairs, in the layout Babel's write_mo uses."""
    ids, strs, offsets = bytearray(), bytearray(), []
    for msgid, msgstr in messages:
        offsets.append((len(ids), len(msgid), len(strs), len(msgstr)))
        ids += msgid + b"\0"
        strs += msgstr + b"\0"
    keystart = 7 * 4 + 16 * len(messages)
    valuestart = keystart + len(ids)
    koffsets: list[int] = []
    voffsets: list[int] = []
    for o1, l1, o2, l2 in offsets:
        koffsets += [l1, o1 + keystart]
        voffsets += [l2, o2 + valuestart]
    head = struct.pack("Iiiiiii", 0x950412DE, 0, len(messages), 7 * 4, 7 * 4 + len(messages) * 8, 0, 0)
    table = struct.pack(f"{len(koffsets + voffsets)}i", *(koffsets + voffsets))
    return head + table + bytes(ids) + bytes(strs)
