"""Command line. Argument parsing only: each command imports what it needs when it runs, so
`mla-writer --version` stays fast and only `wizard`/`serve` ever import Textual."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from . import __version__
from .errors import (
    DEBUG_VARIABLE,
    EXIT_BROKEN_PIPE,
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    CaseFileError,
    UsageError,
    debugging,
)

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing alone costs `--version` a third
if TYPE_CHECKING:  # imported where used: `--version` starts before argparse, json or pathlib load
    import argparse
    import datetime as dt
    from pathlib import Path
    from typing import NoReturn

    from .asof import AsOf
    from .checks import Finding
    from .model import Case


def _languages(value: str) -> list[str]:
    import argparse

    from .labels import LANGUAGES

    langs = [x.strip().lower() for x in value.split(",") if x.strip()]
    bad = [x for x in langs if x not in LANGUAGES]
    if bad or not 1 <= len(langs) <= 2 or len(set(langs)) != len(langs):
        raise argparse.ArgumentTypeError(
            f"'{value}': give one or two different languages from {','.join(LANGUAGES)}, e.g. en,fr"
        )
    return langs


def _ui_language_option(value: str) -> str:
    """--ui-language: the wizard's language (checked here rather than with `choices`, so that
    building the parser does not load the model the list comes from)."""
    import argparse

    from .labels import RTL_LANGUAGES, UI_LANGUAGES

    lang = value.strip().lower()
    if lang in RTL_LANGUAGES:
        raise argparse.ArgumentTypeError(f"'{value}': the wizard cannot show right-to-left text; give one of "
                                         f"{','.join(UI_LANGUAGES)} (documents can still be in {value})")
    if lang not in UI_LANGUAGES:
        raise argparse.ArgumentTypeError(f"'{value}': give one of {','.join(UI_LANGUAGES)}, e.g. fr")
    return lang


def _message_language(value: str) -> str:
    """--language: the language findings and rules are worded in."""
    import argparse

    from .labels import LANGUAGES

    lang = value.strip().lower()
    if lang not in LANGUAGES:
        raise argparse.ArgumentTypeError(f"'{value}': give one of {','.join(LANGUAGES)}, e.g. fr")
    return lang


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only``, just that command's part (all a run of that
    command needs: building every command's parser costs more than a `check` itself)."""
    import argparse
    from pathlib import Path

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            """One line, like every other problem, instead of argparse's usage block."""
            _error(f"{message} (see '{self.prog} --help')")
            sys.exit(EXIT_INPUT)

    # Given before or after the command; SUPPRESS keeps a command's absent option from hiding
    # the same option given before the command.
    common = Parser(add_help=False)
    common.add_argument("--traceback", action="store_true", default=argparse.SUPPRESS,
                        help="on an error, also print the full traceback (for developers; "
                             "MLA_WRITER_DEBUG=1 does the same)")
    ui_language = Parser(add_help=False)
    ui_language.add_argument("--ui-language", type=_ui_language_option, default=argparse.SUPPRESS,
                             help="the wizard's language: one of en,es,fr,ru,zh (default: en)")
    p = Parser(
        prog="mla-writer",
        description="Draft complete, bilingual requests for cross-border electronic evidence.",
        parents=[common, ui_language],
    )
    p.add_argument("--version", action="version", version=f"mla-writer {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, *, wizard: bool = False) -> argparse.ArgumentParser | None:
        parents = [common, ui_language] if wizard else [common]
        return sub.add_parser(name, help=help, parents=parents) if only in (None, name) else None

    def today_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--today", metavar="YYYY-MM-DD", type=_date,
                            help="evaluate as of this date instead of today's (a training case is "
                                 "evaluated as of its own date unless this is given)")

    if c := command("check", "list the findings for a case file"):
        c.add_argument("case", type=Path)
        c.add_argument("--format", choices=("text", "json"), default="text")
        c.add_argument("--language", type=_message_language, default="en",
                       help="language of the messages: one of ar,en,es,fr,ru,zh (default: en)")
        today_option(c)

    if r := command("render", "write the request documents and the review sheet"):
        r.add_argument("case", type=Path, nargs="+",
                       help="the case file; several go each into a folder of its own inside -o FOLDER/")
        # A string, not a Path: a trailing slash (a folder to be made) must survive.
        r.add_argument("-o", "--output", required=True,
                       help="a folder (existing, or ending in /) for the package: one document per addressee "
                            "and review-sheet.docx; or a .docx file for a single request")
        r.add_argument("--request", metavar="ID", help="with -o FILE.docx: write only the document of request ID")
        r.add_argument("--final", action="store_true",
                       help="the version to send: no DRAFT marking, no fingerprint; refused (exit 2, nothing "
                            "written) while the checks find an error or a text is not translated into a document "
                            "language")
        r.add_argument("--languages", type=_languages, help="one or two of ar,en,es,fr,ru,zh (default: the case's)")
        r.add_argument("--pdf", action="store_true", help="also write a PDF beside each document (needs LibreOffice)")
        r.add_argument("--force", action="store_true", help="replace files already there")
        r.add_argument("--templates", type=Path, help="use templates from this folder instead of the bundled ones")
        r.add_argument("--extension", metavar="ID",
                       help="write instead the request to extend preservation ID (e.g. R1) before it lapses")
        r.add_argument("--days", type=int, metavar="N",
                       help="with --extension: how many days more to ask for (default: the period first asked for)")
        today_option(r)

    if im := command("import", "take the case back out of a Word document mla-writer rendered"):
        im.add_argument("draft", type=Path, metavar="DRAFT.docx")
        im.add_argument("-o", "--output", type=Path, required=True, help="the case file (.json) to write")
        im.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")

    if rv := command("review", "check a Word draft again and write a copy with the findings as Word comments"):
        rv.add_argument("draft", type=Path, metavar="DRAFT.docx")
        rv.add_argument("-o", "--output", type=Path,
                        help="the reviewed copy to write (default: DRAFT.reviewed.docx beside the draft)")
        rv.add_argument("--language", type=_message_language, default="en",
                        help="language of the comments and messages: one of ar,en,es,fr,ru,zh (default: en)")
        rv.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")
        today_option(rv)

    if s := command("schema", "write the JSON Schema of case files into schemas/"):
        s.add_argument("--check", action="store_true", help="exit 1 if schemas/ is out of date")
        s.add_argument("--output", type=Path, help=argparse.SUPPRESS)

    if ru := command("rules", "list every check rule"):
        ru.add_argument("--format", choices=("text", "json"), default="text")
        ru.add_argument("--language", type=_message_language, default="en",
                        help="language of the summaries and fixes: one of ar,en,es,fr,ru,zh (default: en)")
        ru.add_argument("--today", metavar="YYYY-MM-DD", type=_date,
                        help="give the treaty statuses as of this date instead of today's")

    if e := command("examples", "training cases: list, copy, render all"):
        esub = e.add_subparsers(dest="examples_command", metavar="ACTION", required=True)
        el = esub.add_parser("list", help="list the bundled example cases")
        el.add_argument("--format", choices=("text", "json"), default="text")
        ec = esub.add_parser("copy", help="copy an example to work on")
        ec.add_argument("name")
        ec.add_argument("dest", type=Path)
        er = esub.add_parser("render-all", help="render every example into a folder")
        er.add_argument("outdir", type=Path)
        er.add_argument("--languages", type=_languages)
        today_option(er)
        er.add_argument("--force", action="store_true", help="replace documents already in OUTDIR")

    if st := command("status", "show a case's request histories, or record an event (sent, executed...)"):
        st.add_argument("case", type=Path)
        st.add_argument("request", nargs="?", help="the request's id, e.g. R1")
        st.add_argument("event", nargs="?", help="drafted, sent, acknowledged, confirmed, extension-asked, extended, "
                                                 "follow-up-filed, clarification-asked, clarification-answered, "
                                                 "executed or refused")
        st.add_argument("--on", metavar="YYYY-MM-DD", type=_date, help="when it happened (default: today)")
        st.add_argument("--reference", help="the reference number the recipient gave")
        st.add_argument("--until", metavar="YYYY-MM-DD", type=_date,
                        help="the expiry a preservation was confirmed or extended to")
        st.add_argument("--note", help="what a clarification asked for, why a request was refused...")
        today_option(st)

    if idc := command("identifiers", "add IP identifiers to a request from a CSV file or pasted log lines"):
        isub = idc.add_subparsers(dest="identifiers_command", metavar="ACTION", required=True)
        ii = isub.add_parser("import", help="read IP, time, time zone and port rows into request REQUEST")
        ii.add_argument("case", type=Path)
        ii.add_argument("request", help="the request's id, e.g. R3")
        ii.add_argument("file", help="a CSV file (with or without a header row) or log lines; - reads standard input")
        ii.add_argument("--skip-bad", action="store_true",
                        help="add the good rows even if some are bad (the bad ones are listed)")

    if rg := command("register", "every case under a folder in one table, by next deadline"):
        rg.add_argument("folder", type=Path, help="a folder of case files (searched with its subfolders), or one case")
        rg.add_argument("--format", choices=("text", "json", "csv"), default="text")
        rg.add_argument("--stats", action="store_true",
                        help="statistics instead of the table: by State, kind and channel; time to execution")
        rg.add_argument("--ics", type=Path, metavar="FILE", help="also write the deadlines as a calendar (.ics)")
        rg.add_argument("--force", action="store_true", help="replace the --ics FILE if it exists")
        today_option(rg)

    if tr := command("translate", "texts out to a translator (XLIFF) and back; the translation memory (TMX)"):
        tsub = tr.add_subparsers(dest="translate_command", metavar="ACTION", required=True)
        tx = tsub.add_parser("export", help="write the texts awaiting a translation as XLIFF 1.2 for a CAT tool")
        tx.add_argument("case", type=Path)
        tx.add_argument("--to", required=True, type=_message_language, metavar="LANG",
                        help="the language to translate into: one of the case's document languages")
        tx.add_argument("-o", "--output", type=Path, required=True, help="the .xlf file to write")
        tx.add_argument("--all", action="store_true", help="every text, also those already translated")
        tx.add_argument("--no-memory", action="store_true", help="do not offer translations from your memory")
        tx.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")
        ti = tsub.add_parser("import", help="write a translated XLIFF file's translations into the case")
        ti.add_argument("case", type=Path)
        ti.add_argument("file", type=Path, help="the .xlf file back from the translator")
        ti.add_argument("--force", action="store_true", help="replace translations the case already has")
        ti.add_argument("--skip-stale", action="store_true",
                        help="import what still matches the case and list the texts that changed since the export")
        tp = tsub.add_parser("pending", help="how many texts await a translation, per document language")
        tp.add_argument("case", type=Path)
        tm = tsub.add_parser("memory", help="share your translation memory (TMX 1.4)")
        msub = tm.add_subparsers(dest="memory_command", metavar="ACTION", required=True)
        me = msub.add_parser("export", help="write your translation memory to a TMX file")
        me.add_argument("file", type=Path)
        me.add_argument("--force", action="store_true", help="replace FILE if it exists")
        mi = msub.add_parser("import", help="add a TMX file's translations to your memory (yours win a conflict)")
        mi.add_argument("file", type=Path)
        remember = msub.add_parser("learn", help="add a case's translations to your memory")
        remember.add_argument("case", type=Path)

    if pr := command("profile", "authority profiles: who asks, saved once and reused"):
        psub = pr.add_subparsers(dest="profile_command", metavar="ACTION", required=True)
        ps = psub.add_parser("save", help="save the case's requesting authority, officers, signature and contacts "
                                          "(and add its addressee and providers)")
        ps.add_argument("case", type=Path)
        ps.add_argument("--name", default="default", help="the profile's name (default: default)")
        ps.add_argument("--force", action="store_true", help="replace a profile of another authority")
        psub.add_parser("list", help="list your profiles")

    if nw := command("new", "start a case file, from an authority profile"):
        nw.add_argument("case", type=Path, help="the case file to create")
        nw.add_argument("--profile", metavar="NAME", help="start from this profile (see 'profile list')")
        nw.add_argument("--requested-state", metavar="CC",
                        help="the requested State (two letters); its addressee from the profile, if known")
        nw.add_argument("--force", action="store_true", help="replace CASE if it exists")

    if w := command("wizard", "open the wizard (the default)", wizard=True):
        w.add_argument("case", type=Path, nargs="?",
                       help="a case file (.json), or a draft (.docx) whose case to open as a new case file")
        w.add_argument("-o", "--output", type=Path, metavar="CASE",
                       help="with a draft: the case file to save its case to (default: beside the draft)")
        w.add_argument("--example", metavar="NAME", help="open a fresh copy of a bundled example")
        today_option(w)

    if sv := command("serve", "open the wizard in a browser on this machine only", wizard=True):
        sv.add_argument("case", type=Path, nargs="?")
        sv.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
        today_option(sv)
    return p


