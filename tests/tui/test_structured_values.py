"""A penalty or period written as a structure in the case file is shown as it is, not edited in
words: typing over it would lose the structure, and it has no translation to give."""

from __future__ import annotations

import asyncio
import json

from textual.widgets import Input

from mla_writer.tui.app import WizardApp, copy_example
from mla_writer.tui.document import CaseDocument, widget_id

from .conftest import TODAY


def test_a_structured_penalty_is_shown_read_only_without_translation_rows(tmp_path):
    case_file = copy_example("bec-preservation", tmp_path)
    data = json.loads(case_file.read_text(encoding="utf-8"))
    data["offences"][0]["max_penalty"] = {"years": 5, "fine": {"amount": 375000, "currency": "EUR"}}
    data["offences"][1]["max_penalty"] = {"text": "5 years' imprisonment",
                                          "translations": {"fr": "5 ans d'emprisonnement"}}
    case_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    app = WizardApp(CaseDocument.open(case_file, today=TODAY), today=TODAY, autosave_delay=0)

    async def run():
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            await screen.jump_to("offences[0].provision")
            await pilot.pause()
            structured = screen.query_one(f"#{widget_id(('offences', 0, 'max_penalty'))}", Input)
            assert structured.disabled and json.loads(structured.value)["years"] == 5
            ids = {w.id for w in screen.query("*") if w.id}
            assert not any(i.startswith(widget_id(("offences", 0, "max_penalty", "translations"))) for i in ids)
            # the penalty in words, on the next offence, still has its translation row
            assert app.doc.get(("offences", 1, "max_penalty"))["text"]
            await screen.jump_to("offences[1].provision")
            await pilot.pause()
            ids = {w.id for w in screen.query("*") if w.id}
            assert widget_id(("offences", 1, "max_penalty", "translations", "fr")) in ids

    asyncio.run(run())
    assert json.loads(case_file.read_text(encoding="utf-8"))["offences"][0]["max_penalty"]["years"] == 5
