"""A case opened as `mla-writer wizard CASE` opens it is drawn first and checked after: the
whole-case checks start in a worker once the first step is on screen, and the step list shows
its marks once they are in (until then it marks nothing, rather than what it cannot know yet)."""

from __future__ import annotations

import asyncio
import threading

import mla_writer.tui.document as document
from mla_writer.tui.app import WizardApp, copy_example, open_document
from mla_writer.tui.widgets.step_list import StepList

from .conftest import TODAY


def test_the_first_step_is_drawn_before_the_checks_and_marked_after(tmp_path, monkeypatch):
    release = threading.Event()
    seen: list[bool] = []
    real = document.CaseDocument.compute

    def held(*args, **kwargs):
        seen.append(bool(app.screen.pages) and app.screen.pages["case"].is_attached)  # the step was there first
        assert release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(document.CaseDocument, "compute", staticmethod(held))
    app = WizardApp(open_document(copy_example("bec-preservation", tmp_path), today=TODAY), today=TODAY,
                    autosave_delay=0)

    async def run():
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(100):
                if seen:
                    break
                await pilot.pause()
            assert seen == [True]
            steps = app.screen.query_one(StepList)
            assert steps.line("case") == "  Case & authorities"  # not checked yet: no mark
            release.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert steps.line("case") == "✓ Case & authorities"
            assert steps.line("review") == "✓ Review & render"
            assert app.doc.case is not None and not app.doc.stale

    try:
        asyncio.run(run())
    finally:
        release.set()
