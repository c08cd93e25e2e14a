"""What is left to do on each step: its mark in the step list, and the problems no field shows."""

from __future__ import annotations

from ..checks.engine import Finding
from .document import CaseDocument, get_in, text_of
from .i18n import ui_language
from .steps import Field, ListSpec, Step, place_of, step_for_path, walk

WRONG, MISSING, WARNING, DONE = "✗", "!", "?", "✓"


def _findings(doc: CaseDocument, step: Step, severity: str) -> list[Finding]:
    return [f for f in doc.findings if f.severity == severity and (step.id == "review" or step_for_path(f.path) == step.id)]


def step_status(doc: CaseDocument, step: Step) -> tuple[str, int]:
    """A mark for the step list and how many problems it stands for: ✗ a value is wrong (the model
    rejects it); ! something required is missing or a check reports an error; ? a check warns;
    ✓ nothing to do. The review step stands for the whole case."""
    review = step.id == "review"
    wrong = len(doc.errors) if review else sum(1 for p in doc.errors if step_for_path(p) == step.id)
    if wrong:
        return WRONG, wrong
    missing = len(_findings(doc, step, "error"))
    if not review:
        for spec, path in walk(step.parts, doc.data):
            value = get_in(doc.data, path)
            if isinstance(spec, Field) and spec.required and not text_of(value).strip():
                missing += 1
            elif isinstance(spec, ListSpec) and spec.required and not value:
                missing += 1
    if missing:
        return MISSING, missing
    warnings = len(_findings(doc, step, "warning"))
    return (WARNING, warnings) if warnings else (DONE, 0)


def unplaced_problems(doc: CaseDocument, step: Step, shown: set[str]) -> list[str]:
    """Problems of the step that no field on it shows (whole-object rules, list-level findings)."""
    if step.id == "review":
        return []
    lines = [f"✗ {place_of(p)}: {m}" for p, msgs in doc.errors.items() for m in msgs
             if p not in shown and step_for_path(p) == step.id]
    lines += [f"! {place_of(f.path)}: {f.message_in(ui_language())}" for f in _findings(doc, step, "error") if f.path not in shown]
    return lines
