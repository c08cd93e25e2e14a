"""What happens when the wizard meets an error it did not expect: nothing typed is lost, and no
traceback (whose local variables hold the case: names, addresses) reaches the terminal.

The case is autosaved, the wizard closes, a dialog gives a one-line reason and where the work is,
and the process ends with EXIT_INTERNAL. `MLA_WRITER_DEBUG=1` (or `--traceback`) lets Textual report the
error as it does by default, traceback and all, for a developer.

Textual has no public hook for an unhandled exception, so `CrashGuard` overrides the one it
calls, `App._handle_exception`, to keep the work while the app is still whole: the only use of a
Textual internal in the wizard, kept here, with a guard test (tests/tui/test_crash.py) that fails
if Textual stops calling it. Should it stop, the public fallback still holds: the app's error
console is silent outside debug mode, the autosave is written when the app unmounts, and
`after_run` sees the return code, writes the autosave again and shows the dialog.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Static

from ..errors import EXIT_INTERNAL, debugging
from .i18n import _

REASON_CHARS = 200


def one_line(error: BaseException) -> str:
    """The error's kind and message on one short line."""
    text = " ".join(f"{type(error).__name__}: {error}".split())
    return text if len(text) <= REASON_CHARS else text[: REASON_CHARS - 1] + "…"


class CrashReport(App[None]):
    """The dialog shown once the wizard has closed on an internal error: why, in one line, and
    where the work is. A small app of its own: the screen that met the error no longer answers."""

    CSS = """
    Screen { align: center middle; }
    #crash { width: 72; max-width: 95%; height: auto; border: thick $error; padding: 1 2; }
    #crash > Static { margin-bottom: 1; }
    """

    def __init__(self, reason: str, kept: str) -> None:
        super().__init__()
        self.reason, self.kept = reason, kept

    def compose(self) -> ComposeResult:
        with Vertical(id="crash"):
            yield Static(_("The wizard met an internal error and had to close."), markup=False)
            yield Static(self.reason, id="crash-reason", markup=False)
            yield Static(self.kept, id="crash-kept", markup=False)
            yield Button(_("Close"), id="close", variant="error", compact=True)

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self) -> None:
        self.exit()


def show_report(reason: str, kept: str) -> None:
    CrashReport(reason, kept).run()


class CrashGuard(App[int]):
    """An app that keeps the work when an unhandled exception ends it, and prints no traceback."""

    def __init__(self) -> None:
        super().__init__()
        self.crashed: str | None = None  # the one-line reason, once an internal error happened
        self.kept_message = ""  # where the work is
        if not debugging():
            # Textual prints a fatal error's traceback, locals included, on this console.
            self.error_console = Console(file=io.StringIO(), stderr=True)

    def keep_work(self) -> Path | None:
        """Write what is open to disk; where it went (None: nothing to keep). Overridden."""
        return None

    def describe_kept(self) -> str:
        try:
            where = self.keep_work()
        except Exception as e:  # the disk failed too: say so
            return _("Your work could not be saved ({problem}).").format(problem=one_line(e))
        if where is None:
            return _("Nothing was lost: the case file is up to date.")
        return _("Your work is kept in {path}; it is offered when you open the case again.").format(path=where)

    def _handle_exception(self, error: Exception) -> None:  # Textual's hook: see the module's doc
        if not self.is_running:
            # The app is closing: a widget closed half-way through being mounted can fail (Textual's
            # Select does), and there is nothing left to lose or to report.
            return
        if self.crashed is None and not debugging():
            self.crashed = one_line(error)
            self.kept_message = self.describe_kept()
        super()._handle_exception(error)  # Textual closes the app (its traceback goes nowhere)


def after_run(app: CrashGuard, code: int | None,
              report: Callable[[str, str], None] = show_report) -> int:
    """The exit code of a wizard that has ended. After an internal error (caught by the guard,
    or, should Textual stop calling it, seen in the app's return code) the dialog is shown and
    one line printed on the terminal."""
    if app.crashed is None and app.return_code in (None, 0):
        return code or 0
    if not debugging():
        if app.crashed is None:
            app.crashed, app.kept_message = _("an error Textual reported"), app.describe_kept()
        try:
            report(app.crashed, app.kept_message)
        except Exception:  # the terminal went away: the line below still says it
            pass
        print(_("The wizard stopped on an internal error. {kept} Set MLA_WRITER_DEBUG=1 to see the details.").format(
            kept=app.kept_message), file=sys.stderr)
    return EXIT_INTERNAL
