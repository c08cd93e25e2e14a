"""Running the checks: every theme's rules, registered when first asked for, over one case.

Apart from the engine so that the engine, which every theme module imports, imports none of them.
"""

from __future__ import annotations

from ..labels import N_
from ..model import Case
from .engine import REGISTRY, SEVERITY_ORDER, Context, Finding, Rule


def all_rules() -> list[Rule]:
    from . import rules_index  # noqa: F401  importing the theme modules registers their rules

    return sorted(REGISTRY.values(), key=lambda r: r.code)


def run_checks(case: Case, ctx: Context) -> list[Finding]:
    """Every finding for the case, errors first, then by path."""
    findings: list[Finding] = []
    for r in all_rules():
        try:
            findings.extend(r.run(case, ctx))
        except Exception as e:  # a bug in one rule must not hide the others
            findings.append(Finding("INTERNAL", "warning", "(case)",
                                    N_("Rule %(code)s could not run (%(error)s); please report it."),
                                    "mla-writer", (("code", r.code), ("error", f"{type(e).__name__}: {e}"))))
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.path, f.code))
