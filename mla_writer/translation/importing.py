"""An XLIFF file's translations into a case: checked whole first, then written in one step.

Refused with nothing changed (:class:`TranslationFileError`, one line): a file that is not XML or
declares entities, a file exported from another case, or into another language; texts that
changed in the case since the export (unless ``skip_stale``: then the others are imported and
those listed). Left pending: units with no target, an empty one, or one a CAT tool marks as not
yet translated. Kept: a translation the case already has that differs from the file's (the
user typed it), unless ``force``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..model import Case
from .memory import Memory, load_memory, save_memory
from .units import path_steps, resolve
from .xliff import UNTRANSLATED_STATES, XliffDocument, case_fingerprint, check_language, read_xliff
from .xmlfile import TranslationFileError, read_bytes


@dataclass
class ImportReport:
    language: str
    imported: list[str] = field(default_factory=list)  # paths written
    replaced: list[str] = field(default_factory=list)  # of those, ones that replaced the user's (--force)
    unchanged: list[str] = field(default_factory=list)  # the case already held the same translation
    pending: list[str] = field(default_factory=list)  # no translation in the file yet
    kept: list[str] = field(default_factory=list)  # the user's own translation kept (no --force)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why) with skip_stale
    remembered: int = 0  # translations the memory learnt
    memory_error: str | None = None


def apply(case: Case, doc: XliffDocument, origin: Path | str, *, force: bool = False,
          skip_stale: bool = False) -> tuple[Case, ImportReport]:
    """The case with the document's translations in it, and what happened to each unit. Raises
    TranslationFileError, leaving `case` as it was, for a file that does not belong to it."""
    _check_belongs(case, doc, origin)
    lang = doc.target_language.split("-")[0].lower()
    report = ImportReport(lang)
    problems: list[tuple[str, str]] = []
    writes: dict[str, str] = {}
    for unit in doc.units:
        text = resolve(case, unit.id)
        if text is None:
            problems.append((unit.id, "no such text in the case any more"))
            continue
        if text.text != unit.source:
            problems.append((unit.id, "the text changed in the case since the export"))
            continue
        if unit.target is None or not unit.target.strip() or (unit.state or "") in UNTRANSLATED_STATES:
            report.pending.append(unit.id)
            continue
        if unit.problem is not None:
            problems.append((unit.id, unit.problem))
            continue
        current = (text.translations.get(lang) or "")  # type: ignore[call-overload]
        if current == unit.target:
            report.unchanged.append(unit.id)
        elif current.strip() and not force:
            report.kept.append(unit.id)
        else:
            writes[unit.id] = unit.target
            report.imported.append(unit.id)
            if current.strip():
                report.replaced.append(unit.id)
    if problems and not skip_stale:
        shown = "; ".join(f"{path}: {why}" for path, why in problems[:5])
        more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise TranslationFileError(origin, f"{len(problems)} unit(s) cannot be imported ({shown}{more}); nothing "
                                           "was imported: export the case again for those texts, or use "
                                           "--skip-stale to import the others")
    report.skipped = problems
    return _with_translations(case, writes, lang, origin), report


def _check_belongs(case: Case, doc: XliffDocument, origin: Path | str) -> None:
    if doc.fingerprint is None:
        raise TranslationFileError(origin, "was not exported by mla-writer (its header has no case fingerprint); "
                                           "import only files made with 'mla-writer translate export'")
    if doc.fingerprint != case_fingerprint(case):
        made_for = f" ({doc.reference})" if doc.reference else ""
        raise TranslationFileError(origin, f"was exported from another case{made_for}, not from this one; "
                                           "import it into the case it came from; nothing was changed")
    source = doc.source_language.split("-")[0].lower()
    if source != case.drafting_language:
        raise TranslationFileError(origin, f"translates from {doc.source_language}, but the case is drafted in "
                                           f"{case.drafting_language}; nothing was changed")
    lang = doc.target_language.split("-")[0].lower()
    try:
        check_language(case, lang)
    except ValueError as e:
        raise TranslationFileError(origin, f"translates into '{doc.target_language}': {e}; nothing was changed") from None


def _with_translations(case: Case, writes: dict[str, str], lang: str, origin: Path | str) -> Case:
    if not writes:
        return case
    data = case.model_dump(mode="json")
    for path, target in writes.items():
        node = data
        for name, index in path_steps(path):
            node = node[name] if index is None else node[name][index]
        node["translations"][lang] = target
    try:
        return Case.model_validate(data)
    except ValidationError as e:
        from ..store import format_validation_error

        raise TranslationFileError(origin, "a translation cannot go into the case: "
                                           + "; ".join(format_validation_error(e)[:3])) from None


def import_xliff(case_path: Path | str, xliff_path: Path | str, *, force: bool = False, skip_stale: bool = False,
                 memory_file: Path | str | None = None, remember: bool = True) -> ImportReport:
    """Import `xliff_path` into the case file at `case_path` (saved atomically, 0600, refused if
    the case changed on disk meanwhile), then teach the memory what was imported."""
    from ..store import parse_case, read_case_file, save_checked

    raw, state = read_case_file(case_path)
    case = parse_case(raw, case_path)
    doc = read_xliff(read_bytes(xliff_path), xliff_path)
    updated, report = apply(case, doc, xliff_path, force=force, skip_stale=skip_stale)
    if updated is not case:
        save_checked(updated, case_path, state)
    if remember and report.imported:
        try:
            memory = load_memory(memory_file)
            report.remembered = _learn(memory, updated, report)
            if report.remembered:
                save_memory(memory, memory_file)
        except (OSError, TranslationFileError) as e:
            report.memory_error = str(e)
    return report


def _learn(memory: Memory, case: Case, report: ImportReport) -> int:
    learnt = 0
    for path in report.imported:
        text = resolve(case, path)
        if text is not None:
            learnt += memory.add(text.text, case.drafting_language, text.translations[report.language],  # type: ignore[index]
                                 report.language)
    return learnt
