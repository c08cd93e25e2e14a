"""A key press validates the field being typed in; the whole case is checked once typing pauses,
off the UI thread, and results for an older state of the case are dropped.

The pause is a Textual timer; the tests give it a minute and start the checks themselves
(`check_now`, what the timer calls), then wait for the worker: no sleeps, no wall clock.
"""

from __future__ import annotations

import asyncio
import json

import mla_writer.tui.document as document
from mla_writer.tui.widgets.step_list import StepList

from .conftest import example_app, go_to_step, problem_below, type_text

ADDRESS = ("requests", 0, "items", 0, "identifier", "address")
PAUSE = 60.0  # longer than any test: the checks run only when a test starts them


def _counting_checks(monkeypatch) -> list[int]:
    """Count the whole-case validations and checks (CaseDocument.compute)."""
    calls: list[int] = []
    real = document.CaseDocument.compute

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(document.CaseDocument, "compute", staticmethod(counted))
    return calls


async def _to_address(pilot, app) -> None:
    await go_to_step(pilot, 7)
    for _ in range(50):
        row = app.screen.registry.row_at(ADDRESS)
        if row is not None:
            break
        await pilot.pause()
    app.screen.focus_on(row.editor)
    await pilot.pause()


def test_keys_validate_the_field_and_the_whole_case_waits_for_a_pause(tmp_path, monkeypatch):
    app = example_app(tmp_path, check_delay=PAUSE)
    calls = _counting_checks(monkeypatch)

    async def run():
        async with app.run_test(size=(100, 30)) as pilot:
            await _to_address(pilot, app)
            before = len(calls)
            editor = app.screen.registry.row_at(ADDRESS).editor
            await pilot.press("end", *"999")  # …example.net999: no longer an e-mail address
            await pilot.pause()
            assert len(calls) == before  # no whole-case check while typing
            assert app.doc.stale
            assert "is not a valid e-mail address" in problem_below(editor)  # the field's own message, at once
            steps = app.screen.query_one(StepList)
            assert not steps.line("requests").startswith("✗")  # the step's mark waits for the checks
            app.screen.check_now()  # what the pause in typing starts
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert len(calls) == before + 1 and not app.doc.stale
            assert steps.line("requests").startswith("✗ Requests & data")
            await pilot.press("backspace", "backspace", "backspace")
            await pilot.pause()
            assert problem_below(editor) == ""

    asyncio.run(run())


def test_results_for_an_older_state_of_the_case_are_dropped(tmp_path):
    app = example_app(tmp_path, check_delay=PAUSE)

    async def run():
        async with app.run_test(size=(100, 30)) as pilot:
            await _to_address(pilot, app)
            await pilot.press("end", "9")
            await pilot.pause()
            app.screen.check_now()  # checks the case with "…9" typed
            app.doc.set(ADDRESS, "accounts@example.net", whole=False)  # a key taken before the results arrive
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.doc.stale  # the older results were not taken
            assert not any(p.startswith("requests[0].items[0].identifier.address") for p in app.doc.errors)
            app.screen.check_now()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not app.doc.stale and app.doc.case is not None
            assert str(app.doc.case.requests[0].items[0].identifier.address) == "accounts@example.net"

    asyncio.run(run())


def test_saving_before_the_pause_saves_what_was_typed(tmp_path):
    app = example_app(tmp_path, check_delay=PAUSE)

    async def run():
        async with app.run_test(size=(100, 30)) as pilot:
            await go_to_step(pilot, 1)
            app.screen.focus_on(app.screen.registry.row_at(("title",)).editor)
            await pilot.press("end")
            await type_text(pilot, " two")
            await pilot.press("ctrl+s")
            await pilot.pause()
        return app.doc.path

    path = asyncio.run(run())
    assert json.loads(path.read_text(encoding="utf-8"))["title"].endswith(" two")
