"""Typing in a field repaints that field: it never lays the screen out again.

A layout of the screen costs in proportion to its widgets (a hundred rows and more on a step),
and Textual's input asks for one on every key, as its text grows. The form's inputs
(fields.FieldInput) only repaint: these tests fail if a key press lays out anything again, or
if an input then no longer scrolls to keep its cursor in view.
"""

from __future__ import annotations

import asyncio

from textual.widget import Widget

from mla_writer.tui.document import text_of
from mla_writer.tui.widgets.fields import FieldInput

from .conftest import example_app, go_to_step, type_text

SOURCE = ("requests", 0, "items", 0, "identifier", "source")
PAUSE = 60.0  # the whole-case checks wait for a pause in typing longer than the test


async def _to_source(pilot, app) -> FieldInput:
    await go_to_step(pilot, 7)
    row = app.screen.registry.row_at(SOURCE)
    assert row is not None and isinstance(row.editor, FieldInput)
    app.screen.focus_on(row.editor)
    await pilot.pause()
    return row.editor


def test_a_key_in_a_field_lays_out_nothing(tmp_path, monkeypatch):
    app = example_app(tmp_path, check_delay=PAUSE)
    layouts: list[str] = []
    real = Widget.refresh

    def refresh(self, *regions, **kwargs):
        if kwargs.get("layout") and typing:
            layouts.append(type(self).__name__)
        return real(self, *regions, **kwargs)

    typing = False
    monkeypatch.setattr(Widget, "refresh", refresh)

    async def run():
        nonlocal typing
        async with app.run_test(size=(100, 30)) as pilot:
            await _to_source(pilot, app)
            await pilot.press("x")  # the first change marks the case unsaved (the title bar)
            await pilot.pause()
            typing = True
            await type_text(pilot, "abcdefghij")
            await pilot.pause()
            typing = False
            assert text_of(app.doc.get(SOURCE)).endswith("xabcdefghij")

    asyncio.run(run())
    assert layouts == []


def test_a_long_value_scrolls_to_the_cursor_and_back(tmp_path):
    app = example_app(tmp_path, check_delay=PAUSE)

    async def run():
        async with app.run_test(size=(100, 30)) as pilot:
            editor = await _to_source(pilot, app)
            width = editor.content_region.width
            tail = "ZYXWVUTSRQ"
            await type_text(pilot, "." * width + tail)
            await pilot.pause()
            assert editor.scroll_x > 0  # scrolled along with the cursor
            shown = "".join(seg.text for seg in editor.render_line(0))
            assert tail in shown  # what was just typed is in view
            await pilot.press("home")
            await pilot.pause()
            assert editor.scroll_x == 0
            assert "".join(seg.text for seg in editor.render_line(0)).startswith(text_of(app.doc.get(SOURCE))[:10])

    asyncio.run(run())
