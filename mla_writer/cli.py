"""Command line. Argument parsing only: each command imports what it needs when it runs, so
`mla-writer --version` stays fast and only `wizard`/`serve` ever import Textual."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from . import __version__

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing alone costs `--version` a third
if TYPE_CHECKING:  # imported where used: `--version` starts before argparse, json or pathlib load
    import argparse
    from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class UsageError(Exception):
    """A problem with what the user asked for: printed as one line, exit code 2."""


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


def _ui_languages() -> tuple[str, ...]:
    from .labels import UI_LANGUAGES

    return UI_LANGUAGES


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

    p = argparse.ArgumentParser(
        prog="mla-writer",
        description="Draft complete, bilingual requests for cross-border electronic evidence.",
    )
    p.add_argument("--version", action="version", version=f"mla-writer {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser | None:  # noqa: A002
        return sub.add_parser(name, help=help) if only in (None, name) else None

    if c := command("check", "list the findings for a case file"):
        c.add_argument("case", type=Path)
        c.add_argument("--format", choices=("text", "json"), default="text")
        c.add_argument("--language", type=_message_language, default="en",
                       help="language of the messages: one of ar,en,es,fr,ru,zh (default: en)")
        c.add_argument("--today", help=argparse.SUPPRESS)  # fixed clock for tests and training

    if r := command("render", "write the request as a Word document"):
        r.add_argument("case", type=Path)
        r.add_argument("-o", "--output", type=Path, required=True, help="the .docx file to write")
        r.add_argument("--languages", type=_languages, help="one or two of ar,en,es,fr,ru,zh (default: the case's)")
        r.add_argument("--pdf", action="store_true", help="also write a PDF (needs LibreOffice)")
        r.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")
        r.add_argument("--templates", type=Path, help="use templates from this folder instead of the bundled ones")
        r.add_argument("--today", help=argparse.SUPPRESS)

    if s := command("schema", "write the JSON Schema of case files into schemas/"):
        s.add_argument("--check", action="store_true", help="exit 1 if schemas/ is out of date")
        s.add_argument("--output", type=Path, help=argparse.SUPPRESS)

    if ru := command("rules", "list every check rule"):
        ru.add_argument("--format", choices=("text", "json"), default="text")
        ru.add_argument("--language", type=_message_language, default="en",
                        help="language of the summaries and fixes: one of ar,en,es,fr,ru,zh (default: en)")

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

    if w := command("wizard", "open the wizard (the default)"):
        w.add_argument("case", type=Path, nargs="?")
        w.add_argument("--ui-language", choices=_ui_languages(), default="en")
        w.add_argument("--example", metavar="NAME", help="open a fresh copy of a bundled example")

    if sv := command("serve", "open the wizard in a browser on this machine only"):
        sv.add_argument("case", type=Path, nargs="?")
        sv.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
        sv.add_argument("--ui-language", choices=_ui_languages(), default="en")
    return p


def _today(value: str | None):  # noqa: ANN202
    import datetime as dt

    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today: '{value}' is not a date (YYYY-MM-DD)") from None


def cmd_check(args: argparse.Namespace) -> int:
    import json

    from .checks import Context, run_checks
    from .store import load_case

    case = load_case(args.case)
    findings = run_checks(case, Context(today=_today(args.today)))
    lang = args.language
    if args.format == "json":
        print(json.dumps({"language": lang, "findings": [f.as_dict(lang) for f in findings]},
                         ensure_ascii=False, indent=2))
    else:
        if not findings:
            print(_one_line(f"{args.case}: no findings"))
        width = max((len(f.code) for f in findings), default=0)
        for f in findings:
            # Some messages quote the case (a domain, an address): keep them on one plain line.
            print(_one_line(f"{f.severity:<7} {f.code:<{width}}  {f.path}: {f.message_in(lang)} [{f.reference}]"))
        counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "advice")}
        if findings:
            print(f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['advice']} advice")
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    from .checks import Context, run_checks
    from .store import load_case

    case = load_case(args.case)
    out: Path = args.output
    if out.suffix.lower() != ".docx":
        raise UsageError(f"{out}: the output must end in .docx")
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give a file name ending in .docx")
    if out.exists() and not args.force:
        raise UsageError(f"{out} already exists; use --force to replace it")
    if not out.parent.exists():
        raise UsageError(f"{out.parent} does not exist; create the folder first")
    if not os.access(out.parent, os.W_OK | os.X_OK):
        raise UsageError(f"{out.parent}: you cannot write in this folder; choose another output")
    if args.templates is not None and not args.templates.is_dir():
        raise UsageError(f"--templates {args.templates}: no such folder")
    from .render import RenderError, render_docx

    ctx = Context(today=_today(args.today))
    findings = run_checks(case, ctx)
    languages = args.languages or list(case.languages)
    try:
        render_docx(case, out, languages=languages, findings=findings, templates=args.templates, today=ctx.today)
    except RenderError as e:
        raise UsageError(str(e)) from None
    print(f"wrote {out}")
    if args.pdf:
        from .render.pdf import PdfError, to_pdf

        try:
            print(f"wrote {to_pdf(out)}")
        except PdfError as e:
            raise UsageError(str(e)) from None
    return EXIT_OK


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
    import datetime as dt
    import json

    from . import i18n
    from .checks import all_rules
    from .checks.sources import SOURCES
    from .checks.treaties import basis_notes, legal_bases_table

    rules, lang = all_rules(), args.language
    bases = legal_bases_table(dt.date.today())
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
    from . import examples

    return examples.main(args)


def cmd_wizard(args: argparse.Namespace) -> int:
    import gc

    gc.disable()  # until the first screen is up: see tui.collector
    try:
        from .tui.app import run_wizard

        return run_wizard(case_path=getattr(args, "case", None), ui_language=getattr(args, "ui_language", "en"),
                          example=getattr(args, "example", None))
    finally:
        from .tui.collector import resume_collector

        resume_collector()


def cmd_serve(args: argparse.Namespace) -> int:
    from .tui.serve import serve

    return serve(case_path=args.case, port=args.port, ui_language=args.ui_language)


COMMANDS = {
    "check": cmd_check, "render": cmd_render, "schema": cmd_schema, "rules": cmd_rules,
    "examples": cmd_examples, "wizard": cmd_wizard, "serve": cmd_serve,
}


def _one_line(text: str) -> str:
    """`text` safe for a terminal line: controls (C0 and C1, e.g. an escape sequence or a newline),
    bidi overrides and undecodable bytes (surrogate-escaped by Python) shown as escapes, so that
    a file name or a user's text cannot split, reverse or restyle what is printed."""
    return "".join(
        f"\\x{ord(ch):02x}" if ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0
        else f"\\u{ord(ch):04x}" if 0xD800 <= ord(ch) <= 0xDFFF or ord(ch) in _BIDI
        else ch
        for ch in text
    )


