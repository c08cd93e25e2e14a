"""An internal error never loses work and never prints the case: a failure is injected into the
one method every edit goes through, as a bug anywhere in the wizard would strike."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest
from textual.app import App

from mla_writer.tui.crash import EXIT_INTERNAL, CrashGuard, CrashReport, after_run
from mla_writer.tui.document import CaseDocument

from .conftest import example_app, tab_to, type_text


@pytest.fixture(autouse=True)
def _users_mode(monkeypatch):
    monkeypatch.delenv("MLA_WRITER_DEBUG", raising=False)


def _fail_on(text: str):
    real = CaseDocument.set

    def set_(self, path, value):
        if isinstance(value, str) and text in value:
            raise RuntimeError(f"injected failure on {value!r}")
        return real(self, path, value)

    return set_


def test_textual_still_calls_the_hook_the_guard_overrides():
    # If this fails, Textual renamed its handler: move CrashGuard to the new one (crash.py).
    assert callable(getattr(App, "_handle_exception", None))
    assert CrashGuard._handle_exception is not App._handle_exception


def test_an_internal_error_keeps_the_work_and_says_where(tmp_path, monkeypatch):
    monkeypatch.setattr(CaseDocument, "set", _fail_on("BOOM"))

    async def run():
        app = example_app(tmp_path, autosave_delay=60)  # nothing autosaved before the failure
        with pytest.raises(RuntimeError):  # what Textual's test harness re-raises once the app closed
            async with app.run_test(size=(100, 30)) as pilot:
                await tab_to(pilot, "f-title")
                await pilot.press("end")
                await type_text(pilot, " kept BOOM")
                await pilot.pause()
        return app

    app = asyncio.run(run())
    assert app.crashed is not None and app.crashed.startswith("RuntimeError: injected failure")
    auto = app.doc.autosave_path
    assert str(auto) in app.kept_message
    assert json.loads(auto.read_text())["title"].endswith(" kept BOO")
    shown: list[tuple[str, str]] = []
    assert after_run(app, None, report=lambda *said: shown.append(said)) == EXIT_INTERNAL
    assert shown == [(app.crashed, app.kept_message)]


def test_the_dialog_says_why_and_where():
    async def run():
        app = CrashReport("RuntimeError: injected", "Your work is kept in /tmp/x.autosave")
        async with app.run_test(size=(80, 24)) as pilot:
            assert str(app.screen.query_one("#crash-reason").render()) == "RuntimeError: injected"
            assert "/tmp/x.autosave" in str(app.screen.query_one("#crash-kept").render())
            await pilot.press("enter")
        return app

    assert not asyncio.run(run()).is_running


CRASHING_WIZARD = r"""
import sys
from pathlib import Path
from mla_writer.tui import crash
from mla_writer.tui.app import WizardApp
from mla_writer.tui.document import CaseDocument
from textual.app import App

def set_(self, path, value):
    raise RuntimeError(f"injected failure at {path} with the case {self.data}")

CaseDocument.set = set_
if sys.argv[2] == "fallback":  # as if Textual no longer called the guard's hook
    crash.CrashGuard._handle_exception = App._handle_exception

async def drive(pilot):
    await pilot.pause()
    await pilot.press("tab", "x")

async def close(pilot):
    await pilot.press("enter")

def report(reason, kept):
    crash.CrashReport(reason, kept).run(headless=True, auto_pilot=close)

if sys.argv[2] == "cli":  # as a developer starts it: `mla-writer wizard CASE --traceback`
    from mla_writer.cli import main

    run = WizardApp.run
    WizardApp.run = lambda self: run(self, headless=True, size=(100, 30), auto_pilot=drive)
    sys.exit(main(["wizard", sys.argv[1], "--traceback"]))

app = WizardApp(CaseDocument.open(Path(sys.argv[1])), autosave_delay=0)
code = app.run(headless=True, size=(100, 30), auto_pilot=drive)
sys.exit(crash.after_run(app, code, report=report))
"""


@pytest.mark.parametrize("mode", ["guard", "fallback"])
def test_the_terminal_gets_one_line_and_no_traceback(tmp_path, mode):
    from mla_writer.tui.app import copy_example

    case = copy_example("bec-preservation", tmp_path)
    officer_email = json.loads(case.read_text())["requesting"]["case_officer"]["email"]
    done = subprocess.run([sys.executable, "-c", CRASHING_WIZARD, str(case), mode], capture_output=True,
                          text=True, cwd=tmp_path, timeout=120, env=_without_debug())
    said = done.stdout + done.stderr
    assert done.returncode == EXIT_INTERNAL, said
    assert "Traceback" not in said and officer_email not in said and "injected" not in said
    assert "internal error" in done.stderr and done.stderr.strip().count("\n") == 0


def _without_debug() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "MLA_WRITER_DEBUG"}


@pytest.mark.parametrize("asked", ["variable", "option"])
def test_a_developer_sees_the_traceback(tmp_path, asked):
    # MLA_WRITER_DEBUG=1, or `--traceback` on the wizard command: the same
    from mla_writer.tui.app import copy_example

    case = copy_example("bec-preservation", tmp_path)
    mode, env = ("guard", {"MLA_WRITER_DEBUG": "1"}) if asked == "variable" else ("cli", {})
    done = subprocess.run([sys.executable, "-c", CRASHING_WIZARD, str(case), mode], capture_output=True,
                          text=True, cwd=tmp_path, timeout=120, env=_without_debug() | env)
    assert done.returncode == EXIT_INTERNAL
    assert "injected failure" in done.stderr and "Traceback" in done.stderr
