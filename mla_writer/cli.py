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
    from pathlib import Path
    from typing import NoReturn

LANGS = ("ar", "en", "es", "fr", "ru", "zh")
UI_LANGS = ("en", "es", "fr", "ru", "zh")  # the wizard's: Textual cannot show right-to-left text


def _languages(value: str) -> list[str]:
    import argparse

    langs = [x.strip().lower() for x in value.split(",") if x.strip()]
    bad = [x for x in langs if x not in LANGS]
    if bad or not 1 <= len(langs) <= 2 or len(set(langs)) != len(langs):
        raise argparse.ArgumentTypeError(
            f"'{value}': give one or two different languages from {','.join(LANGS)}, e.g. en,fr"
        )
    return langs


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
    ui_language.add_argument("--ui-language", choices=UI_LANGS, default=argparse.SUPPRESS,
                             help="the wizard's language (default: en)")
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

    if c := command("check", "list the findings for a case file"):
        c.add_argument("case", type=Path)
        c.add_argument("--format", choices=("text", "json"), default="text")
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

    if w := command("wizard", "open the wizard (the default)", wizard=True):
        w.add_argument("case", type=Path, nargs="?")
        w.add_argument("--example", metavar="NAME", help="open a fresh copy of a bundled example")

    if sv := command("serve", "open the wizard in a browser on this machine only", wizard=True):
        sv.add_argument("case", type=Path, nargs="?")
        sv.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    return p


def _today(value: str | None):
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
    if args.format == "json":
        print(json.dumps({"findings": [f.as_dict() for f in findings]}, ensure_ascii=False, indent=2))
    else:
        if not findings:
            print(_one_line(f"{args.case}: no findings"))
        width = max((len(f.code) for f in findings), default=0)
        for f in findings:
            # Some messages quote the case (a domain, an address): keep them on one plain line.
            print(_one_line(f"{f.severity:<7} {f.code:<{width}}  {f.path}: {f.message} [{f.reference}]"))
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
    import json

    from .checks import all_rules

    rules = all_rules()
    if args.format == "json":
        print(json.dumps({"rules": [
            {"code": r.code, "severity": r.severity, "summary": r.summary, "reference": r.reference,
             "theme": r.theme, "fix": r.message} for r in rules
        ]}, ensure_ascii=False, indent=2))
    else:
        width = max((len(r.code) for r in rules), default=0)
        for r in rules:
            print(f"{r.code:<{width}}  {r.severity:<7} {r.summary} [{r.reference}]")
        print(f"{len(rules)} rules")
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
        for line in textwrap.wrap(e.teaches, width=92):
            print(f"    {line}")
        if e.answer_key:
            print(f"    answer key: {', '.join(e.answer_key.codes)}")
    good = sum(not e.flawed for e in examples)
    print(f"{len(examples)} examples: {good} worked cases, {len(examples) - good} exercises with answer keys")
    return EXIT_OK


def _examples_copy(args: argparse.Namespace) -> int:
    from .examples import answer_key, copy_example

    target = copy_example(args.name, args.dest)
    print(f"copied {args.name} to {target}")
    if answer_key(args.name) is not None:
        print("this is an exercise: run 'mla-writer check' on the copy and compare with the trainer's answer key")
    return EXIT_OK


def _examples_render_all(args: argparse.Namespace) -> int:
    from .examples import render_all

    written, failures = render_all(args.outdir, args.languages, show_progress=sys.stderr.isatty())
    for line in failures:
        print(f"error: {line}", file=sys.stderr)
    print(f"wrote {len(written)} document(s) to {args.outdir}")
    return EXIT_FINDINGS if failures else EXIT_OK


def cmd_wizard(args: argparse.Namespace) -> int:
    import gc

    gc.disable()  # until the first screen is up: see tui.collector
    try:
        from .tui.app import run_wizard

        return run_wizard(case_path=getattr(args, "case", None), ui_language=_ui_language(args),
                          example=getattr(args, "example", None))
    finally:
        from .tui.collector import resume_collector

        resume_collector()


def cmd_serve(args: argparse.Namespace) -> int:
    from .tui.serve import serve

    return serve(case_path=args.case, port=args.port, ui_language=_ui_language(args))


def _ui_language(args: argparse.Namespace) -> str:
    return getattr(args, "ui_language", "en")


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
            if name.name.startswith(".") and name.name.endswith(".tmp"):  # store.write_atomic's temp file
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
