"""Helpers for the reliability tests: run the CLI as a user would and judge what it printed.

The contract every hostile input is held to: either a correct result, or exit code 2 with
readable `error:` lines that name the field or path, and never a Python traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "bec-preservation.json"
CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass
class Outcome:
    code: int
    out: str
    err: str


def run_cli(*args: str | os.PathLike, cwd: Path | None = None, env: dict | None = None,
            timeout: float = 120) -> Outcome:
    """The CLI in a fresh process, exactly as a user's shell would start it."""
    full_env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    p = subprocess.run(
        [sys.executable, "-m", "mla_writer", *map(str, args)],
        capture_output=True, cwd=cwd, env=full_env, timeout=timeout,
    )
    return Outcome(p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"))


@pytest.fixture
def cli(capsys):
    """The CLI in this process (cli.main): fast enough to run for every hostile input."""
    from mla_writer import cli as cli_module

    def call(*args: str | os.PathLike) -> Outcome:
        try:
            code = cli_module.main([str(a) for a in args])
        except SystemExit as e:  # argparse usage errors
            code = e.code if isinstance(e.code, int) else 2
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return call


def assert_clean_refusal(result: Outcome, *words: str) -> None:
    """Exit 2, every stderr line a readable `error:` line, each word named, no traceback."""
    assert "Traceback" not in result.err and "Traceback" not in result.out, result.err
    assert result.code == 2, (result.code, result.out, result.err)
    lines = [x for x in result.err.splitlines() if x.strip()]
    assert lines, "refused without saying why"
    assert all(x.startswith(("error:", "usage:", "mla-writer")) for x in lines), lines
    assert len(lines) <= 25, f"{len(lines)} lines: a wall of text is not readable"
    for line in lines:
        assert len(line) < 700, f"an unreadably long line: {line[:120]}..."  # paths included
    for w in words:
        assert w in result.err, (w, result.err)


def assert_no_traceback(result: Outcome) -> None:
    assert "Traceback" not in result.err and "Traceback" not in result.out, result.err
    assert result.code in (0, 1, 2), (result.code, result.err)


@pytest.fixture
def example_data() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def unwritable_dir(tmp_path: Path) -> Path:
    """A folder this process cannot create files in. As root, chmod does not stop writes, so
    a sysfs folder (which refuses new files even to root) stands in; skip if neither works."""
    if os.geteuid() != 0:
        d = tmp_path / "read-only"
        d.mkdir()
        d.chmod(0o500)
        return d
    for candidate in (Path("/sys/kernel"), Path("/sys")):
        probe = candidate / ".mla-writer-probe"
        try:
            probe.touch()
        except OSError:
            return candidate
        probe.unlink()
    pytest.skip("no folder here refuses writes to this user")
