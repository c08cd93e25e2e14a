"""What the model says about one field, without validating the whole case.

A key press in the wizard changes one value. Validating the whole case for it costs time in
proportion to the case (a request with thousands of identifiers); this validates only the
smallest model object holding the field (an identifier, a request without its identifiers, the
case without its lists), and keeps only what is said about the field itself. Whatever the
field's change means for the rest of the case (an object-wide rule, the checks) comes from the
whole-case validation the wizard runs once typing pauses.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import store
from ..model import Case
from .paths import PathT, get_in, path_text


def _concrete(ann: Any, node: Any) -> Any:
    """The annotation `ann` for the value `node`: Optional and Annotated taken off, and of a
    union of models (a request's kind, an identifier's type) the member whose tag `node` has."""
    while True:
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            ann = typing.get_args(ann)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(ann) if a is not type(None)]
            if len(members) == 1:
                ann = members[0]
                continue
            models = [m for m in (_concrete(a, node) for a in members) if isinstance(m, type) and issubclass(m, BaseModel)]
            return next((m for m in models if _tagged(m, node)), None)
        return ann


def _tagged(model: type[BaseModel], node: Any) -> bool:
    """Whether `node` carries this model's tag (its Literal fields' values)."""
    if not isinstance(node, dict):
        return False
    for name, info in model.model_fields.items():
        if typing.get_origin(info.annotation) is typing.Literal and len(typing.get_args(info.annotation)) == 1:
            if node.get(name, info.default) != typing.get_args(info.annotation)[0]:
                return False
    return True


def owner_of(data: dict[str, Any], path: PathT) -> tuple[PathT, type[BaseModel]] | None:
    """The innermost model object holding the value at `path`: its path and its class."""
    ann: Any = Case
    node: Any = data
    owner: tuple[PathT, type[BaseModel]] | None = None
    for i, part in enumerate(path):
        ann = _concrete(ann, node)
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            owner = (path[:i], ann)
            info = ann.model_fields.get(part) if isinstance(part, str) else None
            if info is None:
                return owner
            ann = info.annotation
        elif typing.get_origin(ann) in (list, tuple) and isinstance(part, int):
            ann = typing.get_args(ann)[0]
        elif typing.get_origin(ann) is dict:
            ann = typing.get_args(ann)[1]
        else:
            return owner
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    ann = _concrete(ann, node)
    if isinstance(ann, type) and issubclass(ann, BaseModel) and len(path) and isinstance(node, dict):
        return path, ann  # (a value that is itself an object: free text)
    return owner


def field_errors(data: dict[str, Any], path: PathT) -> dict[str, list[str]] | None:
    """The model's messages about the value at `path` and what lies under it, keyed by case path
    as CaseDocument.errors is; None when no model object holds it (the whole case must say)."""
    found = owner_of(data, path)
    if found is None:
        return None
    owner_path, model = found
    owner = get_in(data, owner_path)
    if not isinstance(owner, dict):
        return None
    # The owner's lists of objects the field is not in are left out: they are not being edited,
    # and validating them is what costs.
    inside = path[len(owner_path)] if len(path) > len(owner_path) else None
    light = {k: ([] if k != inside and _objects(v) else v) for k, v in owner.items()}
    try:
        model.model_validate(light)
    except ValidationError as err:
        lines = store.format_validation_error(err)
    except RecursionError:
        return None
    else:
        lines = []
    base = path_text(owner_path)
    here = path_text(path)
    out: dict[str, list[str]] = {}
    for line in lines:
        where, _sep, msg = line.partition(": ")
        key = base if where == "(case)" else (f"{base}{where}" if where.startswith("[") or not base
                                              else f"{base}.{where}")
        key = key or "(case)"
        if key == here or key.startswith(here + ".") or key.startswith(here + "["):
            out.setdefault(key, []).append(msg)
    return out


def _objects(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(v, dict) for v in value)

