"""The key bar at the foot of the wizard: the keys that work where the focus is, and what they do."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from ..i18n import _


class ShownKey(NamedTuple):
    key: str  # as bound ("ctrl+s"): what a click presses
    display: str  # as shown ("^s")
    description: str
    enabled: bool
    action: str = ""


# Keys left out, in this order, when the bar is too narrow for all (80 columns in French): each has
# another way in (the step list, the review step's button, the theme is a matter of taste).
DROPPED_FIRST = ("toggle_theme", "render", "focus_steps")


def cells(key: ShownKey) -> int:
    """The width of a key on the bar: " ^s " and "Save "."""
    return cell_len(f" {key.display} ") + (cell_len(f"{key.description} ") if key.description else 0)


class KeyBar(Widget, can_focus=False):
    """Textual's footer drawn as one line of one widget.

    The footer is a container of one widget per key, all styled and laid out with the screen and
    rebuilt whenever the focus moves; this draws the same line (same colours, same spacing) and
    only repaints it when the keys change. A click on a key presses it, as in the footer.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description", "key-bar--hover"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--hover { background: $block-hover-background; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.keys: tuple[ShownKey, ...] = ()
        self._spans: list[tuple[int, int, ShownKey]] = []  # cells start, end, key
        self._hover: ShownKey | None = None

    def on_mount(self) -> None:
        self.keys = self.shown_keys(self.screen)
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def shown_keys(self, screen: Screen) -> tuple[ShownKey, ...]:
        """The keys to show, descriptions in the interface language (bindings hold them in English)."""
        return tuple(ShownKey(binding.key, self.app.get_key_display(binding), _(binding.description), enabled,
                              binding.action)
                     for (_node, binding, enabled, _tooltip) in screen.active_bindings.values()
                     if binding.show)

    def fitting(self, width: int) -> tuple[ShownKey, ...]:
        """The keys that fit in `width` cells, whole: the least needed go first when they do not."""
        keys = list(self.keys)
        for action in (*DROPPED_FIRST, None):
            if sum(cells(k) for k in keys) <= width or action is None:
                break
            keys = [k for k in keys if k.action != action]
        while keys and sum(cells(k) for k in keys) > width:
            keys.pop()
        return tuple(keys)

    def _bindings_changed(self, screen: Screen) -> None:
        keys = self.shown_keys(screen)
        if keys != self.keys:
            self.keys = keys
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        hover_style = self.get_component_rich_style("key-bar--hover")
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        self._spans = []
        for shown in self.fitting(self.size.width):
            start = line.cell_len
            hovered = shown == self._hover
            line.append(f" {shown.display} ", key_style + hover_style if hovered else key_style)
            if shown.description:
                line.append(f"{shown.description} ", description_style + hover_style if hovered else description_style)
            if not shown.enabled:
                line.stylize("dim", start)
            self._spans.append((start, line.cell_len, shown))
        return line

    def key_at(self, x: int) -> ShownKey | None:
        return next((shown for start, end, shown in self._spans if start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        shown = self.key_at(event.x)
        if shown is None:
            return
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self.key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, shown: ShownKey | None) -> None:
        if shown != self._hover:
            self._hover = shown
            self.refresh()
