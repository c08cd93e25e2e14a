"""The trainer's kit: the bundled example cases and their answer keys (the `examples` command
is in the CLI).

Examples live in the top-level examples/ folder of a checkout (inside the wheel as
mla_writer/_bundled/examples), one case per NAME.json. Every case has an answer file beside it,
NAME.expected.json = {"findings": [{"code": ..., "path": ...}], "notes": "..."}: every finding
`check` gives on the case at its check date, no more and no fewer. A flawed exercise's answer key
also lists, under "codes", the codes the exercise is about, and its notes explain each flaw.

Each case carries its own date, `training.as_of`: time-dependent checks (a preservation about to
lapse, a range in the future) are only stable against a fixed date, so every command checks and
renders an example as of that date, whatever the machine's clock says (see asof.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .model import Case
from .resources import resource_dir

KEY_SUFFIX = ".expected.json"


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
    """The date the example is checked and rendered as of (its `training.as_of`)."""
    return case.training.as_of if case.training else None


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


def copy_destination(name: str, dest: Path) -> Path:
    """Where `copy NAME DEST` writes: DEST itself, or DEST/NAME.json when DEST is a folder."""
    dest = Path(dest)
    target = dest / f"{name}.json" if dest.is_dir() and not dest.is_symlink() else dest
    if os.path.lexists(target):  # a dangling symbolic link is something there too
        raise ExampleError(f"{target} already exists; choose another name or delete it first")
    if not target.parent.is_dir():
        raise ExampleError(f"{target.parent} does not exist; create the folder first")
    return target


def copy_example(name: str, dest: Path) -> Path:
    """A fresh, owner-only (0600) copy of an example to work on; never overwrites anything
    (files.write_file, without force: even a file that appears meanwhile is kept)."""
    from .files import write_file

    source = example_path(name)
    target = copy_destination(name, dest)
    return write_file(target, source.read_bytes())


def render_all(outdir: Path, languages: list[str] | None = None, *, today: dt.date, option: dt.date | None = None,
               show_progress: bool = True, force: bool = False) -> tuple[list[Path], list[str]]:
    """The package of each example (its request documents and review sheet) in a folder of its
    own, `outdir`/NAME/, each in its own language pair unless `languages` is given, checked and
    rendered as of the example's own date (`option`, --today, overrides it; `today` is the
    clock, for an example without a date). Returns the files written and one line per example
    that could not be rendered.

    The rules of `render -o FOLDER/` hold for each package: `outdir` itself is made if missing,
    but not its parent folders; a file already there is refused, before any is rendered, unless
    `force`."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .asof import as_of
    from .checks import Context, run_checks
    from .files import check_target
    from .render import RenderError, package_targets, write_package
    from .store import CaseFileError

    outdir = Path(outdir)
    if outdir.is_symlink():
        raise ExampleError(f"{outdir} is a symbolic link; give a folder to write the documents into")
    if os.path.lexists(outdir) and not outdir.is_dir():
        raise ExampleError(f"{outdir} is a file; give a folder to write the documents into")
    if not outdir.parent.is_dir():
        raise ExampleError(f"{outdir.parent} does not exist; create the folder first")
    names = example_names()
    cases: dict[str, Case] = {}
    if outdir.is_dir():
        there = []
        for name in names:
            try:
                cases[name] = load_example(name)
            except CaseFileError:
                continue  # reported when its turn comes
            langs = languages or list(cases[name].languages)
            there += [t for t in [outdir / name, *package_targets(cases[name], outdir / name, langs)]
                      if os.path.lexists(t) and not t.is_dir()]
        if there and not force:
            more = f" (and {len(there) - 1} more)" if len(there) > 1 else ""
            raise ExampleError(f"{there[0]} already exists{more}; use --force to replace them")
    else:
        try:
            outdir.mkdir()
        except OSError as e:
            raise ExampleError(f"{outdir}: cannot create the folder ({e.strerror})") from None
    if names:
        check_target(outdir / f"{names[0]}.docx", force=True)  # a folder we cannot write in
    written: list[Path] = []
    failures: list[str] = []
    console = Console(stderr=True)
    with Progress(TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=not show_progress) as progress:
        task = progress.add_task("rendering examples", total=len(names))
        for name in names:
            progress.update(task, description=name)
            try:
                case = cases[name] if name in cases else load_example(name)
                when = as_of(case, option=option, today=today).date
                findings = run_checks(case, Context(today=when))
                written += write_package(case, outdir / name, languages=languages or list(case.languages),
                                         findings=findings, today=when, force=force)
            except (CaseFileError, RenderError, OSError) as e:
                failures.append(f"{name}: {e}")
            except Exception as e:  # one broken case must not stop a class's handouts
                failures.append(f"{name}: unexpected {type(e).__name__}: {e} (please report this)")
            progress.advance(task)
    return written, failures
