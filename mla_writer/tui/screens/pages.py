"""A screen of step pages: each built once from its step's description and kept, the registry
from widgets to the fields they edit, and where the focus goes when a page is shown again."""

from __future__ import annotations

import asyncio
import weakref
from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Collapsible, ContentSwitcher, Static

from ..collector import resume_collector
from ..document import CaseDocument, PathT, parse_path, path_text
from ..i18n import _, ui_language
from ..registry import FieldRegistry
from ..status import UNCHECKED, as_of_note, step_marks, unplaced_problems
from ..steps import STEP_IDS, STEPS, step_by_id, step_for_path
from ..widgets.fields import FieldRow
from ..widgets.form import StepPage
from ..widgets.lists import ListSection
from ..widgets.step_list import StepList
from .review import ReviewPanel

if TYPE_CHECKING:
    from ...checks.engine import Finding


def width_classes(width: int, breakpoints: list[tuple[int, str]]) -> dict[str, bool]:
    """Which of the breakpoint classes apply at this width, as Textual chooses them: the one with
    the largest minimum width the screen reaches."""
    reached = [(minimum, name) for minimum, name in breakpoints if width >= minimum]
    chosen = max(reached)[1] if reached else None
    return {name: name == chosen for _minimum, name in breakpoints}


class PagedScreen(Screen):
    def __init__(self, doc: CaseDocument, id: str) -> None:
        super().__init__(id=id)
        self.doc = doc
        self.step_id = STEP_IDS[0]
        self.selection: dict[str, int] = {}  # list path -> entry shown
        self.registry = FieldRegistry()
        self.pages: dict[str, VerticalScroll] = {}
        self.last_focus: dict[str, tuple[Widget, PathT | None]] = {}  # step -> where the user left it
        self.jumped: FieldRow | None = None  # the row a finding led to, highlighted until left
        self.shown_text: dict[str, str] = {}
        self.showing = asyncio.Lock()
        self._marks: dict[str, tuple[str, int]] = {}  # step -> its mark and count (status.step_marks)
        self._marks_for: tuple[int, int] | None = None  # the document's state they were worked out for
        self._prompted: weakref.WeakKeyDictionary[ListSection, int] = weakref.WeakKeyDictionary()

    # steps -----------------------------------------------------------------------------------
    async def show_step(self, step_id: str, focus: PathT | None = None, autofocus: bool = True,
                        rebuild: bool = False) -> None:
        """Show a step's page. Pages are built once and kept (building one takes a moment), and
        rebuilt only when their shape changed; the review page is always made afresh."""
        async with self.showing:  # a key may ask for a step while another is being built
            await self._show_step(step_id, focus, autofocus, rebuild)

    async def _show_step(self, step_id: str, focus: PathT | None, autofocus: bool, rebuild: bool) -> None:
        self.step_id = step_id
        step = step_by_id(step_id)
        self.query_one("#step-title", Static).update(f"{STEP_IDS.index(step_id) + 1}/{len(STEPS)}  {_(step.title)}")
        self.show_text("#as-of", as_of_note(self.doc))
        if step_id in self.pages and (rebuild or step_id == "review"):
            await self.drop_pages(step_id)
        if step_id not in self.pages:
            page = (VerticalScroll(ReviewPanel(self.doc), id="page-review", classes="page") if step_id == "review"
                    else StepPage(step, self.doc, self.registry, self.selection))
            self.pages[step_id] = page
            await self.query_one("#form", ContentSwitcher).mount(page)  # the page and its fields in one pass
        page = self.pages[step_id]
        self.query_one("#form", ContentSwitcher).current = page.id
        self.refresh_status()
        resume_collector()  # the first step is up: start-up is over
        page.scroll_home(animate=False)
        if autofocus:
            self.focus_on(self.focus_target(step_id, focus) or self.query_one(StepList))

    def focus_target(self, step_id: str, path: PathT | None) -> Widget | None:
        """The path asked for; else where the user left this step; else its first field (an empty
        list's Add button is left to Tab, from the step list, so that Tab then Enter presses it)."""
        page = self.pages[step_id]
        widget, last = self.last_focus.get(step_id, (None, None))
        if path is None and widget is not None and widget.is_attached and page in widget.ancestors:
            return widget
        for want in (path, last):
            row = self.registry.row_at(want) if want is not None else None
            if row is not None and row.editor.is_attached:
                return row.editor
            section = self.registry.section_at(want) if want is not None else None
            if section is not None and section.is_attached:
                return section.controls[0]
        first = next((w for w in page.query("*") if w.focusable), None)
        return None if isinstance(first, Button) else first

    def focus_on(self, widget: Widget) -> None:
        for ancestor in widget.ancestors:
            if isinstance(ancestor, Collapsible):
                ancestor.collapsed = False
        widget.focus()
        widget.scroll_visible(animate=False)
        self.call_after_refresh(widget.scroll_visible, animate=False)  # once a new page is laid out

    async def drop_pages(self, *step_ids: str) -> None:
        """Forget built pages (all of them if none is named)."""
        for step_id in step_ids or tuple(self.pages):
            page = self.pages.pop(step_id, None)
            if page is not None:
                self.registry.forget([page, *page.query("*")])
                await page.remove()

    def current_page(self) -> StepPage | None:
        page = self.pages.get(self.step_id)
        return page if isinstance(page, StepPage) else None

    # status ----------------------------------------------------------------------------------
    def refresh_field(self, path: PathT) -> None:
        """After a key press: what the model says about that field, and the unsaved mark. (The
        rest waits for the whole case's checks: refresh_status.)"""
        row = self.registry.row_at(path)
        if row is not None:
            key = path_text(path)
            notes: list[tuple[str, str]] = [(f.severity, f.message_in(ui_language()))
                                            for f in self.doc.findings if f.path == key]
            row.show_problems(self.doc.errors.get(key, []), notes)
        self.sub_title = self.doc.path.name + (" •" if self.doc.dirty else "")

    def refresh_status(self) -> None:
        steps = self.query_one(StepList)
        # The marks and the entries' names change only with the case: on a case with thousands of
        # identifiers, working them out again on every step shown would take seconds.
        state = (self.doc.generation, self.doc.checked)
        if self._marks_for != state:
            # A case opened with its checks left to a worker shows no marks until they are in:
            # they would count only what is missing, and that takes a while on a large case.
            self._marks = step_marks(self.doc) if self.doc.checked >= 0 else {s.id: (UNCHECKED, 0) for s in STEPS}
            self._marks_for = state
        for step in STEPS:
            steps.show(step.id, *self._marks[step.id], step.id == self.step_id)
        shown: set[str] = set()
        by_path: dict[str, list[Finding]] = {}
        for f in self.doc.findings:
            by_path.setdefault(f.path, []).append(f)
        for row in self.registry.rows():
            key = path_text(row.path)
            shown.add(key)
            # (only the findings of the fields on screen are worded: a large case has thousands)
            notes = [(str(f.severity), f.message_in(ui_language())) for f in by_path.get(key, [])]
            row.show_problems(self.doc.errors.get(key, []), notes)
        for section in self.registry.sections():
            if self._prompted.get(section) != self.doc.generation:
                section.refresh_prompts([e if isinstance(e, dict) else {} for e in (self.doc.get(section.path, []) or [])])
                self._prompted[section] = self.doc.generation
            shown.add(path_text(section.path))
        self.show_text("#step-problems", "\n".join(unplaced_problems(self.doc, step_by_id(self.step_id), shown)))
        self.title, self.sub_title = _("MLA request writer"), self.doc.path.name + (" •" if self.doc.dirty else "")

    async def jump_to(self, path_str: str) -> Widget | None:
        """Show the step, list entries and field a case path points at; focus, show and mark it."""
        path = parse_path(path_str)
        wanted = {path_text(path[:i]): part for i, part in enumerate(path) if isinstance(part, int)}
        rebuild = any(self.selection.get(k) != v for k, v in wanted.items())
        self.selection.update(wanted)
        await self.show_step(step_for_path(path_str), autofocus=False, rebuild=rebuild)
        for n in range(len(path), 0, -1):
            row = self.registry.row_at(path[:n]) or next(
                (r for r in self.registry.rows() if r.path[:n] == path[:n] and r.editor.is_attached), None)
            section = self.registry.section_at(path[:n])
            target = row.editor if row is not None else section.controls[0] if section is not None else None
            if target is not None:
                self.focus_on(target)
                if row is not None:
                    row.mark(True)
                    self.jumped = row
                return target
        return None

    def show_text(self, selector: str, text: str) -> bool:
        """Say `text` in the help or problems box, hidden when empty (and left alone when unchanged:
        this runs on every key press). Whether it changed."""
        if self.shown_text.get(selector) == text:
            return False
        self.shown_text[selector] = text
        box = self.query_one(selector, Static)
        box.update(text)
        box.display = bool(text)
        return True