def _date(value: str) -> dt.date:
    """An argparse type for a YYYY-MM-DD option (argparse names the option in its message)."""
    import argparse
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def _as_of(case: Case, option: dt.date | None) -> AsOf:
    """The date `case` is evaluated as of: --today, else a training case's own, else the clock."""
    from .asof import as_of, clock_today

    return as_of(case, option=option, today=clock_today())


def cmd_check(args: argparse.Namespace) -> int:
    import json

    from .checks import Context, run_checks
    from .store import load_case

    case = load_case(args.case)
    when = _as_of(case, args.today)
    findings = run_checks(case, Context(today=when.date))
    lang = args.language
    if args.format == "json":
        print(json.dumps({"language": lang, "findings": [f.as_dict(lang) for f in findings],
                          "as_of": when.date.isoformat(), "training": when.training},
                         ensure_ascii=False, indent=2))
    else:
        if note := when.note("checked"):
            print(note)
        if not findings:
            print(_one_line(f"{args.case}: no findings"))
        _print_findings(findings, lang)
        if findings:
            print(_counts(findings))
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def _is_folder_target(out: Path, given: str) -> bool:
    """-o names a folder for the package when it is written with a trailing slash, or is a folder
    already (but not one named like a document: that is taken for a mistyped file name)."""
    return given.endswith(("/", os.sep)) or (out.is_dir() and out.suffix.lower() != ".docx")


