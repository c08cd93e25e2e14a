"""Checks: rules that turn the practical guidance into findings."""

from .engine import REGISTRY, Context, Finding, Hit, Rule, rule
from .runner import all_rules, run_checks

__all__ = ["REGISTRY", "Context", "Finding", "Hit", "Rule", "all_rules", "rule", "run_checks"]
