"""Small modal questions: yes or no, one of a list, and a file path."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..i18n import _


class ConfirmDialog(ModalScreen[bool]):
    """A question with two answers; Escape gives the second (the safe one)."""

    BINDINGS = [Binding("escape", "answer(False)", "Cancel")]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__(classes="dialog-screen")
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="primary", compact=True)
                yield Button(self.no, id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ChoiceDialog(ModalScreen["str | None"]):
    """A question answered by picking one of `choices` ((value, label) pairs); Escape gives None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, choices: list[tuple[str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.question, self.choices = question, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-question", markup=False)
            yield OptionList(*[Option(label, id=f"c{i}") for i, (_value, label) in enumerate(self.choices)],
                             id="choices")

    def on_mount(self) -> None:
        self.query_one("#choices", OptionList).focus()

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(str(event.option.id)[1:])][0])

    def action_cancel(self) -> None:
        self.dismiss(None)


class PathDialog(ModalScreen["Path | None"]):
    """Ask for a file path. `check` returns a problem to show, or None when the path will do."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, default: str, check, cancel_label: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.default, self.check = title, default, check
        self.cancel_label = cancel_label or _("Cancel")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-question", markup=False)
            yield Input(self.default, id="path", compact=True)
            yield Static("", id="path-problem", classes="field-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("OK"), id="ok", variant="primary", compact=True)
                yield Button(self.cancel_label, id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        path = Path(text).expanduser() if text else None
        problem = _("Give a file name.") if path is None else self.check(path)
        if problem:
            box = self.query_one("#path-problem", Static)
            box.update(problem)
            box.display = True
            return
        self.dismiss(path.resolve() if path else None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
