"""The wizard application and `run_wizard`, the entry point the CLI calls."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from .. import store
from ..asof import clock_today
from ..errors import UsageError
from .crash import CrashGuard, after_run
from .document import CaseDocument
from .i18n import N_, _, set_ui_language
from .screens.dialogs import ChoiceDialog, ConfirmDialog, StartDialog
from .screens.wizard import WizardScreen

THEMES = ("textual-dark", "textual-light")


def data_dir() -> Path:
    """Where the wizard keeps fresh copies of examples, and new cases when the working folder
    cannot be written to."""
    from .. import files

    return files.data_dir() / "cases"


def free_name(folder: Path, stem: str) -> Path:
    """folder/stem.json, or stem-2.json, stem-3.json... whichever does not exist yet."""
    candidate = folder / f"{stem}.json"
    n = 2
    while candidate.exists() or store.autosaves(candidate):
        candidate = folder / f"{stem}-{n}.json"
        n += 1
    return candidate


def copy_example(name: str, folder: Path | None = None) -> Path:
    """A fresh, private copy of a bundled example to work on, under a name not yet taken (the
    bundled file is never edited): in `folder`, by default the user's data folder, so that
    trying an example leaves no file in the working folder (a checkout, say)."""
    if folder is None:
        folder = data_dir()
    from .. import examples  # only when asked for an example: not on the way to the first screen

    folder.mkdir(parents=True, exist_ok=True)
    return examples.copy_example(name, free_name(folder, name))


class WizardApp(CrashGuard):
    CSS_PATH = "wizard.tcss"
    TITLE = "mla-writer"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    ENABLE_COMMAND_PALETTE = False  # its footer entry would push Save and Quit off an 80-column screen
    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), priority=True, id="quit"),
        Binding("ctrl+s", "save", N_("Save"), id="save"),
        Binding("ctrl+t", "toggle_theme", N_("Theme"), id="theme"),
    ]
    # In a browser (`mla-writer serve`), keys the browser keeps for itself (Ctrl+N new window,
    # Ctrl+T new tab, Ctrl+Q quit) never reach the page: those bindings move to function keys.
    BROWSER_KEYS = {"next": "f8", "theme": "f9", "quit": "f10"}

    def __init__(self, doc: CaseDocument | None = None, *, new_case_path: Path | None = None,
                 today: dt.date | None = None, option: dt.date | None = None, autosave_delay: float = 0.5,
                 check_delay: float = 0.3, theme: str = THEMES[0]) -> None:
        """`today`: the clock's date; `option`: --today, the date a new case is checked as of.
        `check_delay`: the pause in typing after which the whole case is checked (0: at every
        change, before the next key is taken; tests use it)."""
        super().__init__()
        self.doc = doc
        self.today = today or clock_today()
        self.option = option
        self.new_case_path = new_case_path or free_name(Path.cwd(), "new-case")
        self.autosave_delay = autosave_delay
        self.check_delay = check_delay
        self.theme = theme
        self.exit_message = ""
        self._autosave_timer: Timer | None = None
        self._autosave_failed = False
        self._quit_refused = False
        self._pending_autosave: Path | None = None

    # start -----------------------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        """The wizard itself when there is nothing to ask first: as Textual's blank first screen
        with the wizard pushed over it, it was one more screen made, styled and switched from."""
        self._pending_autosave = self.doc.pending_autosave() if self.doc is not None else None
        if self.doc is not None and self._pending_autosave is None:
            return WizardScreen(self.doc)
        return super().get_default_screen()

    def on_mount(self) -> None:
        if self.is_web:
            self.update_keymap(self.BROWSER_KEYS)
        self._say_if_read_only()
        if isinstance(self.screen, WizardScreen):
            return  # opened straight on the wizard (get_default_screen)
        if self.doc is None:
            checks = {"new": self._check_new_path, "open": self._try_open, "draft": self._try_open_draft}
            self.push_screen(StartDialog(str(self.new_case_path), checks), self._start)
        else:
            self._ask_about_autosave()

    def _ask_about_autosave(self) -> None:
        """Offer the unsaved work found beside the case (get_default_screen, _opened)."""
        if (auto := self._pending_autosave) is not None and self.doc is not None:
            when = dt.datetime.fromtimestamp(auto.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            self.push_screen(ConfirmDialog(
                _("Unsaved work on {name} from {when} was found. Restore it?").format(
                    name=self.doc.path.name, when=when),
                _("Restore"), _("Discard")), self._restore_answer)

    def _start(self, answer: tuple[str, Path] | None) -> None:
        if answer is None:
            self.exit(0)
        elif answer[0] == "new":
            self._new_case(answer[1])
        else:  # opened by _try_open or _try_open_draft
            assert self.doc is not None
            self._pending_autosave = self.doc.pending_autosave()
            self._say_if_read_only()
            if self._pending_autosave is not None:
                self._ask_about_autosave()
            else:
                self.push_screen(WizardScreen(self.doc))

    def _try_open(self, path: Path) -> str | None:
        """Open the case file at `path` (StartDialog's "Open a case file"): None, or why not."""
        if path.suffix.lower() == ".docx":
            return _("{path} is a Word document: open it with 'Open draft (.docx)'.").format(path=path)
        if not path.is_file():
            return _("There is no case file {path}.").format(path=path)
        try:
            self.doc = open_document(path, option=self.option)
        except (UsageError, FileNotFoundError, store.CaseFileError, json.JSONDecodeError, OSError) as e:
            return str(e)
        return None

    def _try_open_draft(self, path: Path) -> str | None:
        """Take the case out of the Word draft at `path` into a new case file beside it (StartDialog's
        "Open a draft (.docx)"): None, or why not. The draft is only read."""
        if path.suffix.lower() != ".docx":
            return _("A Word draft's name ends in .docx.")
        if not path.is_file():
            return _("There is no Word draft {path}.").format(path=path)
        try:
            self.doc = open_draft(path, option=self.option)
        except (UsageError, FileNotFoundError, OSError) as e:
            return str(e)
        self.notify(_("The draft's case is now the case file {path}; the draft was not changed.").format(
            path=self.doc.path), timeout=10)
        return None

    def _check_new_path(self, path: Path) -> str | None:
        if path.suffix.lower() != ".json":
            return _("A case file name ends in .json.")
        if path.exists():
            return _("{path} already exists: choose another name, or open it with 'Open case'.").format(
                path=path)
        if not path.parent.is_dir():
            return _("The folder {folder} does not exist.").format(folder=path.parent)
        if not os.access(path.parent, os.W_OK):
            return _("You cannot write to {folder}.").format(folder=path.parent)
        return None

    def _new_case(self, path: Path | None) -> None:
        if path is None:
            self.exit(0)
            return
        from ..profiles import list_profiles

        names = list_profiles()
        if not names:
            self._start_case(path, None)
            return
        choices = [("", _("No profile: an empty case"))] + [(name, name) for name in names]
        self.push_screen(ChoiceDialog(_("Start the case from an authority profile (who asks, who signs, the "
                                        "contacts)?"), choices),
                         lambda name: self._start_case(path, name or None))

    def _start_case(self, path: Path, profile: str | None) -> None:
        start = None
        if profile is not None:
            from ..profiles import load_profile, new_case

            try:
                start = new_case(load_profile(profile))
            except UsageError as e:  # a profile damaged or removed meanwhile: an empty case, and why
                self.notify(str(e), severity="error", timeout=10)
        self.doc = CaseDocument.new(path, today=self.today, option=self.option, exclusive=True, start=start)
        self.doc.save()
        self.push_screen(WizardScreen(self.doc))

    def _restore_answer(self, restore: bool | None) -> None:
        assert self.doc is not None
        if restore:
            self.doc.restore_autosave()
        else:
            self.doc.discard_pending()
        self.push_screen(WizardScreen(self.doc))

    # saving ----------------------------------------------------------------------------------
    def schedule_autosave(self) -> None:
        """Write the work in progress soon; typing resets the timer so a burst costs one write."""
        if self.autosave_delay <= 0:
            self.autosave_now()
            return
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(self.autosave_delay, self.autosave_now)

    def autosave_now(self) -> bool:
        """Write the autosave; a failure (folder gone, disk full) is reported, never a crash."""
        if self.doc is None or not self.doc.dirty:
            return True
        try:
            self.doc.autosave()
        except OSError as e:
            if not self._autosave_failed:
                self.notify(_("Cannot autosave beside {path} ({problem}). Your work is still open: "
                              "fix the folder and press Ctrl+S.").format(path=self.doc.path, problem=e.strerror or e),
                            severity="error", timeout=10)
            self._autosave_failed = True
            return False
        self._autosave_failed = False
        return True

    def keep_work(self) -> Path | None:
        """The autosave, written now (after an internal error), or None if nothing is unsaved."""
        if self.doc is None or not self.doc.dirty:
            return None
        return self.doc.autosave()

    def on_unmount(self) -> None:
        """However the app ends (terminal closed, exception), write what the timer had not yet."""
        self.autosave_now()
        if self.doc is not None:
            self.doc.close()

    def action_save(self) -> None:
        if self.doc is None:
            return
        if self.doc.read_only:
            self.autosave_now()
            self.notify(_("This case is read-only: another wizard has {path} open. Your changes are kept in "
                          "{auto}.").format(path=self.doc.path, auto=self.doc.autosave_path),
                        severity="warning", timeout=10)
        elif self.doc.valid:
            try:
                path = self.doc.save()
            except store.SaveConflict as e:
                self._say_conflict(e)
                return
            except OSError as e:
                self.notify(_("Cannot save {path} ({problem}).").format(path=self.doc.path, problem=e.strerror or e),
                            severity="error", timeout=10)
                return
            self.notify(_("Saved {path}").format(path=path))
            self._refresh_status()
        else:
            self.autosave_now()
            self.notify(_("{n} values are wrong (marked ✗), so the case file was not replaced. "
                          "Your work is kept in the autosave.").format(n=len(self.doc.errors)),
                        severity="warning")

    def _refresh_status(self) -> None:
        screen = self.screen
        if isinstance(screen, WizardScreen):
            screen.refresh_status()

    async def action_quit(self) -> None:
        """Quit without losing anything: a valid case is saved, anything else stays in the autosave.

        If neither can be written the wizard stays open and says so; a second Ctrl+Q then quits.
        """
        doc = self.doc
        if doc is None or not doc.dirty or self._quit_refused:
            if doc is not None and not self._quit_refused:
                self.exit_message = _("Case file: {path}").format(path=doc.path)
            self.exit(0)
            return
        try:
            if doc.read_only:
                auto = doc.autosave()
                self.exit_message = _("{path} was open in another wizard, so it was not saved; your changes are "
                                      "kept in {auto} and will be offered when you open it again.").format(
                    path=doc.path, auto=auto)
            elif doc.valid:
                doc.save()
                self.exit_message = _("Saved {path}").format(path=doc.path)
            else:
                auto = doc.autosave()
                self.exit_message = _("{n} values still need fixing; your work is kept in {auto} and "
                                      "will be offered when you open {path} again.").format(
                    n=len(doc.errors), auto=auto, path=doc.path)
        except store.SaveConflict as e:
            self.exit_message = self._conflict_text(e)  # nothing lost: ours is in the conflict copy
        except OSError as e:
            self._quit_refused = True
            self.notify(_("Cannot write {path} ({problem}), so the wizard stays open: make the folder "
                          "writable and quit again, or press Ctrl+Q again to quit without saving.").format(
                path=doc.path, problem=e.strerror or e), severity="error", timeout=15)
            return
        self.exit(0)

    # other editors ---------------------------------------------------------------------------
    def _say_if_read_only(self) -> None:
        holder = self.doc.holder if self.doc is not None else None
        if holder is not None:
            assert self.doc is not None
            self.notify(_("{path} is open in another wizard (process {pid} on {host}, since {since}), so it was "
                          "opened read-only: your changes are kept in {auto}, not saved to the case file.").format(
                path=self.doc.path, pid=holder.pid, host=holder.host, since=holder.since,
                auto=self.doc.autosave_path), severity="warning", timeout=15)

    def _conflict_text(self, e: store.SaveConflict) -> str:
        return _("{path} changed on disk since you opened it (another program or wizard saved it), so it was "
                 "not replaced. Your version is in {kept}: compare the two and keep what you need.").format(
            path=e.path, kept=e.kept)

    def _say_conflict(self, e: store.SaveConflict) -> None:
        self.notify(self._conflict_text(e), severity="error", timeout=20)

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]


