"""Every field the wizard can show, typed into and cleared, for every example and an empty case.

Each step is visited; every list gets a new entry (so a list's fields show even where the example
has none, nested lists included) and every row the page then shows, translation rows included,
is edited as a user would: a character typed and taken back, a box ticked and unticked, a picker
moved to another option and back. After each edit the saved case holds what the editor shows, no
exception ended the wizard, and the only new problem is one about the field itself.

Examples are written in all six drafting languages; the empty case runs in two. One app per
case, edits made through the widgets' own key handling (the same code a key press runs).
"""

from __future__ import annotations

import asyncio
import json

import pytest
from textual.widgets import Checkbox, Input, Select

from mla_writer.resources import resource_dir
from mla_writer.tui.app import WizardApp
from mla_writer.tui.document import CaseDocument, path_text
from mla_writer.tui.screens.wizard import LANGUAGE_KEYS
from mla_writer.tui.steps import STEP_IDS
from mla_writer.tui.widgets.fields import FieldRow

from .conftest import TODAY, example_app

EXAMPLES = sorted(p.stem for p in resource_dir("examples").glob("*.json") if not p.stem.endswith(".expected"))


async def _settle(pilot) -> None:
    await pilot.pause()


async def _until(done, what: object = None) -> None:
    """Let the app run until `done()` holds: the edit has reached the case. (Waiting for the app
    to be idle after every key would draw the screen for each one: ten times slower.)"""
    for _ in range(20_000):
        if done():
            return
        await asyncio.sleep(0)
    raise AssertionError(f"the edit never reached the case: {what}" if what else "the edit never reached the case")


def _own_problem(before: dict[str, list[str]], after: dict[str, list[str]], path: tuple) -> list[str]:
    """New model errors that are not about this field (or the object or list it belongs to: a
    date range with one end typed asks for the other)."""
    key = path_text(path[:-1]) if len(path) > 1 else path_text(path)
    whole = {"(case)"} if path[0] == "languages" else set()  # the same language twice
    return [p for p in after if p not in before and p not in whole and not (key.startswith(p) or p.startswith(key))]


def _now(app: WizardApp, row: FieldRow):
    """The field's editor now (a language change builds the page anew)."""
    return app.screen.registry.row_at(row.path).editor


async def _edit(pilot, app: WizardApp, row: FieldRow) -> None:
    doc, editor, kind = app.doc, row.editor, row.field.kind
    before_errors = dict(doc.errors)
    original = doc.get(row.path)
    if kind == "tag":
        return  # an entry's shape: changing it rebuilds the entry (tests/tui/test_behaviour.py)
    if editor.disabled:
        return  # a structured penalty or period, shown read-only (tests/tui/test_structured_values.py)
    if isinstance(editor, Checkbox):
        editor.toggle()
        await _until(lambda: doc.get(row.path) is editor.value)
        editor.toggle()
        await _until(lambda: bool(doc.get(row.path)) is editor.value)
    elif isinstance(editor, Select):
        options = [v for _label, v in row.editor._options if v is not Select.NULL]
        other = next((v for v in options if v != editor.value), None)
        if other is None:
            return
        editor.value = other
        await _until(lambda: doc.get(row.path) == other)
        if row.path[0] in LANGUAGE_KEYS:
            await _settle(pilot)  # a language change builds the page anew
        assert not _own_problem(before_errors, doc.errors, row.path), (row.path, doc.errors)
        _now(app, row).value = original if original in options else Select.NULL
        await _until(lambda: _same(doc.get(row.path), original))
        if row.path[0] in LANGUAGE_KEYS:
            await _settle(pilot)
    elif kind in ("categories", "bases"):  # (no legal basis ticked is stored as None)
        if not editor.option_count:
            return
        editor.toggle(editor.get_option_at_index(0))
        await _until(lambda: set(doc.get(row.path) or []) == set(editor.selected))
        editor.toggle(editor.get_option_at_index(0))
        await _until(lambda: set(doc.get(row.path) or []) == set(editor.selected))
    elif kind == "long":
        editor.focus()
        editor.move_cursor(editor.document.end)
        editor.insert("x")  # what a key press runs
        await _until(lambda: _text_of(doc.get(row.path)).endswith("x"))
        assert not _own_problem(before_errors, doc.errors, row.path), (row.path, doc.errors)
        editor.action_delete_left()
        await _until(lambda: not _text_of(doc.get(row.path)).endswith("x") or editor.text.endswith("x"))
    else:
        assert isinstance(editor, Input)
        editor.action_end()
        editor.insert_text_at_cursor("7")  # a digit: the one character every kind of field may hold
        await _until(lambda: _shown(doc.get(row.path)).endswith("7"), row.path)
        assert not _own_problem(before_errors, doc.errors, row.path), (row.path, doc.errors)
        editor.action_delete_left()
        await _until(lambda: not _shown(doc.get(row.path)).endswith("7") or editor.value.endswith("7"))
    assert _same(doc.get(row.path), original), (row.path, doc.get(row.path), original)


