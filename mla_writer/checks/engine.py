"""The rule engine: rules are small documented functions over a case that yield findings.

A rule is registered with its stable code, severity, a one-line summary, the legal or guidance
reference it rests on (a treaty article, or a public UN document by its symbol and paragraph)
and the item of the reviewer's checklist it verifies (checks/review_items.py). Running the rules
never raises: a rule that crashes on a case is reported as an INTERNAL finding instead of hiding
the other findings.

The clause that requires an element often depends on the kind of request: the link to the
offence is Budapest art. 29(2)(c) for a preservation, UNTOC art. 18(15)(d) and (f) for a request
for stored content. Such a rule gives its reference per kind (``by_kind``); a finding under
``requests[N]`` cites the clause for that request's kind, a finding about the case as a whole
the clauses for every kind of request the case holds. A hit may instead name the rule whose
element it examines (``element``: a placeholder in the facts cites what FACTS-MISSING cites and
joins its checklist item) or give its own reference.

Summaries and messages are catalog messages (marked ``N_``, with ``%(name)s`` placeholders), so
a finding can be said in any of the six languages: ``finding.message_in("fr")``. ``message`` is
the English wording. The same code at the same path is reported once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from ..model import REQUEST_KINDS, Case
from .message import Param, say
from .review_items import ITEM_KEYS

Severity = Literal["error", "warning", "advice"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "advice": 2}

_REQUEST_PATH = re.compile(r"^requests\[(\d+)\]")


@dataclass(frozen=True)
class Finding:
    """What a rule found: a stable code and severity, where (a case path), what to do (a catalog
    message and its parameters), the reference the rule rests on for this request, and the
    checklist item it concerns (None: the rule's own, see :func:`runner.checklist_item_of`)."""

    code: str
    severity: Severity
    path: str
    message_id: str
    reference: str
    params: tuple[tuple[str, Param], ...] = ()
    checklist: str | None = None

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
    catalog message marked ``N_``) with the values of its ``%(name)s`` placeholders.

    ``element``: the code of the rule that requires the element this hit is about (its reference
    and checklist item then apply); ``reference``: a reference of the hit's own.
    """

    path: str
    message: str | None
    params: tuple[tuple[str, Param], ...]
    element: str | None
    reference: str | None

    def __init__(self, path: str, message: str | None = None, /, *, element: str | None = None,
                 reference: str | None = None, **params: Param) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "params", tuple(params.items()))
        object.__setattr__(self, "element", element)
        object.__setattr__(self, "reference", reference)

    @classmethod
    def worded(cls, path: str, message: str, params: Mapping[str, Param]) -> Hit:
        """A hit whose placeholder values come as a mapping, for a message picked from a table
        (``**params`` could not be told apart from ``element`` and ``reference``)."""
        hit = cls(path, message)
        object.__setattr__(hit, "params", tuple(params.items()))
        return hit


RuleFn = Callable[[Case, Context], Iterator[Hit]]


def join_references(references: Iterable[str]) -> str:
    """References joined with '; ', each part once, in the order first met."""
    parts: list[str] = []
    for ref in references:
        parts += [p.strip() for p in ref.split(";") if p.strip() and p.strip() not in parts]
    return "; ".join(parts)


# The kinds of request that ask for data to be disclosed through mutual assistance, as opposed to
# preservation (Budapest art. 29) and emergency disclosure.
DISCLOSURE_KINDS: tuple[str, ...] = tuple(k for k in REQUEST_KINDS if k not in ("preservation", "emergency"))


def per_kind(*, preservation: str, disclosure: str, emergency: str) -> dict[str, str]:
    """A rule's references by kind of request: one for preservation, one for the requests for
    disclosure through mutual assistance, one for emergency disclosure."""
    return {"preservation": preservation, "emergency": emergency, **{k: disclosure for k in DISCLOSURE_KINDS}}


def kinds_at(case: Case, path: str) -> list[str]:
    """The kinds of request a path concerns: its request's kind, or every kind the case holds."""
    m = _REQUEST_PATH.match(path)
    if m and int(m.group(1)) < len(case.requests):
        return [case.requests[int(m.group(1))].kind]
    present = {req.kind for req in case.requests}
    return [k for k in REQUEST_KINDS if k in present]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    message: str
    reference: str
    fn: RuleFn
    theme: str
    by_kind: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    checklist: str | None = None
    no_checklist: str = ""

    def reference_for(self, kinds: Iterable[str]) -> str:
        """The clauses that require what the rule checks, for requests of these kinds (the
        rule's general reference when it gives none per kind, or no kind is concerned)."""
        refs = [self.by_kind.get(k, self.reference) for k in kinds]
        return join_references(refs) if refs else self.reference

    def references_by_kind(self) -> dict[str, str]:
        """The reference for each kind of request (the table `rules --format json` prints)."""
        return {k: self.reference_for([k]) for k in REQUEST_KINDS}

    def run(self, case: Case, ctx: Context) -> list[Finding]:
        out = []
        for hit in self.fn(case, ctx):
            source = REGISTRY[hit.element] if hit.element else self
            reference = hit.reference or source.reference_for(kinds_at(case, hit.path))
            out.append(Finding(self.code, self.severity, hit.path, hit.message or self.message, reference,
                               hit.params if hit.message else (), source.checklist))
        return out

    def summary_in(self, lang: str) -> str:
        return say(self.summary, {}, lang)

    def message_in(self, lang: str) -> str:
        """How to fix what the rule finds, in one of the six languages."""
        return say(self.message, {}, lang)


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str, severity: Severity, *, summary: str, message: str, reference: str | None = None,
    by_kind: Mapping[str, str] | None = None, checklist: str | None = None, no_checklist: str = "",
) -> Callable[[RuleFn], RuleFn]:
    """Register a rule. `summary` and `message` (how to fix the problem; a Hit may replace it)
    are catalog messages, marked N_. `reference` may be left out when `by_kind` gives one for
    every kind of request: it is then their union. `checklist` is the key of the checklist item
    the rule verifies; a rule that verifies none says why in `no_checklist`."""
    kinds = dict(by_kind or {})
    unknown = set(kinds) - set(REQUEST_KINDS)
    if unknown:
        raise ValueError(f"rule {code}: by_kind names unknown kinds {sorted(unknown)}")
    if reference is None:
        if set(kinds) != set(REQUEST_KINDS):
            raise ValueError(f"rule {code}: give a reference, or one in by_kind for every kind of request")
        reference = join_references(kinds[k] for k in REQUEST_KINDS)
    if checklist is not None and checklist not in ITEM_KEYS:
        raise ValueError(f"rule {code}: no checklist item {checklist!r}; use one of {', '.join(ITEM_KEYS)}")
    if (checklist is None) == (not no_checklist.strip()):
        raise ValueError(f"rule {code}: give a checklist item, or the reason it has none (no_checklist), not both")

    def deco(fn: RuleFn) -> RuleFn:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        theme = fn.__module__.rsplit(".", 1)[-1]
        REGISTRY[code] = Rule(code, severity, summary, message, reference, fn, theme,
                              MappingProxyType(kinds), checklist, no_checklist)
        return fn

    return deco
