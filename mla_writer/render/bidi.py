"""Values of one writing direction inside a paragraph of the other, kept whole and in place.

In an Arabic paragraph the Unicode bidirectional algorithm reorders what it finds: digits that
follow Arabic letters become "Arabic numbers", so "المادتان 313-1" shows "1-313"; an e-mail
address after a label drifts to the far end of the line; brackets and signs at the edge of a
Latin value ("(R1)", "+33 6 ...") land on the wrong side. The mirror image happens to Arabic
typed into an English column. So every value of the other direction (identifiers, article and
case numbers, references, addresses, Latin names, dates in digits) is made a unit of its own:

    ... Arabic ... LRM value LRM RLM ... Arabic ...     (in a right-to-left paragraph)
    ... Latin  ... RLM value RLM LRM ... Latin  ...     (in a left-to-right paragraph)

The inner marks give the value its own direction (its digits and punctuation resolve with it);
the outer mark gives the paragraph's direction back, so the next value or sign is not pulled
into this one, and a list of values reads in the paragraph's order.

In a right-to-left paragraph a hyphen between two digits is also followed by a word joiner
(U+2060), so that no line ends inside "313-1" or "9-11" there. (Left-to-right paragraphs are left
as typed, so that a reference stays findable with Word's search.)

Why marks and not the isolates U+2066-U+2069 made for this: LibreOffice 7.4 writes isolates
into the PDF's text, where pdftotext and a reader's copy then split "313-1" into "313" and "-1"
on two lines; the marks are zero-width and LibreOffice leaves them out of the PDF's text, so
what a reader copies from the PDF is what was typed. Word understands both; a copy from the
Word document carries the invisible marks either way.
"""

from __future__ import annotations

import re
import unicodedata

LRM, RLM, WORD_JOINER = "\u200e", "\u200f", "\u2060"
MARKS = LRM + RLM + WORD_JOINER  # every invisible character this module adds
# LibreOffice ends a line after the hyphen of "313-1" (Unicode's line breaking rules do not);
# a word joiner after such a hyphen keeps the number on one line.
_NUMBER_HYPHEN = re.compile(r"(?<=[0-9])-(?=[0-9])")

_RTL = frozenset(("R", "AL"))
_RTL_OR_ARABIC_DIGIT = frozenset(("R", "AL", "AN"))
_LTR_OR_DIGIT = frozenset(("L", "EN"))
# Quick test for a right-to-left letter: Hebrew to Arabic Extended-A and the presentation forms.
_ANY_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
# Arabic-script punctuation ends a value, as a Latin comma would in an English list.
_ARABIC_PUNCTUATION = frozenset("\u060c\u061b\u061f\u06d4")
# Signs that belong to the value they touch: "+33 6 ...", "#12", "@user", "$5", "(R1)".
_LEADING = frozenset("+-#@$€£¥(['\"")
_TRAILING = frozenset(")]%'\"")
_PAIRS = {")": "(", "]": "["}
# A number whose parts are joined by a comma, point, colon or slash already reads whole in Arabic
# text ("2026", "203.0.113.45", "24/7"); only a hyphen, a sign, a space or a letter breaks it.
_PLAIN_NUMBER = re.compile(r"[0-9]+(?:[.,:/][0-9]+)*")


def _kind(ch: str) -> str:
    return unicodedata.bidirectional(ch)


# Where a right-to-left letter is in a text (the marks added here are not such letters).
RTL_LETTER = _ANY_RTL


def has_rtl_letters(text: str) -> bool:
    """True when the text holds right-to-left letters (the marks added here do not count)."""
    return _ANY_RTL.search(text) is not None


def _balanced(text: str) -> bool:
    stack = []
    for ch in text:
        if ch in "([":
            stack.append(ch)
        elif ch in _PAIRS:
            if not stack or stack.pop() != _PAIRS[ch]:
                return False
    return not stack


