"""Small modal questions: yes or no, one of a list, a file path, and how to start."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

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


ResultT = TypeVar("ResultT")


class PathQuestion(ModalScreen[ResultT]):
    """A question answered with a file path typed in a field; what the answer means is the
    subclass's (its buttons and what it dismisses with)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, default: str, cancel_label: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.default = title, default
        self.cancel_label = cancel_label or _("Cancel")

    def question(self) -> ComposeResult:
        yield Label(self.title_text, classes="dialog-question", markup=False)
        yield Input(self.default, id="path", compact=True)
        yield Static("", id="path-problem", classes="field-problem", markup=False)

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def checked_path(self, check: Callable[[Path], str | None]) -> Path | None:
        """The path typed, resolved, once `check` finds no problem with it; else None, and the
        user told why (no path, or check's problem)."""
        text = self.query_one("#path", Input).value.strip()
        problem = check(Path(text).expanduser()) if text else _("Give a file name.")
        if problem:
            self.say(problem)
            return None
        return Path(text).expanduser().resolve()

    def say(self, problem: str) -> None:
        """Show why the path will not do, keeping the dialog open."""
        box = self.query_one("#path-problem", Static)
        box.update(problem)
        box.display = True

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class PathDialog(PathQuestion["Path | None"]):
    """Ask for a file path. `check` returns a problem to show, or None when the path will do."""

    def __init__(self, title: str, default: str, check: Callable[[Path], str | None],
                 cancel_label: str | None = None) -> None:
        super().__init__(title, default, cancel_label)
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield from self.question()
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("OK"), id="ok", variant="primary", compact=True)
                yield Button(self.cancel_label, id="cancel", compact=True)

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        if (path := self.checked_path(self.check)) is not None:
            self.dismiss(path)


class StartDialog(PathQuestion["tuple[str, Path] | None"]):
    """The wizard's first question when no case was named: a new case at the path typed (Enter,
    or the first button), or the case file or Word draft (.docx) at that path opened instead.
    Dismisses with (how, path): how is "new", "open" or "draft"; None to quit. `checks[how]`
    tries the path that way: the problem to show (the dialog stays), or None."""

    def __init__(self, default: str, checks: Mapping[str, Callable[[Path], str | None]]) -> None:
        super().__init__(_("New case: where should it be saved? Or type the path of a case file or of a "
                           "Word draft (.docx) to open."), default, cancel_label=_("Quit"))
        self.checks = checks

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog start-dialog"):
            yield from self.question()
            with Horizontal(classes="dialog-buttons start-buttons"):
                yield Button(_("New case"), id="ok", variant="primary", compact=True)
                yield Button(_("Open case"), id="open", compact=True)
                yield Button(_("Open draft (.docx)"), id="draft", compact=True)
                yield Button(self.cancel_label, id="cancel", compact=True)

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#ok")
    def _new(self) -> None:
        self._choose("new")

    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        self._choose("open")

    @on(Button.Pressed, "#draft")
    def _draft(self) -> None:
        self._choose("draft")

    def _choose(self, how: str) -> None:
        if (path := self.checked_path(self.checks[how])) is not None:
            self.dismiss((how, path))
