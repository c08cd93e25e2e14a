"""The wizard shows findings in the interface language: on the review step and below each field."""

from __future__ import annotations

import asyncio

from mla_writer.tui.i18n import set_ui_language
from mla_writer.tui.screens.review import problems

from .conftest import example_app, problem_below, tab_to


def test_review_lists_findings_in_the_interface_language(tmp_path):
    set_ui_language("fr")
    doc = example_app(tmp_path, "flawed-wrong-provider-and-treaty").doc
    said: dict[str, list[str]] = {}
    for _severity, path, message in problems(doc):
        said.setdefault(path, []).append(message)
    assert said, "the example has findings to list"
    for f in doc.findings:
        assert any(m.startswith(f.message_in("fr")) for m in said[f.path]) and f.message_in("fr") != f.message
    assert any("Irlande" in m and "Ireland" not in m for messages in said.values() for m in messages)


def test_a_field_shows_its_finding_in_the_interface_language(tmp_path):
    set_ui_language("es")

    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            box_id = "f-requesting-case_officer-available_24_7"
            await tab_to(pilot, box_id)
            await pilot.press("space")  # untick "Reachable 24/7": the checks want a 24/7 contact
            await pilot.pause()
            said = problem_below(app.screen.query_one(f"#{box_id}"))
            [finding] = [f for f in app.doc.findings if f.code == "NO-24-7-CONTACT"]
            assert finding.message_in("es") in said
            assert "las 24 horas del día" in said and "reach 24 hours" not in said

    asyncio.run(run())
