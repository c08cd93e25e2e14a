"""The picker: Textual's Select with a one-widget line. What it shows, and that it still picks."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay

from mla_writer.tui.widgets.picker import Picker, PickerLine

from .conftest import type_text

LONG = "United Kingdom of Great Britain and Northern Ireland (GB)"
OPTIONS = [("France (FR)", "FR"), ("Ireland (IE)", "IE"), (LONG, "GB")]


class OnePicker(App[None]):
    CSS = "Picker { width: 30; }"

    def __init__(self, value=Select.NULL) -> None:
        super().__init__()
        self.value = value
        self.changes: list[object] = []

    def compose(self) -> ComposeResult:
        yield Picker(OPTIONS, value=self.value, prompt="(choose)", id="p")

    def on_select_changed(self, event: Select.Changed) -> None:
        self.changes.append(event.value)


def _rows(app: App) -> list[str]:
    line = app.query_one(PickerLine)
    return [str(row).rstrip() for row in str(line.render()).split("\n")]


def test_it_is_textuals_select_made_of_one_line_widget_and_textuals_overlay():
    async def run():
        app = OnePicker("FR")
        async with app.run_test(size=(40, 12)) as pilot:
            await pilot.pause()
            picker = app.query_one(Picker)
            assert isinstance(picker, Select)
            assert [type(w) for w in picker.children] == [PickerLine, SelectOverlay]
            assert isinstance(picker.children[0], SelectCurrent)  # what Select's own code looks for
            assert list(picker.children[0].children) == []

    asyncio.run(run())


def test_the_line_shows_the_choice_or_the_prompt_dimmed_with_an_arrow_at_the_right():
    async def run():
        app = OnePicker("FR")
        async with app.run_test(size=(40, 12)) as pilot:
            await pilot.pause()
            line = app.query_one(PickerLine)
            width = line.content_size.width
            rendered = str(line.render())
            assert rendered.startswith("France (FR)") and rendered.endswith(" ▼") and len(rendered) == width
            chosen_style = line.render().get_style_at_offset(0)
            app.query_one(Picker).clear()
            await pilot.pause()
            assert _rows(app) == ["(choose)" + " " * (width - len("(choose)") - 2) + " ▼"]
            assert line.render().get_style_at_offset(0) != chosen_style  # the prompt is dimmed

    asyncio.run(run())


def test_a_long_choice_wraps_and_the_line_grows_to_show_it_all():
    async def run():
        app = OnePicker("GB")
        async with app.run_test(size=(40, 12)) as pilot:
            await pilot.pause()
            line = app.query_one(PickerLine)
            rows = _rows(app)
            assert len(rows) > 1 and line.size.height == len(rows)
            assert rows[0].endswith("▼")
            assert " ".join(r.replace("▼", "").strip() for r in rows) == LONG

    asyncio.run(run())


def test_it_opens_with_an_up_arrow_and_picks_by_typing():
    async def run():
        app = OnePicker()
        async with app.run_test(size=(40, 12)) as pilot:
            app.query_one(Picker).focus()
            await pilot.press("enter")
            await pilot.pause()
            assert app.query_one(Picker).expanded
            assert _rows(app)[0].endswith("▲")
            assert app.query_one(SelectOverlay).display
            await type_text(pilot, "Irel")
            await pilot.press("enter")
            await pilot.pause()
            picker = app.query_one(Picker)
            assert not picker.expanded and picker.value == "IE"
            assert _rows(app)[0].startswith("Ireland (IE)") and _rows(app)[0].endswith("▼")
            assert app.changes[-1] == "IE"

    asyncio.run(run())


def test_a_click_on_the_line_opens_it():
    async def run():
        app = OnePicker("FR")
        async with app.run_test(size=(40, 12)) as pilot:
            await pilot.pause()
            await pilot.click(PickerLine)
            await pilot.pause()
            assert app.query_one(Picker).expanded

    asyncio.run(run())
