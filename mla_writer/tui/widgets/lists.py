"""A list of entries in the case (offences, persons, requests, identifiers...) with add and remove.

The entries are an option list; the highlighted one is edited in the form right below it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Label, OptionList, Static

from ..document import PathT, widget_id
from ..i18n import _
from ..steps import ListSpec


class ListSection(Vertical):
    def __init__(self, spec: ListSpec, path: PathT, entries: list[dict[str, Any]], selected: int,
                 build_entry: Callable[[ListSection], list[Widget]]) -> None:
        super().__init__(classes="list-section", id=widget_id(path, "s"))
        self.spec = spec
        self.path = path
        self.entries = entries
        self.selected = selected
        self.build_entry = build_entry

    def compose(self) -> ComposeResult:
        mark = " *" if self.spec.required else ""
        yield Label(f"{_(self.spec.title)} ({len(self.entries)}){mark}", classes="list-title", markup=False)
        if self.entries:
            options = OptionList(*self.prompts(), id=widget_id(self.path, "l"), classes="list-entries")
            options.highlighted = self.selected
            options.list_path = self.path  # type: ignore[attr-defined]
            yield options
        else:
            yield Static(_("None yet: choose Add."), classes="list-empty")
        with Horizontal(classes="list-buttons"):
            add = Button(_("Add {noun}").format(noun=_(self.spec.noun)), id=widget_id(self.path, "add"),
                         classes="list-add", compact=True)
            add.list_path = self.path  # type: ignore[attr-defined]
            yield add
            if self.entries:
                rm = Button(_("Remove"), id=widget_id(self.path, "rm"), classes="list-remove",
                            compact=True, variant="error")
                rm.list_path = self.path  # type: ignore[attr-defined]
                yield rm
        yield Vertical(*self.build_entry(self), id=widget_id(self.path, "e"), classes="list-entry")

    def prompts(self) -> list[str]:
        return [self.spec.describe(e if isinstance(e, dict) else {}, i) for i, e in enumerate(self.entries)]

    def refresh_prompts(self, entries: list[dict[str, Any]]) -> None:
        """Keep the entry names in step with what is typed below them."""
        self.entries = entries
        try:
            options = self.query_one(f"#{widget_id(self.path, 'l')}", OptionList)
        except Exception:
            return
        for i, prompt in enumerate(self.prompts()):
            if i < options.option_count and str(options.get_option_at_index(i).prompt) != prompt:
                options.replace_option_prompt_at_index(i, prompt)
