"""Texts that must say something about this case, and do not: placeholders, boilerplate, a few
words where a paragraph is needed, the same words for different items.

A request whose facts read "See annex." or whose link to the offence reads "Relevant." costs a
round of clarification as surely as one with no facts at all (A/74/130 ¶124, ¶380): the annex may
travel apart or untranslated, and a phrase that fits any case tells the requested State nothing.
Each text checked here is an element another rule requires (FACTS-MISSING for the facts,
NEXUS-MISSING for each item's link to the offence...); a finding cites that rule's clause for the
kind of request concerned and joins its item of the checklist.

The phrases are data (mla_writer/data/placeholders.toml, by language); the length and repetition
checks are heuristics, so these findings are warnings or advice, never errors. Every text is
checked in the drafting language and in each translation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import refdata
from ..labels import N_
from ..model import Case, ContentRequest, EmergencyRequest, PreservationRequest, Text
from .engine import Context, Hit, rule
from .message import Phrase, Term
from .walk import subjects

# A pointer ("See annex 3 for the details.") leaves only a few words of its own around the phrase.
POINTER_EXTRA_WORDS = 6
# Han characters per word, roughly: a Chinese text says in 15 characters what English says in 10 words.
HAN_PER_WORD = 1.5


@dataclass(frozen=True)
class Element:
    """A text a request must carry: where it is, the rule that requires it, its name (the label the
    wizard gives the field), and the fewest words that can do its job."""

    path: str
    text: Text
    rule: str
    name: str
    min_words: int


def _elements(case: Case) -> Iterator[Element]:
    yield Element("facts.summary", case.facts.summary, "FACTS-MISSING", N_("Summary of the facts"), 15)
    yield Element("facts.connection", case.facts.connection, "FACTS-NO-CONNECTION",
                  N_("Link to the requested State"), 4)
    yield Element("proceedings.subject", case.proceedings.subject, "SUBJECT-MISSING",
                  N_("Subject of the proceedings"), 2)
    yield Element("purpose", case.purpose, "PURPOSE-MISSING", N_("Purpose of the request"), 3)
    yield Element("urgency.reasons", case.urgency.reasons, "URGENCY-NO-REASONS", N_("Reasons for urgency"), 3)
    yield Element("confidentiality.reasons", case.confidentiality.reasons, "CONFIDENTIALITY-NO-REASONS",
                  N_("Reasons for confidentiality"), 4)
    yield Element("safeguards.proportionality", case.safeguards.proportionality, "SAFEGUARDS-NO-PROPORTIONALITY",
                  N_("Necessity and proportionality"), 5)
    for o, off in enumerate(case.offences):
        yield Element(f"offences[{o}].dual_criminality", off.dual_criminality, "DUAL-CRIMINALITY-MISSING",
                      N_("Conduct (dual criminality)"), 5)
    for r, req in enumerate(case.requests):
        path = f"requests[{r}]"
        for i, item in enumerate(req.items):
            yield Element(f"{path}.items[{i}].nexus", item.nexus, "NEXUS-MISSING", N_("Link to the offence"), 5)
        yield Element(f"{path}.respond_by_reason", req.respond_by_reason, "RESPOND-BY-NO-REASON",
                      N_("Why by that date"), 3)
        if isinstance(req, PreservationRequest):
            yield Element(f"{path}.necessity", req.necessity, "PRES-NO-NECESSITY",
                          N_("Why preservation is needed"), 5)
        if isinstance(req, ContentRequest):
            yield Element(f"{path}.least_intrusive", req.least_intrusive, "CONTENT-NO-LEAST-INTRUSIVE",
                          N_("Why less intrusive data is not enough"), 6)
        if isinstance(req, EmergencyRequest):
            yield Element(f"{path}.threat", req.threat, "EMERG-NO-THREAT", N_("The threat"), 8)
            yield Element(f"{path}.why_urgent", req.why_urgent, "EMERG-NO-WHY-URGENT",
                          N_("Why normal process is too slow"), 6)


def _versions(case: Case, element: Element) -> Iterator[tuple[str, str, bool]]:
    """(path, wording, is the original) for the element's text and each of its translations."""
    if element.text:
        yield element.path, element.text.text, True
    for lang, translated in element.text.translations.items():
        if translated.strip():
            yield f"{element.path}.translations.{lang}", translated, False


