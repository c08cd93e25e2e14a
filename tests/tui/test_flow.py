"""From an empty case to a rendered request, with the keyboard only."""

from __future__ import annotations

import asyncio
import json

import docx

from mla_writer.store import load_case
from mla_writer.tui.app import WizardApp
from mla_writer.tui.screens.wizard import WizardScreen

from .conftest import TODAY, pick, tab_to, type_text


def test_empty_case_to_rendered_document(tmp_path):
    asyncio.run(_empty_case_to_rendered_document(tmp_path))


async def _empty_case_to_rendered_document(tmp_path):
    case_file = tmp_path / "new-case.json"
    app = WizardApp(None, new_case_path=case_file, today=TODAY, autosave_delay=0, check_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # accept the proposed place for the new case
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert case_file.exists()

        # 1. case & authorities
        await tab_to(pilot, "f-reference")
        await type_text(pilot, "TEST-2026-1")
        await pick(pilot, "f-requesting-state", "Fran")
        await tab_to(pilot, "f-requesting-authority-name")
        await type_text(pilot, "Parquet X")
        await tab_to(pilot, "f-requesting-case_officer-name")
        await type_text(pilot, "Ann Ex")

        # 2. requested State
        await pilot.press("ctrl+n")
        await pick(pilot, "f-requested-state", "Irel")
        await tab_to(pilot, "f-requested-authority-name")
        await type_text(pilot, "CA")

        # 3. legal basis: add one and choose it (nothing is chosen for the drafter)
        await pilot.press("ctrl+n")
        await tab_to(pilot, "add-legal_bases")
        await pilot.press("enter")
        await pilot.pause()
        await pick(pilot, "f-legal_bases-0-basis", "UNTOC")

        # 4. offences
        await pilot.press("ctrl+n")
        await tab_to(pilot, "add-offences")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "Fraud")
        await tab_to(pilot, "f-offences-0-provision")
        await type_text(pilot, "CC 1")
        await tab_to(pilot, "f-offences-0-max_penalty")
        await type_text(pilot, "5 years")

        # 5. facts
        await pilot.press("ctrl+n")
        for field, text in (("proceedings-conducting_authority", "PP"),
                            ("proceedings-subject", "Fraud"),
                            ("facts-summary", "A fraud."),
                            ("facts-connection", "Mail in IE."),
                            ("purpose", "To identify.")):
            await tab_to(pilot, f"f-{field}")
            await type_text(pilot, text)

        # 7. requests (persons skipped)
        await pilot.press("ctrl+n", "ctrl+n")
        await tab_to(pilot, "add-requests")
        await pilot.press("enter")
        await pilot.pause()
        await pick(pilot, "f-requests-0-kind", "Sub")
        await tab_to(pilot, "f-requests-0-addressee")
        await type_text(pilot, "CA")
        await tab_to(pilot, "f-requests-0-provider-name")
        await type_text(pilot, "ExMail")
        await tab_to(pilot, "add-requests-0-items")
        await pilot.press("enter")
        await pilot.pause()
        await tab_to(pilot, "f-requests-0-items-0-identifier-address")
        await type_text(pilot, "203.0.113.7")
        await tab_to(pilot, "f-requests-0-items-0-identifier-timestamp")
        await type_text(pilot, "2026-03-03T08:14:52")
        await tab_to(pilot, "f-requests-0-items-0-identifier-timezone")
        await type_text(pilot, "Europe/Dub")
        await pilot.press("right")  # take the completion: Europe/Dublin
        await tab_to(pilot, "f-requests-0-items-0-identifier-port")
        await type_text(pilot, "52144")
        await tab_to(pilot, "f-requests-0-items-0-categories")
        await pilot.press("space")  # the first category: type of service
        await tab_to(pilot, "f-requests-0-items-0-nexus")
        await type_text(pilot, "Sent it.")

        # 9. review and render
        await pilot.press("ctrl+r")
        await pilot.pause()
        await tab_to(pilot, "render")
        await pilot.press("enter")
        await pilot.pause()
        result = str(app.screen.query_one("#render-result").render())
        assert "Wrote" in result, (result, app.doc.errors)
        await pilot.press("ctrl+q")

    case = load_case(case_file)
    assert case.reference == "TEST-2026-1"
    assert case.requesting.state == "FR" and case.requested.state == "IE"
    assert case.legal_bases[0].basis == "untoc-18"
    assert case.offences[0].max_penalty.text == "5 years"  # typed in words: free text (a Text)
    item = case.requests[0].items[0]
    assert case.requests[0].kind == "subscriber"
    assert item.identifier.timezone == "Europe/Dublin" and item.identifier.port == 52144
    assert item.categories == ["service"]
    assert not (tmp_path / ".new-case.json.autosave").exists()

    document = docx.Document(str(case_file.with_suffix(".docx")))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "203.0.113.7" in text
    assert "Ann Ex" in text or "Example Prosecutor" in text
    json.loads(case_file.read_text())
