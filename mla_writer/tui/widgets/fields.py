"""One form row per field: its label, the editor that suits the field, and what is wrong with it."""

from __future__ import annotations

import json
from typing import Any

from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from ..document import PathT, is_structured, text_of, widget_id
from ..i18n import N_, _
from ..steps import Field, categories_for, country_options, legal_basis_options, time_zones

EDITOR_CLASS = "field-editor"  # what wizard.tcss styles as an editor of the form
PLACEHOLDERS = {"date": N_("YYYY-MM-DD"), "tz": N_("e.g. Europe/Paris")}
PICKER_KINDS = ("select", "country", "lang", "basis", "tag")
CHECKLIST_KINDS = ("categories", "bases")  # a SelectionList of codes
TICKED, UNTICKED = "☒", "☐"


class TickBox(Checkbox):
    """A checkbox that shows its state by shape (☒ ticked, ☐ not), not by colour alone, and wraps a
    long label instead of cutting it."""

    DEFAULT_CSS = """
    TickBox { width: 1fr; text-wrap: wrap; text-overflow: fold; height: auto; }
    """

    def render(self) -> Content:
        box = Content.styled(f"{TICKED if self.value else UNTICKED} ", self.get_visual_style("toggle--button"))
        return Content.assemble(box, self.label.stylize_before(self.get_visual_style("toggle--label")))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return 2 + self.label.cell_length

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(Content.assemble("☐ ", self.label).wrap(max(1, width))))


class FieldInput(Input):
    """An input of the form whose typing lays out only itself, not the screen.

    An input grows its scrollable width with its text on every key press; Textual's widgets
    lay the whole screen out again when that width changes, which on a page of a hundred rows
    (and a list of thousands of entries) is what a key press cost. An input is one line that
    scrolls itself to its cursor: its width never moves anything else, so a repaint will do.
    """

    virtual_size = Reactive(Size(0, 0), layout=False, repaint=True)


def options_for(field: Field, entry: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs for a picker, labels translated."""
    if field.kind == "country":
        return [(label, code) for code, label in country_options()]
    if field.kind in ("basis", "bases"):
        return [(_(label), code) for code, label in legal_basis_options()]
    if field.kind == "categories":
        return [(_(label), code) for code, label in categories_for(str(entry.get("kind", "")))]
    return [(_(label), code) for code, label in field.options]


def make_editor(field: Field, path: PathT, value: Any, entry: dict[str, Any]) -> Widget:
    """The widget that edits `field`."""
    wid = widget_id(path)
    kind = field.kind
    if kind == "bool":
        return TickBox(_(field.label), bool(value), id=wid, classes=EDITOR_CLASS)
    if kind == "long":
        from .long_text import LongText  # not on the way to the first screen: see long_text

        return LongText(text_of(value), id=wid, classes=EDITOR_CLASS)
    if kind in PICKER_KINDS:
        opts = options_for(field, entry)
        known = {v for _label, v in opts}
        return Select(opts, value=value if value in known else Select.NULL,
                      allow_blank=field.nullable or value not in known, id=wid, classes=EDITOR_CLASS,
                      prompt=_("(choose)"), compact=True)
    if kind in CHECKLIST_KINDS:
        from textual.widgets import SelectionList

        chosen = set(value or [])
        return SelectionList[str](*[(label, code, code in chosen) for label, code in options_for(field, entry)],
                                  id=wid, classes=EDITOR_CLASS)
    structured = kind == "text" and is_structured(value)
    if kind == "lines":
        shown = "; ".join(text_of(v) for v in (value or []))
    elif structured:
        shown = json.dumps(value, ensure_ascii=False)  # a penalty or period, shown as the case file holds it
    elif kind == "text":
        shown = text_of(value)
    else:
        shown = "" if value is None else str(value)
    suggester = SuggestFromList(time_zones(), case_sensitive=False) if kind == "tz" else None
    # No Textual validators (the model judges values), so none are run: running them only
    # restyles the input as "-valid" when it is made and on every key press.
    return FieldInput(shown, id=wid, classes=EDITOR_CLASS, placeholder=_(PLACEHOLDERS.get(kind, "")), suggester=suggester,
                 select_on_focus=False, validate_on=(),  # compact by wizard.tcss: compact=True restyles it unmounted
                 disabled=structured)  # edited in the case file


def read_value(field: Field, editor: Any) -> Any:
    """The value to store for what the editor of `field` now shows (blanks as the model wants them)."""
    kind = field.kind
    if kind == "bool":
        return bool(editor.value)
    if kind == "long":
        return editor.text
    if kind in PICKER_KINDS:
        return None if editor.value is Select.NULL else editor.value
    if kind in CHECKLIST_KINDS:  # in the list's order, whatever order they were ticked in
        chosen = set(editor.selected)
        codes = [option.value for option in editor.options if option.value in chosen]
        return codes or None if kind == "bases" else codes  # no basis ticked: all of the case's
    raw = editor.value
    if kind == "lines":
        return [part.strip() for part in raw.split(";") if part.strip()]
    if not raw.strip():
        return None if field.nullable and kind not in ("str", "text") else ""
    if kind == "int":
        try:
            return int(raw.strip())
        except ValueError:
            return raw  # kept as typed: the model says what is wrong with it
    return raw


class FieldRow:
    """One field of the form: its label (a checkbox carries its own), the editor that suits it,
    and a line for what is wrong with it, added when there first is something to say.

    The row is not a widget: its widgets sit straight in the page. A container for each row cost
    as much to mount, style and lay out as the label and editor inside it together.
    """

    def __init__(self, field: Field, path: PathT, value: Any, entry: dict[str, Any], classes: str = "") -> None:
        self.field = field
        self.path = path
        self.label: Label | None = None
        if field.kind != "bool":
            mark = " *" if field.required else ""
            self.label = Label(_(field.label) + mark, classes=f"field-label {classes}".strip(), markup=False)
        self.editor = make_editor(field, path, value, entry)
        self.problem: Static | None = None  # most fields never need one
        self._shown: tuple[tuple[str, ...], bool, bool] | None = None

    @property
    def widgets(self) -> list[Widget]:
        """What goes into the page for this row, in order."""
        return [self.label, self.editor] if self.label is not None else [self.editor]

    def read(self) -> Any:
        return read_value(self.field, self.editor)

    def mark(self, on: bool) -> None:
        """Highlight the row (the field a finding led to), or stop."""
        for widget in self.widgets:
            widget.set_class(on, "-jumped")

    def show_problems(self, errors: list[str], notes: list[tuple[str, str]]) -> None:
        """Model errors (the value is wrong) and check findings (severity, message) for this field."""
        lines = [f"✗ {m}" for m in errors] + [f"{'!' if sev == 'error' else '·'} {m}" for sev, m in notes]
        finding = not errors and any(s == "error" for s, _m in notes)
        shown = (tuple(lines), bool(errors), finding)
        if shown == self._shown:
            return  # unchanged: no relayout (this runs on every key press)
        if self.problem is not None:
            self.problem.update("\n".join(lines))
            self.problem.display = bool(lines)
        elif lines:
            holder = self.editor.parent
            if not isinstance(holder, Widget) or not self.editor.is_mounted:
                return  # not in the page yet: shown on the next call
            self.problem = Static("\n".join(lines), classes="field-problem", markup=False)
            self.problem.display = True
            self.problem.set_class(finding, "-finding", update=False)
            holder.mount(self.problem, after=self.editor)
        self._shown = shown
        if self.label is not None:
            self.label.set_class(bool(errors), "-invalid")
        if self.problem is not None:
            self.problem.set_class(finding, "-finding")