def _error(message: str) -> None:
    print(f"error: {_one_line(message)}", file=sys.stderr)


_BIDI = {0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


# Commands that end as soon as their output is written. The wizard and the browser server run
# until the user leaves them and keep Python's ordinary collection and shutdown.
_ONE_SHOT = frozenset({"check", "render", "schema", "rules"})


def run() -> None:
    """The console script (and ``python -m mla_writer``): main(), then exit with its code."""
    sys.exit(main(leave_when_done=True))


def _leave(code: int) -> None:
    """End the process now, without tearing down every module and object one by one.

    A one-shot command has written and closed its files (atomically, fsynced) by the time it
    returns; what is left for the interpreter to do is free memory the kernel frees anyway, which
    costs a document render about a tenth of its time.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 120  # what Python itself exits with when it cannot flush its output
    os._exit(code)


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
    args = _parser(argv[0] if argv and argv[0] in COMMANDS else None).parse_args(argv)
    command = args.command or "wizard"
    one_shot = leave_when_done and command in _ONE_SHOT
    if one_shot:
        # A short-lived process that builds a few hundred thousand objects it keeps until the end:
        # the cyclic collector would scan them again and again and free next to nothing.
        import gc

        gc.disable()
    code = _run(command, args)
    if one_shot:
        _leave(code)
    return code


def _run(command: str, args: argparse.Namespace) -> int:
    try:
        return COMMANDS[command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`mla-writer check x.json | head -1`): stop quietly, as other
        # tools do, and point stdout at /dev/null so the flush at exit does not complain again.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 128 + 13  # as if killed by SIGPIPE, like a C tool in the same pipe
    except Exception as e:  # one readable line, never a traceback
        from .store import CaseFileError

        if isinstance(e, CaseFileError):
            for line in e.problems:
                _error(f"{e.path}: {line}")
        elif isinstance(e, UsageError):
            _error(str(e))
        elif isinstance(e, PermissionError):
            from pathlib import Path

            name = Path(str(e.filename or ""))
            if name.name.startswith(".") and name.name.endswith(".tmp"):  # store.write_atomic's temp file
                _error(f"permission denied: you cannot write in {name.parent}")
            else:
                _error(f"permission denied: {e.filename}")
        elif isinstance(e, OSError):
            _error(f"{e.filename or ''}: {e.strerror or e}")
        else:
            _error(f"unexpected {type(e).__name__}: {e} (please report this)")
        return EXIT_INPUT


if __name__ == "__main__":
    run()
