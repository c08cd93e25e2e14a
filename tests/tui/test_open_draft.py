"""Opening a Word draft in the wizard: the case it carries becomes a new case file beside it."""

from __future__ import annotations

import asyncio
import hashlib
import zipfile

import pytest
from textual.widgets import Input

from mla_writer.render import render_bytes
from mla_writer.resources import resource_dir
from mla_writer.store import load_case
from mla_writer.tui import app as wizard_app
from mla_writer.tui.app import WizardApp, open_draft

from .conftest import TODAY


@pytest.fixture
def original():
    return load_case(resource_dir("examples") / "bec-preservation.json")


@pytest.fixture
def draft(tmp_path, original):
    path = tmp_path / "request.docx"
    path.write_bytes(render_bytes(original, languages=["en"], today=TODAY))
    return path


def _started(monkeypatch) -> list[WizardApp]:
    """run_wizard's app, taken instead of run (the tests drive the app itself)."""
    started: list[WizardApp] = []
    monkeypatch.setattr(WizardApp, "run", lambda self: started.append(self) or 0)
    return started


def test_a_draft_opens_as_a_new_case_file_and_saves_the_case_it_carries(tmp_path, draft, original):
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    doc = open_draft(draft, today=TODAY)
    assert doc.path == tmp_path / "request.json"
    app = WizardApp(doc, today=TODAY, autosave_delay=0, check_delay=0)

    async def open_and_save():
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert app.screen.query_one("#f-title", Input).value == original.title
            (tmp_path / "request.json").unlink()  # so that what is there after is what Ctrl+S wrote
            app.doc.disk = None
            await pilot.press("ctrl+s")
            await pilot.pause()

    asyncio.run(open_and_save())
    saved = tmp_path / "request.json"
    assert load_case(saved) == original
    assert oct(saved.stat().st_mode & 0o777) == "0o600"
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before  # the draft is only read


def test_the_case_file_name_is_one_not_yet_taken_or_the_one_given(tmp_path, draft, monkeypatch):
    (tmp_path / "request.json").write_text("{}")
    started = _started(monkeypatch)
    assert wizard_app.run_wizard(draft) == 0
    assert started[0].doc.path == tmp_path / "request-2.json"
    assert wizard_app.run_wizard(draft, output=tmp_path / "mine.json") == 0
    assert started[1].doc.path == tmp_path / "mine.json" and (tmp_path / "mine.json").is_file()
    assert (tmp_path / "request.json").read_text() == "{}"


@pytest.mark.parametrize("output", ["request.json", "request.docx", "case.txt"])
def test_a_case_file_name_that_exists_or_is_not_json_is_refused(tmp_path, draft, monkeypatch, capsys, output):
    (tmp_path / "request.json").write_text("{}")
    before = sorted(p.name for p in tmp_path.iterdir())
    started = _started(monkeypatch)
    assert wizard_app.run_wizard(draft, output=tmp_path / output) == 2
    err = capsys.readouterr().err
    assert started == [] and err.count("\n") == 1 and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def _not_a_document(draft):
    path = draft.with_name("notes.docx")
    path.write_text("not a document")
    return path


def _tampered(draft):
    """The draft with one character of its embedded case changed."""
    with zipfile.ZipFile(draft) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    name = next(n for n, data in parts.items() if b"urn:mla-writer:embedded-case:1" in data and b"<json" in data)
    parts[name] = parts[name].replace(b"Business", b"Busyness", 1)
    path = draft.with_name("tampered.docx")
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def _without_case(draft):
    with zipfile.ZipFile(draft) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    path = draft.with_name("plain.docx")
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            if b"urn:mla-writer:embedded-case:1" not in data:
                z.writestr(n, data)
    return path


@pytest.mark.parametrize("make, says", [
    (_not_a_document, "notes.docx"),
    (_without_case, "plain.docx"),
    (_tampered, "tampered.docx"),
])
def test_a_bad_draft_gives_one_line_and_writes_nothing(tmp_path, draft, monkeypatch, capsys, make, says):
    bad = make(draft)
    before = sorted(p.name for p in tmp_path.iterdir())
    started = _started(monkeypatch)
    assert wizard_app.run_wizard(bad) == 2
    err = capsys.readouterr().err
    assert started == [] and err.count("\n") == 1 and says in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before
