"""Every finding the checks report on the bundled examples leads to a field the wizard shows."""

from __future__ import annotations

import asyncio
import re

from mla_writer.resources import resource_dir
from mla_writer.tui.app import WizardApp
from mla_writer.tui.document import CaseDocument, parse_path, widget_id

from .conftest import TODAY


def test_every_finding_of_every_example_has_a_place(tmp_path):
    examples = sorted(p for p in resource_dir("examples").glob("*.json") if not p.name.endswith(".expected.json"))
    assert examples

    async def run():
        first = CaseDocument.open(examples[0], today=TODAY)
        first.path = tmp_path / "case.json"
        app = WizardApp(first, today=TODAY, autosave_delay=0)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            # The first step is built after the first refresh: dropping its page half-way through,
            # or jumping while it is still to come (it takes the focus), would race with it.
            for _ in range(500):
                await pilot.pause()
                if screen.pages and not screen.showing.locked() and app.focused is not None:
                    break
            seen: set[str] = set()
            for example in examples:
                doc = CaseDocument.open(example, today=TODAY)
                doc.path = tmp_path / "case.json"
                app.doc = screen.doc = doc
                await screen.drop_pages()
                for path in sorted({f.path for f in doc.findings} | set(doc.errors)):
                    shape = re.sub(r"\[\d+\]", "[]", path)
                    if shape in seen:
                        continue  # one of each kind of place is enough, and keeps the test quick
                    seen.add(shape)
                    target = await screen.jump_to(path)
                    await pilot.pause()
                    assert target is not None and app.focused is target, (example.name, path)
                    # the field itself, or the nearest thing that holds it (its list, its first field)
                    parts = parse_path(path)
                    ids = {widget_id(parts[:n], kind) for n in range(1, len(parts) + 1) for kind in ("f", "l", "add")}
                    assert target.id in ids or target.id.startswith(widget_id(parts) + "-"), (path, target.id)

    asyncio.run(run())
