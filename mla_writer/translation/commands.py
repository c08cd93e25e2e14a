"""`mla-writer translate export|import|pending|memory`: the command line's side of translation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import EXIT_OK, UsageError
from ..files import printable


def _line(text: str, *, err: bool = False) -> None:
    print(printable(text), file=sys.stderr if err else sys.stdout)


def main(args: argparse.Namespace) -> int:
    action = {"export": export, "import": import_, "pending": pending, "memory": memory}
    return action[args.translate_command](args)


def export(args: argparse.Namespace) -> int:
    from ..files import check_target, write_file
    from ..store import load_case
    from .memory import load_memory
    from .xliff import build_xliff

    out: Path = args.output
    if out.suffix.lower() not in (".xlf", ".xliff"):
        raise UsageError(f"{out}: the output must end in .xlf or .xliff")
    check_target(out, force=args.force)
    case = load_case(args.case)
    memory = None if args.no_memory else load_memory()
    try:
        exported = build_xliff(case, args.to, every=args.all, memory=memory, original=Path(args.case).name)
    except ValueError as e:
        raise UsageError(f"--to {args.to}: {e}") from None
    write_file(out, exported.data, force=args.force)
    what = "text(s)" if args.all else "text(s) awaiting a translation"
    hint = f"; {exported.from_memory} with a translation from your memory to review" if exported.from_memory else ""
    _line(f"wrote {out}: {exported.units} {what} into {args.to}{hint}")
    if exported.units:
        _line(f"when it comes back: mla-writer translate import {args.case} {out}")
    return EXIT_OK


def import_(args: argparse.Namespace) -> int:
    from .importing import import_xliff

    report = import_xliff(args.case, args.file, force=args.force, skip_stale=args.skip_stale)
    lang = report.language
    _line(f"{args.case}: {len(report.imported)} translation(s) into {lang} imported"
          + (f" ({len(report.replaced)} replacing yours, --force)" if report.replaced else "")
          + (f", {len(report.unchanged)} already there" if report.unchanged else ""))
    if report.pending:
        _line(f"{len(report.pending)} text(s) left pending (no translation in the file yet): "
              + ", ".join(report.pending[:10]) + (" ..." if len(report.pending) > 10 else ""))
    if report.kept:
        _line(f"{len(report.kept)} translation(s) you had typed were kept (the file's differ; --force replaces "
              "them): " + ", ".join(report.kept[:10]) + (" ..." if len(report.kept) > 10 else ""))
    for path, why in report.skipped:
        _line(f"skipped {path}: {why}")
    if report.remembered:
        _line(f"your translation memory learnt {report.remembered} translation(s)")
    if report.memory_error:
        _line(f"warning: the translation memory was not updated: {report.memory_error}", err=True)
    return EXIT_OK


def pending(args: argparse.Namespace) -> int:
    from ..store import load_case
    from .units import pending_counts

    case = load_case(args.case)
    counts = pending_counts(case)
    if not counts:
        _line(f"{args.case}: the documents are in {case.drafting_language} only: nothing to translate")
    for lang, count in counts.items():
        _line(f"{lang}: {count} text(s) awaiting a translation")
    return EXIT_OK


def memory(args: argparse.Namespace) -> int:
    from ..files import write_file
    from .memory import load_memory, memory_path, remember_case, save_memory, to_tmx

    mine = load_memory()
    if args.memory_command == "export":
        write_file(args.file, to_tmx(mine), force=args.force)
        _line(f"wrote {args.file}: {len(mine)} text(s) with their translations")
        return EXIT_OK
    if args.memory_command == "learn":
        from ..store import load_case

        learnt = remember_case(load_case(args.case), mine)
        if learnt:
            save_memory(mine)
        _line(f"your translation memory learnt {learnt} translation(s) from {args.case}")
        return EXIT_OK
    from .memory import from_tmx
    from .xmlfile import read_bytes

    theirs = from_tmx(read_bytes(args.file), args.file)
    added, kept = mine.merge(theirs)
    if added:
        save_memory(mine)
    _line(f"{memory_path()}: {added} translation(s) added from {args.file}"
          + (f"; {kept} of yours kept where the file has another" if kept else ""))
    return EXIT_OK
