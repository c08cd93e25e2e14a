"""Which field of the case each widget on screen edits, and which list each list section shows.

The wizard screen owns one registry; its pages record every row and list section they build,
and forget them when they are taken down. Widgets carry no case paths of their own, and no
widget is found again by an id spelled from a path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual.widget import Widget

from .document import PathT
from .widgets.fields import FieldRow
from .widgets.lists import ListSection


class FieldRegistry:
    def __init__(self) -> None:
        self._rows: dict[Widget, FieldRow] = {}  # editor -> its row
        self._paths: dict[PathT, FieldRow] = {}
        self._sections: dict[PathT, ListSection] = {}

    def add_row(self, row: FieldRow) -> None:
        self._rows[row.editor] = row
        self._paths[row.path] = row

    def add_section(self, section: ListSection) -> None:
        self._sections[section.path] = section

    def row_for(self, widget: Widget | None) -> FieldRow | None:
        """The row whose editor this widget is (None for any other widget)."""
        return self._rows.get(widget) if widget is not None else None

    def row_at(self, path: PathT) -> FieldRow | None:
        return self._paths.get(path)

    def section_at(self, path: PathT) -> ListSection | None:
        return self._sections.get(path)

    def section_of(self, widget: Widget) -> ListSection | None:
        """The innermost list section holding this widget."""
        return next((a for a in widget.ancestors_with_self if isinstance(a, ListSection)), None)

    def rows(self) -> Iterator[FieldRow]:
        return iter(list(self._rows.values()))

    def sections(self) -> Iterator[ListSection]:
        return iter(list(self._sections.values()))

    def path_of(self, widget: Widget) -> PathT | None:
        """The case path a widget stands for: a field's editor, or a list's own widgets."""
        row = self.row_for(widget)
        if row is not None:
            return row.path
        section = self.section_of(widget)
        return section.path if section is not None and widget in section.controls else None

    def forget(self, widgets: Iterable[Widget]) -> None:
        """Drop the rows and sections among these widgets (about to be removed)."""
        for widget in widgets:
            row = self._rows.pop(widget, None)
            if row is not None and self._paths.get(row.path) is row:
                del self._paths[row.path]
            if isinstance(widget, ListSection) and self._sections.get(widget.path) is widget:
                del self._sections[widget.path]
