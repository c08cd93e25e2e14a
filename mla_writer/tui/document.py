"""The case being edited: raw data that may not validate yet, its problems, and saving.

The wizard edits the case as plain JSON data so that a half-typed value (a date missing its
day, an address with a typo) is kept exactly as typed; the model then says what is wrong with it,
in its own words. Every change is autosaved beside the case file; a valid case is saved to the
case file itself on request and on quit.

Another editor may have the same file: the document remembers what it loaded (``disk``) and a
save never replaces a file changed since (store.save_checked keeps ours beside it and raises
store.SaveConflict). Opened ``exclusive`` (as the wizard does), the document holds the case's
lock for its session; if another live wizard holds it, the document is ``read_only``: it can be
edited and is autosaved under its own session's name, but never saved over the case file.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .. import locks, store
from ..asof import AsOf, clock_today, resolve
from ..model import Case
from .paths import PathT, get_in, parse_path, path_text  # noqa: F401 (the wizard's modules import them from here)

if TYPE_CHECKING:
    from ..checks.engine import Finding

PRUNE_EMPTY = ("date_range", "period")  # optional objects whose every field may be cleared
TEXT_KEYS = frozenset({"text", "translations"})  # the keys of free text in its object form
_MISSING = object()


def widget_id(path: PathT, prefix: str = "f") -> str:
    return prefix + "-" + "-".join(str(p) for p in path)


def set_in(data: dict[str, Any], path: PathT, value: Any) -> None:
    """Set a value, creating the objects on the way (an optional object that was null included).

    Whatever stands in the way takes the shape the path needs, so no edit fails on the shape of
    the data: free text written as a plain string becomes {text, translations} when a translation
    is first typed under it; any other value where an object or a list must be (only in a case
    the model already rejects) is replaced by one. Free text given a plain string keeps its
    translations. In a list, None at the last index removes the element (a second document
    language cleared).
    """
    node: Any = data
    for part, nxt in zip(path, path[1:], strict=False):
        child = node[part] if _has(node, part) else None
        if not isinstance(child, list if isinstance(nxt, int) else dict):
            child = _container(child, nxt)
            if isinstance(node, list) and not _has(node, part):
                node.append(child)
            else:
                node[part] = child
        node = child
    last = path[-1]
    if isinstance(node, list):
        assert isinstance(last, int)
        if value is None:
            if last < len(node):
                del node[last]
        elif last < len(node):
            node[last] = _keep_translations(node[last], value)
        else:
            node.append(value)
    else:
        node[last] = _keep_translations(node.get(last), value)


def _container(old: Any, nxt: str | int) -> dict[str, Any] | list[Any]:
    """What a path step needs in place of `old` to go on to `nxt`."""
    if isinstance(nxt, int):
        return []
    if isinstance(old, str) and nxt in TEXT_KEYS:
        return {"text": old, "translations": {}}
    return {}


def _keep_translations(old: Any, value: Any) -> Any:
    """A plain string written over free text replaces its text, never its translations; so does
    each entry of a list of free texts edited as one line: in place while the list keeps its
    length (an entry retyped), else an entry typed as it was keeps its own."""
    if isinstance(value, str) and is_free_text(old):
        return {**old, "text": value}
    if isinstance(old, list) and isinstance(value, list):
        if len(old) == len(value):
            return [_keep_translations(o, v) for o, v in zip(old, value, strict=True)]
        kept = {o["text"]: o for o in old if is_free_text(o) and isinstance(o.get("text"), str)}
        return [kept.get(v, v) if isinstance(v, str) else v for v in value]
    return value


def is_free_text(value: Any) -> bool:
    """Free text in its object form: {text, translations} (either may be missing)."""
    return isinstance(value, dict) and bool(value) and set(value) <= TEXT_KEYS


def _has(node: Any, part: str | int) -> bool:
    if isinstance(node, list):
        return isinstance(part, int) and part < len(node)
    return isinstance(node, dict) and part in node


def text_of(value: Any) -> str:
    """The user's own text of a free-text value (plain string or {text, translations})."""
    if isinstance(value, dict):
        return str(value.get("text", ""))
    return "" if value is None else str(value)


def is_structured(value: Any) -> bool:
    """A value that may also be written in words, written as a structure (a penalty
    ``{"years": 10}``, a period ``{"months": 12}``): the document words it in each language."""
    return isinstance(value, dict) and "text" not in value


@dataclass(frozen=True)
class Checked:
    """The whole case's validation and checks, for one state of its data."""

    errors: dict[str, list[str]]
    case: Case | None
    findings: list[Finding]


class CaseReadOnly(OSError):
    """A save of a case opened read-only (another wizard has it open)."""


