"""The key bar at the foot of the wizard: what it shows, and that a click on a key presses it."""

from __future__ import annotations

import asyncio

from mla_writer.tui.i18n import set_ui_language
from mla_writer.tui.widgets.footer import KeyBar

from .conftest import example_app


def _offset_of(bar: KeyBar, description: str) -> int:
    line = str(bar.render())
    return line.index(f" {description} ") - 2  # on the key itself ("^r")


def test_the_bar_shows_the_wizards_keys_in_one_line(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            line = str(app.screen.query_one(KeyBar).render())
            assert line == " ^n Next  ^b Back  ^l Steps  ^r Review  ^g Render  ^q Quit  ^s Save  ^t Theme "
            assert "Load text file" not in line  # a key kept for the help of long text fields

    asyncio.run(run())


def test_the_keys_are_shown_in_the_interface_language(tmp_path):
    set_ui_language("fr")

    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            line = str(app.screen.query_one(KeyBar).render())
            assert "^s Enregistrer" in line and "Save" not in line

    asyncio.run(run())


def test_a_click_on_a_key_presses_it(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            bar = app.screen.query_one(KeyBar)
            await pilot.click(KeyBar, offset=(_offset_of(bar, "Review"), 0))
            await pilot.pause()
            assert app.screen.step_id == "review"
            await pilot.click(KeyBar, offset=(_offset_of(bar, "Back"), 0))
            await pilot.pause()
            assert app.screen.step_id == "urgency"

    asyncio.run(run())


def test_the_key_under_the_pointer_is_highlighted(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            bar = app.screen.query_one(KeyBar)
            x = _offset_of(bar, "Steps")
            before = bar.render().get_style_at_offset(app.console, x)
            await pilot.hover(KeyBar, offset=(x, 0))
            await pilot.pause()
            assert bar.key_at(x).description == "Steps"
            hovered = bar.render()
            assert hovered.get_style_at_offset(app.console, x).bgcolor != before.bgcolor
            other = _offset_of(bar, "Save")
            assert hovered.get_style_at_offset(app.console, other).bgcolor == before.bgcolor

    asyncio.run(run())


def test_a_key_that_does_not_apply_is_dimmed_and_a_click_on_it_does_nothing(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            bar = screen.query_one(KeyBar)
            screen.check_action = lambda action, parameters: None if action == "review" else True
            screen.refresh_bindings()
            await pilot.pause()
            x = _offset_of(bar, "Review")
            assert not bar.key_at(x).enabled
            assert bar.render().get_style_at_offset(app.console, x).dim
            await pilot.click(KeyBar, offset=(x, 0))
            await pilot.pause()
            assert screen.step_id == "case"

    asyncio.run(run())
