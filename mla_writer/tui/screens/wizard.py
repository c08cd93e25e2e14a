"""The wizard: steps in a sidebar, the step's form, and help for the focused field.

The screen owns the case's changes: the forms post what the user did (`FieldEdited`,
`ShapeChosen`, a list's `Added`/`RemoveAsked`/`Shown`) and the screen applies it, then redraws
what changed. It also owns the registry from widgets to the fields they edit.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus
from textual.timer import Timer
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.worker import Worker, WorkerState

from .. import editing
from ..document import CaseDocument, Checked, PathT, path_text
from ..help import help_for
from ..i18n import N_, _
from ..steps import LANGUAGE_NAMES, STEP_IDS, STEPS
from ..text_file import check_text_file, read_text_file
from ..widgets.footer import KeyBar
from ..widgets.form import FieldEdited, ShapeChosen
from ..widgets.lists import ListSection
from ..widgets.step_list import StepList
from ..widgets.title_bar import TitleBar
from .dialogs import ConfirmDialog, PathDialog
from .pages import PagedScreen, width_classes
from .review import ReviewPanel

LANGUAGE_KEYS = ("drafting_language", "languages")  # their change relabels every translation row
CHECKS = "checks"  # the worker group of the whole-case checks


class WizardScreen(PagedScreen):
    # The first field of the step takes the focus once the page is built; focusing the step list
    # first would hide the (empty) help pane and widen, then narrow again, every row of the form.
    AUTO_FOCUS = ""  # (None would mean the app's default, the first focusable widget)
    BINDINGS = [
        Binding("ctrl+n", "next_step", N_("Next"), id="next"),
        Binding("ctrl+b", "previous_step", N_("Back"), id="back"),
        Binding("ctrl+l", "focus_steps", N_("Steps"), id="steps"),
        Binding("ctrl+r", "review", N_("Review"), id="review"),
        Binding("ctrl+g", "render", N_("Render"), id="render"),
        # shown in the help of each long text field instead: the footer has no room at 80 columns
        Binding("ctrl+o", "load_text", N_("Load text file"), show=False, id="load-text"),
    ]

    def __init__(self, doc: CaseDocument) -> None:
        super().__init__(doc, id="wizard")
        self._check_timer: Timer | None = None
        self._checking: Worker | None = None  # the whole-case checks running, if any

    def compose(self) -> ComposeResult:
        # The width class (-narrow, -wide) Textual adds at the first resize, added now: added
        # then, it restyles every widget on the screen a second time.
        self.update_classes(width_classes(self.app.size.width, self.app.HORIZONTAL_BREAKPOINTS or []), update=False)
        yield TitleBar(icon="§")
        with Horizontal(id="body"):
            yield StepList(STEPS)
            with Vertical(id="main"):
                yield Static("", id="step-title", markup=False)
                yield Static("", id="as-of", markup=False)  # a training case's date, or --today
                yield Static("", id="step-problems", markup=False)
                yield ContentSwitcher(id="form")
                yield Static("", id="help", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.doc.path.name
        # A key pressed while the screen was being drawn (Ctrl+L to the step list) keeps the
        # focus it gave: the first field takes it only if nothing has it yet.
        self.call_after_refresh(self._show_first_step)

    async def _show_first_step(self) -> None:
        if not self.pages:  # (unless a key already asked for a step)
            await self.show_step(self.step_id, autofocus=self.focused is None)
        # A case opened without its checks (CaseDocument.open, defer_checks) is checked once the
        # step is drawn: started now, the worker would share the interpreter with the drawing.
        self.call_after_refresh(self.check_now)

    # editing ---------------------------------------------------------------------------------
    def changed(self, path: PathT | None = None) -> None:
        """After a change: autosave soon; show what is known now. A key press in a field (`path`)
        has only that field validated: the whole case is checked once typing pauses."""
        self.app.schedule_autosave()  # type: ignore[attr-defined]
        if path is not None and self.doc.stale:
            self.refresh_field(path)
            self.schedule_checks()
        else:
            self.refresh_status()

    def schedule_checks(self) -> None:
        """Check the whole case once typing pauses: each key press starts the wait again."""
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(self.app.check_delay, self.check_now)  # type: ignore[attr-defined]

    def check_now(self) -> None:
        """Validate and check the whole case off the UI thread; _checked applies the results."""
        if self._check_timer is not None:
            self._check_timer.stop()
            self._check_timer = None
        if not self.doc.stale or self._checking is not None:
            return  # (a run still going: when it ends, a case changed since is checked again)
        generation, data, as_of, case = self.doc.snapshot()
        # (A description of its own: Textual's default is the repr of the work, here of the whole case.)
        self._checking = self.run_worker(partial(CaseDocument.compute, data, as_of, case), name=str(generation),
                                         group=CHECKS, description=CHECKS, thread=True, exit_on_error=True)

    @on(Worker.StateChanged)
    def _checked(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker is not self._checking or not worker.is_finished:
            return
        self._checking = None
        # Results for an older state of the case are dropped, and the case as it is now checked.
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, Checked) \
                and self.doc.apply(int(worker.name), worker.result):
            self.refresh_status()
        elif self.doc.stale:
            self.schedule_checks()

    @on(FieldEdited)
    async def _edited(self, event: FieldEdited) -> None:
        if event.path == ("drafting_language",) and isinstance(event.value, str):
            if editing.change_drafting_language(self.doc, event.value):
                self.notify(_("Texts translated into the new drafting language now have that translation as "
                              "their original; the old text is kept as a translation."))
        elif not self.doc.set(event.path, event.value,
                              whole=event.path[0] in LANGUAGE_KEYS or self.app.check_delay <= 0):  # type: ignore[attr-defined]
            return
        self.changed(event.path)
        if event.path[0] in LANGUAGE_KEYS:  # translation rows come, go and change language
            await self.drop_pages()
            await self.show_step(self.step_id, focus=event.path)

    @on(ShapeChosen)
    async def _shape(self, event: ShapeChosen) -> None:
        editing.change_shape(self.doc, event.path, event.value)
        self.changed()
        await self.rebuild_lists(event.path[:-1], focus=event.path)

    @on(ListSection.Added)
    async def _add(self, event: ListSection.Added) -> None:
        section = self.registry.section_at(event.path)
        if section is None:
            return
        index, copied = editing.add_entry(self.doc, section.spec, event.path, section.selected)
        self.selection[path_text(event.path)] = index
        self.changed()
        if copied:
            self.notify(_("Addressee and provider copied from request {label}: change them if this one goes "
                          "elsewhere.").format(label=copied))
        new = await self.rebuild_lists(event.path + (index,))
        first = new.first_field() if new is not None else None
        if first is not None:
            self.focus_on(first)

    @on(ListSection.RemoveAsked)
    def _remove(self, event: ListSection.RemoveAsked) -> None:
        section = self.registry.section_at(event.path)
        if section is None:
            return
        question = _("Remove {noun} {n}? What you typed in it will be lost.").format(noun=_(section.spec.noun),
                                                                                     n=event.index + 1)

        async def answered(yes: bool | None) -> None:
            if yes:
                editing.remove_entry(self.doc, event.path, event.index)
                self.selection[path_text(event.path)] = max(0, event.index - 1)
                self.changed()
                new = await self.rebuild_lists(event.path + (0,))
                if new is not None:
                    self.focus_on(new.controls[0])

        self.app.push_screen(ConfirmDialog(question, _("Remove"), _("Keep")), answered)

    @on(ListSection.Shown)
    async def _entry_shown(self, event: ListSection.Shown) -> None:
        self.selection[path_text(event.section.path)] = event.index
        page = self.current_page()
        if page is not None:
            await page.fill_entry(event.section)
            self.refresh_status()

    async def rebuild_lists(self, path: PathT, focus: PathT | None = None) -> ListSection | None:
        """Rebuild the innermost list holding `path` (or the whole step); the new section."""
        page = self.current_page()
        lists = [path[:n] for n in range(len(path), 0, -1) if isinstance(path[n - 1], int)]
        new = await page.rebuild_list(lists[0][:-1]) if page is not None and lists else None
        if new is None:
            await self.show_step(self.step_id, focus=focus, rebuild=True)
        else:
            self.refresh_status()
            row = self.registry.row_at(focus) if focus is not None else None
            if row is not None:
                self.focus_on(row.editor)
        return new

    # navigation ------------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#steps")
    async def _step_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id in STEP_IDS:
            await self.show_step(event.option.id)

    async def action_next_step(self) -> None:
        await self.show_step(STEP_IDS[min(STEP_IDS.index(self.step_id) + 1, len(STEP_IDS) - 1)])

    async def action_previous_step(self) -> None:
        await self.show_step(STEP_IDS[max(STEP_IDS.index(self.step_id) - 1, 0)])

    async def action_review(self) -> None:
        await self.show_step("review")

    async def action_render(self) -> None:
        """Render straight away, with the languages and file shown on the review step."""
        if self.step_id != "review":
            await self.show_step("review")
        panel = self.query_one(ReviewPanel)
        panel.query_one("#render-result", Static).update(panel.render_document())
        self.focus_on(panel.query_one("#render"))
        self.refresh_status()

    def action_focus_steps(self) -> None:
        steps = self.query_one(StepList)
        steps.highlighted = STEP_IDS.index(self.step_id)
        steps.focus()

    # translation -----------------------------------------------------------------------------
    @on(ReviewPanel.ImportAsked)
    def _import_asked(self) -> None:
        folder = self.doc.path.parent
        confine = folder if self.app.is_web else None

        def check(path: Path) -> str | None:
            if confine is not None and confine.resolve() not in path.resolve().parents:
                return _("In the browser, only files in the case's folder ({folder}) can be loaded.").format(
                    folder=confine)
            if not path.is_file():
                return _("No such file: {path}").format(path=path)
            if path.suffix.lower() not in (".xlf", ".xliff"):
                return _("A translation file ends in .xlf or .xliff.")
            return None

        self.app.push_screen(PathDialog(_("Import the translations of this XLIFF file:"), str(folder) + "/",
                                        check), self.import_translation)

    async def import_translation(self, path: Path | None) -> None:
        """Read a translated XLIFF file into the case being edited (unsaved changes included), as
        `translate import` does; a file that does not belong to the case changes nothing."""
        if path is None:
            return
        from ...translation.importing import apply
        from ...translation.xliff import read_xliff
        from ...translation.xmlfile import TranslationFileError

        self.doc.ensure_checked()
        if self.doc.case is None:
            self.notify(_("Fix the wrong values first (listed above): the case cannot be rendered yet."),
                        severity="warning")
            return
        try:
            case, report = apply(self.doc.case, read_xliff(path.read_bytes(), path), path)
        except (TranslationFileError, OSError) as e:
            self.notify(str(e), severity="error", timeout=15)
            return
        if report.imported:
            self.doc.replace_all(json.loads(case.model_dump_json()))
            self.changed()
            await self.drop_pages()  # translation rows show what came in
            await self.show_step("review")
        self.notify(_("{n} translation(s) imported into {language}; {pending} still awaiting, {kept} of yours "
                      "kept.").format(n=len(report.imported), language=_(LANGUAGE_NAMES.get(report.language,
                                                                                            report.language)),
                                      pending=len(report.pending), kept=len(report.kept)), timeout=10)

    # help and focus --------------------------------------------------------------------------
    @on(ReviewPanel.Jump)
    async def _jump(self, event: ReviewPanel.Jump) -> None:
        await self.jump_to(event.path)

    @on(DescendantFocus)
    def _focused(self, event: DescendantFocus) -> None:
        widget = event.widget
        path = self.registry.path_of(widget)
        if self.jumped is not None and self.focused is not self.jumped.editor:  # (not a late, older event)
            self.jumped.mark(False)
            self.jumped = None
        page = self.pages.get(self.step_id)
        if page is not None and page in widget.ancestors:
            self.last_focus[self.step_id] = (widget, path)
        text = help_for(path) if path else ""
        row = self.registry.row_for(widget)
        if not text and row is not None and row.field.kind == "long":
            text = _("Ctrl+O loads the text from a UTF-8 file.")
        if self.show_text("#help", text) and page is not None and page in widget.ancestors:
            self.call_after_refresh(widget.scroll_visible, animate=False)  # the help box took room from the page

    def action_load_text(self) -> None:
        row = self.registry.row_for(self.focused)
        if row is None or row.field.kind != "long":
            self.notify(_("Go to a long text field first, then press Ctrl+O."), severity="warning")
            return
        folder = self.doc.path.parent
        confine = folder if self.app.is_web else None

        def loaded(path: Path | None) -> None:
            if path is not None:
                row.editor.load_text(read_text_file(path))  # type: ignore[attr-defined]
                row.editor.focus()

        self.app.push_screen(PathDialog(_("Load the text of this field from a UTF-8 file:"), str(folder) + "/",
                                        lambda path: check_text_file(path, confine)), loaded)
