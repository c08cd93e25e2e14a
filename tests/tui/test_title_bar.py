"""The line at the top: the wizard's title and the case file, marked while there is unsaved work."""

from __future__ import annotations

import asyncio

from mla_writer.tui.app import WizardApp, copy_example
from mla_writer.tui.document import CaseDocument
from mla_writer.tui.widgets.title_bar import TitleBar

from .conftest import TODAY, example_app, tab_to, type_text


def test_the_title_names_the_case_file_and_marks_unsaved_work(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            bar = app.screen.query_one(TitleBar)
            line = str(bar.render())
            assert line.startswith(" §") and len(line) == 100 - 10
            assert line.strip().endswith("MLA request writer — bec-preservation.json")
            await tab_to(pilot, "f-title")
            await type_text(pilot, "!")
            await pilot.pause()
            assert str(bar.render()).rstrip().endswith("bec-preservation.json •")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert str(bar.render()).rstrip().endswith("bec-preservation.json")

    asyncio.run(run())


def test_a_long_title_is_cut_with_an_ellipsis_not_wrapped(tmp_path):
    case_file = copy_example("bec-preservation", tmp_path)
    long_name = tmp_path / ("a-very-long-case-file-name-" * 4 + ".json")
    case_file.rename(long_name)

    async def run():
        app = WizardApp(CaseDocument.open(long_name, today=TODAY), today=TODAY, autosave_delay=0, check_delay=0)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            bar = app.screen.query_one(TitleBar)
            assert bar.size.height == 1
            line = str(bar.render())
            assert line.rstrip().endswith("…") and len(line) == 80 - 10

    asyncio.run(run())
