"""The sidebar: one line per step of the wizard, with a marker for what is left to do there."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..i18n import _
from ..steps import Step

# The marker's colour, from the theme (so it follows a change of theme).
MARKER_STYLES = {"✗": "$error", "!": "$warning", "?": "$warning"}


class StepList(OptionList):
    """The steps as the lines of one option list (an option's id is its step's id).

    One widget for the whole list: a list view of items would be two widgets per step, each
    styled and laid out on the way to the first screen.
    """

    def __init__(self, steps: Sequence[Step], widget_id: str = "steps") -> None:
        self.steps = {step.id: step for step in steps}
        self._drawn: dict[str, tuple[str, str]] = {}
        super().__init__(*[Option(_(step.title), id=step.id) for step in steps], id=widget_id)

    def show(self, step_id: str, marker: str, count: int, current: bool) -> None:
        """Mark a step: ✗ a value is wrong, ! something required is missing, ? a check warns,
        ✓ nothing to do;
        with the number of problems, and bold if it is the step on screen."""
        suffix = f" {count}" if count and marker != "✓" else ""
        text = f"{marker} {_(self.steps[step_id].title)}{suffix}"
        style = " ".join(s for s in (MARKER_STYLES.get(marker, ""), "bold" if current else "") if s)
        if self._drawn.get(step_id) == (text, style):
            return
        self._drawn[step_id] = (text, style)
        self.replace_option_prompt(step_id, Content.styled(text, style) if style else Content(text))

    def line(self, step_id: str) -> str:
        """The step's line as shown (its plain text)."""
        return str(self.get_option(step_id).prompt)

    def line_style(self, step_id: str) -> str:
        """The style of the step's line: the marker's colour and "bold" for the current step."""
        return self._drawn.get(step_id, ("", ""))[1]
