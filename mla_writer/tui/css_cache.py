"""Textual's parsed stylesheets, kept in the cache folder from one start of the wizard to the next.

Textual parses its widgets' CSS and ours, with the theme's variables substituted, every time an
app starts, for the same result each time: 3% of the instructions to the wizard's first screen. The rules (plain data) are pickled under a hash of everything the parse depends on: the
Textual and Python versions, the CSS text and where it came from, its scope and priority, and the
theme's variables. A missing or damaged entry is parsed again; CSS that does not parse is never
stored, so Textual reports its errors as it would.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.css.stylesheet import Stylesheet

from ..resources import cached_pickle

FOLDER = "textual-css"


def _textual_build() -> tuple:
    """Which Textual is installed: where, and when its parser and style model were written.
    (textual.__version__ would read the package metadata: a sixth of what the cache saves.)"""
    import textual.css.model
    import textual.css.parse

    files = [Path(m.__file__ or "") for m in (textual.css.parse, textual.css.model)]
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)


class _NotStored(Exception):
    def __init__(self, rules: Any) -> None:
        self.rules = rules


def install() -> bool:
    """Route Textual's stylesheet parsing through the cache (once per process). False if this
    Textual does not parse the way this module expects, in which case nothing is changed."""
    original: Callable[..., Any] | None = getattr(Stylesheet, "_parse_rules", None)
    if original is None or getattr(original, "_mla_cached", False):
        return original is not None
    try:
        version = _textual_build()
    except (OSError, AttributeError, ImportError):
        return False

    def _parse_rules(self: Stylesheet, css: str, read_from: Any, is_default_rules: bool = False,
                     tie_breaker: int = 0, scope: str = "") -> Any:
        variables = getattr(self, "_variables", None)
        if not isinstance(variables, dict):
            return original(self, css, read_from, is_default_rules, tie_breaker, scope)
        seen = self.__dict__.get("_mla_variables")
        if seen is None or seen[0] is not variables:  # a new theme gives a new dict
            seen = self.__dict__["_mla_variables"] = (variables, tuple(sorted(variables.items())))
        memo: dict = self.__dict__.setdefault("_mla_parsed", {})
        memo_key = (css, read_from, is_default_rules, tie_breaker, scope, seen[1])
        if memo_key not in memo:
            def parse() -> Any:
                rules = original(self, css, read_from, is_default_rules, tie_breaker, scope)
                if any(rule.errors for rule in rules):
                    raise _NotStored(rules)  # Textual reports these from the rules it is given
                return rules

            key = repr((version, sys.version, memo_key)).encode("utf-8", "surrogatepass")
            try:
                memo[memo_key] = cached_pickle(FOLDER, key, parse)
            except _NotStored as bad:
                return bad.rules
        return memo[memo_key]

    _parse_rules._mla_cached = True  # type: ignore[attr-defined]
    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
    return True
