"""What the main screens look like, at the smallest supported terminal (80x24) and a larger one.

A fixed clock and a fixed file name keep the pictures the same from run to run. Update them with
`pytest tests/tui/test_snapshots.py --snapshot-update` after an intended change, and look at the
report before committing.
"""

from __future__ import annotations

import pytest

from mla_writer.tui.app import WizardApp, copy_example
from mla_writer.tui.document import CaseDocument

from .conftest import TODAY


def _example(tmp_path, **kw) -> WizardApp:
    path = copy_example("bec-preservation", tmp_path)
    return WizardApp(CaseDocument.open(path, today=TODAY), today=TODAY, autosave_delay=0, check_delay=0, **kw)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_first_step(snap_compare, tmp_path, size):
    assert snap_compare(_example(tmp_path), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_requests_step(snap_compare, tmp_path, size):
    assert snap_compare(_example(tmp_path), terminal_size=size,
                        press=["ctrl+l", *["down"] * 6, "enter"])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_review_step(snap_compare, tmp_path, size):
    assert snap_compare(_example(tmp_path), terminal_size=size, press=["ctrl+r"])


def test_light_theme(snap_compare, tmp_path):
    assert snap_compare(_example(tmp_path, theme="textual-light"), terminal_size=(80, 24))


def test_new_case_asks_where_to_save(snap_compare, tmp_path):
    app = WizardApp(None, new_case_path=tmp_path / "new-case.json", today=TODAY)

    async def shorten(pilot):
        # the proposed path holds the temporary folder: show a fixed one
        field = pilot.app.screen.query_one("#path")
        field.value = "cases/new-case.json"
        field.cursor_position = len(field.value)

    assert snap_compare(app, terminal_size=(80, 24), run_before=shorten)
