"""One form row per field: its label, the editor that suits the field, and what is wrong with it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from ..document import PathT, text_of, widget_id
from ..i18n import _
from ..steps import (
    Field,
    categories_for,
    country_options,
    legal_basis_options,
    time_zones,
)
from .picker import Picker

PLACEHOLDERS = {"date": "YYYY-MM-DD", "tz": "e.g. Europe/Paris"}


def options_for(field: Field, entry: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs for a picker, labels translated."""
    if field.kind == "country":
        pairs: tuple[tuple[str, str], ...] = country_options()
        return [(label, code) for code, label in pairs]
    if field.kind == "basis":
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
        editor = Checkbox(_(field.label), bool(value), id=wid)
    elif kind == "long":
        editor = TextArea(text_of(value), id=wid, soft_wrap=True, tab_behavior="focus",
                          show_line_numbers=False)
    elif kind in ("select", "country", "lang", "basis", "tag"):
        opts = options_for(field, entry)
        known = {v for _label, v in opts}
        blank = field.nullable or value not in known
        editor = Picker(opts, value=value if value in known else Select.NULL, allow_blank=blank,
                        id=wid, prompt=_("(choose)"))  # compact by wizard.tcss
    elif kind == "categories":
        chosen = set(value or [])
        editor = SelectionList[str](*[(label, code, code in chosen) for label, code in options_for(field, entry)],
                                    id=wid)
    else:
        if kind == "lines":
            shown = "; ".join(str(v) for v in (value or []))
        elif kind == "text":
            shown = text_of(value)
        else:
            shown = "" if value is None else str(value)
        suggester = SuggestFromList(time_zones(), case_sensitive=False) if kind == "tz" else None
        # No Textual validators (the model judges values), so none are run: running them only
        # restyles the input as "-valid" when it is made and on every key press.
        editor = Input(shown, id=wid, placeholder=PLACEHOLDERS.get(kind, ""), suggester=suggester,
                       select_on_focus=False, validate_on=())  # compact by wizard.tcss
    editor.field_path = path  # type: ignore[attr-defined]
    editor.field_spec = field  # type: ignore[attr-defined]
    return editor


def read_editor(editor: Widget) -> Any:
    """The value to store for what the editor now shows (blank values as the model wants them)."""
    field: Field = editor.field_spec  # type: ignore[attr-defined]
    if isinstance(editor, Checkbox):
        return editor.value
    if isinstance(editor, TextArea):
        return editor.text
    if isinstance(editor, Select):
        return None if editor.value is Select.NULL else editor.value
    if isinstance(editor, SelectionList):
        return list(editor.selected)
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


class FieldRow(Vertical):
    """Label, editor and messages for one field of the case."""

    def __init__(self, field: Field, path: PathT, value: Any, entry: dict[str, Any], classes: str = "") -> None:
        super().__init__(classes=f"field-row {classes}".strip())
        self.field = field
        self.path = path
        self.value = value
        self.entry = entry

    def compose(self) -> ComposeResult:
        if self.field.kind != "bool":
            mark = " *" if self.field.required else ""
            yield Label(_(self.field.label) + mark, classes="field-label", markup=False)
        yield make_editor(self.field, self.path, self.value, self.entry)
        # the line for problems is added when there first is one: most fields never need it

    @property
    def editor(self) -> Widget:
        return self.query_one("#" + widget_id(self.path))

    def show_problems(self, errors: list[str], notes: list[tuple[str, str]]) -> None:
        """Model errors (the value is wrong) and check findings (severity, message) for this field."""
        lines = [f"✗ {m}" for m in errors] + [f"{'!' if sev == 'error' else '·'} {m}" for sev, m in notes]
        shown = (tuple(lines), bool(errors))
        if shown == getattr(self, "_shown", None):
            return  # unchanged: no relayout (this runs on every key press)
        found = self.query(".field-problem")
        if found:
            box = found.first(Static)
            box.update("\n".join(lines))
            box.display = bool(lines)
        elif lines:
            if not self.is_mounted:
                return  # not composed yet: shown on the next call
            box = Static("\n".join(lines), classes="field-problem", markup=False)
            box.display = True
            self.mount(box)
        self._shown = shown
        before = set(self.classes)
        self.set_class(bool(errors), "-invalid", update=False)
        self.set_class(not errors and any(s == "error" for s, _m in notes), "-finding", update=False)
        if set(self.classes) != before:
            self.update_node_styles()  # one restyle for both
