"""The trainer's kit: the bundled example cases, their answer keys, and the `examples` command.

Examples live in the top-level examples/ folder of a checkout (inside the wheel as
mla_writer/_bundled/examples), one case per NAME.json. Every case has an answer file beside it,
NAME.expected.json = {"findings": [{"code": ..., "path": ...}], "notes": "..."}: every finding
`check` gives on the case at its check date, no more and no fewer. A flawed exercise's answer key
also lists, under "codes", the codes the exercise is about, and its notes explain each flaw.

Each case's `training` note may say "Check with --today YYYY-MM-DD": time-dependent checks
(preservation about to lapse, ranges in the future) are only stable against a fixed date, so
that date is the case's check date. Without it, the day after the document's date is used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from .cli import EXIT_FINDINGS, EXIT_OK, UsageError
from .model import Case
from .resources import resource_dir

KEY_SUFFIX = ".expected.json"
_TODAY = re.compile(r"--today (\d{4}-\d{2}-\d{2})")


class ExampleError(UsageError):
    """An unknown example name or a copy that would overwrite a file: one readable line, exit 2."""


@dataclass(frozen=True)
class AnswerKey:
    codes: tuple[str, ...]
    notes: str
    findings: tuple[tuple[str, str], ...] = ()  # (code, path) of every finding the case gives


@dataclass(frozen=True)
class ExampleInfo:
    """What a trainer needs to pick a case, read from the case file without rendering it."""

    name: str
    path: Path
    title: str
    reference: str
    kinds: tuple[str, ...]
    crime: str
    teaches: str
    flawed: bool
    languages: tuple[str, ...]
    drafting_language: str
    requesting_state: str | None
    requested_state: str | None
    check_date: dt.date | None
    answer_key: AnswerKey | None

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "title": self.title,
            "reference": self.reference,
            "kinds": list(self.kinds),
            "crime": self.crime,
            "teaches": self.teaches,
            "flawed": self.flawed,
            "languages": list(self.languages),
            "drafting_language": self.drafting_language,
            "requesting_state": self.requesting_state,
            "requested_state": self.requested_state,
            "check_date": self.check_date.isoformat() if self.check_date else None,
            "expected_codes": list(self.answer_key.codes) if self.flawed and self.answer_key else None,
            "expected_findings": ([{"code": c, "path": p} for c, p in self.answer_key.findings]
                                  if self.answer_key else None),
        }


def examples_dir() -> Path:
    return resource_dir("examples")


def example_names() -> list[str]:
    folder = examples_dir()
    if not folder.is_dir():
        return []
    return sorted(p.name[: -len(".json")] for p in folder.glob("*.json") if not p.name.endswith(KEY_SUFFIX))


def example_path(name: str) -> Path:
    """The bundled case file for `name`; ExampleError (listing the names) if there is none."""
    names = example_names()
    if name not in names:
        raise ExampleError(f"no example called '{name}'; run 'mla-writer examples list' "
                           f"to see them ({', '.join(names)})")
    return examples_dir() / f"{name}.json"


def load_example(name: str) -> Case:
    from .store import load_case

    return load_case(example_path(name))


def answer_key(name: str) -> AnswerKey | None:
    """The answer file beside an example, or None for a case with none."""
    path = examples_dir() / f"{name}{KEY_SUFFIX}"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return AnswerKey(codes=tuple(data.get("codes", [])), notes=str(data.get("notes", "")),
                     findings=tuple((f["code"], f["path"]) for f in data.get("findings", [])))


def check_date(case: Case) -> dt.date | None:
    """The fixed 'today' to check this case against (see the module docstring)."""
    note = case.training.teaches if case.training else ""
    m = _TODAY.search(note)
    if m:
        return dt.date.fromisoformat(m.group(1))
    return case.date + dt.timedelta(days=1) if case.date else None


def info(name: str) -> ExampleInfo:
    case = load_example(name)
    training = case.training
    return ExampleInfo(
        name=name,
        path=example_path(name),
        title=case.title,
        reference=case.reference,
        kinds=tuple(dict.fromkeys(r.kind for r in case.requests)),
        crime=training.crime if training else "",
        teaches=training.teaches if training else "",
        flawed=training.flawed if training else False,
        languages=tuple(case.languages),
        drafting_language=case.drafting_language,
        requesting_state=case.requesting.state,
        requested_state=case.requested.state,
        check_date=check_date(case),
        answer_key=answer_key(name),
    )


def list_examples() -> list[ExampleInfo]:
    """Every bundled example, good cases first, then the flawed exercises, each by name."""
    return sorted((info(n) for n in example_names()), key=lambda e: (e.flawed, e.name))


# --- the `examples` command -------------------------------------------------------------------


def main(args: argparse.Namespace) -> int:
    action = args.examples_command
    if action == "list":
        return cmd_list(args.format)
    if action == "copy":
        return cmd_copy(args.name, args.dest)
    if action == "render-all":
        return cmd_render_all(args.outdir, args.languages)
    raise UsageError(f"unknown examples action '{action}'; use list, copy or render-all")


def cmd_list(fmt: str = "text") -> int:
    examples = list_examples()
    if fmt == "json":
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
        if e.flawed and e.answer_key:
            print(f"    answer key: {', '.join(e.answer_key.codes)}")
    good = sum(not e.flawed for e in examples)
    print(f"{len(examples)} examples: {good} worked cases, {len(examples) - good} exercises with answer keys")
    return EXIT_OK


def copy_destination(name: str, dest: Path) -> Path:
    """Where `copy NAME DEST` writes: DEST itself, or DEST/NAME.json when DEST is a folder."""
    dest = Path(dest)
    target = dest / f"{name}.json" if dest.is_dir() else dest
    if target.exists():
        raise ExampleError(f"{target} already exists; choose another name or delete it first")
    if not target.parent.is_dir():
        raise ExampleError(f"{target.parent} does not exist; create the folder first")
    return target


def copy_example(name: str, dest: Path) -> Path:
    """A fresh, owner-only (0600) copy of an example to work on; never overwrites a file."""
    from .store import write_private

    source = example_path(name)
    target = copy_destination(name, dest)
    return write_private(target, source.read_text(encoding="utf-8"))


def cmd_copy(name: str, dest: Path) -> int:
    target = copy_example(name, dest)
    print(f"copied {name} to {target}")
    if info(name).flawed:
        print("this is an exercise: run 'mla-writer check' on the copy and compare with the trainer's answer key")
    return EXIT_OK


def render_all(outdir: Path, languages: list[str] | None = None, *, show_progress: bool = True) -> tuple[
        list[Path], list[str]]:
    """One DOCX per example in `outdir` (each in its own language pair unless `languages` is
    given), checked against the example's fixed date. Returns the files written and one line per
    example that could not be rendered."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .checks import Context, run_checks
    from .render import RenderError, render_docx
    from .store import CaseFileError

    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise ExampleError(f"{outdir} is a file; give a folder to write the documents into")
    outdir.mkdir(parents=True, exist_ok=True)
    names = example_names()
    written: list[Path] = []
    failures: list[str] = []
    console = Console(stderr=True)
    with Progress(TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=not show_progress) as progress:
        task = progress.add_task("rendering examples", total=len(names))
        for name in names:
            progress.update(task, description=name)
            out = outdir / f"{name}.docx"
            try:
                case = load_example(name)
                today = check_date(case) or dt.date.today()
                findings = run_checks(case, Context(today=today))
                render_docx(case, out, languages=languages or list(case.languages), findings=findings,
                            templates=None, today=today)
                written.append(out)
            except (CaseFileError, RenderError, OSError) as e:
                failures.append(f"{name}: {e}")
            except Exception as e:  # noqa: BLE001 - one broken case must not stop a class's handouts
                failures.append(f"{name}: unexpected {type(e).__name__}: {e} (please report this)")
            progress.advance(task)
    return written, failures


def cmd_render_all(outdir: Path, languages: list[str] | None) -> int:
    written, failures = render_all(outdir, languages, show_progress=sys.stderr.isatty())
    for line in failures:
        print(f"error: {line}", file=sys.stderr)
    print(f"wrote {len(written)} document(s) to {outdir}")
    return EXIT_FINDINGS if failures else EXIT_OK
