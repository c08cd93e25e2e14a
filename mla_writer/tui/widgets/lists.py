"""A list of entries in the case (offences, persons, requests, identifiers...) with add and remove.

The entries are an option list; the highlighted one is edited in the form right below it. The
section says what the user asked for as messages; the screen changes the case.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Label, OptionList, Static

from ..document import PathT, widget_id
from ..i18n import _
from ..steps import ListSpec


class ListSection(Vertical):
    class Added(Message):
        """Add an entry to the list."""

        def __init__(self, path: PathT) -> None:
            super().__init__()
            self.path = path

    class RemoveAsked(Message):
        """Remove the entry shown (once the user confirms)."""

        def __init__(self, path: PathT, index: int) -> None:
            super().__init__()
            self.path, self.index = path, index

    class Shown(Message):
        """The user moved to another entry: show it below the list."""

        def __init__(self, section: ListSection, index: int) -> None:
            super().__init__()
            self.section, self.index = section, index

    def __init__(self, spec: ListSpec, path: PathT, entries: list[dict[str, Any]], selected: int,
                 entry_widgets: list[Widget]) -> None:
        super().__init__(classes="list-section", id=widget_id(path, "s"))
        self.spec = spec
        self.path = path
        self.entries = entries
        self.selected = selected
        self.options: OptionList | None = None
        if entries:
            self.options = OptionList(*self.prompts(), id=widget_id(path, "l"), classes="list-entries")
            self.options.highlighted = selected
        self.add_button = Button(_("Add {noun}").format(noun=_(spec.noun)), id=widget_id(path, "add"),
                                 classes="list-add", compact=True)
        self.remove_button = Button(_("Remove"), id=widget_id(path, "rm"), classes="list-remove",
                                    compact=True, variant="error") if entries else None
        self.holder = Vertical(*entry_widgets, id=widget_id(path, "e"), classes="list-entry")

    @property
    def controls(self) -> tuple[Widget, ...]:
        """The section's own widgets (not the entry's fields)."""
        return tuple(w for w in (self.options, self.add_button, self.remove_button) if w is not None)

    def compose(self) -> ComposeResult:
        mark = " *" if self.spec.required else ""
        yield Label(f"{_(self.spec.title)} ({len(self.entries)}){mark}", classes="list-title", markup=False)
        if self.options is not None:
            yield self.options
        else:
            yield Static(_("None yet: choose Add."), classes="list-empty")
        with Horizontal(classes="list-buttons"):
            yield self.add_button
            if self.remove_button is not None:
                yield self.remove_button
        yield self.holder

    def prompts(self) -> list[str]:
        return [self.spec.describe(e if isinstance(e, dict) else {}, i) for i, e in enumerate(self.entries)]

    def refresh_prompts(self, entries: list[dict[str, Any]]) -> None:
        """Keep the entry names in step with what is typed below them."""
        self.entries = entries
        if self.options is None:
            return
        for i, prompt in enumerate(self.prompts()):
            if i < self.options.option_count and str(self.options.get_option_at_index(i).prompt) != prompt:
                self.options.replace_option_prompt_at_index(i, prompt)

    def first_field(self) -> Widget | None:
        return next((w for w in self.holder.query("*") if w.focusable), None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button is self.add_button:
            event.stop()
            self.post_message(self.Added(self.path))
        elif event.button is self.remove_button:
            event.stop()
            self.post_message(self.RemoveAsked(self.path, self.selected))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Only the user's own arrowing (in the focused list) changes the entry shown; the
        # highlight a list sets on itself when it is built must not rebuild the form.
        if event.option_list is not self.options:
            return
        event.stop()
        if self.app.focused is self.options and event.option_index != self.selected:
            self.selected = event.option_index
            self.post_message(self.Shown(self, event.option_index))

    @on(OptionList.OptionSelected)
    def _entered(self, event: OptionList.OptionSelected) -> None:
        """Enter on an entry: go and edit it."""
        if event.option_list is not self.options:
            return
        event.stop()
        target = self.first_field()
        if target is not None:
            target.focus()
