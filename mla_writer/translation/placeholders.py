"""What a translator must not translate: addresses, identifiers, dates and times in a text.

Each such value becomes an XLIFF inline placeholder (``<ph>``) in the exported file, so a CAT tool
shows it as a tag to place, not words to translate; on import the original value is put back
whatever the file holds inside the tag, so an identifier cannot be changed by a translation.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from ..model import Case

# Edges of a number, a date or an address: not beside a Latin letter or a digit. Not \b, which
# finds no edge between a digit and a Chinese or Arabic letter ("于2026-03-03").
_B, _E = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
# By the ctype of their XLIFF 1.2 placeholder: "x-" plus what the value is.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("x-url", re.compile(r"(?:https?|ftp)://[^\s<>\"'\u3000-\u303f\uff00-\uffef]+")),
    ("x-email", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")),
    ("x-date", re.compile(_B + r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                          r"(?: ?(?:Z|UTC|[+-]\d{2}:?\d{2}))?)?" + _E)),
    ("x-ip", re.compile(_B + r"(?<!\d\.)(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?(?!\.\d)" + _E)),
    ("x-ip", re.compile(r"(?<![0-9A-Za-z:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:/\d{1,3})?(?![0-9A-Za-z:])")),
    ("x-time", re.compile(_B + r"\d{1,2}:\d{2}(?::\d{2})?(?: ?(?:UTC|Z))?" + _E)),
)
_TRAILING = ".,;:!?)]}'\""
# Fields of an identifier that name what it points at (the rest describe it in words).
_IDENTIFYING = ("address", "number", "url", "name", "username", "user_id", "profile_url", "imei", "serial")
_SHORTEST = 3  # a case value shorter than this (a request id "R1") is too likely to be a word


@dataclass(frozen=True)
class Placeholder:
    """A protected value: its number in the text (from 1), what it is, and the value itself."""

    id: str
    ctype: str
    value: str


Segment = str | Placeholder


def protected_values(case: Case) -> list[str]:
    """The case's own identifiers and references, protected wherever a text quotes them."""
    values: set[str] = {case.reference}
    for req in case.requests:
        values.add(req.id)
        for item in req.items:
            for name in _IDENTIFYING:
                value = getattr(item.identifier, name, None)
                if isinstance(value, str):
                    values.add(value)
    return sorted((v.strip() for v in values if len(v.strip()) >= _SHORTEST), key=len, reverse=True)


def split(text: str, values: list[str] = []) -> list[Segment]:  # noqa: B006 (read only)
    """`text` as plain runs and placeholders, in order; joining their values gives `text` back."""
    spans: list[tuple[int, int, str]] = []
    for ctype, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            while end > start and text[end - 1] in _TRAILING and ctype in ("x-url", "x-email"):
                end -= 1
            if ctype == "x-ip" and not _is_ip(text[start:end]):
                continue
            spans.append((start, end, ctype))
    for value in values:
        for m in re.finditer(re.escape(value), text):
            spans.append((m.start(), m.end(), "x-identifier"))
    # The earliest value wins an overlap, and of two starting together the longer.
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[Segment] = []
    pos = 0
    for start, end, ctype in spans:
        if start < pos or end == start:
            continue
        if start > pos:
            out.append(text[pos:start])
        out.append(Placeholder(str(sum(isinstance(s, Placeholder) for s in out) + 1), ctype, text[start:end]))
        pos = end
    if pos < len(text):
        out.append(text[pos:])
    return out


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_interface(value)
    except ValueError:
        return False
    return True
