"""Fixtures for the translation tests: a case whose texts await French, a private data folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The translation memory and profiles of each test in a folder of its own (and of the CLIs
    it starts): never the user's."""
    folder = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


def strip_translations(node: object) -> None:
    """Remove every translation from a case's JSON, in place."""
    if isinstance(node, dict):
        if "translations" in node and "text" in node:
            node["translations"] = {}
        for value in node.values():
            strip_translations(value)
    elif isinstance(node, list):
        for value in node:
            strip_translations(value)


@pytest.fixture
def untranslated(case_file):
    """Write the example case without any translation (as `name`, after `mutate`); its path."""

    def make(mutate=None, name: str = "case.json") -> Path:
        def change(data: dict) -> None:
            strip_translations(data)
            if mutate is not None:
                mutate(data)

        return case_file(change, name)

    return make
