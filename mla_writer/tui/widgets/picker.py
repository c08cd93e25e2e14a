"""A picker: Textual's Select, with its closed line drawn by one widget instead of four."""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Select

# Not exported by textual.widgets.select: the two parts a Select is made of. Picker keeps the
# overlay and replaces the line; tests/tui/test_picker.py pins both to the Textual in use.
from textual.widgets._select import SelectCurrent, SelectOverlay
from textual.widgets.select import NoSelection

ARROW_CLOSED, ARROW_OPEN = "▼", "▲"
ARROW_CELLS = 2  # a space, then the arrow: Textual's arrow is 1 wide with 1 of padding before it

ValueT = TypeVar("ValueT", bound=Hashable)


class PickerLine(SelectCurrent):
    """The chosen option (or the prompt) and an arrow, drawn as one widget.

    Textual's line is a container of three widgets (label, down arrow, up arrow): with a handful
    of pickers on a step, a fifth of the widgets styled and laid out to show it. This draws the
    same thing: the label wrapped to the width left by the arrow, dimmed while it is the prompt.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"picker-line--prompt", "picker-line--arrow"}
    DEFAULT_CSS = """
    PickerLine {
        & > .picker-line--prompt { color: $foreground 50%; }
        & > .picker-line--arrow { color: $foreground 50%; }
    }
    """

    def compose(self) -> ComposeResult:
        return iter(())

    def update(self, label: object) -> None:
        self.label = label  # type: ignore[assignment]
        self.has_value = not isinstance(label, NoSelection)
        self.refresh(layout=True)

    @property
    def text(self) -> str:
        """What the line says: the chosen option's label, or the prompt."""
        return self.placeholder if isinstance(self.label, NoSelection) else str(self.label)

    def _lines(self, width: int) -> list[Content]:
        return Content(self.text).wrap(max(1, width - ARROW_CELLS)) or [Content("")]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        width = self.content_size.width
        lines = self._lines(width)
        text_style = None if self.has_value else self.get_visual_style("picker-line--prompt")
        open_ = isinstance(self.parent, Select) and self.parent.expanded
        arrow = Content.styled(ARROW_OPEN if open_ else ARROW_CLOSED, self.get_visual_style("picker-line--arrow"))
        out = []
        for n, line in enumerate(lines):
            line = line.stylize(text_style) if text_style is not None else line
            line = line.pad_right(max(0, width - ARROW_CELLS - line.cell_length))
            out.append(line + Content(" ") + arrow if n == 0 else line)
        return Content("\n").join(out)


class Picker(Select[ValueT]):
    """Select with a one-widget line (PickerLine); the list that opens is Textual's own."""

    def compose(self) -> ComposeResult:
        yield PickerLine(self.prompt)
        yield SelectOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)

    def on_mount(self) -> None:
        def redraw(_expanded: bool) -> None:
            self.query_one(PickerLine).refresh()

        self.watch(self, "expanded", redraw, init=False)
