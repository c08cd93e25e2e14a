"""Keyboard use as issue 18 found it: the focus comes back where it was left, a jump shows its
field, Tab follows the page, a checkbox's state is its shape, Ctrl+A selects a text area, the
step marks count warnings, a new request starts from the last one's addressee and provider."""

from __future__ import annotations

import asyncio

import pytest

from mla_writer.tui.app import WizardApp
from mla_writer.tui.i18n import set_ui_language
from mla_writer.tui.widgets.fields import TICKED, UNTICKED
from mla_writer.tui.widgets.footer import KeyBar

from .conftest import TODAY, example_app, go_to_step, tab_to, type_text


def test_leaving_a_step_and_coming_back_returns_to_the_field_left(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await tab_to(pilot, "f-requesting-authority-email")
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert app.screen.step_id == "requested"
            await pilot.press("ctrl+b")
            await pilot.pause()
            assert app.focused is not None and app.focused.id == "f-requesting-authority-email"

    asyncio.run(run())


def _inside(widget, area) -> bool:
    region, visible = widget.region, area.region
    return region.height > 0 and visible.contains_region(region)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_a_jump_from_a_finding_shows_the_field_and_marks_it(tmp_path, size):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = app.screen
            target = await screen.jump_to("requests[0].items[1].nexus.translations.fr")
            for _ in range(3):  # the help box takes its room below the form, then the page scrolls
                await pilot.pause()
            assert app.focused is target and target.id == "f-requests-0-items-1-nexus-translations-fr"
            assert _inside(target, screen.pages["requests"]), (target.region, screen.pages["requests"].region)
            row = screen.registry.row_for(target)
            assert "-jumped" in row.label.classes
            await pilot.press("tab")
            assert "-jumped" not in row.label.classes  # the mark goes once the user moves on

    asyncio.run(run())


def test_tab_then_enter_on_an_empty_legal_basis_step_adds_a_legal_basis(tmp_path):
    async def run():
        app = WizardApp(None, new_case_path=tmp_path / "new.json", today=TODAY, autosave_delay=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter")  # accept the proposed file
            await pilot.pause()
            await go_to_step(pilot, 3)
            await pilot.press("tab", "enter")
            await pilot.pause()
            assert len(app.doc.data["legal_bases"]) == 1 and not app.doc.data["authorisations"]

    asyncio.run(run())


def test_a_checkbox_shows_its_state_by_shape(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await tab_to(pilot, "f-requesting-technical_review_done")
            box = app.focused
            before = str(box.render())
            await pilot.press("space")
            after = str(box.render())
            assert {before[0], after[0]} == {TICKED, UNTICKED}
            assert after[0] == (TICKED if box.value else UNTICKED)

    asyncio.run(run())


def test_ctrl_a_selects_all_of_a_long_text(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await go_to_step(pilot, 5)
            await tab_to(pilot, "f-facts-summary")
            await pilot.press("ctrl+a")
            area = app.focused
            assert area.selected_text == area.text and area.text
            await type_text(pilot, "Replaced")
            assert app.doc.data["facts"]["summary"]["text"] == "Replaced"

    asyncio.run(run())


def test_a_long_value_shows_its_start_once_the_field_is_left(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await tab_to(pilot, "f-title")
            await pilot.press("end")
            await type_text(pilot, " and a long tail that goes well past the edge of the field")
            field = app.focused
            await pilot.press("tab")
            assert field.cursor_position == 0 and field.scroll_x == 0

    asyncio.run(run())


def test_a_new_request_copies_addressee_and_provider_from_the_one_shown(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await go_to_step(pilot, 7)
            await tab_to(pilot, "add-requests")
            await pilot.press("enter")
            await pilot.pause()
        return app

    app = asyncio.run(run())
    first, new = app.doc.data["requests"][0], app.doc.data["requests"][-1]
    assert new["id"] == "R2" and new["addressee"] == first["addressee"] and new["provider"] == first["provider"]
    assert new["items"] == []  # what the request asks for is its own


@pytest.mark.parametrize("lang", ["ar", "en", "es", "fr", "ru", "zh"])
def test_at_80x24_the_key_bar_is_whole_in_every_interface_language(tmp_path, lang):
    set_ui_language(lang)

    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            bar = app.screen.query_one(KeyBar)
            shown = bar.fitting(bar.size.width)
            line = str(bar.render())
            assert sum(len(f" {k.display} ") + len(f"{k.description} ") for k in shown) <= 80
            for key in shown:  # every key shown is shown whole
                assert f" {key.display} {key.description} " in line
            assert {k.action for k in shown} >= {"save", "quit", "next_step", "previous_step", "review"}

    asyncio.run(run())


def test_at_80x24_the_review_step_lists_findings_in_a_list_that_scrolls(tmp_path):
    async def run():
        app = WizardApp(None, new_case_path=tmp_path / "new.json", today=TODAY, autosave_delay=0)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")  # a new, empty case: a long list of what is missing
            await pilot.pause()
            await pilot.press("ctrl+r")
            await pilot.pause()
            findings = app.screen.query_one("#findings")
            assert findings.option_count > findings.size.height >= 5
            findings.focus()
            await pilot.press("end")
            await pilot.pause()
            assert findings.scroll_y > 0

    asyncio.run(run())


def test_in_a_browser_next_theme_and_quit_move_to_keys_the_browser_lets_through(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.update_keymap(app.BROWSER_KEYS)  # what on_mount does when app.is_web
            await pilot.press("f8")
            await pilot.pause()
            assert app.screen.step_id == "requested"
            shown = {k.action: k.display for k in app.screen.query_one(KeyBar).keys}
            assert shown["next_step"] == "f8" and shown["quit"] == "f10" and shown["toggle_theme"] == "f9"
            await pilot.press("f10")
        return app

    assert not asyncio.run(run()).is_running
