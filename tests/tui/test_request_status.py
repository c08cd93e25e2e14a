"""A request's status and history in the wizard: typed in, checked as of the case's date (a
training case's own, or --today), and the extension request of a preservation written from it."""

from __future__ import annotations

import asyncio
import datetime as dt

from mla_writer.tui.app import WizardApp, copy_example
from mla_writer.tui.document import CaseDocument
from mla_writer.tui.screens.review import ReviewPanel, problems
from mla_writer.tui.steps import place_of

from .conftest import go_to_step, problem_below, type_text

YEARS_AHEAD = dt.date(2031, 6, 1)  # a clock far past every example's own date


def _open(path, today=YEARS_AHEAD, option=None) -> WizardApp:
    return WizardApp(CaseDocument.open(path, today=today, option=option), today=today, autosave_delay=0, check_delay=0)


async def _type_into(pilot, app: WizardApp, path: tuple, text: str) -> None:
    """Go to a field (opening the fold it is in, as Enter on its title would) and type."""
    screen = app.screen
    editor = screen.registry.row_at(path).editor
    screen.focus_on(editor)
    await pilot.pause()
    await pilot.press("ctrl+a" if hasattr(editor, "value") else "home")
    await pilot.press(*["delete"] * len(getattr(editor, "value", "")))
    await type_text(pilot, text)
    await pilot.pause()


async def _requests_step(pilot, app: WizardApp) -> None:
    await go_to_step(pilot, 7)
    for _ in range(50):  # the page is built in the background of the key press
        if app.screen.registry.section_at(("requests",)) is not None:
            return
        await pilot.pause()
    raise AssertionError("the requests step never showed")


def test_every_request_shows_its_status_and_reference(tmp_path):
    case_file = copy_example("crypto-investment-fraud", tmp_path)

    async def run():
        app = _open(case_file)
        async with app.run_test(size=(100, 30)) as pilot:
            await _requests_step(pilot, app)
            screen = app.screen
            section = screen.registry.section_at(("requests",))
            prompts = [str(section.options.get_option_at_index(i).prompt) for i in range(3)]
            assert prompts[0].endswith("· formal request filed") and prompts[1].endswith("· draft"), prompts
            assert screen.registry.row_at(("requests", 0, "reference")) is not None
            # a subscriber request too: its reference and its history, not the preservation's dates
            screen.focus_on(section.options)
            await pilot.press("down")
            await pilot.pause()
            assert screen.registry.row_at(("requests", 1, "reference")) is not None
            assert screen.registry.section_at(("requests", 1, "history")) is not None
            assert screen.registry.row_at(("requests", 1, "confirmed_on")) is None
            assert screen.registry.section_at(("requests", 1, "extensions")) is None

    asyncio.run(run())


def test_a_future_date_and_an_impossible_order_are_refused_on_their_field(tmp_path):
    case_file = copy_example("crypto-investment-fraud", tmp_path)  # a training case set on 2026-07-07

    async def run():
        app = _open(case_file)
        async with app.run_test(size=(100, 30)) as pilot:
            await _requests_step(pilot, app)
            screen = app.screen
            # R1 was sent on 2026-06-12; typed as sent after the case's own date, whatever the clock
            await _type_into(pilot, app, ("requests", 0, "sent_on"), "2026-08-01")
            editor = screen.registry.row_at(("requests", 0, "sent_on")).editor
            assert "“sent” is dated 1 August 2026, after 7 July 2026, the date the case is evaluated as of" in problem_below(editor).replace("\n", " ")
            await _type_into(pilot, app, ("requests", 0, "sent_on"), "2026-06-12")
            assert problem_below(editor) == ""
            # a new history entry: executed, which a preservation never is, before it was sent
            history = screen.registry.section_at(("requests", 0, "history"))
            screen.focus_on(history.add_button)
            await pilot.press("enter")
            await pilot.pause()
            assert app.doc.get(("requests", 0, "history")) == [{"event": "acknowledged", "on": None}]
            await _type_into(pilot, app, ("requests", 0, "history", 0, "on"), "2026-06-01")
            on = screen.registry.row_at(("requests", 0, "history", 0, "on")).editor
            assert "before it was sent" in problem_below(on).replace("\n", " ")
            # the review names the field in words
            findings = [m for _sev, p, m in problems(app.doc) if p == "requests[0].history[0].on"]
            assert findings and "[STATUS-SEQUENCE]" in findings[0]
            assert place_of("requests[0].history[0].on") == "Requests & data › 1 › 1 › On (YYYY-MM-DD)"
            await _type_into(pilot, app, ("requests", 0, "history", 0, "on"), "2026-06-15")
            assert problem_below(on) == ""
            assert app.doc.case is not None
            assert app.doc.case.requests[0].history[0].on == dt.date(2026, 6, 15)

    asyncio.run(run())


def test_a_training_case_is_checked_as_of_its_own_date_and_says_so(tmp_path):
    case_file = copy_example("flawed-preservation-lapsing", tmp_path)  # lapses 2026-11-19, set on 2026-11-05

    async def run():
        app = _open(case_file)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            codes = {f.code for f in app.doc.findings}
            assert "PRES-EXPIRING" in codes and "PRES-EXPIRED" not in codes  # its answer key, years later
            assert "Training case: checked as of 2026-11-05" in str(app.screen.query_one("#as-of").render())
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert str(app.screen.query_one("#as-of").render()) == "Training case: checked as of 2026-11-05"

    asyncio.run(run())


def test_the_today_option_overrides_a_training_date_and_says_so(tmp_path):
    case_file = copy_example("flawed-preservation-lapsing", tmp_path)

    async def run():
        app = _open(case_file, option=dt.date(2026, 12, 1))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert "PRES-EXPIRED" in {f.code for f in app.doc.findings}
            assert ("Checked as of 2026-12-01 (--today; the training case's own date is 2026-11-05)"
                    in str(app.screen.query_one("#as-of").render()))

    asyncio.run(run())


def test_wizard_and_serve_take_the_today_option():
    from mla_writer.cli import _parser
    from mla_writer.tui.serve import wizard_command

    for command in ("wizard", "serve"):
        args = _parser(command).parse_args([command, "case.json", "--today", "2026-11-05"])
        assert args.today == dt.date(2026, 11, 5)
    assert "--today 2026-11-05" in wizard_command(None, "en", dt.date(2026, 11, 5))


def test_the_extension_request_is_what_render_extension_writes(tmp_path):
    case_file = copy_example("flawed-preservation-lapsing", tmp_path)

    async def run():
        app = _open(case_file)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+r")
            await pilot.pause()
            panel = app.screen.query_one(ReviewPanel)
            button = panel.query_one("#extend-0")
            assert "R1" in str(button.label) and "2026-11-19" in str(button.label)
            app.screen.focus_on(button)
            await pilot.press("enter")
            await pilot.pause()
            assert "Wrote" in str(panel.query_one("#render-result").render())

    asyncio.run(run())
    written = tmp_path / "flawed-preservation-lapsing-R1-extension.docx"
    from mla_writer.cli import main

    expected = tmp_path / "cli.docx"
    languages = ",".join(CaseDocument.open(case_file).case.languages)
    assert main(["render", str(case_file), "--extension", "R1", "-o", str(expected), "--languages", languages]) == 0
    assert written.read_bytes() == expected.read_bytes()
