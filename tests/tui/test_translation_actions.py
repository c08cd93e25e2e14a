"""The review step's translation round trip (texts awaiting a translation per language, export to
XLIFF, import of a translated file) and translation rows filled from the translation memory."""

from __future__ import annotations

import asyncio
import copy

from lxml import etree

from mla_writer.store import load_case, save_case
from mla_writer.translation.memory import Memory, save_memory
from mla_writer.translation.xliff import NS, read_xliff
from mla_writer.tui.app import copy_example

from .conftest import type_text

SUMMARY_FR = "Résumé des faits traduit par le traducteur juré."


def _without_french_summary(tmp_path):
    """The example with its summary of the facts lacking its French translation."""
    case_file = copy_example("bec-preservation", tmp_path)
    case = load_case(case_file)
    case.facts.summary.translations.pop("fr", None)
    save_case(case, case_file)
    return case_file, case.facts.summary.text


def test_the_review_counts_exports_and_imports_translations(tmp_path):
    case_file, _summary = _without_french_summary(tmp_path)
    from mla_writer.tui.app import WizardApp
    from mla_writer.tui.document import CaseDocument

    from .conftest import TODAY

    async def run():
        app = WizardApp(CaseDocument.open(case_file, today=TODAY), today=TODAY, autosave_delay=0, check_delay=0)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("ctrl+r")
            await pilot.pause()
            screen = app.screen
            assert str(screen.query_one("#pending-translation").render()) == "French: 1 text(s) awaiting a translation"
            screen.focus_on(screen.query_one("#export-fr"))
            await pilot.press("enter")
            await pilot.pause()
            exported = case_file.with_name("bec-preservation.fr.xlf")
            assert exported.is_file()
            doc = read_xliff(exported.read_bytes(), exported)
            assert [u.id for u in doc.units] == ["facts.summary"]
            # the translator's work: a target for the unit, keeping its tags (addresses, dates)
            root = etree.fromstring(exported.read_bytes())
            unit = root.find(f".//{{{NS}}}trans-unit")
            target = copy.deepcopy(unit.find(f"{{{NS}}}source"))
            target.tag, target.text = f"{{{NS}}}target", SUMMARY_FR + " "
            target.set("state", "translated")
            for old in unit.findall(f"{{{NS}}}target"):
                unit.remove(old)
            unit.insert(1, target)
            back = case_file.with_name("returned.fr.xlf")
            back.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
            screen.focus_on(screen.query_one("#import-translation"))
            await pilot.press("enter")
            await pilot.pause()
            field = app.screen.query_one("#path")
            field.value = ""
            await type_text(pilot, str(back))
            await pilot.press("enter")
            for _ in range(20):
                await pilot.pause()
                if app.doc.get(("facts", "summary", "translations", "fr")):
                    break
            assert app.doc.get(("facts", "summary", "translations", "fr")).startswith(SUMMARY_FR)
            assert str(app.screen.query_one("#pending-translation").render()) == \
                "French: 0 text(s) awaiting a translation"

    asyncio.run(run())


def test_a_translation_row_is_filled_from_memory_and_says_so(tmp_path):
    case_file, summary = _without_french_summary(tmp_path)
    memory = Memory()
    memory.add(summary, "en", SUMMARY_FR, "fr")
    save_memory(memory)
    from mla_writer.tui.app import WizardApp
    from mla_writer.tui.document import CaseDocument

    from .conftest import TODAY, go_to_step

    async def run():
        app = WizardApp(CaseDocument.open(case_file, today=TODAY), today=TODAY, autosave_delay=0, check_delay=0)
        async with app.run_test(size=(100, 40)) as pilot:
            await go_to_step(pilot, 5)  # facts
            for _ in range(20):
                row = app.screen.registry.row_at(("facts", "summary", "translations", "fr"))
                if row is not None and app.doc.get(("facts", "summary", "translations", "fr")):
                    break
                await pilot.pause()
            assert "(from memory: check it)" in str(row.label.render())
            assert row.editor.text == SUMMARY_FR
            assert app.doc.get(("facts", "summary", "translations", "fr")) == SUMMARY_FR

    asyncio.run(run())


def test_a_new_case_starts_from_the_profile_picked(tmp_path):
    from mla_writer.profiles import save_profile
    from mla_writer.tui.app import WizardApp

    from .conftest import TODAY

    example = load_case(copy_example("bec-preservation", tmp_path))
    save_profile(example, "lyon-prosecutor")
    new_file = tmp_path / "next-case.json"

    async def run():
        app = WizardApp(None, new_case_path=new_file, today=TODAY, autosave_delay=0, check_delay=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter")  # the file name offered
            await pilot.pause()
            await pilot.press("down", "enter")  # past "No profile", the profile
            for _ in range(20):
                await pilot.pause()
                if app.doc is not None and app.screen.pages:
                    break
            assert app.doc.path == new_file
            assert app.doc.get(("requesting", "authority", "name")) == example.requesting.authority.name.model_dump()
            assert app.doc.get(("signature", "name")) == example.signature.name

    asyncio.run(run())
    assert load_case(new_file).requesting.authority.name == example.requesting.authority.name
