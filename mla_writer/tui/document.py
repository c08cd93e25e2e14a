"""The case being edited: raw data that may not validate yet, its problems, and saving.

The wizard edits the case as plain JSON data so that a half-typed value (a date missing its
day, an address with a typo) is kept exactly as typed; the model then says what is wrong with it,
in its own words. Every change is autosaved beside the case file; a valid case is saved to the
case file itself on request and on quit.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import store
from ..checks import Context, run_checks
from ..checks.engine import Finding
from ..model import Case

PathT = tuple[str | int, ...]
PRUNE_EMPTY = ("date_range", "period")
TEXT_KEYS = frozenset({"text", "translations"})  # the keys of free text in its object form  # optional objects whose every field may be cleared
_MISSING = object()
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(text: str) -> PathT:
    """`requests[0].items[1].nexus` or `requests.0.items.1.nexus` -> ('requests', 0, 'items', 1, 'nexus')."""
    out: list[str | int] = []
    for name, index in _PART.findall(text):
        if index:
            out.append(int(index))
        elif name.isdigit():
            out.append(int(name))
        else:
            out.append(name)
    return tuple(out)


def path_text(path: PathT) -> str:
    """The case path as the model and the checks write it: requests[0].items[1].nexus."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


def widget_id(path: PathT, prefix: str = "f") -> str:
    return prefix + "-" + "-".join(str(p) for p in path)


def get_in(data: Any, path: PathT, default: Any = None) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return default
    return default if data is None else data


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
    """A plain string written over free text replaces its text, never its translations."""
    if isinstance(value, str) and is_free_text(old):
        return {**old, "text": value}
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


class CaseDocument:
    """One case open in the wizard."""

    def __init__(self, data: dict[str, Any], path: Path, *, today: dt.date | None = None,
                 case: Case | None = None) -> None:
        """`case`: `data` already validated (its normal form), so not validated a second time."""
        self.data = data
        self.path = path
        self.today = today or dt.date.today()
        self.dirty = False
        self.case: Case | None = None
        self.errors: dict[str, list[str]] = {}
        self.findings: list[Finding] = []
        self.validate(case)

    @classmethod
    def new(cls, path: Path, *, today: dt.date | None = None) -> CaseDocument:
        return cls(json.loads(Case().model_dump_json()), path, today=today)

    @classmethod
    def open(cls, path: Path, *, today: dt.date | None = None) -> CaseDocument:
        """Open a case file. One that does not validate is still opened, to be fixed here."""
        # Read once, through load_case's guards: anything that is not a JSON object (not JSON,
        # a pipe, a device, too deep) raises CaseFileError. A valid case is normalised as a save
        # would write it; one that does not validate opens as it is, to be fixed here.
        data = store.load_case_json(path)
        try:
            case = Case.model_validate(data)
        except (ValidationError, RecursionError):
            return cls(data, path, today=today)
        return cls(json.loads(case.model_dump_json()), path, today=today, case=case)

    def restore_autosave(self) -> bool:
        auto = store.pending_autosave(self.path)
        if auto is None:
            return False
        try:
            data = store.load_case_json(auto)
        except store.CaseFileError:
            return False  # a damaged autosave is not offered; the case file itself is intact
        self.data = data
        self.dirty = True
        self.validate()
        return True

    # editing -------------------------------------------------------------------------------
    def get(self, path: PathT, default: Any = None) -> Any:
        return get_in(self.data, path, default)

    def set(self, path: PathT, value: Any) -> bool:
        """Change one value; False when it was already that value (nothing to save)."""
        before = copy.deepcopy(self.get(path)) if _has_path(self.data, path) else _MISSING
        set_in(self.data, path, value)
        if self.get(path) == before:
            return False
        self._prune(path)
        self.dirty = True
        self.validate()
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
        self.validate()

    def replace(self, path: PathT, value: Any) -> None:
        set_in(self.data, path, value)
        self.dirty = True
        self.validate()

    # problems --------------------------------------------------------------------------------
    def validate(self, case: Case | None = None) -> None:
        """Validate the data (unless `case` is it, already validated) and run the checks."""
        self.errors = {}
        try:
            self.case = case if case is not None else Case.model_validate(self.data)
        except ValidationError as err:
            self.case = None
            for line in store.format_validation_error(err):
                where, _, msg = line.partition(": ")
                self.errors.setdefault(where, []).append(msg)
        self.findings = run_checks(self.case, Context(today=self.today)) if self.case else []

    @property
    def valid(self) -> bool:
        return self.case is not None

    # saving ----------------------------------------------------------------------------------
    def autosave(self) -> Path:
        return store.autosave(self.data, self.path)

    def save(self) -> Path:
        """Write the case file (only a valid case) and drop the autosave it supersedes."""
        if self.case is None:
            raise ValueError("the case has problems to fix before it can be saved")
        out = store.save_case(self.case, self.path)
        store.discard_autosave(self.path)
        self.dirty = False
        return out


def _has_path(data: Any, path: PathT) -> bool:
    node = data
    for part in path:
        if not _has(node, part):
            return False
        node = node[part]
    return True