def _shown(value) -> str:
    return "; ".join(map(_text_of, value)) if isinstance(value, list) else _text_of(value)


def _text_of(value) -> str:
    return value.get("text", "") if isinstance(value, dict) else "" if value is None else str(value)


def _same(now, original) -> bool:
    """Back to the original, allowing for the blank forms the model takes as the same."""
    if isinstance(now, dict) or isinstance(original, dict):
        return _text_of(now) == _text_of(original) and (now or {}).get("translations", {}) == \
            ((original or {}).get("translations", {}) if isinstance(original, dict) else {})
    if isinstance(now, list) and isinstance(original, list):
        return sorted(map(str, now)) == sorted(map(str, original))  # (categories come back in the list's order)
    blank = (None, "", [], False)  # a box never ticked and one ticked and unticked: the same
    return now == original or (now in blank and original in blank)


async def _visit_every_field(pilot, app: WizardApp, edit_steps: tuple[str, ...], add: bool = True) -> list[str]:
    screen = app.screen
    edited: list[str] = []
    for step_id in STEP_IDS[:-1]:
        await screen.show_step(step_id)
        await _settle(pilot)
        done: set[tuple] = set()
        while add:  # a new entry in every list, nested lists included, as the page shows them
            page = screen.pages[step_id]
            fresh = [s for s in screen.registry.sections() if s.is_attached and page in s.ancestors
                     and s.path not in done]
            if not fresh:
                break
            section = fresh[0]
            done.add(section.path)
            count = len(app.doc.get(section.path) or [])
            section.add_button.press()
            # the entry reaches the case, then the page is built again with its rows: on a busy
            # machine one pause saw the old page (a flake that missed a request's status rows)
            await _until(lambda at=section.path, n=count: len(app.doc.get(at) or []) > n, section.path)
            await _settle(pilot)
            await _settle(pilot)
        if step_id not in edit_steps:
            continue
        page = screen.pages[step_id]
        for path in [r.path for r in screen.registry.rows() if r.editor.is_attached and page in r.editor.ancestors]:
            row = screen.registry.row_at(path)
            if row is not None and row.editor.is_attached:
                await _edit(pilot, app, row)
                edited.append(path_text(path))
    await screen.show_step("review")  # built from the whole case, every time
    await _settle(pilot)
    return edited


def _run(app: WizardApp, edit_steps: tuple[str, ...] = STEP_IDS, add: bool = True) -> tuple[list[str], WizardApp]:
    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await _settle(pilot)
            edited = await _visit_every_field(pilot, app, edit_steps, add)
            assert app.is_running and app.crashed is None
            await pilot.press("ctrl+q")
        return edited

    return asyncio.run(run()), app


# What differs from one example to the next: its languages (the case step's translation rows),
# its kinds of request and of identifier (the requests step), its own entries. Every step is
# shown; those two are edited, in the entries the example has. The other steps' fields, and new
# entries in every list, are the same in every case: the empty cases below edit all of them.
SHAPED_BY_THE_CASE = ("case", "requests")


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_field_of_an_example(tmp_path, name):
    edited, app = _run(example_app(tmp_path, name=name), SHAPED_BY_THE_CASE, add=False)
    assert len(edited) > 40
    # every request's status fields, whatever its kind
    assert "requests[0].reference" in edited and "requests[0].sent_on" in edited
    saved = json.loads(app.doc.path.read_text(encoding="utf-8")) if app.doc.valid else app.doc.data
    assert saved["reference"] == app.doc.data["reference"]


@pytest.mark.parametrize("drafting", ["en", "fr"])
def test_every_field_of_an_empty_case(tmp_path, drafting):
    doc = CaseDocument.new(tmp_path / "new.json", today=TODAY)
    doc.set(("drafting_language",), drafting)
    doc.set(("languages",), [drafting, "ar"])
    doc.save()
    edited, _app = _run(WizardApp(CaseDocument.open(doc.path, today=TODAY), today=TODAY, autosave_delay=0))
    assert len(edited) > 100
    # the request's status and history, rows that show once an entry is added included
    for field in ("reference", "sent_on", "confirmed_on", "expires_on", "follow_up.filed_on",
                  "extensions[0].requested_on", "extensions[0].confirmed_on", "extensions[0].extended_to",
                  "extensions[0].reference", "history[0].event", "history[0].on", "history[0].note"):
        assert f"requests[0].{field}" in edited, field
