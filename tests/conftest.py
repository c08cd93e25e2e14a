"""Shared fixtures: the bundled example case and a factory for minimal valid cases."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "bec-preservation.json"


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory):
    """The tool's cache (compiled templates and catalogs, Babel's merged locale data) in a folder
    of the test session's, for this process and every CLI it starts: tests that render from
    their own template folders would otherwise leave compiled copies in the user's cache."""
    import os

    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/render/golden/ from the current renderer (then review the diff)")
