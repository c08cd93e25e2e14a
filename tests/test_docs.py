"""The README's promises that a maintainer could break without noticing: its quick start is two
commands, CI runs the test command word for word, and the documents it points to exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1, "the quick start is one fenced block"
    return [line for line in blocks[0].splitlines() if line.strip()]


def test_the_quick_start_is_two_commands_and_ci_runs_the_test_one():
    install_and_open, install_and_test = _quick_start()
    assert "wizard --example" in install_and_open
    assert "pytest" in install_and_test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert install_and_test in ci


def test_the_readme_stays_short_and_points_to_documents_that_exist():
    assert len(README.splitlines()) < 150
    for name in re.findall(r"`((?:docs/)?[A-Z]?[\w-]+\.md|[\w-]+/README\.md|templates/MARKUP\.md)`", README):
        assert (ROOT / name).is_file(), name
    assert "BRIEF" not in README and "seed" not in README.lower()
