"""The JSON Schema of case files, kept in schemas/ so editors can validate cases as users type."""

from __future__ import annotations

import json
from pathlib import Path

from .model import Case
from .resources import resource_dir

SCHEMA_NAME = "case.schema.json"


def schema_text() -> str:
    schema = Case.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.org/mla-writer/case.schema.json",
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _target(output: Path | None) -> Path:
    return output if output is not None else resource_dir("schemas") / SCHEMA_NAME


def write_schema(output: Path | None = None) -> Path:
    from .files import write_file

    target = _target(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    return write_file(target, schema_text(), force=True, public=True)


def check_schema(output: Path | None = None) -> Path | None:
    """The stale schema file, or None when it is up to date."""
    target = _target(output)
    try:
        current = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        return target
    return None if current == schema_text() else target
