"""The wizard: steps in a sidebar, the step's form, and help for the focused field."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Collapsible,
    ContentSwitcher,
    Input,
    Label,
    OptionList,
    Select,
    Static,
)

from ..bindings import translate_bindings
from ..collector import resume_collector
from ..document import CaseDocument, PathT, get_in, is_structured, parse_path, path_text, widget_id
from ..help import help_for
from ..i18n import N_, _, ui_language
from ..steps import (
    KIND_ONLY,
    LANGUAGE_NAMES,
    NEW_IDENTIFIER,
    STEP_IDS,
    STEPS,
    Field,
    Group,
    Heading,
    ListSpec,
    Part,
    Step,
    categories_for,
    new_request,
    place_of,
    step_by_id,
    step_for_path,
    walk,
)
from ..widgets.fields import EDITOR_CLASS, FieldRow, field_rows, is_text_area, read_editor
from ..widgets.footer import KeyBar
from ..widgets.lists import ListSection
from ..widgets.step_list import StepList
from ..widgets.title_bar import TitleBar
from .dialogs import ConfirmDialog, PathDialog
from .review import ReviewPanel


def step_status(doc: CaseDocument, step: Step) -> tuple[str, int]:
    """A marker for the sidebar and how many problems it stands for.

    ✗ a value is wrong (the model rejects it); ! something required is missing or a check
    reports an error; ✓ nothing to do.
    """
    if step.id == "review":
        n = len(doc.errors) + sum(f.severity == "error" for f in doc.findings)
        return ("✗" if doc.errors else "!" if n else "✓"), n
    wrong = sum(1 for p in doc.errors if step_for_path(p) == step.id)
    if wrong:
        return "✗", wrong
    missing = 0
    for spec, path in walk(step.parts, doc.data):
        blank = not get_in(doc.data, path)
        if isinstance(spec, Field) and spec.required and (blank or not str(_text(get_in(doc.data, path))).strip()):
            missing += 1
        elif isinstance(spec, ListSpec) and spec.required and blank:
            missing += 1
    missing += sum(1 for f in doc.findings if f.severity == "error" and step_for_path(f.path) == step.id)
    return ("!" if missing else "✓"), missing


def width_classes(width: int, breakpoints: list[tuple[int, str]]) -> dict[str, bool]:
    """Which of the breakpoint classes apply at this width, as Textual chooses them: the one with
    the largest minimum width the screen reaches."""
    reached = [(minimum, name) for minimum, name in breakpoints if width >= minimum]
    chosen = max(reached)[1] if reached else None
    return {name: name == chosen for _minimum, name in breakpoints}


def _text(value: Any) -> Any:
    return value.get("text", "") if isinstance(value, dict) else value


class WizardScreen(Screen):
    # The first field of the step takes the focus once the page is built; focusing the step list
    # first would hide the (empty) help pane and widen, then narrow again, every row of the form.
    AUTO_FOCUS = ""  # (None would mean the app's default, the first focusable widget)
    BINDINGS = [
        Binding("ctrl+n", "next_step", N_("Next")),
        Binding("ctrl+b", "previous_step", N_("Back")),
        Binding("ctrl+l", "focus_steps", N_("Steps")),
        Binding("ctrl+r", "review", N_("Review")),
        Binding("ctrl+g", "render", N_("Render")),
        # shown in the help of each long text field instead: the footer has no room at 80 columns
        Binding("ctrl+o", "load_text", N_("Load text file"), show=False),
    ]

    def __init__(self, doc: CaseDocument) -> None:
        super().__init__(id="wizard")
        translate_bindings(self)
        self.doc = doc
        self.step_id = STEP_IDS[0]
        self.selection: dict[str, int] = {}  # list path -> highlighted entry
        self._building = False
        self._last_focus: dict[str, Widget] = {}

    # layout ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # The width class (-narrow, -wide) Textual adds at the first resize, added now: added
        # then, it restyles every widget on the screen a second time.
        self.update_classes(width_classes(self.app.size.width, self.app.HORIZONTAL_BREAKPOINTS or []),
                            update=False)
        yield TitleBar(icon="§")
        with Horizontal(id="body"):
            yield StepList(STEPS)
            with Vertical(id="main"):
                yield Static("", id="step-title", markup=False)
                yield Static("", id="step-problems", markup=False)
                yield ContentSwitcher(id="form")
                yield Static("", id="help", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.doc.path.name
        self.call_after_refresh(self._show_first_step)

    async def _show_first_step(self) -> None:
        # A key pressed while the screen was being drawn (Ctrl+L to the step list) keeps the
        # focus it gave: the first field takes it only if nothing has it yet.
        await self.show_step(self.step_id, autofocus=self.focused is None)

    # steps -----------------------------------------------------------------------------------
    async def show_step(self, step_id: str, focus: str | None = None, autofocus: bool = True,
                        rebuild: bool = False) -> None:
        """Show a step's page. Pages are built once and kept (building one takes a moment), and
        rebuilt only when their shape changed; the review page is always made afresh."""
        self.step_id = step_id
        step = step_by_id(step_id)
        self.query_one("#step-title", Static).update(
            f"{STEP_IDS.index(step_id) + 1}/{len(STEPS)}  {_(step.title)}")
        switcher = self.query_one("#form", ContentSwitcher)
        page_id = f"page-{step_id}"
        existing = self.query(f"#{page_id}")
        self._building = True
        try:
            if existing and (rebuild or step_id == "review"):
                await existing.first().remove()
                existing = self.query(f"#{page_id}")
            if not existing:
                # The page and its fields in one mount: one styling and layout pass, not two.
                children = [ReviewPanel(self.doc)] if step_id == "review" else \
                    self.build(step.parts, (), self.doc.data)
                await switcher.mount(VerticalScroll(*children, id=page_id, can_focus=False, classes="page"))
            switcher.current = page_id
        finally:
            self._building = False
        self._last_focus = {}
        self.refresh_status()
        resume_collector()  # the first step is up: start-up is over
        form = self.query_one(f"#{page_id}", VerticalScroll)
        form.scroll_home(animate=False)
        if not autofocus:
            return
        target = self.query_one(f"#{focus}") if focus and self.query(f"#{focus}") else None
        last = self._last_focus.get(step_id)
        if target is None and last is not None and last.is_attached and last in form.query("*"):
            target = last  # back where the user left this step
        if target is None:
            candidates = [w for w in form.query("*") if w.focusable]
            target = candidates[0] if candidates else None
        if target is not None:
            target.focus()
            target.scroll_visible(animate=False)

    async def drop_pages(self) -> None:
        """Forget every built page (another case was loaded, or the languages changed)."""
        for page in self.query(".page"):
            await page.remove()

    def build(self, parts: tuple[Part, ...], base: PathT, entry: dict[str, Any]) -> list[Widget]:
        out: list[Widget] = []
        for part in parts:
            if isinstance(part, Heading):
                out.append(Label(_(part.title), classes="heading"))
            elif isinstance(part, Group):
                inner = self.build(part.parts, base, entry)
                open_ = any(self.doc.get(row.path) for row in field_rows(inner))
                out.append(Collapsible(*inner, title=_(part.title), collapsed=not open_, classes="group"))
            elif isinstance(part, Field):
                if part.when is None or part.when(entry):
                    path = base + parse_path(part.key)
                    out += FieldRow(part, path, self.doc.get(path), entry).widgets
                    # A structured penalty or period is worded by the tool: nothing to translate.
                    if part.kind in ("text", "long") and not is_structured(self.doc.get(path)):
                        out += self.translation_rows(part, path, entry)
            else:
                path = base + (part.key,)
                entries = [e if isinstance(e, dict) else {} for e in (self.doc.get(path, []) or [])]
                selected = min(self.selection.get(path_text(path), 0), max(len(entries) - 1, 0))
                self.selection[path_text(path)] = selected
                section = ListSection(part, path, entries, selected, self.entry_widgets)
                out.append(section)
        return out

    def translation_rows(self, field: Field, path: PathT, entry: dict[str, Any]) -> list[Widget]:
        """Free text gets a row per other document language: the document's second column."""
        drafting = self.doc.get(("drafting_language",), "en")
        rows: list[Widget] = []
        for lang in self.doc.get(("languages",), []) or []:
            if lang == drafting or not isinstance(lang, str):
                continue
            label = _("{label}, in {language}").format(label=_(field.label), language=_(LANGUAGE_NAMES.get(lang, lang)))
            spec = Field(f"{field.key}.translations.{lang}", label, field.kind, nullable=False)
            rows += FieldRow(spec, path + ("translations", lang), self.doc.get(path + ("translations", lang)),
                             entry, classes="translation").widgets
        return rows

    def entry_widgets(self, section: ListSection) -> list[Widget]:
        if not section.entries:
            return []
        index = self.selection.get(path_text(section.path), 0)
        base = section.path + (index,)
        title = Label(_("{noun} {n} of {total}").format(noun=_(section.spec.noun).capitalize(), n=index + 1,
                                                         total=len(section.entries)), classes="entry-title")
        entry = self.doc.get(base, {})
        owner = self.doc.get(section.path[:-1], {}) if len(section.path) > 1 else {}
        if isinstance(owner, dict) and "kind" in owner and isinstance(entry, dict):
            entry = {"kind": owner["kind"], **entry}  # an identifier's categories depend on its request
        return [title, *self.build(section.spec.parts, base, entry)]

    async def fill_entry(self, section: ListSection) -> None:
        holder = section.query_one(f"#{widget_id(section.path, 'e')}")
        self._building = True
        try:
            await holder.remove_children()
            await holder.mount_all(self.entry_widgets(section))
        finally:
            self._building = False
        self._last_focus = {}
        self.refresh_problems()

    # status ----------------------------------------------------------------------------------
    def refresh_status(self) -> None:
        steps = self.query_one(StepList)
        for step in STEPS:
            marker, count = step_status(self.doc, step)
            steps.show(step.id, marker, count, step.id == self.step_id)
        self.refresh_problems()
        title, sub_title = _("MLA request writer"), self.doc.path.name + (" •" if self.doc.dirty else "")
        if (self.title, self.sub_title) != (title, sub_title):
            self.title, self.sub_title = title, sub_title

    def refresh_problems(self) -> None:
        shown: set[str] = set()
        notes: dict[str, list[tuple[str, str]]] = {}
        for f in self.doc.findings:
            notes.setdefault(f.path, []).append((f.severity, f.message_in(ui_language())))
        for row in field_rows(self.query(f".{EDITOR_CLASS}")):
            key = path_text(row.path)
            shown.add(key)
            row.show_problems(self.doc.errors.get(key, []), notes.get(key, []))
        for section in self.query(ListSection):
            section.refresh_prompts([e if isinstance(e, dict) else {} for e in
                                     (self.doc.get(section.path, []) or [])])
            shown.add(path_text(section.path))
        # what the step owns but no field shows: whole-object rules, list-level findings
        step = step_by_id(self.step_id)
        lines = [f"✗ {place_of(p)}: {m}" for p, msgs in self.doc.errors.items() for m in msgs
                 if p not in shown and step_for_path(p) == step.id and step.id != "review"]
        lines += [f"! {place_of(f.path)}: {f.message_in(ui_language())}" for f in self.doc.findings
                  if f.path not in shown and step_for_path(f.path) == step.id and f.severity == "error"
                  and step.id != "review"]
        box = self.query_one("#step-problems", Static)
        if getattr(box, "_shown", None) != lines:
            box._shown = lines  # type: ignore[attr-defined]
            box.update("\n".join(lines))
            box.display = bool(lines)

    # editing ---------------------------------------------------------------------------------
    # (TextArea's and SelectionList's changes come by handler name, not @on: naming their
    # classes here would import them on the way to the first screen; see widgets.fields.)
    async def on_text_area_changed(self, event) -> None:
        await self._edited(event)

    async def on_selection_list_selected_changed(self, event) -> None:
        await self._edited(event)

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(Select.Changed)
    async def _edited(self, event) -> None:
        editor = event.control
        path: PathT | None = getattr(editor, "field_path", None)
        if path is None or self._building:
            return
        field: Field = editor.field_spec
        value = read_editor(editor)
        if field.kind == "tag":
            if value is None or value == self.doc.get(path):
                return
            self.change_shape(path, str(value))
            await self.rebuild_entry(path, focus=widget_id(path))
        elif self.doc.set(path, value):
            self.changed()
            if path[0] in ("languages", "drafting_language"):  # translation rows come and go
                for page in self.query(".page"):
                    if page.id != f"page-{self.step_id}":
                        await page.remove()

    def changed(self) -> None:
        self.app.schedule_autosave()  # type: ignore[attr-defined]
        self.refresh_status()

    def change_shape(self, path: PathT, value: str) -> None:
        """A new request kind or identifier type: keep what still fits, drop what does not."""
        owner = path[:-1]
        entry = copy.deepcopy(self.doc.get(owner, {}))
        if path[-1] == "kind":
            for key in KIND_ONLY.get(str(entry.get("kind")), ()):
                entry.pop(key, None)
            entry = new_request(value) | entry  # the new kind's own fields start on its defaults
            allowed = {c for c, _label in categories_for(value)}
            for item in entry.get("items", []) or []:
                if isinstance(item, dict):
                    item["categories"] = [c for c in item.get("categories", []) if c in allowed]
        else:  # identifier type
            entry = {k: v for k, v in entry.items() if k in ("source", "note")} | NEW_IDENTIFIER[value]
        entry[path[-1]] = value
        self.doc.replace(owner, entry)
        self.changed()

    async def rebuild_entry(self, path: PathT, focus: str | None = None) -> None:
        """Rebuild the innermost list entry holding `path` (or the whole step)."""
        sections = [s for s in self.query(ListSection) if path[: len(s.path)] == s.path]
        if sections:
            section = max(sections, key=lambda s: len(s.path))
            await self.fill_entry(section)
        else:
            await self.show_step(self.step_id, focus=focus, rebuild=True)
            return
        if focus and self.query(f"#{focus}"):
            self.query_one(f"#{focus}").focus()

    # lists -----------------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, ".list-entries")
    async def _entry_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        path = getattr(event.control, "list_path", None)
        # Only the user's own arrowing (in the focused list) changes the entry shown; the
        # highlight a list sets on itself when it is built must not rebuild the form.
        if path is None or self._building or self.app.focused is not event.control:
            return
        key = path_text(path)
        if self.selection.get(key) == event.option_index:
            return
        self.selection[key] = event.option_index
        section = self.query_one(f"#{widget_id(path, 's')}", ListSection)
        await self.fill_entry(section)

    @on(OptionList.OptionSelected, ".list-entries")
    def _entry_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an entry: go and edit it."""
        path = getattr(event.control, "list_path", None)
        if path is None:
            return
        holder = self.query_one(f"#{widget_id(path, 'e')}")
        editors = [w for w in holder.query("*") if w.focusable]
        if editors:
            editors[0].focus()

    @on(Button.Pressed, ".list-add")
    async def _add(self, event: Button.Pressed) -> None:
        path: PathT = event.button.list_path  # type: ignore[attr-defined]
        spec = self.list_spec(path)
        entries = list(self.doc.get(path, []) or [])
        new = spec.new_item()
        if spec.key == "requests":
            used = {e.get("id") for e in entries if isinstance(e, dict)}
            new["id"] = next(f"R{n}" for n in range(1, len(entries) + 2) if f"R{n}" not in used)
        entries.append(new)
        self.doc.replace(path, entries)
        self.selection[path_text(path)] = len(entries) - 1
        self.changed()
        await self.rebuild_list(path, first_field=True)

    @on(Button.Pressed, ".list-remove")
    def _remove(self, event: Button.Pressed) -> None:
        path: PathT = event.button.list_path  # type: ignore[attr-defined]
        index = self.selection.get(path_text(path), 0)
        spec = self.list_spec(path)
        question = _("Remove {noun} {n}? What you typed in it will be lost.").format(
            noun=_(spec.noun), n=index + 1)

        async def answered(yes: bool | None) -> None:
            if not yes:
                return
            entries = list(self.doc.get(path, []) or [])
            if index < len(entries):
                del entries[index]
            self.doc.replace(path, entries)
            self.selection[path_text(path)] = max(0, index - 1)
            self.changed()
            await self.rebuild_list(path)

        self.app.push_screen(ConfirmDialog(question, _("Remove"), _("Keep")), answered)

    def list_spec(self, path: PathT) -> ListSpec:
        return self.query_one(f"#{widget_id(path, 's')}", ListSection).spec

    async def rebuild_list(self, path: PathT, first_field: bool = False) -> None:
        """Replace a list section after an entry was added or removed, keeping the place."""
        old = self.query_one(f"#{widget_id(path, 's')}", ListSection)
        parent = old.parent
        assert isinstance(parent, Widget)
        self._building = True
        try:
            entries = [e if isinstance(e, dict) else {} for e in (self.doc.get(path, []) or [])]
            selected = self.selection.get(path_text(path), 0)
            new = ListSection(old.spec, path, entries, selected, self.entry_widgets)
            position = list(parent.children).index(old)
            await old.remove()
            if position < len(parent.children):
                await parent.mount(new, before=position)
            else:
                await parent.mount(new)
        finally:
            self._building = False
        self._last_focus = {}
        self.refresh_status()
        target: Widget | None = None
        if first_field:
            holder = new.query_one(f"#{widget_id(path, 'e')}")
            editors = [w for w in holder.query("*") if w.focusable]
            target = editors[0] if editors else None
        if target is None:
            found = new.query(f"#{widget_id(path, 'l')}") or new.query(f"#{widget_id(path, 'add')}")
            target = found.first() if found else None
        if target is not None:
            target.focus()
            target.scroll_visible(animate=False)

    # navigation ------------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#steps")
    async def _step_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id in STEP_IDS:
            await self.show_step(event.option.id)

    async def action_next_step(self) -> None:
        i = STEP_IDS.index(self.step_id)
        await self.show_step(STEP_IDS[min(i + 1, len(STEP_IDS) - 1)])

    async def action_previous_step(self) -> None:
        i = STEP_IDS.index(self.step_id)
        await self.show_step(STEP_IDS[max(i - 1, 0)])

    async def action_review(self) -> None:
        await self.show_step("review")

    async def action_render(self) -> None:
        """Render straight away, with the languages and file shown on the review step."""
        if self.step_id != "review":
            await self.show_step("review")
        panel = self.query_one(ReviewPanel)
        panel.query_one("#render-result", Static).update(panel.render_document())
        self.query_one("#render").focus()
        self.query_one("#render-result").scroll_visible(animate=False)
        self.refresh_status()

    def action_focus_steps(self) -> None:
        steps = self.query_one(StepList)
        steps.highlighted = STEP_IDS.index(self.step_id)
        steps.focus()

    @on(ReviewPanel.Jump)
    async def _jump(self, event: ReviewPanel.Jump) -> None:
        await self.jump_to(event.path)

    async def jump_to(self, path_str: str) -> Widget | None:
        """Show the step, list entries and field a case path points at, and focus it."""
        path = parse_path(path_str)
        before = dict(self.selection)
        for i, part in enumerate(path):
            if isinstance(part, int):
                self.selection[path_text(path[:i])] = part
        step = step_for_path(path_str)
        await self.show_step(step, autofocus=False, rebuild=self.selection != before)
        for n in range(len(path), 0, -1):
            head = path[:n]
            inside = [w for w in self.query("*") if w.focusable and (w.id or "").startswith(widget_id(head) + "-")]
            for wid in (widget_id(head), widget_id(head, "l"), widget_id(head, "add")):
                found = self.query(f"#{wid}")
                target = found.first() if found else inside[0] if inside and wid == widget_id(head) else None
                if target is not None:
                    for ancestor in target.ancestors:
                        if isinstance(ancestor, Collapsible):
                            ancestor.collapsed = False
                    target.focus()
                    target.scroll_visible(animate=False, top=True)
                    return target
        return None

    # help ------------------------------------------------------------------------------------
    @on(DescendantFocus)
    def _focused(self, event: DescendantFocus) -> None:
        widget = event.widget
        if self.query(f"#page-{self.step_id}") and widget in self.query_one(f"#page-{self.step_id}").query("*"):
            self._last_focus[self.step_id] = widget
        path = getattr(widget, "field_path", None) or getattr(widget, "list_path", None)
        text = help_for(path) if path else ""
        if not text and is_text_area(widget):
            text = _("Ctrl+O loads the text from a UTF-8 file.")
        box = self.query_one("#help", Static)
        if getattr(box, "_shown", None) != text:
            box._shown = text  # type: ignore[attr-defined]
            box.update(text)
            box.display = bool(text)

    # long text from a file ---------------------------------------------------------------------
    def action_load_text(self) -> None:
        area = self.focused
        if not is_text_area(area) or getattr(area, "field_path", None) is None:
            self.notify(_("Go to a long text field first, then press Ctrl+O."), severity="warning")
            return

        def check(path: Path) -> str | None:
            if not path.is_file():
                return _("No such file: {path}").format(path=path)
            try:
                path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                return _("{path} is not UTF-8 text; save it as UTF-8 and try again.").format(path=path)
            except OSError as e:
                return _("Cannot read {path} ({problem}).").format(path=path, problem=e.strerror)
            return None

        def loaded(path: Path | None) -> None:
            if path is not None:
                area.load_text(path.read_text(encoding="utf-8"))
                area.focus()

        self.app.push_screen(PathDialog(_("Load the text of this field from a UTF-8 file:"),
                                        str(self.doc.path.parent) + "/", check), loaded)