def open_document(case_path: Path, today: dt.date | None = None, option: dt.date | None = None) -> CaseDocument:
    """The case the wizard edits, locked for this wizard's session (read-only if another has it).
    `option`: --today."""
    if case_path.exists():
        # The checks of a large case would hold the first screen: the wizard runs them in a worker.
        return CaseDocument.open(case_path, today=today, option=option, exclusive=True, defer_checks=True)
    if not case_path.parent.is_dir():
        raise FileNotFoundError(_("the folder {folder} does not exist").format(folder=case_path.parent))
    doc = CaseDocument.new(case_path, today=today, option=option, exclusive=True)
    doc.save()
    return doc


def open_draft(draft: Path, output: Path | None = None, today: dt.date | None = None,
               option: dt.date | None = None) -> CaseDocument:
    """The case a Word draft carries, as a new case file: `output`, or the draft's name with .json
    beside it (one not yet taken). The draft is only read; the case file is never one that exists.
    Raises UsageError when the draft cannot be read or the case file name cannot be used."""
    # Only for a draft: the renderer is not on the way to the wizard's first screen.
    from ..render.embed import case_from_draft
    from ..render.package import DraftError

    try:
        case = case_from_draft(draft)
    except DraftError as e:  # one line that names the draft and what is wrong with it
        raise UsageError(_("{draft}: {problem}; nothing was written").format(draft=draft, problem=e)) from None
    path = output.expanduser().resolve() if output is not None else free_name(draft.parent, draft.stem)
    if path.suffix.lower() != ".json":
        raise UsageError(_("{path}: a case file name ends in .json.").format(path=path))
    if path.exists():
        raise UsageError(_("{path} already exists: give another case file name with -o.").format(path=path))
    if not path.parent.is_dir():
        raise FileNotFoundError(_("the folder {folder} does not exist").format(folder=path.parent))
    doc = CaseDocument.new(path, today=today, option=option, exclusive=True, start=case)
    doc.save()
    return doc


