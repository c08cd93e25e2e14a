"""How the wizard starts: fresh copies of examples, new cases, the interface language."""

from __future__ import annotations

import asyncio
import hashlib

import pytest

from mla_writer.errors import UsageError
from mla_writer.resources import resource_dir
from mla_writer.store import load_case
from mla_writer.tui import app as wizard_app
from mla_writer.tui.app import WizardApp, copy_example, open_document
from mla_writer.tui.i18n import _, set_ui_language

from .conftest import TODAY, example_app


def test_an_example_is_copied_fresh_and_the_bundled_file_is_never_touched(tmp_path):
    bundled = resource_dir("examples") / "bec-preservation.json"
    before = hashlib.sha256(bundled.read_bytes()).hexdigest()
    first = copy_example("bec-preservation", tmp_path)
    second = copy_example("bec-preservation", tmp_path)
    assert first.name == "bec-preservation.json" and second.name == "bec-preservation-2.json"
    assert oct(first.stat().st_mode & 0o777) == "0o600"
    assert load_case(second).reference == load_case(bundled).reference
    assert hashlib.sha256(bundled.read_bytes()).hexdigest() == before


def test_an_unknown_example_names_the_ones_there_are(tmp_path):
    with pytest.raises(UsageError, match="bec-preservation"):
        copy_example("no-such-example", tmp_path)


def test_the_wizard_opens_an_example_in_the_data_folder_and_leaves_the_working_folder_alone(
        tmp_path, monkeypatch):
    work, data = tmp_path / "checkout", tmp_path / "data"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    opened = []
    monkeypatch.setattr(WizardApp, "run", lambda self: opened.append(self.doc.path) or 0)
    assert wizard_app.run_wizard(example="bec-preservation") == 0
    assert opened == [data / "mla-writer" / "cases" / "bec-preservation.json"]
    assert opened[0].is_file()
    assert list(work.iterdir()) == []


def test_run_wizard_reports_a_missing_folder_without_starting(tmp_path, capsys):
    assert wizard_app.run_wizard(tmp_path / "nowhere" / "case.json") == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_case_path_that_does_not_exist_yet_becomes_a_new_case(tmp_path):
    doc = open_document(tmp_path / "fresh.json", today=TODAY)
    assert (tmp_path / "fresh.json").exists() and doc.valid


def test_new_case_dialog_refuses_an_existing_file(tmp_path):
    taken = tmp_path / "taken.json"
    taken.write_text("{}")

    async def run():
        app = WizardApp(None, new_case_path=taken, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            problem = str(app.screen.query_one("#path-problem").render())
            assert "already exists" in problem
            await pilot.press("escape")  # quit without creating anything
        assert app.doc is None

    asyncio.run(run())


def test_the_interface_language_is_applied(tmp_path):
    set_ui_language("fr")
    translated = _("Back")
    set_ui_language("en")
    assert _("Back") == "Back"
    fr_catalog = resource_dir("locales") / "fr" / "LC_MESSAGES" / "mla_writer.po"
    if fr_catalog.exists() and 'msgid "Back"' in fr_catalog.read_text(encoding="utf-8"):
        assert translated != "Back"


def test_a_case_without_pending_work_opens_straight_on_the_wizard_and_early_keys_count(tmp_path):
    from mla_writer.tui.screens.wizard import WizardScreen
    from mla_writer.tui.widgets.step_list import StepList

    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            # the wizard is the first screen (no blank screen under it)...
            assert [type(s) for s in app.screen_stack] == [WizardScreen]
            # ...and Ctrl+L pressed before its first step is built keeps the focus on the steps
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert isinstance(app.focused, StepList)
            assert app.screen.query(".page")  # the first step was built all the same

    asyncio.run(run())


def _start_with(app: WizardApp, pilot, path, button: str):
    """Type `path` into the first dialog and press `button` ("#ok", "#open", "#draft")."""
    field = app.screen.query_one("#path")
    field.value = str(path)
    app.screen.query_one(button).press()


def test_the_first_dialog_opens_a_word_draft_into_a_new_case_beside_it(tmp_path):
    """Issue 14: "Open a draft (.docx)" beside opening a case file, in the wizard itself."""
    from mla_writer import examples
    from mla_writer.render import render_bytes

    case = examples.load_example("bec-preservation")
    draft = tmp_path / "from-the-authority.docx"
    draft.write_bytes(render_bytes(case, languages=case.languages, today=TODAY))
    before = draft.read_bytes()

    async def run():
        app = WizardApp(None, new_case_path=tmp_path / "new-case.json", today=TODAY)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            _start_with(app, pilot, tmp_path / "case.json", "#draft")  # not a .docx: said, nothing opened
            await pilot.pause()
            assert "ends in .docx" in str(app.screen.query_one("#path-problem").render())
            _start_with(app, pilot, draft, "#draft")
            for _ in range(3):
                await pilot.pause()
            assert type(app.screen).__name__ == "WizardScreen"
            assert app.doc is not None and app.doc.path == tmp_path / "from-the-authority.json"
        assert load_case(tmp_path / "from-the-authority.json") == case
        assert draft.read_bytes() == before  # the draft is only read

    asyncio.run(run())


def test_the_first_dialog_opens_a_case_file_and_says_why_when_it_cannot(tmp_path):
    copy = copy_example("bec-preservation", tmp_path)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")

    async def run():
        app = WizardApp(None, new_case_path=tmp_path / "new-case.json", today=TODAY)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for path, said in ((tmp_path / "missing.json", "There is no case file"),
                               (tmp_path / "x.docx", "open it with 'Open draft (.docx)'"),
                               (broken, "broken.json")):
                _start_with(app, pilot, path, "#open")
                await pilot.pause()
                assert said in str(app.screen.query_one("#path-problem").render())
                assert app.doc is None
            _start_with(app, pilot, copy, "#open")
            for _ in range(3):
                await pilot.pause()
            assert type(app.screen).__name__ == "WizardScreen"
            assert app.doc is not None and app.doc.path == copy.resolve()
            assert app.doc.data["reference"] == load_case(copy).reference

    asyncio.run(run())


@pytest.mark.parametrize("language", ["en", "es", "fr", "ru", "zh", "ar"])
def test_the_first_dialog_shows_its_four_answers_whole_on_an_80_column_screen(tmp_path, language):
    set_ui_language(language)
    try:
        async def run():
            app = WizardApp(None, new_case_path=tmp_path / "new-case.json", today=TODAY)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                row = app.screen.query_one(".start-buttons")
                buttons = list(row.query("Button"))
                assert len(buttons) == 4
                for button in buttons:
                    assert button.region.width >= len(str(button.label)), button.label
                    assert button.region.right <= row.content_region.right, (language, str(button.label))

        asyncio.run(run())
    finally:
        set_ui_language("en")
