"""Random key sequences on the wizard: it never crashes, and nothing it holds is lost.

Hypothesis draws bounded sequences of keys (typing, Tab and arrows, Enter and Space, Escape,
the wizard's own keys, dialogs answered the safe way); one app takes them all. After every
sequence the wizard still runs and the autosave holds exactly what the wizard holds; after
quitting, the case file (a valid case) or the autosave (one with wrong values) holds it.
"""

from __future__ import annotations

import asyncio
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mla_writer.tui.app import WizardApp

from .conftest import example_app

KEYS = ["tab", "shift+tab", "up", "down", "left", "right", "enter", "space", "escape", "backspace",
        "a", "7", "é", "-", "ctrl+n", "ctrl+b", "ctrl+r", "ctrl+l", "ctrl+s", "ctrl+a", "home", "end"]


def test_random_keys_never_crash_the_wizard_nor_lose_saved_text(tmp_path):
    app: WizardApp = example_app(tmp_path)
    sequences: list[list[str]] = []

    @settings(max_examples=25, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(st.sampled_from(KEYS), min_size=1, max_size=30))
    def collect(keys: list[str]) -> None:
        sequences.append(keys)

    collect()

    async def run():
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for keys in sequences:
                await pilot.press(*keys)
                await pilot.pause()
                while len(app.screen_stack) > 1:  # a dialog the keys opened: answer it the safe way
                    await pilot.press("escape")
                    await pilot.pause()
                assert app.is_running and app.crashed is None, keys
                app.autosave_now()
                if app.doc.dirty:
                    assert json.loads(app.doc.autosave_path.read_text(encoding="utf-8")) == app.doc.data, keys
            await pilot.press("ctrl+q")
        return app

    asyncio.run(run())
    assert app.return_code in (0, None)
    held = app.doc.data
    if app.doc.valid:
        from mla_writer.store import load_case

        assert load_case(app.doc.path).model_dump(mode="json") == app.doc.case.model_dump(mode="json")
    else:
        assert json.loads(app.doc.autosave_path.read_text(encoding="utf-8")) == held