# ------------------------------------------------------------------ reading a text

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")
# Texts read at once: every text of a case of thousands of identifiers, in each language, so
# that the rules reading the same texts read each once (and a wizard's cache stays bounded).
_READ_CACHE = 1 << 15


@lru_cache(maxsize=_READ_CACHE)
def normalized(text: str) -> str:
    """The words of a text as the phrase lists are written: no case, no accents or other marks
    (Arabic vowel signs included), punctuation as spaces."""
    if text.isascii():  # the same result, without a pass over each character in Python
        return _NOT_ASCII_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    kept = "".join(ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(kept.split())


_APOSTROPHES = str.maketrans("", "", "'’ʼ")


@lru_cache(maxsize=_READ_CACHE)
def words(text: str) -> float:
    """How many words a text holds ("sender's" is one; Han characters count as a fraction of one)."""
    total = 0.0
    for token in normalized(text.translate(_APOSTROPHES)).split():
        han = len(_HAN.findall(token)) if not token.isascii() else 0
        total += han / HAN_PER_WORD + (1 if len(token) > han else 0)
    return total


@dataclass(frozen=True)
class _Pointers:
    """The pointer phrases, normalized: those in words, by their number of words (a text holds
    one when one of its runs of that many words is it), and those in Han characters (a text holds
    one when it holds its characters)."""

    by_length: dict[int, frozenset[str]]
    han: tuple[str, ...]
    most_words: float
    words: dict[str, float]


@cache
def _phrases() -> tuple[_Pointers, frozenset[str]]:
    """Every language's pointers and whole generic texts, normalized."""
    refers: set[str] = set()
    generic: set[str] = set()
    for phrases in refdata.placeholder_phrases().values():
        refers.update(normalized(p) for p in phrases.refers)
        generic.update(normalized(p) for p in phrases.generic)
    by_length: dict[int, set[str]] = {}
    for phrase in refers:
        if not _HAN.search(phrase):
            by_length.setdefault(len(phrase.split()), set()).add(phrase)
    counted = {p: words(p) for p in refers}
    pointers = _Pointers({n: frozenset(ps) for n, ps in by_length.items()},
                         tuple(p for p in refers if _HAN.search(p)), max(counted.values(), default=0.0), counted)
    return pointers, frozenset(generic)


def _pointers_in(norm: str, pointers: _Pointers) -> Iterator[str]:
    """The pointer phrases `norm` holds."""
    tokens = norm.split()
    for n, phrases in pointers.by_length.items():
        for i in range(len(tokens) - n + 1):
            run = " ".join(tokens[i:i + n])
            if run in phrases:
                yield run
    yield from (p for p in pointers.han if p in norm)


@lru_cache(maxsize=_READ_CACHE)  # the three rules read the same texts
def placeholder_kind(text: str) -> str | None:
    """'refers' for a text that points elsewhere instead of giving the content, 'generic' for one
    that would fit any case (or holds no word at all), else None."""
    norm = normalized(text)
    pointers, generic = _phrases()
    if not norm or norm in generic:
        return "generic"
    total = words(norm)
    if total - pointers.most_words > POINTER_EXTRA_WORDS:
        return None  # too many words of its own around any pointer
    if any(total - pointers.words[p] <= POINTER_EXTRA_WORDS for p in _pointers_in(norm, pointers)):
        return "refers"
    return None


def _quoted(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= 60 else one_line[:57].rstrip() + "…"


# ------------------------------------------------------------------ rules


@rule(
    "TEXT-PLACEHOLDER", "warning",
    summary=N_("A text that must describe this case points to an annex or would fit any case"),
    message=N_("Write the text out for this case: not a pointer to an annex or another item, nor a phrase "
               "that would fit any case."),
    reference="A/74/130 ¶124, ¶380",
    no_checklist="each finding joins the checklist item of the element whose text it examines",
)
def text_placeholder(case: Case, ctx: Context) -> Iterator[Hit]:
    for element in _elements(case):
        for path, wording, _original in _versions(case, element):
            kind = placeholder_kind(wording)
            if kind == "refers":
                yield Hit(path, N_("%(what)s: “%(text)s” points to an annex or another part instead of giving "
                                   "the content. Write it out here: an annex can travel apart from the request or "
                                   "untranslated, and each item must stand on its own."),
                          element=element.rule, text=_quoted(wording), what=Term(element.name))
            elif kind == "generic":
                yield Hit(path, N_("%(what)s: “%(text)s” would fit any case. Write it as it stands in this case."),
                          element=element.rule, text=_quoted(wording), what=Term(element.name))


@rule(
    "TEXT-TOO-SHORT", "advice",
    summary=N_("A text that must describe this case is too short to do its job"),
    message=N_("Say it in full, for this case: a few words cannot carry the facts, the link to the offence or "
               "the reasons the requested State needs."),
    reference="A/74/130 ¶124, ¶380",
    no_checklist="each finding joins the checklist item of the element whose text it examines",
)
def text_too_short(case: Case, ctx: Context) -> Iterator[Hit]:
    for element in _elements(case):
        original_ok = True
        for path, wording, original in _versions(case, element):
            if placeholder_kind(wording) is not None:
                continue  # TEXT-PLACEHOLDER says it
            count = words(wording)
            short = count < element.min_words
            if original:
                original_ok = not short
            # A translation is judged only when the original is long enough: then a short one lost words.
            if short and (original or original_ok):
                yield Hit(path, N_("%(what)s: too short to do its job (words: %(words)s; at least %(minimum)s "
                                   "expected). Say it in full, as it stands in this case."),
                          element=element.rule, what=Term(element.name), words=round(count),
                          minimum=element.min_words)


_ITEM = re.compile(r"^requests\[(\d+)\]\.items\[(\d+)\]")
_OFFENCE = re.compile(r"^offences\[(\d+)\]")


def _owner(case: Case, path: str) -> Phrase:
    """The item or offence a path belongs to, as a message names it."""
    item = _ITEM.match(path)
    if item:
        return Phrase(N_("item %(item)s of request %(request)s"),
                      (("item", int(item.group(2)) + 1), ("request", case.requests[int(item.group(1))].id)))
    offence = _OFFENCE.match(path)
    return Phrase(N_("offence %(number)s"), (("number", int(offence.group(1)) + 1 if offence else 0),))


@rule(
    "TEXT-REPEATED", "advice",
    summary=N_("The same text is given for different items or offences"),
    message=N_("Write this text for each item or offence on its own: the same words for different "
               "identifiers or offences show the link of neither."),
    reference="A/74/130 ¶124, ¶380; CTOC/COP/WG.3/2015/2 ¶9",
    no_checklist="each finding joins the checklist item of the element whose text it examines",
)
def text_repeated(case: Case, ctx: Context) -> Iterator[Hit]:
    # The link to the offence of items about different things, and the notes of different offences.
    # Each text given again is said once, at its first repetition, with how many share it: a
    # botnet case may give one text for thousands of addresses.
    first: dict[tuple[str, str], tuple[Element, set[tuple[str, str]]]] = {}
    repeats: dict[tuple[str, str], list[Element]] = {}
    for element in _elements(case):
        if element.rule not in ("NEXUS-MISSING", "DUAL-CRIMINALITY-MISSING") or not element.text:
            continue
        if placeholder_kind(element.text.text) is not None:
            continue  # TEXT-PLACEHOLDER says it
        key = (element.rule, normalized(element.text.text))
        about = _about(case, element.path)
        if key not in first:
            first[key] = (element, about)
        elif not (about & first[key][1]):
            repeats.setdefault(key, []).append(element)
    for key, again in repeats.items():
        original = first[key][0]
        if len(again) == 1:
            yield Hit(again[0].path, N_("%(what)s: the same text is given for %(other)s. Write it for this one "
                                        "on its own."),
                      element=original.rule, other=_owner(case, original.path), what=Term(original.name))
        else:
            yield Hit(again[0].path, N_("%(what)s: the same text is given for %(other)s and for other items or "
                                        "offences (%(count)s in all). Write it for each on its own."),
                      element=original.rule, other=_owner(case, original.path), count=len(again) + 1,
                      what=Term(original.name))


def _about(case: Case, path: str) -> set[tuple[str, str]]:
    """What an item is about (its identifier); an offence is about itself."""
    item = _ITEM.match(path)
    if item:
        return subjects(case.requests[int(item.group(1))].items[int(item.group(2))].identifier)
    return {("offence", path)}
