"""TextArea and SelectionList are imported only when a step first shows one."""

from __future__ import annotations

import json
import subprocess
import sys

from textual.widgets import Input, SelectionList, TextArea

from mla_writer.tui.widgets.fields import is_selection_list, is_text_area

FIRST_SCREEN = r"""
import asyncio, json, sys
from pathlib import Path
from mla_writer.tui.app import WizardApp, open_document

async def main():
    app = WizardApp(open_document(Path(sys.argv[1])), autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        first = {m: m in sys.modules for m in ("textual.widgets._text_area", "textual.widgets._selection_list")}
        await pilot.press("ctrl+l", *["down"] * 4, "enter")  # Facts: long text fields
        await pilot.pause()
        facts = app.screen.query_one("#f-facts-summary")
        print(json.dumps({"first": first, "facts": type(facts).__name__,
                          "loaded": "textual.widgets._text_area" in sys.modules}))

asyncio.run(main())
"""


def test_the_first_step_loads_neither_and_the_facts_step_gets_real_text_areas(tmp_path):
    from mla_writer.tui.app import copy_example

    case = copy_example("bec-preservation", tmp_path)
    out = subprocess.run([sys.executable, "-c", FIRST_SCREEN, str(case)], capture_output=True, text=True,
                         cwd=tmp_path, timeout=120, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"first": {"textual.widgets._text_area": False, "textual.widgets._selection_list": False},
                    "facts": "TextArea", "loaded": True}


def test_the_checks_agree_with_isinstance_once_the_modules_are_loaded():
    def bare(cls):  # an instance without an app to mount it in
        return object.__new__(cls)

    assert is_text_area(bare(TextArea)) and not is_text_area(bare(Input))
    assert is_selection_list(bare(SelectionList)) and not is_selection_list(bare(TextArea))
