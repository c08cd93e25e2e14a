"""Translation rows: typing a translation never crashes, and a change of language keeps every word.

The first four tests are the four crash paths a new user met: a translation typed under free
text that was still a plain string (a new offence's name, an identifier's link to the offence),
and the same translation reached from the review step's finding.
"""

from __future__ import annotations

import asyncio

from mla_writer.store import load_case
from mla_writer.tui.document import CaseDocument

from .conftest import TODAY, example_app, go_to_step, tab_to, type_text


def test_typing_the_translation_of_a_new_offence_name(tmp_path):
    async def run():
        app = example_app(tmp_path)  # written in English, documents in English and French
        async with app.run_test(size=(100, 30)) as pilot:
            await go_to_step(pilot, 4)
            await tab_to(pilot, "add-offences")
            await pilot.press("enter")
            await pilot.pause()
            await type_text(pilot, "Fraud")
            await tab_to(pilot, "f-offences-2-name-translations-fr")
            await type_text(pilot, "Escroquerie")
            await pilot.pause()
            assert app.is_running
            await pilot.press("ctrl+q")
        return app

    app = asyncio.run(run())
    name = app.doc.data["offences"][2]["name"]
    assert name == {"text": "Fraud", "translations": {"fr": "Escroquerie"}}


def test_typing_the_translation_of_a_new_identifiers_link_to_the_offence(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await go_to_step(pilot, 7)
            await tab_to(pilot, "add-requests-0-items")
            await pilot.press("enter")
            await pilot.pause()
            await tab_to(pilot, "f-requests-0-items-2-nexus")
            await type_text(pilot, "Used it")
            await tab_to(pilot, "f-requests-0-items-2-nexus-translations-fr")
            await type_text(pilot, "Utilise")
            await pilot.pause()
            assert app.is_running
        return app

    app = asyncio.run(run())
    assert app.doc.data["requests"][0]["items"][2]["nexus"] == {"text": "Used it", "translations": {"fr": "Utilise"}}


def test_the_translation_asked_for_by_a_finding_is_typed_where_the_jump_lands(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await go_to_step(pilot, 4)
            await tab_to(pilot, "add-offences")
            await pilot.press("enter")
            await pilot.pause()
            await type_text(pilot, "Fraud")
            await pilot.press("ctrl+r")
            await pilot.pause()
            screen = app.screen
            review = screen.query_one("#findings")
            wanted = next(i for i, (_s, p, _m) in enumerate(screen.query_one("#review").items)
                          if p == "offences[2].name.translations.fr")
            review.focus()
            review.highlighted = next(i for i in range(review.option_count)
                                      if review.get_option_at_index(i).id == f"p{wanted}")
            await pilot.press("enter")
            await pilot.pause()
            assert app.focused is not None and app.focused.id == "f-offences-2-name-translations-fr"
            await type_text(pilot, "Escroquerie")
            await pilot.pause()
            assert app.is_running
        return app

    app = asyncio.run(run())
    assert app.doc.data["offences"][2]["name"]["translations"] == {"fr": "Escroquerie"}


def test_a_plain_string_in_a_case_file_takes_a_translation(tmp_path):
    """A hand-written case file may hold free text as a plain string (the model accepts it)."""
    import json

    from mla_writer.tui.app import copy_example

    case_file = copy_example("grooming-child-exploitation", tmp_path)  # offences[0].name is a string
    data = json.loads(case_file.read_text())
    data["languages"] = ["en", "fr"]
    data["offences"][0]["name"] = "Grooming"
    data["date"] = "2026-13-01"  # invalid: opened as it is, strings and all
    case_file.write_text(json.dumps(data))

    async def run():
        from mla_writer.tui.app import WizardApp

        app = WizardApp(CaseDocument.open(case_file, today=TODAY), today=TODAY, autosave_delay=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await go_to_step(pilot, 4)
            await tab_to(pilot, "f-offences-0-name-translations-fr")
            await type_text(pilot, "Pedopiegeage")
            await pilot.pause()
            assert app.is_running
        return app

    app = asyncio.run(run())
    assert app.doc.data["offences"][0]["name"] == {"text": "Grooming", "translations": {"fr": "Pedopiegeage"}}


def test_a_saved_translation_reaches_the_case_file(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await go_to_step(pilot, 4)
            await tab_to(pilot, "add-offences")
            await pilot.press("enter")
            await pilot.pause()
            await type_text(pilot, "Fraud")
            for field, text in (("provision", "CC 1"), ("max_penalty", "5 years"),
                                ("name-translations-fr", "Escroquerie")):
                await tab_to(pilot, f"f-offences-2-{field}")
                await type_text(pilot, text)
            await pilot.press("ctrl+q")
        return app

    app = asyncio.run(run())
    case = load_case(app.doc.path)
    assert case.offences[2].name.translations == {"fr": "Escroquerie"}


def _label_above(screen, widget_id: str) -> str:
    row = screen.registry.row_for(screen.query_one(f"#{widget_id}"))
    return str(row.label.render())


def test_a_new_drafting_language_relabels_the_rows_and_keeps_every_word(tmp_path):
    from .conftest import pick

    async def run():
        app = example_app(tmp_path)  # written in English, documents in English and French
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            await tab_to(pilot, "f-requesting-authority-competence-translations-fr")
            assert _label_above(screen, "f-requesting-authority-competence-translations-fr").endswith("in French")
            await pilot.press("ctrl+u")
            await type_text(pilot, "Code de procedure penale")
            await pick(pilot, "f-drafting_language", "Fren")
            await pilot.pause()
            assert app.doc.data["drafting_language"] == "fr"
            assert not screen.query("#f-requesting-authority-competence-translations-fr")
            assert _label_above(screen, "f-requesting-authority-competence-translations-en").endswith("in English")
            assert app.focused is not None and app.focused.id == "f-drafting_language"
            competence = app.doc.data["requesting"]["authority"]["competence"]
            assert competence["text"] == "Code de procedure penale"
            assert competence["translations"]["en"].startswith("Articles 41 and 706-72")
            await pilot.press("ctrl+q")
        return app

    app = asyncio.run(run())
    competence = load_case(app.doc.path).requesting.authority.competence
    assert competence.in_language("fr", "fr") == "Code de procedure penale"
    assert competence.in_language("en", "fr").startswith("Articles 41 and 706-72")


def test_a_new_document_language_relabels_the_rows_and_keeps_the_old_translation(tmp_path):
    from .conftest import pick

    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            before = app.doc.data["requesting"]["authority"]["competence"]["translations"]["fr"]
            await pick(pilot, "f-languages-1", "Span")
            await pilot.pause()
            assert app.doc.data["languages"] == ["en", "es"]
            assert _label_above(screen, "f-requesting-authority-competence-translations-es").endswith("in Spanish")
            assert app.doc.data["requesting"]["authority"]["competence"]["translations"]["fr"] == before
            await pick(pilot, "f-languages-1", "Fren")
            await pilot.pause()
            shown = screen.query_one("#f-requesting-authority-competence-translations-fr").value
            assert shown == before  # back, word for word

    asyncio.run(run())
