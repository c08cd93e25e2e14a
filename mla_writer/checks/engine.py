"""The rule engine: rules are small documented functions over a case that yield findings.

A rule is registered with its stable code, severity, a one-line summary and the legal or
guidance reference it rests on: a treaty article, or a public UN document by its symbol and
paragraph. Running the rules never raises: a rule that crashes on a case is reported as an
INTERNAL finding instead of hiding the other findings.

Summaries and messages are catalog messages (marked ``N_``, with ``%(name)s`` placeholders), so
a finding can be said in any of the six languages: ``finding.message_in("fr")``. ``message`` is
the English wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from ..model import Case
from .message import Param, say

Severity = Literal["error", "warning", "advice"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "advice": 2}


@dataclass(frozen=True)
class Finding:
    """What a rule found: a stable code and severity, where (a case path), what to do (a catalog
    message and its parameters) and the reference the rule rests on."""

    code: str
    severity: Severity
    path: str
    message_id: str
    reference: str
    params: tuple[tuple[str, Param], ...] = ()

    @property
    def message(self) -> str:
        """The message in English."""
        return self.message_in("en")

    def message_in(self, lang: str) -> str:
        """The message in one of the six languages."""
        return say(self.message_id, dict(self.params), lang)

    def as_dict(self, lang: str = "en") -> dict[str, str]:
        return {"code": self.code, "severity": self.severity, "path": self.path,
                "message": self.message_in(lang), "reference": self.reference}


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the case: the date it is evaluated as of (see asof.py)."""

    today: dt.date


@dataclass(frozen=True, init=False)
class Hit:
    """What a rule yields: where the problem is, and optionally a more specific message (a
    catalog message marked ``N_``) with the values of its ``%(name)s`` placeholders."""

    path: str
    message: str | None
    params: tuple[tuple[str, Param], ...]

    def __init__(self, path: str, message: str | None = None, **params: Param) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "params", tuple(params.items()))


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
            Finding(self.code, self.severity, hit.path, hit.message or self.message, self.reference,
                    hit.params if hit.message else ())
            for hit in self.fn(case, ctx)
        ]

    def summary_in(self, lang: str) -> str:
        return say(self.summary, {}, lang)

    def message_in(self, lang: str) -> str:
        """How to fix what the rule finds, in one of the six languages."""
        return say(self.message, {}, lang)


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str, severity: Severity, *, summary: str, message: str, reference: str
) -> Callable[[RuleFn], RuleFn]:
    """Register a rule. `summary` and `message` (how to fix the problem; a Hit may replace it)
    are catalog messages, marked N_."""

    def deco(fn: RuleFn) -> RuleFn:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        theme = fn.__module__.rsplit(".", 1)[-1]
        REGISTRY[code] = Rule(code, severity, summary, message, reference, fn, theme)
        return fn

    return deco