def _ltr_spans(line: str) -> list[tuple[int, int]]:
    """Where the left-to-right values are in a line of a right-to-left paragraph."""
    kinds = [_kind(c) for c in line]
    spans = []
    i, n = 0, len(line)
    while i < n:
        # A stretch without right-to-left letters, Arabic digits or Arabic punctuation...
        if kinds[i] in _RTL_OR_ARABIC_DIGIT or line[i] in _ARABIC_PUNCTUATION:
            i += 1
            continue
        j = i
        while j < n and kinds[j] not in _RTL_OR_ARABIC_DIGIT and line[j] not in _ARABIC_PUNCTUATION:
            j += 1
        # ...holds a value from its first to its last Latin letter or digit,
        core = [k for k in range(i, j) if kinds[k] in _LTR_OR_DIGIT]
        if core:
            start, end = core[0], core[-1] + 1
            # with the signs it touches at either end, brackets only in pairs.
            while start > i and line[start - 1] in _LEADING and not line[start - 1].isspace():
                start -= 1
            while end < j and line[end] in _TRAILING:
                end += 1
            while (start < end) and not _balanced(line[start:end]):
                if line[start] in "([" and line[end - 1] not in _PAIRS:
                    start += 1
                else:
                    end -= 1
            if start < end and not _PLAIN_NUMBER.fullmatch(line, start, end):
                spans.append((start, end))
        i = j
    return spans


def _rtl_spans(line: str) -> list[tuple[int, int]]:
    """Where the right-to-left values are in a line of a left-to-right paragraph: from a
    right-to-left letter to the last right-to-left letter or Arabic digit before a Latin one."""
    kinds = [_kind(c) for c in line]
    spans = []
    i, n = 0, len(line)
    while i < n:
        if kinds[i] not in _RTL:
            i += 1
            continue
        end = i + 1
        j = i + 1
        while j < n and kinds[j] != "L":
            if kinds[j] in _RTL_OR_ARABIC_DIGIT:
                end = j + 1
            j += 1
        spans.append((i, end))
        i = j
    return spans


def _first_strong(text: str) -> str | None:
    for c in text:
        k = _kind(c)
        if k in ("L", "R", "AL"):
            return "L" if k == "L" else "R"
    return None


def _mark_line(line: str, *, rtl: bool, whole: bool) -> list[str]:
    inner, outer = (LRM, RLM) if rtl else (RLM, LRM)
    if whole:
        return [inner + line + inner + outer]
    spans = _ltr_spans(line) if rtl else _rtl_spans(line)
    pieces, pos = [], 0
    for start, end in spans:
        if start > pos:
            pieces.append(line[pos:start])
        pieces.append(inner + line[start:end] + inner + outer)
        pos = end
    if pos < len(line):
        pieces.append(line[pos:])
    return pieces


def isolate_values(text: str, *, rtl: bool, verbatim: bool) -> list[str]:
    """`text` as pieces to write as runs of their own: each value of the other direction than
    the paragraph's (`rtl`) is one piece, bracketed by marks. Joined, the pieces are `text` with
    marks (and word joiners) added and nothing else changed; line breaks stay where they are.

    A value the user typed (`verbatim`) whose direction is the other one from its first letter
    on is one unit whole ("67 rue Servient, Lyon", "قضية رقم 4417/2026"); in other text each
    stretch of the other direction is.
    """
    if not rtl:
        if not has_rtl_letters(text):
            return [text]  # the common case: nothing to do in a left-to-right paragraph
    else:
        text = _NUMBER_HYPHEN.sub("-" + WORD_JOINER, text)
    pieces: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("\n")
        if not line.strip():
            if line:
                pieces.append(line)
            continue
        first = _first_strong(line)
        if rtl:
            whole = verbatim and not any(_kind(c) in _RTL_OR_ARABIC_DIGIT for c in line) and (
                first == "L" or any(_kind(c) == "EN" for c in line)) and not _PLAIN_NUMBER.fullmatch(line)
        else:
            whole = verbatim and first == "R"
        pieces.extend(_mark_line(line, rtl=rtl, whole=whole))
    return [p for p in pieces if p]