def _print_findings(findings: Sequence[Finding], lang: str) -> None:
    width = max((len(f.code) for f in findings), default=0)
    for f in findings:
        # Some messages quote the case (a domain, an address): keep them on one plain line.
        print(_one_line(f"{f.severity:<7} {f.code:<{width}}  {f.path}: {f.message_in(lang)} [{f.reference}]"))


def _counts(findings: Sequence[Finding]) -> str:
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "advice")}
    return f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['advice']} advice"


def cmd_import(args: argparse.Namespace) -> int:
    from .store import check_new_case_target, save_case

    out: Path = args.output
    check_new_case_target(out, force=args.force)
    from .render.embed import case_from_draft
    from .render.package import DraftError

    try:
        case = case_from_draft(args.draft)
    except DraftError as e:
        raise UsageError(f"{args.draft}: {e}; nothing was written") from None
    save_case(case, out, overwrite=args.force)
    print(f"wrote {out}")
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from .asof import clock_today
    from .files import check_target

    draft: Path = args.draft
    out: Path = args.output or draft.with_name(f"{draft.stem}.reviewed.docx")
    if out.suffix.lower() != ".docx":
        raise UsageError(f"{out}: the reviewed copy must end in .docx")
    if os.path.lexists(draft) and os.path.lexists(out) and os.path.samefile(draft, out):
        raise UsageError(f"{out}: the reviewed copy is written beside the draft, never over it; give another -o")
    check_target(out, force=args.force)
    from .render.package import DraftError
    from .review import review_draft, version_note

    lang = args.language
    try:
        review = review_draft(draft, option=args.today, clock=clock_today(), language=lang, out=out, force=args.force)
    except DraftError as e:
        raise UsageError(f"{draft}: {e}; nothing was written") from None
    embedded, findings = review.embedded, review.findings
    print(_one_line(f"{draft}: case {embedded.case.reference or embedded.case.title}, rendered by mla-writer "
                    f"{embedded.version or '?'} in {'+'.join(embedded.languages) or '?'}"))
    if note := review.when.note("checked"):
        print(note)
    _print_findings(findings, lang)
    if note := version_note(review):
        print(note)
    for edit in review.hand_edits:
        shown = edit.before if edit.kind == "removed" else edit.text
        was = f" (was: {_excerpt(edit.before)})" if edit.kind == "changed" else ""
        print(_one_line(f"hand edit, {edit.kind}: {_excerpt(shown)}{was}"))
    for c in review.reviewer_comments:
        when = c.date.date().isoformat() if c.date else "undated"
        print(_one_line(f"comment by {c.author or 'unknown'}, {when}, on \"{_excerpt(c.paragraph)}\": {_excerpt(c.text)}"))
    print(f"{_counts(findings)}; {len(review.hand_edits)} hand edit(s); "
          f"{len(review.reviewer_comments)} reviewer comment(s)")
    print(_one_line(f"wrote {out} ({review.comments_added} comment(s) by mla-writer)"))
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


