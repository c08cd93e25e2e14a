"""Autosave and restore, validation as you type, jumping from a finding to its field."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys

from mla_writer.store import autosave_path, load_case, save_case
from mla_writer.tui.app import WizardApp, copy_example
from mla_writer.tui.document import CaseDocument
from mla_writer.tui.screens.dialogs import ConfirmDialog
from mla_writer.tui.screens.wizard import WizardScreen
from mla_writer.tui.widgets.step_list import StepList

from .conftest import TODAY, example_app, go_to_step, problem_below, tab_to, type_text


def _open(path):
    return WizardApp(CaseDocument.open(path, today=TODAY), today=TODAY, autosave_delay=0, check_delay=0)


def test_typed_text_survives_an_abrupt_exit_and_is_offered_back(tmp_path):
    case_file = copy_example("bec-preservation", tmp_path)

    async def type_then_crash():
        app = _open(case_file)
        async with app.run_test(size=(100, 30)) as pilot:
            await tab_to(pilot, "f-title")
            await pilot.press("end")
            await type_text(pilot, " (draft 2)")
            # The autosave is already on disk while the app still runs: a crash now loses nothing.
            auto = autosave_path(case_file)
            assert auto.exists() and oct(auto.stat().st_mode & 0o777) == "0o600"
            assert json.loads(auto.read_text())["title"].endswith("(draft 2)")
            app.exit_message = "killed"
            app._exit_renderables.clear()
            app.exit(1)  # leave without the quit action's save, as a crash would

    async def reopen(answer: str):
        app = _open(case_file)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press(answer)
            await pilot.pause()
            assert isinstance(app.screen, WizardScreen)
            return app.doc.data["title"]

    asyncio.run(type_then_crash())
    assert not load_case(case_file).title.endswith("(draft 2)")
    assert asyncio.run(reopen("enter")).endswith("(draft 2)")  # Restore is the first button
    assert autosave_path(case_file).exists()
    assert asyncio.run(reopen("escape")).endswith("SA")  # Discard
    assert not autosave_path(case_file).exists()


def test_quit_saves_a_valid_case_and_keeps_an_invalid_one_in_the_autosave(tmp_path):
    case_file = copy_example("bec-preservation", tmp_path)

    async def edit(field: str, text: str) -> WizardApp:
        app = _open(case_file)
        async with app.run_test(size=(100, 30)) as pilot:
            await tab_to(pilot, field)
            await pilot.press("ctrl+u")
            await type_text(pilot, text)
            await pilot.press("ctrl+q")
        return app

    app = asyncio.run(edit("f-reference", "NEW-REF"))
    assert load_case(case_file).reference == "NEW-REF"
    assert "Saved" in app.exit_message
    app = asyncio.run(edit("f-date", "2026-13-01"))
    assert load_case(case_file).date.isoformat() == "2026-03-20"
    assert json.loads(autosave_path(case_file).read_text())["date"] == "2026-13-01"
    assert "offered" in app.exit_message


def test_a_wrong_value_shows_the_models_message_as_you_type(tmp_path):
    case_file = copy_example("bec-preservation", tmp_path)

    async def run():
        app = _open(case_file)
        async with app.run_test(size=(100, 30)) as pilot:
            await go_to_step(pilot, 7)  # requests
            screen = app.screen
            await tab_to(pilot, "add-requests-0-items")
            await pilot.press("enter")
            await pilot.pause()
            await tab_to(pilot, "f-requests-0-items-2-identifier-address")
            await type_text(pilot, "203.0.113.300")
            await pilot.pause()
            editor = screen.query_one("#f-requests-0-items-2-identifier-address")
            label = screen.registry.row_for(editor).label
            assert "not an IPv4 or IPv6 address" in problem_below(editor)
            assert "-invalid" in label.classes  # shown in the error colour
            steps = screen.query_one(StepList)
            assert steps.line("requests").startswith("✗ Requests & data")
            assert steps.line_style("requests") == "$error bold"  # the step on screen
            await pilot.press("backspace", "backspace", "backspace", "1")
            await pilot.pause()
            assert "-invalid" not in label.classes and problem_below(editor) == ""
            assert not steps.line("requests").startswith("✗")
            assert "$error" not in steps.line_style("requests")

    asyncio.run(run())


def test_selecting_a_finding_jumps_to_its_field(tmp_path):
    case_file = copy_example("bec-preservation", tmp_path)
    case = load_case(case_file)
    case.requests[0].items[1].identifier.timezone = None
    case.requests[0].items[1].identifier.timestamp = None
    save_case(case, case_file)
    os.utime(case_file)

    async def run():
        app = _open(case_file)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+r")
            await app.workers.wait_for_complete()  # the whole-case checks run in a worker
            await pilot.pause()
            await tab_to(pilot, "findings")
            await pilot.press("enter")  # the highlight starts on the first error, under its heading
            await pilot.pause()
            focused = app.focused
            assert focused is not None and focused.id == "f-requests-0-items-1-identifier-timestamp"
            assert app.screen.step_id == "requests"
            assert "exact date and time" in problem_below(focused)

    asyncio.run(run())


def test_long_text_loads_from_a_utf8_file(tmp_path):
    case_file = copy_example("bec-preservation", tmp_path)
    source = tmp_path / "facts.txt"
    source.write_text("Les faits : 3 mars 2026, 08:14 — «courriel frauduleux».\n", encoding="utf-8")

    async def run():
        app = _open(case_file)
        async with app.run_test(size=(100, 30)) as pilot:
            await go_to_step(pilot, 5)  # facts
            await tab_to(pilot, "f-facts-summary")
            await pilot.press("ctrl+o")
            await pilot.pause()
            await pilot.press("ctrl+u")
            await type_text(pilot, str(source))
            await pilot.press("enter")
            await pilot.pause()
            assert app.doc.data["facts"]["summary"]["text"].startswith("Les faits")

    asyncio.run(run())


def test_version_check_and_render_do_not_import_textual(tmp_path):
    code = (
        "import sys\n"
        "from mla_writer import cli\n"
        "try:\n"
        "    cli.main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "cli.main(['check', sys.argv[1], '--today', '2026-03-20'])\n"
        "cli.main(['render', sys.argv[1], '-o', sys.argv[2], '--today', '2026-03-20'])\n"
        "assert 'textual' not in sys.modules, 'the command line imported textual'\n"
    )
    example = copy_example("bec-preservation", tmp_path)
    out = tmp_path / "out.docx"
    done = subprocess.run([sys.executable, "-c", code, str(example), str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.exists()


def test_every_field_has_help_beside_it():
    from mla_writer.tui.help import HELP, generic_key
    from mla_writer.tui.steps import STEPS, walk

    keys: set[str] = set()
    for step in STEPS:
        for _spec, path in walk(step.parts, _full_case()):
            keys.add(generic_key(path))
    assert keys and not sorted(k for k in keys if k not in HELP)


def _full_case() -> dict:
    """A case with one entry in every list and every kind of request and identifier."""
    from mla_writer.tui.steps import NEW_IDENTIFIER, new_request

    requests = [new_request(kind) | {"id": f"R{i}"} for i, kind in enumerate(
        ("preservation", "subscriber", "traffic", "content", "emergency"))]
    requests[0]["items"] = [{"identifier": {"type": t, **v}, "categories": []} for t, v in NEW_IDENTIFIER.items()]
    requests[0]["preservation_refs"] = [{"reference": "x"}]
    requests[0]["extensions"] = [{}]
    requests[0]["history"] = [{}]
    requests[0]["channel"] = "24_7"
    return {"legal_bases": [{}], "authorisations": [{}], "annexes": [{}], "offences": [{}], "persons": [{}],
            "requests": requests}


def test_an_entry_is_removed_only_after_confirming(tmp_path):
    case_file = copy_example("bec-preservation", tmp_path)

    async def run():
        app = _open(case_file)
        async with app.run_test(size=(100, 30)) as pilot:
            await go_to_step(pilot, 4)  # offences
            await tab_to(pilot, "rm-offences")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("escape")  # keep it
            await pilot.pause()
            assert len(app.doc.data["offences"]) == 2
            await tab_to(pilot, "rm-offences")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter")  # remove
            await pilot.pause()
            assert [o["name"]["text"] for o in app.doc.data["offences"]] == ["Money laundering"]
            assert "(1)" in str(app.screen.query_one("#s-offences .list-title").render())

    asyncio.run(run())


def test_a_vanished_folder_is_reported_and_quitting_waits(tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    case_file = copy_example("bec-preservation", folder)

    async def run():
        app = _open(case_file)
        async with app.run_test(size=(100, 30)) as pilot:
            await tab_to(pilot, "f-title")
            for child in folder.iterdir():
                child.unlink()
            folder.rmdir()  # the folder disappears under the running wizard
            await type_text(pilot, "x")  # the autosave fails: reported, no crash
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert app.is_running  # staying open keeps what was typed
            assert app.doc.data["title"].endswith("x")
            await pilot.press("ctrl+q")  # the second time quits
        return app

    app = asyncio.run(run())
    assert not app.is_running


def test_pending_autosave_is_written_when_the_app_ends_any_way(tmp_path):
    case_file = copy_example("bec-preservation", tmp_path)

    async def run():
        app = WizardApp(CaseDocument.open(case_file, today=TODAY), today=TODAY, autosave_delay=60)
        async with app.run_test(size=(100, 30)) as pilot:
            await tab_to(pilot, "f-title")
            await type_text(pilot, "!")
            assert not autosave_path(case_file).exists()  # the timer has not fired yet
            app.exit(1)  # not the quit action: as when the terminal goes away

    asyncio.run(run())
    assert json.loads(autosave_path(case_file).read_text())["title"].endswith("!")


def test_the_collector_paused_for_start_up_runs_again_once_the_first_step_is_shown(tmp_path):
    """`mla-writer wizard` pauses Python's cyclic collector while it loads; the wizard must turn
    it back on, or a long session would never free a reference cycle."""
    import gc

    path = copy_example("bec-preservation", tmp_path)

    async def run() -> bool:
        app = _open(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, WizardScreen)
            return gc.isenabled()

    gc.disable()
    try:
        assert asyncio.run(run()) is True
    finally:
        gc.enable()


def test_the_step_list_marks_where_you_are_and_a_click_takes_you_elsewhere(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            steps = screen.query_one(StepList)
            assert steps.line("case") == "✓ Case & authorities"
            assert steps.line_style("case") == "bold"
            assert steps.line("review") == "✓ Review & render"  # the example has no findings left
            await go_to_step(pilot, 5)
            assert screen.step_id == "facts"
            assert steps.line_style("facts") == "bold" and steps.line_style("case") == ""
            await pilot.click(StepList, offset=(4, 2))  # the third line
            await pilot.pause()
            assert screen.step_id == "legal"
            assert steps.line_style("legal").endswith("bold") and steps.line_style("facts") == ""

    asyncio.run(run())


def test_a_checks_finding_shows_below_its_checkbox_as_a_finding_and_goes_once_fixed(tmp_path):
    async def run():
        app = example_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            box_id = "f-requesting-case_officer-available_24_7"
            await tab_to(pilot, box_id)
            await pilot.press("space")  # untick "Reachable 24/7": the checks want a 24/7 contact
            await pilot.pause()
            box = screen.query_one(f"#{box_id}")
            assert screen.registry.row_for(box).label is None  # a checkbox carries its own label
            said = problem_below(box)
            assert said.startswith("! ")
            assert any(f.code == "NO-24-7-CONTACT" and f.message in said for f in app.doc.findings)
            assert "-finding" in screen.registry.row_for(box).problem.classes  # the warning colour, not the error one
            await pilot.press("space")
            await pilot.pause()
            assert problem_below(box) == ""

    asyncio.run(run())
