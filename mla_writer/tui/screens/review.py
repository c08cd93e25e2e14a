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
from ..steps import LANGUAGE_NAMES, LANGUAGE_OPTIONS, place_of

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


def extension_output(doc: CaseDocument, request_id: str) -> Path:
    """Where the extension request of a preservation goes: beside the case file."""
    return doc.path.with_name(f"{doc.path.stem}-{request_id}-extension.docx")


def extendable(doc: CaseDocument) -> list[tuple[int, str, str]]:
    """(index, id, lapse date) of each preservation that can still be extended as of the case's
    date: sent, and not lapsed (render.extension_request says the same, with reasons)."""
    from ...model import PreservationRequest

    if doc.case is None:
        return []
    today = doc.as_of.date
    out = []
    for i, req in enumerate(doc.case.requests):
        expiry = req.effective_expiry() if isinstance(req, PreservationRequest) else None
        if req.sent_on is not None and expiry is not None and expiry >= today:
            out.append((i, req.id, expiry.isoformat()))
    return out


def free_path(path: Path) -> Path:
    """`path`, or the same name with -2, -3... before its suffix, whichever does not exist yet (a
    file sent back by a translator is never written over)."""
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


class ReviewPanel(Vertical):
    class ImportAsked(Message):
        """The user wants a translated XLIFF file read into the case."""

    class Jump(Message):
        """The user picked a problem: show its field."""

        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

    def __init__(self, doc: CaseDocument) -> None:
        super().__init__(id="review")
        doc.ensure_checked()  # the review lists the whole case's problems, as of the last key
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
        for index, request_id, lapses in extendable(self.doc):
            yield Button(_("Extension request for {request} (lapses on {date})").format(request=request_id,
                                                                                      date=lapses),
                         id=f"extend-{index}", classes="extension", compact=True)
        yield Static("", id="render-result", markup=False)
        yield from self._translation()

    def _translation(self) -> ComposeResult:
        """What awaits a translator, per document language, and the file round trip (XLIFF)."""
        case = self.doc.case
        if case is None:
            return
        from ...translation.units import pending_counts

        counts = pending_counts(case)
        if not counts:
            return  # one document language: nothing to translate
        yield Label(_("Translation"), classes="heading")
        yield Static("\n".join(_("{language}: {n} text(s) awaiting a translation").format(
            language=_(LANGUAGE_NAMES.get(lang, lang)), n=n) for lang, n in counts.items()),
            id="pending-translation", markup=False)
        for lang in counts:  # (one per line: side by side, they would not fit 80 columns)
            yield Button(_("Export for translation into {language}").format(
                language=_(LANGUAGE_NAMES.get(lang, lang))), id=f"export-{lang}", classes="export", compact=True)
        yield Button(_("Import translation"), id="import-translation", compact=True)

    @on(Button.Pressed, ".export")
    def _on_export_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        lang = str(event.button.id).removeprefix("export-")
        self.query_one("#render-result", Static).update(self.export_translation(lang))

    @on(Button.Pressed, "#import-translation")
    def _on_import_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.ImportAsked())

    def export_translation(self, lang: str) -> str:
        """Write the texts awaiting a translation into `lang` as an XLIFF file beside the case (as
        `translate export` does), with the memory's translations offered for review."""
        from ... import files
        from ...translation.memory import load_memory
        from ...translation.xliff import build_xliff

        doc = self.doc
        if doc.case is None:
            return _("Fix the wrong values first (listed above): the case cannot be rendered yet.")
        try:
            exported = build_xliff(doc.case, lang, memory=load_memory(), original=doc.path.name)
            out = free_path(doc.path.with_name(f"{doc.path.stem}.{lang}.xlf"))
            files.write_file(out, exported.data)
        except Exception as e:  # shown, never a crash that loses the case
            return _("Could not export: {problem}").format(problem=e)
        message = _("Wrote {path}: {n} text(s) for the translator, {memory} with a translation from memory to "
                    "review.").format(path=out, n=exported.units, memory=exported.from_memory)
        self.app.notify(message)
        return message

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

    @on(Button.Pressed, ".extension")
    def _on_extension_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        index = int(str(event.button.id).removeprefix("extend-"))
        self.query_one("#render-result", Static).update(self.render_extension(index))

    def languages(self) -> list[str]:
        first = self.query_one("#render-lang-1", Select).value
        second = self.query_one("#render-lang-2", Select).value
        return [str(first)] + ([str(second)] if second is not Select.NULL and second != first else [])

    def render_extension(self, index: int) -> str:
        """Write the request to extend preservation `index`, as `render --extension` does."""
        doc = self.doc
        if doc.case is None:
            return _("Fix the wrong values first (listed above): the case cannot be rendered yet.")
        request_id = doc.case.requests[index].id
        out = extension_output(doc, request_id)
        try:
            from ...render import render_extension

            # Asked for here, and asked again after a change: the file is the user's to replace.
            render_extension(doc.case, request_id, out, languages=self.languages(), letter_date=doc.as_of.date,
                             force=True)
        except Exception as e:  # shown, never a crash that loses the case
            return _("Could not render: {problem}").format(problem=e)
        self.app.notify(_("Wrote {path}").format(path=out))
        return _("Wrote {path}. Once it is sent, record the date under Status and history.").format(path=out)

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
        languages = self.languages()
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
                                        templates=None, today=doc.as_of.date, force=True)
            else:
                render_docx(doc.case, out, languages=languages, templates=None, today=doc.as_of.date, force=True)
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
