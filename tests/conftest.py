"""Shared fixtures: the bundled example case and a factory for minimal valid cases."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "bec-preservation.json"


@pytest.fixture
def example_data() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture
def case_file(tmp_path: Path, example_data: dict):
    """Write a (possibly modified) copy of the example case and return its path."""

    def make(mutate=None, name: str = "case.json") -> Path:
        data = copy.deepcopy(example_data)
        if mutate is not None:
            mutate(data)
        p = tmp_path / name
        p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return p

    return make
