"""Changes to the case that are more than one value: an entry's shape, new and removed entries,
and a new drafting language. Each keeps every word the user typed that still has a place."""

from __future__ import annotations

import copy
from typing import Any

from .document import CaseDocument, PathT, is_free_text
from .steps import KIND_ONLY, NEW_IDENTIFIER, ListSpec, categories_for, new_request

# What a new request takes from the one highlighted when it is added: a second request usually
# goes to the same addressee about the same provider.
COPIED_TO_NEW_REQUEST = ("addressee", "provider")


def change_shape(doc: CaseDocument, path: PathT, value: str) -> None:
    """A new request kind or identifier type: keep what still fits, drop what does not."""
    owner = path[:-1]
    entry = copy.deepcopy(doc.get(owner, {}))
    if not isinstance(entry, dict):
        entry = {}
    if path[-1] == "kind":
        for key in KIND_ONLY.get(str(entry.get("kind")), ()):
            entry.pop(key, None)
        entry = new_request(value) | entry  # the new kind's own fields start on its defaults
        allowed = {c for c, _label in categories_for(value)}
        for item in entry.get("items", []) or []:
            if isinstance(item, dict):
                item["categories"] = [c for c in item.get("categories", []) if c in allowed]
    else:  # identifier type
        entry = {k: v for k, v in entry.items() if k in ("source", "note")} | NEW_IDENTIFIER[value]
    entry[path[-1]] = value
    doc.replace(owner, entry)


def add_entry(doc: CaseDocument, spec: ListSpec, path: PathT, after: int) -> tuple[int, str | None]:
    """Append a new entry to the list at `path`; its index, and the label of the request it copied
    addressee and provider from (None if it copied nothing)."""
    entries = list(doc.get(path, []) or [])
    new = spec.new_item()
    copied = None
    if spec.key == "requests" and path == ("requests",):
        used = {e.get("id") for e in entries if isinstance(e, dict)}
        new["id"] = next(f"R{n}" for n in range(1, len(entries) + 2) if f"R{n}" not in used)
        source = entries[after] if 0 <= after < len(entries) and isinstance(entries[after], dict) else None
        if source is not None and any(source.get(k) for k in COPIED_TO_NEW_REQUEST):
            new |= {k: copy.deepcopy(source[k]) for k in COPIED_TO_NEW_REQUEST if source.get(k)}
            copied = str(source.get("id") or after + 1)
    entries.append(new)
    doc.replace(path, entries)
    return len(entries) - 1, copied


def remove_entry(doc: CaseDocument, path: PathT, index: int) -> None:
    entries = list(doc.get(path, []) or [])
    if index < len(entries):
        del entries[index]
    doc.replace(path, entries)


def change_drafting_language(doc: CaseDocument, new: str) -> int:
    """Make `new` the language the user writes in. Free text that has a translation into `new`
    takes it as its text, and its old text becomes the translation into the old language; free
    text without one keeps its text (the user corrects what the text was written in). No text is
    dropped. Returns how many texts were swapped."""
    old = doc.get(("drafting_language",), "en")
    data = copy.deepcopy(doc.data)
    swapped = 0
    if isinstance(old, str) and old != new:
        for text in _free_texts(data):
            translations = text.get("translations")
            if not isinstance(translations, dict) or not str(translations.get(new) or "").strip():
                continue
            original = str(text.get("text") or "")
            text["text"] = translations.pop(new)
            if original.strip():
                translations[old] = original
            swapped += 1
    data["drafting_language"] = new
    doc.replace_all(data)
    return swapped


def _free_texts(node: Any) -> list[dict[str, Any]]:
    """Every free text in its object form, anywhere in the data."""
    if is_free_text(node):
        return [node]
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    return [text for child in children for text in _free_texts(child)]
