"""The editor of long free text: Textual's TextArea, with Ctrl+A selecting all of it.

Imported when a step first shows a long text field, not on the way to the first screen
(TextArea brings its document, history and syntax modules).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea


class LongText(TextArea):
    BINDINGS = [Binding("ctrl+a", "select_all", "Select all", show=False)]

    def __init__(self, text: str, *, id: str, classes: str) -> None:
        super().__init__(text, id=id, classes=classes, soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
