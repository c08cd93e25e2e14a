"""The wizard's Render (Ctrl+G): one document when every request goes to one addressee, the
package (a document per addressee and the review sheet) when they go to several or a folder is
named."""

from __future__ import annotations

import asyncio

import docx
from textual.widgets import Input

from mla_writer.render import REVIEW_SHEET, package_names
from mla_writer.store import load_case

from .conftest import example_app


def _text(path) -> str:
    document = docx.Document(str(path))
    return "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for row in t.rows for c in row.cells)


def _render(app, output: str | None = None) -> str:
    async def run() -> str:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("ctrl+r")
            await pilot.pause()
            if output is not None:
                app.screen.query_one("#render-out", Input).value = output
            await pilot.press("ctrl+g")
            await pilot.pause()
            return str(app.screen.query_one("#render-result").render())

    return asyncio.run(run())


def test_requests_to_several_addressees_are_written_as_the_package_into_a_folder(tmp_path):
    app = example_app(tmp_path, "sextortion-account-takeover")
    case_file = app.doc.path
    result = _render(app)

    folder = case_file.with_suffix("")
    case = load_case(case_file)
    names = package_names(case, list(case.languages))
    assert len(names) > 2  # two request documents at least, then the review sheet
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    assert not case_file.with_suffix(".docx").exists()
    assert "more than one addressee" in result and str(folder) in result and REVIEW_SHEET in result
    # each document goes to its own addressee (R1 to the provider, R2 to R4 to the central
    # authority); the review sheet lists every document
    first, second = names[0], names[1]
    assert first.startswith("R1-") and "R3" in second
    assert "UK Central Authority" not in _text(folder / first) and "UK Central Authority" in _text(folder / second)
    sheet = _text(folder / REVIEW_SHEET)
    assert first in sheet and second in sheet


def test_one_addressee_gets_one_document_and_a_folder_name_gets_the_package(tmp_path):
    app = example_app(tmp_path, "bec-preservation")
    case_file = app.doc.path
    assert "Wrote" in _render(app)
    assert case_file.with_suffix(".docx").is_file()

    app = example_app(tmp_path, "bec-preservation")
    result = _render(app, "package/")
    case = load_case(app.doc.path)
    written = sorted(p.name for p in (app.doc.path.parent / "package").iterdir())
    assert written == sorted(package_names(case, list(case.languages)))
    assert REVIEW_SHEET in written and len(written) == 2
    assert "Wrote into" in result


def test_an_output_that_is_neither_a_docx_nor_a_folder_is_refused_with_nothing_written(tmp_path):
    app = example_app(tmp_path, "bec-preservation")
    result = _render(app, "request.pdf")
    assert "must end in .docx" in result and "folder" in result
    assert not (app.doc.path.parent / "request.pdf").exists()
