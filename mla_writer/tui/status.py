"""What is left to do on each step: its mark in the step list, and the problems no field shows."""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import TYPE_CHECKING, Any

from .document import CaseDocument, get_in, parse_path, text_of
from .i18n import _, ui_language
from .steps import STEPS, Field, Group, Heading, Part, Step, place_of, step_for_path

if TYPE_CHECKING:
    from ..checks.engine import Finding

WRONG, MISSING, WARNING, DONE = "✗", "!", "?", "✓"
UNCHECKED = " "  # the case not checked yet (opened with its checks left to a worker)


def _findings(doc: CaseDocument, step: Step, severity: str) -> list[Finding]:
    return [f for f in doc.findings if f.severity == severity and (step.id == "review" or step_for_path(f.path) == step.id)]


@cache
def key_path(key: str) -> tuple[str | int, ...]:
    """A field's key as a path (parsed once: a large case asks it of thousands of entries)."""
    return parse_path(key)


def step_marks(doc: CaseDocument) -> dict[str, tuple[str, int]]:
    """Each step's mark for the step list and how many problems it stands for: ✗ a value is
    wrong (the model rejects it); ! something required is missing or a check reports an error;
    ? a check warns; ✓ nothing to do. The review step stands for the whole case.

    Every step at once: each problem is placed on its step once, and the case read once (on a
    case of thousands of identifiers, a step at a time read them nine times over)."""
    wrong: Counter[str] = Counter(step_for_path(p) for p in doc.errors)
    found: Counter[tuple[str, str]] = Counter((step_for_path(f.path), str(f.severity)) for f in doc.findings)
    every: Counter[str] = Counter(str(f.severity) for f in doc.findings)
    marks: dict[str, tuple[str, int]] = {}
    for step in STEPS:
        review = step.id == "review"
        if n := (len(doc.errors) if review else wrong[step.id]):
            marks[step.id] = (WRONG, n)
            continue
        missing = every["error"] if review else found[step.id, "error"] + _missing(step.parts, doc.data)
        warnings = every["warning"] if review else found[step.id, "warning"]
        marks[step.id] = (MISSING, missing) if missing else (WARNING, warnings) if warnings else (DONE, 0)
    return marks


def _missing(parts: tuple[Part, ...], entry: dict[str, Any]) -> int:
    """Required fields left blank and required lists left empty, in `entry` and the lists in it
    (the fields and lists steps.walk gives)."""
    n = 0
    for part in parts:
        if isinstance(part, Heading):
            continue
        if isinstance(part, Group):
            n += _missing(part.parts, entry)
            continue
        if part.when is not None and not part.when(entry):
            continue
        if isinstance(part, Field):
            n += part.required and not text_of(get_in(entry, key_path(part.key))).strip()
            continue
        children = get_in(entry, (part.key,), []) or []
        n += part.required and not children
        n += sum(_missing(part.parts, child) for child in children if isinstance(child, dict))
    return n


def unplaced_problems(doc: CaseDocument, step: Step, shown: set[str]) -> list[str]:
    """Problems of the step that no field on it shows (whole-object rules, list-level findings)."""
    if step.id == "review":
        return []
    lines = [f"✗ {place_of(p)}: {m}" for p, msgs in doc.errors.items() for m in msgs
             if p not in shown and step_for_path(p) == step.id]
    lines += [f"! {place_of(f.path)}: {f.message_in(ui_language())}" for f in _findings(doc, step, "error") if f.path not in shown]
    return lines


def as_of_note(doc: CaseDocument) -> str:
    """What the checks count from, when it is not today: a training case's own date, or --today."""
    when = doc.as_of
    if when.source == "training":
        return _("Training case: checked as of {date}").format(date=when.date.isoformat())
    if when.source == "option" and when.training_date is not None:
        return _("Checked as of {date} (--today; the training case's own date is {own})").format(
            date=when.date.isoformat(), own=when.training_date.isoformat())
    if when.source == "option":
        return _("Checked as of {date} (--today)").format(date=when.date.isoformat())
    return ""
