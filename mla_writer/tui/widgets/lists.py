"""A list of entries in the case (offences, persons, requests, identifiers...) with add and remove.

The entries are an option list; the highlighted one is edited in the form right below it. The
section says what the user asked for as messages; the screen changes the case.

A long list (a request's thousands of identifiers) offers a page of LIST_PAGE entries at a time,
with an option before and after it that shows the page before or after: an option list of
every entry is measured and laid out whole, seconds at thousands of entries.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..document import PathT, widget_id
from ..i18n import _
from ..steps import ListSpec

LIST_ROWS = 6  # the entries a list shows at once (wizard.tcss: .list-entries)
LIST_PAGE = 100  # the entries a long list offers at once; the others a page before or after
PREVIOUS_PAGE, NEXT_PAGE = "page-previous", "page-next"  # the ids of the options that turn the page


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
        self.start = selected - selected % LIST_PAGE  # the first entry of the page offered
        self.options: OptionList | None = None
        if entries:
            # A list longer than its box gets a fixed height: an automatic one makes every layout
            # of the screen measure every entry (seconds, at thousands of identifiers).
            long = " -long" if len(entries) > LIST_ROWS else ""
            self.options = OptionList(*self.page_options(), id=widget_id(path, "l"), classes="list-entries" + long)
            self.options.highlighted = self.option_index(selected)
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

    @property
    def end(self) -> int:
        """One past the last entry of the page offered."""
        return min(len(self.entries), self.start + LIST_PAGE)

    def prompts(self) -> list[str]:
        """The names of the entries of the page offered."""
        return [self.spec.describe(e if isinstance(e, dict) else {}, i)
                for i, e in enumerate(self.entries[self.start:self.end], start=self.start)]

    def page_options(self) -> list[Option | str]:
        """The page's entries, with an option to show the page before it and the one after."""
        total = len(self.entries)
        out: list[Option | str] = []
        if self.start > 0:
            first = max(0, self.start - LIST_PAGE)
            out.append(Option("◂ " + _("Show {first} to {last} of {total}").format(
                first=first + 1, last=self.start, total=total), id=PREVIOUS_PAGE))
        out += self.prompts()
        if self.end < total:
            out.append(Option("▸ " + _("Show {first} to {last} of {total}").format(
                first=self.end + 1, last=min(total, self.end + LIST_PAGE), total=total), id=NEXT_PAGE))
        return out

    def option_index(self, entry: int) -> int:
        """The option that stands for an entry of the page offered."""
        return entry - self.start + (1 if self.start > 0 else 0)

    def entry_at(self, option: int) -> int | None:
        """The entry an option stands for (None for the options that turn the page)."""
        entry = option - (1 if self.start > 0 else 0) + self.start
        return entry if self.start <= entry < self.end else None

    def refresh_prompts(self, entries: list[dict[str, Any]]) -> None:
        """Keep the entry names in step with what is typed below them."""
        self.entries = entries
        if self.options is None:
            return
        for entry, prompt in enumerate(self.prompts(), start=self.start):
            i = self.option_index(entry)
            if i < self.options.option_count and str(self.options.get_option_at_index(i).prompt) != prompt:
                self.options.replace_option_prompt_at_index(i, prompt)

    def turn_page(self, forward: bool) -> None:
        """Offer the next (or previous) page of entries, and show its first (or last) entry."""
        if self.options is None:
            return
        self.start = max(0, self.start + (LIST_PAGE if forward else -LIST_PAGE))
        self.selected = self.start if forward else self.end - 1
        self.options.set_options(self.page_options())
        self.options.highlighted = self.option_index(self.selected)
        self.post_message(self.Shown(self, self.selected))

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
        entry = self.entry_at(event.option_index)
        if self.app.focused is self.options and entry is not None and entry != self.selected:
            self.selected = entry
            self.post_message(self.Shown(self, entry))

    @on(OptionList.OptionSelected)
    def _entered(self, event: OptionList.OptionSelected) -> None:
        """Enter on an entry: go and edit it; on a page's first or last option: turn the page."""
        if event.option_list is not self.options:
            return
        event.stop()
        if event.option_id in (PREVIOUS_PAGE, NEXT_PAGE):
            self.turn_page(event.option_id == NEXT_PAGE)
            return
        target = self.first_field()
        if target is not None:
            target.focus()
