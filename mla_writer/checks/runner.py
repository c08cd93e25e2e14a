"""Running the checks: every theme's rules, registered when first asked for, over one case.

Apart from the engine so that the engine, which every theme module imports, imports none of them.
"""

from __future__ import annotations

import re

from ..labels import N_
from ..model import Case
from .engine import REGISTRY, SEVERITY_ORDER, Context, Finding, Rule


def _load_rules() -> None:
    from . import rules_index  # noqa: F401  importing the theme modules registers their rules


def all_rules() -> list[Rule]:
    _load_rules()
    return sorted(REGISTRY.values(), key=lambda r: r.code)


def checklist_item_of(finding: Finding) -> str | None:
    """The checklist item a finding concerns: the one its hit joined, else its rule's."""
    if finding.checklist is not None:
        return finding.checklist
    _load_rules()
    r = REGISTRY.get(finding.code)
    return r.checklist if r is not None else None


_NUMBER = re.compile(r"(\d+)")


def path_order(path: str) -> tuple[object, ...]:
    """A sort key that puts ``items[2]`` before ``items[10]``: the order of the case, not of the
    characters (a request's 250 identifiers were listed 1, 10, 100, 101...)."""
    return tuple(int(piece) if i % 2 else piece for i, piece in enumerate(_NUMBER.split(path)))


def run_checks(case: Case, ctx: Context) -> list[Finding]:
    """Every finding for the case, each (code, path) once, errors first, then by path."""
    findings: list[Finding] = []
    for r in all_rules():
        try:
            findings.extend(r.run(case, ctx))
        except Exception as e:  # a bug in one rule must not hide the others
            findings.append(Finding("INTERNAL", "warning", "(case)",
                                    N_("Rule %(code)s could not run (%(error)s); please report it."),
                                    "mla-writer", (("code", r.code), ("error", f"{type(e).__name__}: {e}"))))
    # Two rules may reach the same element by different roads (a request's own check and the
    # case-wide one); the reader needs each problem at each place once.
    seen: set[tuple[str, str]] = set()
    unique = []
    for f in findings:
        if (f.code, f.path) not in seen:
            seen.add((f.code, f.path))
            unique.append(f)
    return sorted(unique, key=lambda f: (SEVERITY_ORDER[f.severity], path_order(f.path), f.code))
