"""The review step: every problem grouped by severity (select one to go to its field), and render."""

from __future__ import annotations

import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from ..document import CaseDocument
from ..i18n import N_, _, ui_language
from ..steps import LANGUAGE_OPTIONS, place_of

SEVERITY_TITLES = {
    "invalid": N_("Wrong values (fix these to save)"),
    "error": N_("Errors"),
    "warning": N_("Warnings"),
    "advice": N_("Advice"),
}


def problems(doc: CaseDocument) -> list[tuple[str, str, str]]:
    """(severity, path, message) for every problem, wrong values first, then findings by severity."""
    out = [("invalid", path, msg) for path, msgs in sorted(doc.errors.items()) for msg in msgs]
    out += [(f.severity, f.path, f"{f.message_in(ui_language())} [{f.code}]") for f in doc.findings]
    return out


def default_output(doc: CaseDocument) -> Path:
    return Path(doc.path.with_suffix(".docx").name)  # beside the case file


class ReviewPanel(Vertical):
    class Jump(Message):
        """The user picked a problem: show its field."""

        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

    def __init__(self, doc: CaseDocument) -> None:
        super().__init__(id="review")
        self.doc = doc
        self.items = problems(doc)

    def compose(self) -> ComposeResult:
        counts = {s: sum(1 for sev, _p, _m in self.items if sev == s) for s in SEVERITY_TITLES}
        if not self.items:
            summary = _("No problems found. Render the document below.")
        else:
            summary = _("{invalid} wrong values, {error} errors, {warning} warnings, {advice} advice. "
                        "Select one (Enter) to go to its field.").format(**counts)
        yield Static(summary, id="review-summary", markup=False)
        if self.items:
            options: list[Option | None] = []
            for sev, title in SEVERITY_TITLES.items():
                group = [(i, p, m) for i, (s, p, m) in enumerate(self.items) if s == sev]
                if not group:
                    continue
                options.append(Option(f"{_(title)} ({len(group)})", id=f"h-{sev}", disabled=True))
                options += [Option(f"  {place_of(p)}: {m}", id=f"p{i}") for i, p, m in group]
            findings = OptionList(*options, id="findings")
            # the first problem is highlighted from the start, not once the list has the focus
            findings.highlighted = next(i for i, o in enumerate(options) if o is not None and not o.disabled)
            yield findings
        yield Label(_("Render the request"), classes="heading")
        langs = [(_(label), code) for code, label in LANGUAGE_OPTIONS]
        chosen = list(self.doc.get(("languages",), []) or ["en"])
        with Horizontal(id="render-languages"):
            yield Select(langs, value=chosen[0] if chosen[0] in dict(LANGUAGE_OPTIONS) else "en",
                         allow_blank=False, id="render-lang-1", compact=True)
            second = chosen[1] if len(chosen) > 1 and chosen[1] in dict(LANGUAGE_OPTIONS) else Select.NULL
            yield Select(langs, value=second, allow_blank=True, prompt=_("(one language)"),
                         id="render-lang-2", compact=True)
        yield Label(_("Write the Word document to"), classes="field-label")
        yield Input(str(default_output(self.doc)), id="render-out", compact=True)
        yield Button(_("Render"), id="render", variant="primary", compact=True)
        yield Static("", id="render-result", markup=False)

    @on(OptionList.OptionSelected, "#findings")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id or ""
        if oid.startswith("p"):
            self.post_message(self.Jump(self.items[int(oid[1:])][1]))

    @on(Button.Pressed, "#render")
    @on(Input.Submitted, "#render-out")
    def _on_render_pressed(self) -> None:
        result = self.query_one("#render-result", Static)
        result.update(self.render_document())

    def render_document(self) -> str:
        """Save the case, write the document (or the package), and say where it went (or why it
        could not).

        A name ending in .docx gets the one request document when every request goes to one
        addressee through one channel, as before; when they go to several, each has a document of
        its own, so the package (request documents and review sheet) is written into the folder
        of that name without .docx. A name ending in / (or an existing folder) always gets the
        package."""
        doc = self.doc
        if doc.case is None:
            return _("Fix the wrong values first (listed above): the case cannot be rendered yet.")
        first = self.query_one("#render-lang-1", Select).value
        second = self.query_one("#render-lang-2", Select).value
        languages = [str(first)] + ([str(second)] if second is not Select.NULL and second != first else [])
        typed = self.query_one("#render-out", Input).value.strip()
        out = Path(typed or default_output(doc)).expanduser()
        if not out.is_absolute():
            out = doc.path.parent / out
        folder_named = typed.endswith(("/", os.sep)) or out.is_dir()
        if not folder_named and out.suffix.lower() != ".docx":
            return _("The file name must end in .docx, or be a folder (ending in /) for one document per "
                     "addressee and the review sheet.")
        if not out.parent.is_dir():
            return _("The folder {folder} does not exist.").format(folder=out.parent)
        try:
            from ...render import document_groups, render_docx, write_package
        except ImportError:
            return _("The document renderer is not available in this installation.")
        folder = out if folder_named else out.with_suffix("")
        written: list[Path] = []
        try:
            several = len(document_groups(doc.case)) > 1
            doc.save()  # may be refused: read-only, or changed on disk (store.SaveConflict)
            # The user named this output here and renders it again after each change.
            if folder_named or several:
                written = write_package(doc.case, folder, languages=languages, findings=doc.findings,
                                        templates=None, today=doc.today, force=True)
            else:
                render_docx(doc.case, out, languages=languages, templates=None, today=doc.today, force=True)
        except Exception as e:  # a render problem is shown, never a crash that loses the case
            return _("Could not render: {problem}").format(problem=e)
        files = ", ".join(p.name for p in written)
        if folder_named:
            message = _("Wrote into {folder}: {files}").format(folder=folder, files=files)
        elif several:
            message = _("The requests go to more than one addressee: one document for each. "
                        "Wrote into {folder}: {files}").format(folder=folder, files=files)
        else:
            message = _("Wrote {path}").format(path=out)
        self.app.notify(message)
        return message
