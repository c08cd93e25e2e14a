"""The form of one step: its fields and lists built from the step's description, and what the
user does in it posted as typed messages (`FieldEdited`, `ShapeChosen`) for the screen to apply.

The page reads the case; it never changes it. Every row and list section it builds goes into
the screen's registry, and out of it when taken down.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from textual import on
from textual.containers import VerticalScroll
from textual.events import DescendantBlur, DescendantFocus
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Collapsible, Input, Label, Select

from ..document import CaseDocument, PathT, is_structured, parse_path, path_text, text_of
from ..i18n import _
from ..registry import FieldRegistry
from ..steps import LANGUAGE_NAMES, Field, Group, Heading, ListSpec, Part, Step
from .fields import FieldRow
from .lists import ListSection

if TYPE_CHECKING:
    from ...translation.memory import Memory


class FieldEdited(Message):
    """The user changed a field: the value to store at `path`."""

    def __init__(self, path: PathT, value: Any) -> None:
        super().__init__()
        self.path, self.value = path, value


class ShapeChosen(Message):
    """A picker that decides an entry's shape (request kind, identifier type) changed."""

    def __init__(self, path: PathT, value: str) -> None:
        super().__init__()
        self.path, self.value = path, value


class StepPage(VerticalScroll, can_focus=False):
    def __init__(self, step: Step, doc: CaseDocument, registry: FieldRegistry, selection: dict[str, int]) -> None:
        super().__init__(id=f"page-{step.id}", classes="page")
        self.step, self.doc, self.registry, self.selection = step, doc, registry, selection
        self._building = 0
        self._memory: Memory | Literal[False] | None = None  # the translation memory (False: unreadable)
        self._from_memory: list[tuple[PathT, str]] = []  # rows filled from memory, not yet in the case
        self._initial = self.build(step.parts, (), doc.data)

    def compose(self):
        yield from self._initial

    def on_mount(self) -> None:
        self.store_from_memory()

    def on_resize(self) -> None:
        # The help and problems boxes take their room from the page (and a terminal may shrink):
        # the field being typed into must stay in view, however many refreshes that takes.
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            self.call_after_refresh(focused.scroll_visible, animate=False)

    def store_from_memory(self) -> None:
        """Have the screen store the translations rows were filled with from memory: what the
        row shows is what the case holds (the user corrects or clears it)."""
        for path, text in self._from_memory:
            self.post_message(FieldEdited(path, text))
        self._from_memory = []

    def memory_translation(self, path: PathT, lang: str) -> str | None:
        """The translation memory's translation of the text at `path` into `lang`, if the text
        lacks one (as translation.memory.suggestions finds them, asked of one text: a row is
        built for the texts of the entries shown, not of every entry of a long list)."""
        if self.doc.case is None:
            return None
        from ...translation.memory import load_memory, memory_suggestion

        if self._memory is None:
            try:
                self._memory = load_memory()
            except Exception:  # a damaged memory file: no suggestions, never a crash
                self._memory = False
        source = text_of(self.doc.get(path))
        if self._memory is False or not source.strip():
            return None
        return memory_suggestion(source, lang, self.doc.case.drafting_language, self._memory)

    # building ------------------------------------------------------------------------------
    def build(self, parts: tuple[Part, ...], base: PathT, entry: dict[str, Any]) -> list[Widget]:
        out: list[Widget] = []
        for part in parts:
            if isinstance(part, Heading):
                out.append(Label(_(part.title), classes="heading"))
            elif isinstance(part, Group):
                inner = self.build(part.parts, base, entry)
                shown = any(self.doc.get(p) for p in self._paths_in(inner))
                out.append(Collapsible(*inner, title=_(part.title), collapsed=not shown, classes="group"))
            elif isinstance(part, Field):
                if part.when is None or part.when(entry):
                    path = base + parse_path(part.key)
                    out += self._row(part, path, entry)
                    # A structured penalty or period is worded by the tool: nothing to translate.
                    if part.kind in ("text", "long") and not is_structured(self.doc.get(path)):
                        out += self.translation_rows(part, path, entry)
            elif part.when is None or part.when(entry):
                out.append(self._section(part, base + (part.key,)))
        return out

    def _row(self, field: Field, path: PathT, entry: dict[str, Any], classes: str = "",
             value: Any = None) -> list[Widget]:
        row = FieldRow(field, path, self.doc.get(path) if value is None else value, entry, classes)
        self.registry.add_row(row)
        return row.widgets

    def _paths_in(self, widgets: Iterable[Widget]) -> list[PathT]:
        return [row.path for w in widgets if (row := self.registry.row_for(w)) is not None]

    def translation_rows(self, field: Field, path: PathT, entry: dict[str, Any]) -> list[Widget]:
        """Free text gets a row per other document language: the document's second column."""
        drafting = self.doc.get(("drafting_language",), "en")
        rows: list[Widget] = []
        for lang in dict.fromkeys(self.doc.get(("languages",), []) or []):  # (the same one twice is an error)
            if lang == drafting or not isinstance(lang, str):
                continue
            label = _("{label}, in {language}").format(label=_(field.label),
                                                       language=_(LANGUAGE_NAMES.get(lang, lang)))
            where = path + ("translations", lang)
            remembered = None if str(self.doc.get(where) or "").strip() else self.memory_translation(path, lang)
            if remembered is not None:
                label = _("{label} (from memory: check it)").format(label=label)
                self._from_memory.append((where, remembered))
            spec = Field(f"{field.key}.translations.{lang}", label, field.kind, nullable=False)
            rows += self._row(spec, where, entry, classes="translation", value=remembered)
        return rows

    def _section(self, spec: ListSpec, path: PathT) -> ListSection:
        entries = [e if isinstance(e, dict) else {} for e in (self.doc.get(path, []) or [])]
        selected = min(self.selection.get(path_text(path), 0), max(len(entries) - 1, 0))
        self.selection[path_text(path)] = selected
        section = ListSection(spec, path, entries, selected, self.entry_widgets(spec, path, entries, selected))
        self.registry.add_section(section)
        return section

    def entry_widgets(self, spec: ListSpec, path: PathT, entries: list[dict[str, Any]], index: int) -> list[Widget]:
        if not entries:
            return []
        base = path + (index,)
        title = Label(_("{noun} {n} of {total}").format(noun=_(spec.noun).capitalize(), n=index + 1,
                                                         total=len(entries)), classes="entry-title")
        entry = self.doc.get(base, {})
        owner = self.doc.get(path[:-1], {}) if len(path) > 1 else {}
        if isinstance(owner, dict) and "kind" in owner and isinstance(entry, dict):
            entry = {"kind": owner["kind"], **entry}  # an identifier's categories depend on its request
        return [title, *self.build(spec.parts, base, entry)]

    # rebuilding ----------------------------------------------------------------------------
    async def fill_entry(self, section: ListSection) -> None:
        """Show the section's selected entry below its list."""
        self.registry.forget(section.holder.query("*"))
        entries = [e if isinstance(e, dict) else {} for e in (self.doc.get(section.path, []) or [])]
        self._building += 1
        try:
            await section.holder.remove_children()
            await section.holder.mount_all(self.entry_widgets(section.spec, section.path, entries, section.selected))
        finally:
            self._building -= 1
        self.store_from_memory()

    async def rebuild_list(self, path: PathT) -> ListSection | None:
        """Replace a list section after an entry was added or removed (or changed shape)."""
        old = self.registry.section_at(path)
        parent = old.parent if old is not None else None
        if old is None or not isinstance(parent, Widget):
            return None
        self.registry.forget([old, *old.query("*")])
        position = list(parent.children).index(old)
        self._building += 1
        try:
            new = self._section(old.spec, path)
            await old.remove()
            if position < len(parent.children):
                await parent.mount(new, before=position)
            else:
                await parent.mount(new)
        finally:
            self._building -= 1
        self.store_from_memory()
        return new

    # what the user does --------------------------------------------------------------------
    @on(DescendantFocus)
    def _entered(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, Input):
            event.widget.cursor_position = len(event.widget.value)  # to type on where the text ends

    @on(DescendantBlur)
    def _left(self, event: DescendantBlur) -> None:
        if isinstance(event.widget, Input):
            event.widget.cursor_position = 0  # a long value shows how it starts, not how it ends


    # (TextArea's and SelectionList's changes come by handler name, not @on: naming their
    # classes here would import them on the way to the first screen.)
    def on_text_area_changed(self, event: Message) -> None:
        self._edited(event)

    def on_selection_list_selected_changed(self, event: Message) -> None:
        self._edited(event)

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(Select.Changed)
    def _edited(self, event: Any) -> None:
        row = self.registry.row_for(event.control)
        if row is None or self._building:
            return
        event.stop()
        value = row.read()
        if value == self.doc.get(row.path):
            return  # what the case holds already (a picker reports its value once it is mounted)
        if row.field.kind == "tag":
            if value is not None:
                self.post_message(ShapeChosen(row.path, str(value)))
        else:
            self.post_message(FieldEdited(row.path, value))