EXCERPT = 80


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def cmd_render(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .store import load_case

    out = Path(args.output)
    package = _is_folder_target(out, args.output)
    if len(args.case) > 1:
        return _render_cases(args, out, package=package)
    path: Path = args.case[0]
    case = load_case(path)
    if args.templates is not None and not args.templates.is_dir():
        raise UsageError(f"--templates {args.templates}: no such folder")
    if args.days is not None and (args.extension is None or not 1 <= args.days <= 3650):
        raise UsageError("--days goes with --extension and is a number of days from 1 to 3650")
    if package and (args.extension is not None or args.request is not None):
        option = "--extension" if args.extension is not None else "--request"
        raise UsageError(f"{out}: {option} writes one document; give -o FILE.docx")
    if not package and out.suffix.lower() != ".docx":
        raise UsageError(f"{out}: the output must end in .docx, or be a folder (end it with /) for the package")
    if not package and args.extension is None and args.request is None and len(case.requests) > 1:
        ids = ", ".join(r.id for r in case.requests)
        raise UsageError(f"{path}: the case holds {len(case.requests)} requests ({ids}); pass a folder "
                         f"(-o {out.with_suffix('')}/) for one document per addressee and the review sheet, "
                         f"or --request ID for one document")
    from .files import check_target
    from .render import RenderError

    when = _as_of(case, args.today)
    languages = args.languages or list(case.languages)
    if args.final:
        from .checks import Context, run_checks

        only = args.request or args.extension  # one request's document: the others' problems do not hold it up
        _refuse_unfinished(case, run_checks(case, Context(today=when.date)), languages,
                           only=None if package else only)
    final = True if args.final else None  # None: as the case's status says
    try:
        if package:
            written = _render_package(case, out, args, languages=languages, final=final, today=when.date)
        else:
            # Everything that would refuse the outputs, refused now rather than after the rendering;
            # the PDF too, before the Word document is written.
            check_target(out, force=args.force)
            if args.pdf:
                check_target(out.with_suffix(".pdf"), force=args.force)
            written = _render_one(case, out, args, languages=languages, final=final, today=when.date)
    except RenderError as e:
        raise UsageError(str(e)) from None
    if note := when.note("rendered"):
        print(note)
    for path in written:
        print(f"wrote {path}")
    if args.extension is not None:
        print(f"once it is sent: mla-writer status {path} {args.extension} extension-asked --on YYYY-MM-DD")
    if args.pdf:
        from .render.pdf import PdfError, to_pdfs

        try:
            documents = [p for p in written if p.suffix.lower() == ".docx"]  # not the spreadsheet annexes
            for pdf in to_pdfs([(p, p.with_suffix(".pdf")) for p in documents], force=args.force):
                print(f"wrote {pdf}")
        except PdfError as e:
            raise UsageError(str(e)) from None
    return EXIT_OK


def _refuse_unfinished(case: Case, findings: Sequence[Finding], languages: Sequence[str],
                       only: str | None = None) -> None:
    """`render --final`: one line on stderr for each error finding and each free text lacking a
    translation into a document language, then exit 2, before anything is written. `only`: the
    id of the one request rendered; what concerns only the case's other requests is left out."""
    from .checks.language import missing_translations

    others = tuple(f"requests[{i}]" for i, r in enumerate(case.requests) if only is not None and r.id != only)

    def concerns(path: str) -> bool:
        return not any(path == o or path.startswith((o + ".", o + "[")) for o in others)

    problems = [f"{f.path}: {f.code}: {f.message_in('en')}" for f in findings
                if f.severity == "error" and concerns(f.path)]
    problems += [f"{path}: not translated into {lang} ({_language_name(lang)})"
                 for path, lang in missing_translations(case, languages) if concerns(path)]
    if problems:
        for line in problems:
            _error(line)
        raise UsageError(f"--final: {len(problems)} item(s) above to settle before the request can be sent; "
                         "without --final, render writes a draft that marks them")


def _language_name(code: str) -> str:
    from .labels import LANGUAGE

    return LANGUAGE.short.get(code, code)


def _render_one(case: Case, out: Path, args: argparse.Namespace, *, languages: list[str], final: bool | None,
                today: dt.date) -> list[Path]:
    """-o FILE.docx: the extension letter, the document of --request ID, or a single request's;
    the paths written, a request's spreadsheet annex (beside the document) before the document."""
    from .render import render_docx, render_extension, select_requests
    from .render.spreadsheet import annex_names

    if args.extension is not None:
        return [render_extension(case, args.extension, out, languages=languages, letter_date=today, days=args.days,
                                 templates=args.templates, force=args.force)]
    requests = select_requests(case, [args.request] if args.request is not None else None)
    document = render_docx(case, out, languages=languages, requests=requests, templates=args.templates, today=today,
                           final=final, force=args.force)
    return [*(document.parent / name for name in annex_names(requests)), document]


def _render_package(case: Case, out: Path, args: argparse.Namespace, *, languages: list[str], final: bool | None,
                    today: dt.date) -> list[Path]:
    """-o FOLDER/: every request document and the review sheet; nothing written if any file of
    the package (or its PDF, with --pdf) is already there, unless --force."""
    from .checks import Context, run_checks
    from .render import check_package_targets, package_targets, prepare_package_folder, write_package

    prepare_package_folder(out)
    if out.is_dir():
        check_package_targets(package_targets(case, out, languages, pdf=args.pdf), force=args.force)
    findings = run_checks(case, Context(today=today))
    return write_package(case, out, languages=languages, findings=findings, templates=args.templates, today=today,
                         final=final, force=args.force)


def _case_folders(paths: Sequence[Path]) -> list[str]:
    """A folder name for each case of a batch: its file name without .json, numbered when two
    cases have the same name (from different folders)."""
    from .files import name_piece

    names: list[str] = []
    for path in paths:
        stem, n = name_piece(path.stem), 2
        name = stem
        while name in names:
            name, n = f"{stem}-{n}", n + 1
        names.append(name)
    return names


def _render_cases(args: argparse.Namespace, out: Path, *, package: bool) -> int:
    """`render CASES... -o FOLDER/`: each case's package in FOLDER/NAME/, one case per core at a
    time; a case that fails is reported with its reason and stops no other (exit 1)."""
    from .batch import run_jobs
    from .render import RenderError, prepare_package_folder

    if args.extension is not None or args.request is not None:
        option = "--extension" if args.extension is not None else "--request"
        raise UsageError(f"{option} writes one document of one case; give one case file")
    if not package:
        raise UsageError(f"{out}: several cases are written into a folder (end it with /), a folder per case")
    if args.days is not None:
        raise UsageError("--days goes with --extension and is a number of days from 1 to 3650")
    if args.templates is not None and not args.templates.is_dir():
        raise UsageError(f"--templates {args.templates}: no such folder")
    try:
        prepare_package_folder(out)
    except RenderError as e:
        raise UsageError(str(e)) from None
    if not out.is_dir():
        try:
            out.mkdir(mode=0o700)
        except OSError as e:
            raise UsageError(f"{out}: cannot create the folder ({e.strerror})") from None
    paths: list[Path] = list(args.case)
    names = _case_folders(paths)
    final = True if args.final else None
    jobs = [(name, (path, out / name, args.languages, args.today, args.templates, final, args.force))
            for name, path in zip(names, paths, strict=True)]
    outcomes = run_jobs(_render_case, jobs, description="rendering cases", show_progress=sys.stderr.isatty())
    failed = 0
    for name, path in zip(names, paths, strict=True):
        written, reason = outcomes[name]
        if reason is not None:
            failed += 1
            _error(f"{path}: {reason}")
        for file in written:
            print(f"wrote {file}")
    if args.pdf:
        from .render.pdf import PdfError, to_pdfs

        documents = [f for name in names for f in outcomes[name][0] if f.suffix.lower() == ".docx"]
        try:
            for pdf in to_pdfs([(p, p.with_suffix(".pdf")) for p in documents], force=args.force):
                print(f"wrote {pdf}")
        except PdfError as e:
            raise UsageError(str(e)) from None
    print(f"rendered {len(paths) - failed} of {len(paths)} case(s) into {out}, a folder per case")
    return EXIT_FINDINGS if failed else EXIT_OK


def _render_case(path: Path, folder: Path, languages: list[str] | None, option: dt.date | None,
                 templates: Path | None, final: bool | None, force: bool) -> tuple[list[Path], str | None]:
    """One case of `render CASES...` (batch.run_jobs's worker): its package written into
    `folder`, or nothing and the reason, one line that quotes nothing of the case."""
    from .checks import Context, run_checks
    from .files import printable
    from .render import RenderError, write_package
    from .store import load_case

    try:
        case = load_case(path)
        when = _as_of(case, option).date
        findings = run_checks(case, Context(today=when))
        return write_package(case, folder, languages=languages or list(case.languages), findings=findings,
                             templates=templates, today=when, final=final, force=force), None
    except CaseFileError as e:
        return [], printable("; ".join(e.problems), ERROR_LINE_MAX)
    except (RenderError, OSError) as e:
        return [], printable(str(e), ERROR_LINE_MAX)
    except Exception as e:  # not its text: it may quote the case (a name, an address)
        return [], f"unexpected {type(e).__name__} (please report this)"


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import check_schema, write_schema

    if args.check:
        stale = check_schema(args.output)
        if stale:
            print(f"{stale} is out of date: run 'mla-writer schema' and commit the result", file=sys.stderr)
            return EXIT_FINDINGS
        print("schemas/ is up to date")
        return EXIT_OK
    print(f"wrote {write_schema(args.output)}")
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    import json

    from . import i18n
    from .asof import clock_today
    from .checks import all_rules
    from .checks.sources import SOURCES
    from .checks.treaties import basis_notes, legal_bases_table

    rules, lang = all_rules(), args.language
    bases = legal_bases_table(args.today or clock_today())
    if args.format == "json":
        print(json.dumps({"language": lang, "rules": [
            {"code": r.code, "severity": r.severity, "summary": r.summary_in(lang), "reference": r.reference,
             "references_by_kind": r.references_by_kind(), "checklist": r.checklist,
             "theme": r.theme, "fix": r.message_in(lang)} for r in rules
        ], "sources": SOURCES, "legal_bases": bases}, ensure_ascii=False, indent=2))
    else:
        t = i18n.translations(lang)
        width = max((len(r.code) for r in rules), default=0)
        for r in rules:
            print(f"{r.code:<{width}}  {r.severity:<7} {r.summary_in(lang)} [{r.reference}]")
        print(t.ngettext("%(num)d rule", "%(num)d rules", len(rules)) % {"num": len(rules)})
        print("\n" + t.gettext("References cite:"))
        for name, what in SOURCES.items():
            print(f"  {name}: {what}")
        print("\n" + t.gettext("Legal bases the rules check against (%(file)s):")
              % {"file": "mla_writer/data/legal_bases.toml"})
        width = max(len(str(b["id"])) for b in bases)
        for b in bases:
            notes = "; ".join(t.gettext(n) for n in basis_notes(b))
            print(f"{b['id']:<{width}}  {b['short']}" + (f" [{notes}]" if notes else ""))
    return EXIT_OK


def cmd_examples(args: argparse.Namespace) -> int:
    action = {"list": _examples_list, "copy": _examples_copy, "render-all": _examples_render_all}
    return action[args.examples_command](args)


def _examples_list(args: argparse.Namespace) -> int:
    import json
    import textwrap

    from .examples import list_examples

    examples = list_examples()
    if args.format == "json":
        print(json.dumps({"examples": [e.as_dict() for e in examples]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for e in examples:
        langs = "+".join(e.languages)
        route = f"{e.requesting_state or '?'}->{e.requested_state or '?'}"
        mark = "  [exercise]" if e.flawed else ""
        print(f"{e.name}{mark}")
        print(f"    {e.crime} | {route} | {langs} | {', '.join(e.kinds) or 'no requests'}")
        if e.check_date:
            print(f"    training case: checked as of {e.check_date.isoformat()}")
        for line in textwrap.wrap(e.teaches, width=92):
            print(f"    {line}")
        if e.flawed and e.answer_key:
            print(f"    answer key: {', '.join(e.answer_key.codes)}")
    good = sum(not e.flawed for e in examples)
    print(f"{len(examples)} examples: {good} worked cases, {len(examples) - good} exercises with answer keys")
    return EXIT_OK


def _examples_copy(args: argparse.Namespace) -> int:
    from .examples import check_date, copy_example, load_example

    target = copy_example(args.name, args.dest)
    print(f"copied {args.name} to {target}")
    case = load_example(args.name)
    when = check_date(case)
    if when is not None:
        print(f"training case: check and render evaluate it as of {when.isoformat()}, its own date")
    # Every example has an answer file now; only an exercise has a key for the trainee to match.
    if case.training is not None and case.training.flawed:
        print("this is an exercise: run 'mla-writer check' on the copy and compare with the trainer's answer key")
    return EXIT_OK


def _examples_render_all(args: argparse.Namespace) -> int:
    from .asof import clock_today
    from .examples import render_all

    option = args.today
    written, failures = render_all(args.outdir, args.languages, today=clock_today(), option=option,
                                   show_progress=sys.stderr.isatty(), force=args.force)
    for line in failures:
        print(f"error: {line}", file=sys.stderr)
    if option is None:
        print("training cases: each checked and rendered as of its own date (see 'mla-writer examples list')")
    else:
        print(f"training cases: all checked and rendered as of {option.isoformat()} (--today)")
    print(f"wrote {len(written)} document(s) to {args.outdir}, a folder per example")
    return EXIT_FINDINGS if failures else EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from . import tracking
    from .asof import clock_today

    return tracking.main(args, today=clock_today())


def cmd_identifiers(args: argparse.Namespace) -> int:
    from pathlib import Path

    from . import identifier_import as imp
    from .files import printable
    from .model import Case
    from .store import parse_case, read_case_file
    from .tracking import find_request, save

    raw, loaded = read_case_file(args.case)
    case = parse_case(raw, args.case)
    index = find_request(case, args.request)
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        reason = "not UTF-8 text" if isinstance(e, UnicodeDecodeError) else (e.strerror or type(e).__name__)
        raise UsageError(f"{args.file}: cannot read it ({reason})") from None
    try:
        parsed = imp.parse(text)
    except imp.UnreadableFile as e:
        raise UsageError(f"{args.file}: {e}") from None
    for bad in parsed.bad:
        print(f"{printable(args.file)}: {bad}", file=sys.stderr)
    total = len(parsed.good) + len(parsed.bad)
    if parsed.bad and not args.skip_bad:
        raise UsageError(f"{len(parsed.bad)} of {total} row(s) are bad (listed above); nothing was added: correct them, "
                         "or give --skip-bad to add the good ones")
    request = case.requests[index]
    seen = {item.identifier.model_dump_json() for item in request.items}
    # New items ask for what the request's IP identifiers already ask for, if it has any.
    like = next((item for item in request.items if item.identifier.type == "ip"), None)
    categories = list(like.categories) if like else []
    added, repeated = [], 0
    for _line, ident in parsed.good:
        key = ident.model_dump_json()
        if key in seen:
            repeated += 1
            continue
        seen.add(key)
        added.append({"identifier": ident.model_dump(), "categories": categories})
    data = case.model_dump()
    data["requests"][index]["items"] = [*data["requests"][index]["items"], *added]
    try:
        updated = Case.model_validate(data)
    except ValueError as e:
        raise UsageError(f"{args.case}: the identifiers cannot be added: {str(e).splitlines()[-1].strip()}") from None
    if added:
        save(updated, args.case, loaded)
    note = f"; {repeated} already in {request.id}, not added again" if repeated else ""
    skipped = f"; {len(parsed.bad)} bad row(s) skipped" if parsed.bad else ""
    print(printable(f"added {len(added)} identifier(s) to {request.id} in {args.case}{note}{skipped}"))
    return EXIT_OK


def cmd_register(args: argparse.Namespace) -> int:
    import json

    from .asof import clock_today
    from .register import build, csv_table, summary_line, text_table

    today = clock_today()  # the clock, for a real case without --today
    folder: Path = args.folder
    ics: Path | None = args.ics
    if ics is not None:
        from .calendar_export import check_calendar_target

        check_calendar_target(ics, force=args.force)
    rows = build(folder, option=args.today, today=today, show_progress=sys.stderr.isatty())
    if args.stats:
        from .stats import stats, stats_csv, stats_text

        figures = stats(rows)
        if args.format == "json":
            print(json.dumps(figures, ensure_ascii=False, indent=2))
        elif args.format == "csv":
            print(stats_csv(figures), end="")
        else:
            print(stats_text(figures))
    elif args.format == "json":
        print(json.dumps({"folder": str(folder), "as_of": (args.today or today).isoformat(),
                          "cases": [r.as_dict() for r in rows]}, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        print(csv_table(rows), end="")
    else:
        print(summary_line(folder, rows, args.today, today))
        if rows:
            print(text_table(rows))
    if ics is not None:
        from .calendar_export import write_calendar

        count = write_calendar(rows, ics, stamp=args.today or today, force=args.force)
        print(f"wrote {ics} ({count} event(s))", file=sys.stderr if args.format != "text" else sys.stdout)
    return EXIT_FINDINGS if any(r.error is not None for r in rows) else EXIT_OK


def cmd_translate(args: argparse.Namespace) -> int:
    from .translation.commands import main as translate

    return translate(args)


def cmd_profile(args: argparse.Namespace) -> int:
    from .profiles import main as profile

    return profile(args)


def cmd_new(args: argparse.Namespace) -> int:
    from .profiles import new_command

    return new_command(args)


def cmd_wizard(args: argparse.Namespace) -> int:
    import gc

    gc.disable()  # until the first screen is up: see tui.collector
    try:
        from .tui.app import run_wizard

        return run_wizard(case_path=getattr(args, "case", None), ui_language=_ui_language(args),
                          example=getattr(args, "example", None), today=getattr(args, "today", None),
                          output=getattr(args, "output", None))
    finally:
        from .tui.collector import resume_collector

        resume_collector()


def cmd_serve(args: argparse.Namespace) -> int:
    from .tui.serve import serve

    return serve(case_path=args.case, port=args.port, ui_language=_ui_language(args), today=args.today)


def _ui_language(args: argparse.Namespace) -> str:
    return getattr(args, "ui_language", "en")


COMMANDS = {
    "check": cmd_check, "render": cmd_render, "schema": cmd_schema, "rules": cmd_rules,
    "examples": cmd_examples, "status": cmd_status, "register": cmd_register, "identifiers": cmd_identifiers,
    "wizard": cmd_wizard, "serve": cmd_serve, "translate": cmd_translate, "profile": cmd_profile, "new": cmd_new,
    "import": cmd_import, "review": cmd_review,
}


def _one_line(text: str) -> str:
    """`text` safe for a terminal line (files.printable): a file name or a user's text cannot
    split, reverse or restyle what is printed."""
    from .files import printable

    return printable(text)


# An error line is read, not scrolled: a message that quotes a whole value (14 KB once) is cut.
ERROR_LINE_MAX = 600


def _error(message: str) -> None:
    from .files import printable

    print(f"error: {printable(message, ERROR_LINE_MAX)}", file=sys.stderr)


# Commands that end as soon as their output is written. The wizard and the browser server run
# until the user leaves them and keep Python's ordinary collection and shutdown.
_ONE_SHOT = frozenset({"check", "render", "schema", "rules", "status", "register", "identifiers", "translate",
                        "profile", "new", "import", "review"})


def run() -> None:
    """The console script (and ``python -m mla_writer``): main(), then exit with its code."""
    global _exit_code
    _exit_code = main(leave_when_done=True)
    sys.exit(_exit_code)


def main(argv: Sequence[str] | None = None, *, leave_when_done: bool = False) -> int:
    # Text from the case or a file name may hold characters the terminal's encoding lacks:
    # show them escaped rather than die on a UnicodeEncodeError half-way through the output.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:  # the common probe, answered before the parser is even built
        print(f"mla-writer {__version__}")
        return EXIT_OK
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        _error(_unknown_command(argv[0]))
        return EXIT_INPUT
    args = _parser(argv[0] if argv and argv[0] in COMMANDS else None).parse_args(argv)
    if getattr(args, "traceback", False):
        os.environ[DEBUG_VARIABLE] = "1"  # the wizard and any child process see it too
    command = args.command or "wizard"
    if leave_when_done and command in _ONE_SHOT:
        # A short-lived process that builds a few hundred thousand objects it keeps until the end:
        # the cyclic collector would scan them again and again and free next to nothing.
        import gc

        gc.disable()
        if not _observed():
            _leave_without_teardown()
    return _run(command, args)


def _unknown_command(word: str) -> str:
    import difflib

    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else (
        f"to open a case file in the wizard: mla-writer wizard {word}" if word.endswith(".json")
        else f"to open the case a draft carries in the wizard: mla-writer wizard {word}" if word.endswith(".docx")
        else f"the commands are {', '.join(COMMANDS)}")
    return f"unknown command '{word}'; {hint}"


def _observed() -> bool:
    """Whether a profiler, tracer, debugger or coverage tool watches this process: it may have
    work to do once the command returns (write its report, save its data at exit)."""
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12's tool interface (coverage uses it)
    return monitoring is not None and any(monitoring.get_tool(tool) for tool in range(6))


def _leave_without_teardown() -> None:
    """End the process right after the exit handlers registered from now on have run, without
    tearing down every module and object one by one.

    A one-shot command has written and closed its files (atomically, fsynced) by the time it
    returns; what is left for the interpreter after the exit handlers is freeing memory the kernel
    frees anyway, which costs a document render about a tenth of its time. Exit handlers run
    last registered first, so this one runs after those of everything the command loads, and the
    code the command exits with is the one ``sys.exit`` was given.
    """
    import atexit

    def leave() -> None:
        code = _exit_code
        if code is None:
            return  # main() did not return (an uncaught BaseException): let Python end as usual
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                code = code or 120  # what Python itself exits with when it cannot flush its output
        os._exit(code)

    atexit.register(leave)


_exit_code: int | None = None  # what run() exits with, once main() has returned


def _run(command: str, args: argparse.Namespace) -> int:
    try:
        return COMMANDS[command](args)
    except KeyboardInterrupt as e:
        _show_traceback(e)
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`mla-writer check x.json | head -1`): stop quietly, as other
        # tools do, and point stdout at /dev/null so the flush at exit does not complain again.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_BROKEN_PIPE
    except Exception as e:  # one readable line, never a traceback (unless a developer asks)
        _show_traceback(e)
        if isinstance(e, CaseFileError):
            for line in e.problems:
                _error(f"{e.path}: {line}")
        elif isinstance(e, UsageError):
            _error(str(e))
        elif isinstance(e, PermissionError):
            from pathlib import Path

            name = Path(str(e.filename or ""))
            if name.name.startswith(".") and name.name.endswith(".tmp"):  # a temporary file (files.write_file names the target instead)
                _error(f"permission denied: you cannot write in {name.parent}")
            else:
                _error(f"permission denied: {e.filename}")
        elif isinstance(e, OSError):
            _error(f"{e.filename or ''}: {e.strerror or e}")
        else:
            # Not the exception's text: it may quote the case (a name, an address).
            _error(f"unexpected {type(e).__name__}{_where(e)} (please report this; "
                   f"'--traceback' shows the details)")
        return EXIT_INPUT


def _show_traceback(e: BaseException) -> None:
    if debugging():
        import traceback

        traceback.print_exception(e, file=sys.stderr)


def _where(e: BaseException) -> str:
    """' in render/docx.py:123' for the innermost line of mla-writer the exception passed through."""
    import traceback
    from pathlib import Path

    package = Path(__file__).resolve().parent
    for frame in reversed(traceback.extract_tb(e.__traceback__)):
        path = Path(frame.filename).resolve()
        if path.is_relative_to(package):
            return f" in {path.relative_to(package).as_posix()}:{frame.lineno}"
    return ""


if __name__ == "__main__":
    run()
