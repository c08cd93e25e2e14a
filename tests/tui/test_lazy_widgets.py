"""TextArea and SelectionList are imported only when a step first shows one."""

from __future__ import annotations

import json
import subprocess
import sys

FIRST_SCREEN = r"""
import asyncio, json, sys
from pathlib import Path
from mla_writer.tui.app import WizardApp, open_document

async def main():
    app = WizardApp(open_document(Path(sys.argv[1])), autosave_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        first = {name: any(m.endswith(name) for m in sys.modules) for name in ("text_area", "selection_list")}
        await pilot.press("ctrl+l", *["down"] * 4, "enter")  # Facts: long text fields
        await pilot.pause()
        facts = app.screen.query_one("#f-facts-summary")
        print(json.dumps({"first": first, "facts": type(facts).__name__,
                          "loaded": any(m.endswith("text_area") for m in sys.modules)}))

asyncio.run(main())
"""


def test_the_first_step_loads_neither_and_the_facts_step_gets_real_text_areas(tmp_path):
    from mla_writer.tui.app import copy_example

    case = copy_example("bec-preservation", tmp_path)
    out = subprocess.run([sys.executable, "-c", FIRST_SCREEN, str(case)], capture_output=True, text=True,
                         cwd=tmp_path, timeout=120, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"first": {"text_area": False, "selection_list": False},
                    "facts": "LongText", "loaded": True}