class CaseDocument:
    """One case open in the wizard."""

    def __init__(self, data: dict[str, Any], path: Path, *, today: dt.date | None = None,
                 option: dt.date | None = None, case: Case | None = None, disk: store.DiskState | None = None,
                 session: str = "", defer_checks: bool = False) -> None:
        """`today`: the clock's date; `option`: --today, which overrides a training case's own date
        (see asof.as_of). `case`: `data` already validated (its normal form), so not validated a second time.
        `disk`: what the file held when loaded (None: no file yet). `session`: the name of this
        wizard's autosave and lock ("" for the shared autosave name, without a lock)."""
        self.data = data
        self.path = path
        self.today = today or clock_today()
        self.option = option
        self.dirty = False
        self.case: Case | None = None
        self.errors: dict[str, list[str]] = {}
        self.findings: list[Finding] = []
        self.generation = 0  # counts the changes to `data`
        self.checked = -1  # the generation `errors`, `case` and `findings` were computed for
        self.disk = disk
        self.session = session
        self.holder: locks.LockInfo | None = None  # the other wizard, when read-only
        self.locked = False
        self._restored: Path | None = None
        self._validated: tuple[int, Case] | None = None  # a generation of the data and its case, validated
        if defer_checks:
            self.generation = 1  # stale: nothing is known until the checks are applied
        else:
            self.validate(case)

    @classmethod
    def new(cls, path: Path, *, today: dt.date | None = None, option: dt.date | None = None,
            exclusive: bool = False, start: Case | None = None) -> CaseDocument:
        """A new case, empty or as `start` (a case begun from an authority profile)."""
        doc = cls(json.loads((start or Case()).model_dump_json()), path, today=today, option=option,
                  session=locks.new_session() if exclusive else "")
        if exclusive:
            doc.lock()
        return doc

    @classmethod
    def open(cls, path: Path, *, today: dt.date | None = None, option: dt.date | None = None,
             exclusive: bool = False, defer_checks: bool = False) -> CaseDocument:
        """Open a case file. One that does not validate is still opened, to be fixed here.
        `exclusive`: take the case's lock for a new session, or open read-only if another
        wizard holds it. `defer_checks`: validate, but leave the checks (seconds, on a case
        with thousands of identifiers) to whoever applies them later: the document is `stale`."""
        # Read once, through load_case's guards: anything that is not a JSON object (not JSON,
        # a pipe, a device, too deep) raises CaseFileError. A valid case is normalised as a save
        # would write it; one that does not validate opens as it is, to be fixed here.
        session = locks.new_session() if exclusive else ""
        raw, disk = store.read_case_file(path)
        data = store.parse_case_json(raw, path)
        try:
            case = Case.model_validate(data)
        except (ValidationError, RecursionError):
            doc = cls(data, path, today=today, option=option, disk=disk, session=session)
        else:
            doc = cls(case.model_dump(mode="json"), path, today=today, option=option,
                      case=None if defer_checks else case, disk=disk, session=session, defer_checks=defer_checks)
            if defer_checks:
                doc._validated = (doc.generation, case)  # the checks left to run need not validate it again
        if exclusive:
            doc.lock()
        return doc

    # other editors ---------------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self.holder is not None

    def lock(self) -> bool:
        """Take the case's lock for this session; False (and read-only) if another wizard has it."""
        try:
            locks.acquire(self.path, self.session)
        except locks.CaseLocked as e:
            self.holder = e.holder
            return False
        except OSError:
            # No lock can be written here (a read-only folder): the case still opens, and the
            # check on every save (store.save_checked) still keeps another editor's work.
            return True
        self.locked = True
        return True

    def close(self) -> None:
        """Give the case's lock back (the wizard is done with the case)."""
        if self.locked:
            locks.release(self.path, self.session)
            self.locked = False

    def pending_autosave(self) -> Path | None:
        """Unsaved work left by an earlier wizard on this case (not by one still running)."""
        skip = (self.session,) + ((self.holder.session,) if self.holder else ())
        return store.pending_autosave(self.path, skip=skip if self.session else ())

    def restore_autosave(self) -> bool:
        auto = self.pending_autosave()
        if auto is None:
            return False
        try:
            data = store.load_case_json(auto)
        except store.CaseFileError:
            return False  # a damaged autosave is not offered; the case file itself is intact
        self.data = data
        self.dirty = True
        self.generation += 1
        self._restored = auto
        self.validate()
        return True

    def discard_pending(self) -> None:
        """Drop the unsaved work offered back (the user chose not to restore it)."""
        auto = self.pending_autosave()
        if auto is not None:
            auto.unlink(missing_ok=True)

    # editing -------------------------------------------------------------------------------
    def get(self, path: PathT, default: Any = None) -> Any:
        return get_in(self.data, path, default)

    def set(self, path: PathT, value: Any, *, whole: bool = True) -> bool:
        """Change one value; False when it was already that value (nothing to save).

        `whole`: validate and check the whole case now. Otherwise (a key press in the wizard)
        only the field is validated and the document is `stale` until :meth:`apply` gives it
        the whole case's results, computed elsewhere (:meth:`compute`)."""
        before = copy.deepcopy(self.get(path)) if _has_path(self.data, path) else _MISSING
        set_in(self.data, path, value)
        if self.get(path) == before:
            return False
        self._prune(path)
        self.dirty = True
        self.generation += 1
        if whole or not self._check_field(path):
            self.validate()
        return True

    def _check_field(self, path: PathT) -> bool:
        """Replace what the model said about the field at `path` (and under it) with what it says
        now; False when the field cannot be validated on its own."""
        from .field_check import field_errors

        found = field_errors(self.data, path)
        if found is None:
            return False
        here = path_text(path)
        self.errors = {k: v for k, v in self.errors.items()
                       if not (k == here or k.startswith(here + ".") or k.startswith(here + "["))} | found
        return True

    def _prune(self, path: PathT) -> None:
        """An optional date range left with nothing in it goes back to null, not an error."""
        if len(path) >= 2 and path[-2] in PRUNE_EMPTY:
            owner = get_in(self.data, path[:-1])
            if isinstance(owner, dict) and all(v in (None, "") for v in owner.values()):
                set_in(self.data, path[:-1], None)

    def replace_all(self, data: dict[str, Any]) -> None:
        self.data = data
        self.dirty = True
        self.generation += 1
        self.validate()

    def replace(self, path: PathT, value: Any) -> None:
        set_in(self.data, path, value)
        self.dirty = True
        self.generation += 1
        self.validate()

    # problems --------------------------------------------------------------------------------
    def validate(self, case: Case | None = None) -> None:
        """Validate the data (unless `case` is it, already validated) and run the checks, now."""
        self.apply(self.generation, self.compute(self.data, self.as_of.date, case))

    @property
    def stale(self) -> bool:
        """Changed since the whole case was last validated and checked."""
        return self.checked != self.generation

    def ensure_checked(self) -> None:
        """Validate and check the whole case now if a change has not been (before saving it)."""
        if self.stale:
            self.validate()

    def snapshot(self) -> tuple[int, dict[str, Any], dt.date, Case | None]:
        """What :meth:`compute` needs, taken now, to run elsewhere while editing goes on: a copy
        of the data, or, for the data as opened (validated then), its case, which is all
        :meth:`compute` reads when it has one (copying a large case holds the screen)."""
        if self._validated is not None and self._validated[0] == self.generation:
            return self.generation, self.data, self.as_of.date, self._validated[1]
        return self.generation, copy.deepcopy(self.data), self.as_of.date, None

    @staticmethod
    def compute(data: dict[str, Any], as_of: dt.date, case: Case | None = None) -> Checked:
        """The model's errors, the case (None if invalid) and the findings, for `data` as of a date.
        Reads nothing else of the document: a worker thread runs it on a snapshot."""
        errors: dict[str, list[str]] = {}
        try:
            case = case if case is not None else Case.model_validate(data)
        except ValidationError as err:
            case = None
            for line in store.format_validation_error(err):
                where, _, msg = line.partition(": ")
                errors.setdefault(where, []).append(msg)
        except RecursionError:
            case, errors = None, {"(case)": ["is nested too deeply"]}
        # (Imported here, in the worker that runs them: not on the way to the first screen.)
        from ..checks import Context, run_checks

        return Checked(errors, case, run_checks(case, Context(today=as_of)) if case else [])

    def apply(self, generation: int, checked: Checked) -> bool:
        """Take the results computed for `generation`; False (and nothing taken) if the data has
        changed since: results of an older state would hide what was typed after it."""
        if generation != self.generation:
            return False
        self.errors, self.case, self.findings = checked.errors, checked.case, checked.findings
        self.checked = generation
        return True

    @property
    def as_of(self) -> AsOf:
        """The date the case is checked and rendered as of: --today, else a training case's own
        date, else today. Read from the data, so that a training date typed in takes effect."""
        own = get_in(self.data, ("training", "as_of"))
        try:
            own_date = dt.date.fromisoformat(own) if isinstance(own, str) else None
        except ValueError:  # half typed: the model says what is wrong with it
            own_date = None
        return resolve(own_date, option=self.option, today=self.today)

    @property
    def valid(self) -> bool:
        self.ensure_checked()
        return self.case is not None

    # saving ----------------------------------------------------------------------------------
    def autosave(self) -> Path:
        return store.autosave(self.data, self.path, self.session)

    @property
    def autosave_path(self) -> Path:
        return store.autosave_path(self.path, self.session)

    def save(self) -> Path:
        """Write the case file (only a valid case) and drop the autosave it supersedes.

        Raises CaseReadOnly when another wizard has the case, store.SaveConflict when the file
        changed on disk since it was loaded (ours is then kept beside it), OSError otherwise."""
        self.ensure_checked()  # never a case validated before the last change
        if self.case is None:
            raise ValueError("the case has problems to fix before it can be saved")
        if self.read_only:
            raise CaseReadOnly(None, "another wizard has this case open, so it was opened read-only",
                               str(self.path))
        self.disk = store.save_checked(self.case, self.path, self.disk)
        store.discard_autosave(self.path, self.session)
        if self._restored is not None:  # the earlier session's work, now in the case file
            self._restored.unlink(missing_ok=True)
            self._restored = None
        self.dirty = False
        return self.path


def _has_path(data: Any, path: PathT) -> bool:
    node = data
    for part in path:
        if not _has(node, part):
            return False
        node = node[part]
    return True
