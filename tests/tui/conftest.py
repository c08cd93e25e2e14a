"""Shared set-up for the wizard tests: a fixed clock and helpers that drive it by keys only."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from mla_writer.tui.app import WizardApp, copy_example
from mla_writer.tui.document import CaseDocument

TODAY = dt.date(2026, 3, 20)


@pytest.fixture(autouse=True)
def _english_ui():
    from mla_writer.tui.i18n import set_ui_language

    set_ui_language("en")
    yield
    set_ui_language("en")


def example_app(tmp_path, name: str = "bec-preservation", **options) -> WizardApp:
    """The wizard on a fresh copy of a bundled example, with the tests' clock and no autosave delay."""
    case_file = copy_example(name, tmp_path)
    return WizardApp(CaseDocument.open(case_file, today=TODAY), today=TODAY, **({"autosave_delay": 0} | options))


def problem_below(editor: Widget) -> str:
    """What the line right below a field's editor says about it ("" if there is no such line,
    or it is hidden)."""
    siblings = list(editor.parent.children)
    below = siblings[siblings.index(editor) + 1:][:1]
    if not below or "field-problem" not in below[0].classes or not below[0].display:
        return ""
    return str(below[0].render())


async def tab_to(pilot: Pilot, widget_id: str, limit: int = 120) -> None:
    """Press Tab until the widget with this id has the focus (as a user would)."""
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"never reached #{widget_id}; focus is on {pilot.app.focused!r}")


async def go_to_step(pilot: Pilot, number: int) -> None:
    """Open step `number` (1 to 9) from the step list, by keys."""
    await pilot.press("ctrl+l", *["down"] * (number - 1), "enter")
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


async def pick(pilot: Pilot, widget_id: str, search: str) -> None:
    """Open a picker, type the start of an option, take it."""
    await tab_to(pilot, widget_id)
    await pilot.press("enter")
    await type_text(pilot, search)
    await pilot.press("enter")
    await pilot.pause()


@pytest.fixture(autouse=True)
def _tracebacks_in_tests(monkeypatch):
    """Errors raise in the tests (developer mode): an internal error must fail the test that
    met it, not end in the wizard's dialog. tests/tui/test_crash.py turns it off."""
    monkeypatch.setenv("MLA_WRITER_DEBUG", "1")