def run_wizard(case_path: Path | None = None, ui_language: str = "en", example: str | None = None,
               today: dt.date | None = None, output: Path | None = None) -> int:
    """`today`: --today, the date the case is checked as of instead of the clock's or a training
    case's own. `case_path` may be a Word draft (.docx): its case opens as the new case file
    `output` (see open_draft)."""
    set_ui_language(ui_language)
    try:
        if example:
            case_path = copy_example(example)
        if case_path and Path(case_path).suffix.lower() == ".docx":
            doc: CaseDocument | None = open_draft(Path(case_path).expanduser().resolve(), output, option=today)
        elif output is not None:
            raise UsageError(_("-o is for opening a draft (.docx): it names the case file to save its case to."))
        else:
            doc = open_document(Path(case_path).expanduser().resolve(), option=today) if case_path else None
    except (UsageError, FileNotFoundError, store.CaseFileError, json.JSONDecodeError, OSError) as e:
        print(_("error: {problem}").format(problem=e), file=sys.stderr)
        return 2
    folder = Path.cwd() if os.access(Path.cwd(), os.W_OK) else data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    app = WizardApp(doc, new_case_path=free_name(folder, "new-case"), option=today)
    code = app.run()
    if app.exit_message:
        print(app.exit_message)
    return after_run(app, code)
