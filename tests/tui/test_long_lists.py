"""A long list (a request's hundreds of identifiers) offers its entries a page at a time, and
every entry stays reachable: by turning the page from the keyboard, and by a finding's jump."""

from __future__ import annotations

import asyncio
import copy
import json

from textual.widgets import Label

from mla_writer.tui.app import WizardApp, copy_example
from mla_writer.tui.document import CaseDocument
from mla_writer.tui.widgets.lists import LIST_PAGE, NEXT_PAGE, PREVIOUS_PAGE

from .conftest import TODAY, go_to_step, type_text

ITEMS = ("requests", 0, "items")
COUNT = LIST_PAGE * 2 + 50
NETS = ("192.0.2", "198.51.100", "203.0.113")


def _long_case_app(tmp_path) -> WizardApp:
    """The example with its first request's IP identifier repeated COUNT times."""
    path = copy_example("bec-preservation", tmp_path)
    case = json.loads(path.read_text(encoding="utf-8"))
    template = next(i for i in case["requests"][0]["items"] if i["identifier"]["type"] == "ip")
    items = []
    for k in range(COUNT):
        item = copy.deepcopy(template)
        item["identifier"]["address"] = f"{NETS[k % 3]}.{k // 3 + 1}"
        items.append(item)
    case["requests"][0]["items"] = items
    path.write_text(json.dumps(case), encoding="utf-8")
    return WizardApp(CaseDocument.open(path, today=TODAY), today=TODAY, autosave_delay=0, check_delay=0)


def _entry_title(section) -> str:
    return str(section.holder.query(Label).filter(".entry-title").first().render())


def test_a_long_list_turns_its_pages_by_keys_and_edits_the_entry_shown(tmp_path):
    app = _long_case_app(tmp_path)

    async def run():
        async with app.run_test(size=(100, 30)) as pilot:
            await go_to_step(pilot, 7)
            section = app.screen.registry.section_at(ITEMS)
            options = section.options
            assert options.option_count == LIST_PAGE + 1  # the first page and a way to the next
            assert options.get_option_at_index(LIST_PAGE).id == NEXT_PAGE
            assert f"{LIST_PAGE + 1} to {2 * LIST_PAGE} of {COUNT}" in str(options.get_option_at_index(LIST_PAGE).prompt)
            app.screen.focus_on(options)
            await pilot.press("end", "enter")  # to the next page
            await pilot.pause()
            assert options.get_option_at_index(0).id == PREVIOUS_PAGE
            assert section.selected == LIST_PAGE
            assert _entry_title(section) == f"Identifier {LIST_PAGE + 1} of {COUNT}"
            await pilot.press("down")  # the next entry of the page
            await pilot.pause()
            assert section.selected == LIST_PAGE + 1
            await pilot.press("enter")  # into its fields
            await pilot.pause()
            path = app.screen.registry.path_of(app.focused)
            assert path[:4] == ITEMS + (LIST_PAGE + 1,)
            address = ITEMS + (LIST_PAGE + 1, "identifier", "address")
            app.screen.focus_on(app.screen.registry.row_at(address).editor)
            await type_text(pilot, "9")
            await pilot.pause()
            assert app.doc.get(address) == f"{NETS[(LIST_PAGE + 1) % 3]}.{(LIST_PAGE + 1) // 3 + 1}9"
            app.screen.focus_on(options)
            await pilot.press("home", "enter")  # back a page: its last entry shown
            await pilot.pause()
            assert section.start == 0 and section.selected == LIST_PAGE - 1
            assert _entry_title(section) == f"Identifier {LIST_PAGE} of {COUNT}"

    asyncio.run(run())


def test_a_finding_jumps_to_an_entry_on_any_page(tmp_path):
    app = _long_case_app(tmp_path)
    wanted = COUNT - 3
    address = ITEMS + (wanted, "identifier", "address")

    async def run():
        async with app.run_test(size=(100, 30)) as pilot:
            target = await app.screen.jump_to(f"requests[0].items[{wanted}].identifier.address")
            await pilot.pause()
            assert target is app.focused
            assert app.screen.registry.path_of(target) == address
            section = app.screen.registry.section_at(ITEMS)
            assert section.start == 2 * LIST_PAGE and section.selected == wanted
            assert section.options.highlighted == section.option_index(wanted)
            assert str(section.options.get_option_at_index(section.options.highlighted).prompt) \
                == section.spec.describe(app.doc.get(ITEMS + (wanted,)), wanted)

    asyncio.run(run())
