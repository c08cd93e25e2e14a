"""The texts of a case that need (or have) a translation, each with its path, label and context.

Paths use the case's own syntax (``requests[0].items[1].nexus``, as ``store.field_path`` and the
findings write them); they are the ids of the units in an exported XLIFF file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel

from ..checks.walk import texts
from ..model import Case, Text

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?")


@dataclass(frozen=True)
class Unit:
    """One free text of the case: where it is, what it says, what it is."""

    path: str
    text: Text
    label: str  # the field, in words: "Facts › connection"
    description: str  # what the field is for, from the model ("" when it says nothing)
    request: str | None  # the request it belongs to ("R1"), if any

    @property
    def source(self) -> str:
        return self.text.text


def target_languages(case: Case) -> list[str]:
    """The document languages a text needs a translation into: every one but the drafting language."""
    return [lang for lang in case.languages if lang != case.drafting_language]


def needs_translation(text: Text, lang: str) -> bool:
    """True when `text` has words and no translation into `lang` that has any."""
    return bool(text) and not (text.translations.get(lang) or "").strip()  # type: ignore[call-overload]


def translatable(case: Case, lang: str, *, every: bool = False) -> list[Unit]:
    """Every non-empty free text of `case` lacking a translation into `lang` (with `every`: all of
    them, translated or not), in the order the case holds them."""
    return [_unit(case, path, text) for path, text in texts(case)
            if text and (every or needs_translation(text, lang))]


def pending_counts(case: Case) -> dict[str, int]:
    """How many texts still await a translation, for each document language but the drafting one
    (a language with none pending is listed with 0)."""
    found = [text for _, text in texts(case) if text]
    return {lang: sum(needs_translation(t, lang) for t in found) for lang in target_languages(case)}


def resolve(case: Case, path: str) -> Text | None:
    """The Text at `path` in `case`, or None when the path leads nowhere or to something else."""
    node: object = case
    for name, index in path_steps(path):
        if not isinstance(node, BaseModel) or name not in type(node).model_fields:
            return None
        node = getattr(node, name)
        if index is not None:
            if not isinstance(node, list) or index >= len(node):
                return None
            node = node[index]
    return node if isinstance(node, Text) else None


def path_steps(path: str) -> list[tuple[str, int | None]]:
    steps = []
    for part in path.split("."):
        m = _STEP.fullmatch(part)
        if m is None:
            return [("", None)]  # a name no model has: resolves to nothing
        steps.append((m[1], int(m[2]) if m[2] is not None else None))
    return steps


def _unit(case: Case, path: str, text: Text) -> Unit:
    names: list[str] = []
    description = ""
    node: object = case
    for name, index in path_steps(path):
        field = type(node).model_fields.get(name) if isinstance(node, BaseModel) else None
        description = (field.description or "") if field is not None else ""
        value = getattr(node, name, None)
        word = name.replace("_", " ").capitalize()
        if index is not None and isinstance(value, list) and index < len(value):
            value = value[index]
            word = f"{word} {_item_name(value, index)}"
        names.append(word)
        node = value
    request = None
    m = re.match(r"requests\[(\d+)\]", path)
    if m is not None and int(m[1]) < len(case.requests):
        request = case.requests[int(m[1])].id
    return Unit(path, text, " › ".join(names), description, request)


def _item_name(value: object, index: int) -> str:
    """A request by its id (R1), anything else by its number counted from 1."""
    ident = getattr(value, "id", None)
    return ident if isinstance(ident, str) and ident.strip() else str(index + 1)
