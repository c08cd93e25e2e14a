"""The line at the top of the wizard: an icon, and the screen's title and sub-title."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

# Textual's header: the icon docked left in 8 cells (1 of padding before it), the title centred
# in what the 10 cells kept for a clock on the right leave.
ICON_CELLS, CLOCK_CELLS = 8, 10


class TitleBar(Widget):
    """Textual's header (without its clock) drawn by one widget instead of four.

    The title is the screen's (or the app's) title and sub-title, as App.format_title lays them
    out, and follows them when they change.
    """

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, icon: str = "⭘") -> None:
        super().__init__()
        self.icon = icon

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            for name in ("title", "sub_title"):
                self.watch(node, name, self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    @property
    def title_content(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    def render(self) -> Content:
        width = self.size.width
        icon = Content(" " + self.icon).truncate(ICON_CELLS, pad=True)
        middle = max(0, width - ICON_CELLS - CLOCK_CELLS)
        title = self.title_content.truncate(middle, ellipsis=True)
        left = (middle - title.cell_length) // 2
        # (Content.center pads the right by the whole width, not by what the title leaves.)
        return Content.assemble(icon, title.pad(left, middle - title.cell_length - left))
