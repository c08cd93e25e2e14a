"""The rule engine: rules are small documented functions over a case that yield findings.

A rule is registered with its stable code, severity, a one-line summary and the legal or
guidance reference it rests on. Running the rules never raises: a rule that crashes on a case
is reported as an INTERNAL finding instead of hiding the other findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Literal

from ..model import Case

Severity = Literal["error", "warning", "advice"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "advice": 2}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    path: str
    message: str
    reference: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the case: the date 'today' (fixed in tests)."""

    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class Hit:
    """What a rule yields: where the problem is, and optionally a more specific message."""

    path: str
    message: str | None = None


RuleFn = Callable[[Case, Context], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    message: str
    reference: str
    fn: RuleFn
    theme: str

    def run(self, case: Case, ctx: Context) -> list[Finding]:
        return [
            Finding(self.code, self.severity, hit.path, hit.message or self.message, self.reference)
            for hit in self.fn(case, ctx)
        ]


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str, severity: Severity, *, summary: str, message: str, reference: str
) -> Callable[[RuleFn], RuleFn]:
    """Register a rule. `message` says how to fix the problem; a Hit may replace it."""

    def deco(fn: RuleFn) -> RuleFn:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        theme = fn.__module__.rsplit(".", 1)[-1]
        REGISTRY[code] = Rule(code, severity, summary, message, reference, fn, theme)
        return fn

    return deco
