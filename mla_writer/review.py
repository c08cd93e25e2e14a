"""The central authority's review of a draft: the case it carries checked again, its hand edits
found, and each finding put into a copy of the document as a Word comment.

    draft.docx ──read_draft──> embedded case ──run_checks──> findings ──anchor──> paragraphs
         │                          └──render again──> text as rendered ──diff──> hand edits
         └──> reviewers' comments                                  all ──> comments in a copy

A finding is anchored on the paragraph that shows the field it concerns (or the table row that
paragraph sits in): the first one holding a value of that field, else of the nearest enclosing
field that shows; a request's finding is looked for in that request's part of the document, and
falls back to its heading; anything else to the document's first paragraph. The comment names
the field's path too, so nothing depends on the anchor being exact.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from . import __version__
from .asof import AsOf, as_of
from .checks import Context, Finding, run_checks
from .files import write_file
from .i18n import translations
from .labels import N_, SEVERITY
from .model import Case
from .render import RenderError, render_bytes
from .render.comments import CommentedCopy, ReviewerComment
from .render.embed import Embedded, read_embedded, rendered_texts
from .render.package import DraftError, read_draft_bytes, read_package
from .render.wordtext import Paragraph, fingerprint

__all__ = ["AUTHOR", "HandEdit", "Review", "review_draft"]

AUTHOR, INITIALS = "mla-writer", "MW"
HAND_EDITED = "HAND-EDITED"
# A value shorter than this (a country code, "yes") would be found in too many paragraphs.
MIN_VALUE = 6
# How much of a long value is looked for: enough to be unique, short enough to stay within one
# paragraph when the value runs over several.
PROBE = 40

_CHANGED = N_("Edited by hand after the document was rendered; the case file does not hold this change. "
              "As rendered, it read: %(text)s")
_ADDED = N_("Added by hand after the document was rendered; the case file does not hold this text.")
_REMOVED = N_("Removed by hand after the document was rendered, before this paragraph: %(text)s")
_FIELD = N_("Field: %(path)s")


@dataclass(frozen=True)
class HandEdit:
    """A paragraph that differs from the text the case renders to: ``changed`` (now `text`, was
    `before`), ``added`` (`text`) or ``removed`` (`before`; `anchor` is the paragraph after it)."""

    kind: str
    text: str
    before: str
    anchor: Paragraph | None


@dataclass
class Review:
    """What `review` found in a draft."""

    embedded: Embedded
    findings: list[Finding]
    hand_edits: list[HandEdit]
    reviewer_comments: list[ReviewerComment]
    same_rendering: bool  # this version renders the case as the draft was rendered
    when: AsOf
    comments_added: int = 0


def review_draft(draft: Path, *, option: dt.date | None, clock: dt.date, language: str, out: Path | None,
                 force: bool = False) -> Review:
    """Review `draft` as of `option` (``--today``), else the training case's own date, else
    `clock`, with the comments in `language`; write the commented copy to `out`
    (files.write_file) unless it is None. The draft itself is only read. Raises
    package.DraftError (the draft is refused: nothing is written) or files.WriteError."""
    data = read_draft_bytes(draft)
    embedded = read_embedded(read_package(data))
    case = embedded.case
    when = as_of(case, option=option, today=clock)
    today = when.date
    findings = run_checks(case, Context(today=today))
    copy = CommentedCopy(data)
    paragraphs = copy.paragraphs
    reviewer_comments = [c for c in copy.comments() if c.author != AUTHOR]
    texts = [p.text for p in paragraphs]
    edits: list[HandEdit] = []
    same = True
    if fingerprint(texts) != embedded.text_sha256:
        rendered = _rendered_again(embedded, today)
        same = fingerprint(rendered) == embedded.text_sha256
        edits = hand_edits(rendered, paragraphs)
    review = Review(embedded, findings, edits, reviewer_comments, same, when)
    if out is not None:
        t = translations(language)
        for f in findings:
            span = anchor(case, f.path, paragraphs)
            if span is not None:
                copy.add(*span, _finding_text(f, language), author=AUTHOR, initials=INITIALS)
                review.comments_added += 1
        for e in edits:
            if e.anchor is None:
                continue
            text = (t.gettext(_CHANGED) % {"text": e.before} if e.kind == "changed"
                    else t.gettext(_ADDED) if e.kind == "added" else t.gettext(_REMOVED) % {"text": e.before})
            copy.add(e.anchor, e.anchor, f"{t.gettext(SEVERITY.short['warning'])} {HAND_EDITED}: {text}",
                     author=AUTHOR, initials=INITIALS)
            review.comments_added += 1
        write_file(out, copy.save(dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)), force=force)
    return review


def _rendered_again(embedded: Embedded, today: dt.date) -> list[str]:
    """The body's text the embedded case renders to now, rendered as the draft was: the same
    requests (one document of a package), languages, final or not, and date evaluated as of."""
    case = embedded.case
    when = embedded.as_of or today
    languages = list(embedded.languages) or list(case.languages)
    held = set(embedded.requests)
    try:
        data = render_bytes(case, languages=languages, requests=[r for r in case.requests if r.id in held],
                            today=when, final=embedded.final)
    except RenderError as e:
        raise DraftError(f"its text was edited, and its case cannot be rendered again to tell how ({e})") from None
    return rendered_texts(data)


def hand_edits(rendered: Sequence[str], paragraphs: Sequence[Paragraph]) -> list[HandEdit]:
    """The paragraphs of the document that differ from `rendered`, in the document's order."""
    current = [p.text for p in paragraphs]
    out: list[HandEdit] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, rendered, current, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        before = list(rendered[i1:i2])
        after = list(paragraphs[j1:j2])
        # Paragraph by paragraph while both sides have one; what is left over was added or removed.
        for k in range(max(len(before), len(after))):
            if k < len(before) and k < len(after):
                out.append(HandEdit("changed", after[k].text, before[k], after[k]))
            elif k < len(after):
                out.append(HandEdit("added", after[k].text, "", after[k]))
            else:
                nearby = paragraphs[j2] if j2 < len(paragraphs) else (paragraphs[-1] if paragraphs else None)
                out.append(HandEdit("removed", "", before[k], nearby))
    return out


