"""One form row per field: its label, the editor that suits the field, and what is wrong with it."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeGuard

from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from ..document import PathT, is_structured, text_of, widget_id
from ..i18n import N_, _
from ..steps import (
    Field,
    categories_for,
    country_options,
    legal_basis_options,
    time_zones,
)
from .picker import Picker

if TYPE_CHECKING:
    from textual.widgets import SelectionList, TextArea

EDITOR_CLASS = "field-editor"  # what wizard.tcss styles as an editor of the form
PLACEHOLDERS = {"date": N_("YYYY-MM-DD"), "tz": N_("e.g. Europe/Paris")}


# TextArea and SelectionList are imported when a step first needs one, not on the way to the
# first screen (TextArea brings its document, history and syntax modules): until then no widget
# can be one, which these tell without importing them.
def _is_loaded_instance(widget: object, module_name: str, class_name: str) -> bool:
    module = sys.modules.get(module_name)
    return module is not None and isinstance(widget, getattr(module, class_name))


def is_text_area(widget: object) -> TypeGuard[TextArea]:
    return _is_loaded_instance(widget, "textual.widgets._text_area", "TextArea")


def is_selection_list(widget: object) -> TypeGuard[SelectionList[Any]]:
    return _is_loaded_instance(widget, "textual.widgets._selection_list", "SelectionList")


def options_for(field: Field, entry: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs for a picker, labels translated."""
    if field.kind == "country":
        pairs: tuple[tuple[str, str], ...] = country_options()
        return [(label, code) for code, label in pairs]
    if field.kind in ("basis", "bases"):
        return [(_(label), code) for code, label in legal_basis_options()]
    if field.kind == "categories":
        return [(_(label), code) for code, label in categories_for(str(entry.get("kind", "")))]
    return [(_(label), code) for code, label in field.options]


def make_editor(field: Field, path: PathT, value: Any, entry: dict[str, Any]) -> Widget:
    """The widget that edits `field`, carrying the case path it writes to."""
    wid = widget_id(path)
    kind = field.kind
    editor: Widget
    if kind == "bool":
        editor = Checkbox(_(field.label), bool(value), id=wid, classes=EDITOR_CLASS)
    elif kind == "long":
        from textual.widgets import TextArea

        editor = TextArea(text_of(value), id=wid, classes=EDITOR_CLASS, soft_wrap=True, tab_behavior="focus",
                          show_line_numbers=False)
    elif kind in ("select", "country", "lang", "basis", "tag"):
        opts = options_for(field, entry)
        known = {v for _label, v in opts}
        blank = field.nullable or value not in known
        editor = Picker(opts, value=value if value in known else Select.NULL, allow_blank=blank,
                        id=wid, classes=EDITOR_CLASS, prompt=_("(choose)"))  # compact by wizard.tcss
    elif kind in ("categories", "bases"):
        from textual.widgets import SelectionList

        chosen = set(value or [])
        editor = SelectionList[str](*[(label, code, code in chosen) for label, code in options_for(field, entry)],
                                    id=wid, classes=EDITOR_CLASS)
    else:
        if kind == "lines":
            shown = "; ".join(text_of(v) for v in (value or []))
        elif kind == "text" and is_structured(value):
            shown = json.dumps(value, ensure_ascii=False)  # shown as the case file holds it
        elif kind == "text":
            shown = text_of(value)
        else:
            shown = "" if value is None else str(value)
        suggester = SuggestFromList(time_zones(), case_sensitive=False) if kind == "tz" else None
        # No Textual validators (the model judges values), so none are run: running them only
        # restyles the input as "-valid" when it is made and on every key press.
        editor = Input(shown, id=wid, classes=EDITOR_CLASS, placeholder=_(PLACEHOLDERS.get(kind, "")), suggester=suggester,
                       select_on_focus=False, validate_on=(),  # compact by wizard.tcss
                       disabled=kind == "text" and is_structured(value))  # edited in the case file
    editor.field_path = path  # type: ignore[union-attr]
    editor.field_spec = field  # type: ignore[union-attr]
    return editor


def read_editor(editor: Widget) -> Any:
    """The value to store for what the editor now shows (blank values as the model wants them)."""
    field: Field = editor.field_spec  # type: ignore[attr-defined]
    if isinstance(editor, Checkbox):
        return editor.value
    if is_text_area(editor):
        return editor.text
    if isinstance(editor, Select):
        return None if editor.value is Select.NULL else editor.value
    if is_selection_list(editor):
        chosen = list(editor.selected)
        return chosen or None if field.kind == "bases" else chosen
    assert isinstance(editor, Input)
    raw = editor.value
    if field.kind == "lines":
        return [part.strip() for part in raw.split(";") if part.strip()]
    if not raw.strip():
        return None if field.nullable and field.kind not in ("str", "text") else ""
    if field.kind == "int":
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
        self.editor.field_row = self  # type: ignore[attr-defined]
        self.problem: Static | None = None  # most fields never need one
        self._shown: tuple[tuple[str, ...], bool, bool] | None = None

    @property
    def widgets(self) -> list[Widget]:
        """What goes into the page for this row, in order."""
        return [self.label, self.editor] if self.label is not None else [self.editor]

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


def field_rows(widgets: Iterable[Widget]) -> list[FieldRow]:
    """The rows whose editors are among these widgets."""
    return [row for w in widgets if (row := getattr(w, "field_row", None)) is not None]