def _finding_text(f: Finding, language: str) -> str:
    t = translations(language)
    severity = t.gettext(SEVERITY.short[f.severity])
    where = t.gettext(_FIELD) % {"path": f.path}
    return f"{severity} {f.code}: {f.message_in(language)} [{f.reference}] ({where})"


# --- where a finding shows in the document ---------------------------------------------------

# Dates are written out in words in a document: one in ISO form found there is another text's.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?")
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list[str | int]:
    return [int(index) if index else name for name, index in _STEP.findall(path)]


def _value(data: object, steps: Sequence[str | int]) -> object:
    for step in steps:
        if isinstance(step, int) and isinstance(data, list) and step < len(data):
            data = data[step]
        elif isinstance(step, str) and isinstance(data, dict) and step in data:
            data = data[step]
        else:
            return None
    return data


def _probes(value: object) -> list[str]:
    """The texts of a value (its strings, in order) worth looking for in the document. In a
    tagged object (an identifier: ``{"source": ..., "type": "ip", "address": ...}``) its own
    fields, after the tag, come first: they name it; the shared ones (a source, a note) do not."""
    out: list[str] = []
    stack = [value]
    while stack:
        v = stack.pop(0)
        if isinstance(v, str):
            probe = " ".join(v.split())[:PROBE]
            if len(probe) >= MIN_VALUE and not _ISO_DATE.fullmatch(probe):
                out.append(probe)
        elif isinstance(v, dict):
            keys = list(v)
            if "type" in keys:
                at = keys.index("type")
                keys = keys[at + 1:] + keys[:at]
            stack[:0] = [v[k] for k in keys]
        elif isinstance(v, list):
            stack[:0] = v
    return out


@dataclass(frozen=True)
class _Unit:
    """What a comment is anchored on: a table row (all its paragraphs) or a paragraph alone."""

    first: Paragraph
    last: Paragraph
    text: str


def _units(paragraphs: Sequence[Paragraph]) -> list[_Unit]:
    out: list[_Unit] = []
    for p in paragraphs:
        if p.row is not None and out and out[-1].first.row is p.row:
            out[-1] = _Unit(out[-1].first, p, f"{out[-1].text} {p.text}")
        else:
            out.append(_Unit(p, p, p.text))
    return out


def _best(probes: Sequence[str], units: Sequence[_Unit], around: Sequence[str] = (),
          foreign: Sequence[str] = ()) -> _Unit | None:
    """Of the units holding the first probe found at all, the one holding most of the others,
    then most of `around` (the values of the fields enclosing it), then fewest of `foreign`
    (values of the other half of the case: the facts when looking for a request's field, the
    requests when looking for the facts), then a table row before a paragraph, then the first."""
    for probe in probes:
        found = [(i, u) for i, u in enumerate(units) if probe in u.text]
        if found:
            return max(found, key=lambda iu: (sum(q in iu[1].text for q in probes),
                                              sum(q in iu[1].text for q in around),
                                              -sum(q in iu[1].text for q in foreign),
                                              iu[1].first.row is not None, -iu[0]))[1]
    return None


def _section_of(data: object, index: int, paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The paragraphs of the section that shows request `index` best (most of its values)."""
    probes = _probes(_value(data, ["requests", index]))
    score: dict[int, int] = {}
    for p in paragraphs:
        hits = sum(probe in p.text for probe in probes)
        if hits:
            score[p.section] = score.get(p.section, 0) + hits
    if not score:
        return []
    best = max(score, key=lambda s: (score[s], -s))
    return [p for p in paragraphs if p.section == best]


def anchor(case: Case, path: str, paragraphs: Sequence[Paragraph]) -> tuple[Paragraph, Paragraph] | None:
    """The first and last paragraph of what a finding at `path` is best anchored on: a table row
    or a paragraph (see the module docstring); None in a document without text."""
    if not paragraphs:
        return None
    data = case.model_dump(mode="json")
    steps = _steps(path)
    scope: Sequence[Paragraph] = paragraphs
    floor = 1
    index = steps[1] if len(steps) >= 2 and steps[0] == "requests" else None
    in_request = isinstance(index, int)
    if isinstance(index, int):
        scope = _section_of(data, index, paragraphs) or paragraphs
        floor = 3  # not the request as a whole: its values are everywhere in its part
    foreign = _probes({k: v for k, v in data.items() if k != "requests"} if in_request else data.get("requests"))
    units = _units(scope)
    for n in range(len(steps), floor - 1, -1):
        around = _probes(_value(data, steps[:n - 1])) if n > floor else []
        found = _best(_probes(_value(data, steps[:n])), units, around, foreign)
        if found is not None:
            return found.first, found.last
    return units[0].first, units[0].last


def version_note(review: Review) -> str | None:
    """A line saying the hand edits were found against another version's rendering, if so."""
    if review.same_rendering or not review.hand_edits:
        return None
    version = review.embedded.version or "?"
    if version == __version__:  # same version: other templates (--templates) or reference data
        return ("note: this mla-writer renders the case differently from the draft (was it rendered with "
                "other templates?): some differences listed may come from that, not from a hand edit")
    return (f"note: the draft was rendered by mla-writer {version}; this is {__version__}, which renders "
            "the case differently: some differences listed may come from the tool, not from a hand edit")
