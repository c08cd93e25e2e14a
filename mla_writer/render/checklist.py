"""The reviewer checklist of the review sheet (what a central authority confirms before
sending), each item with the state the checks leave it in.

The items and the rules behind each are declared once, in checks/review_items.py and in each
rule's ``checklist``. An item is ticked ("yes") only when its checks verified it: they apply to
this case, they answer the item's whole question, and none of them found anything. It is "no"
when one found an error or a warning (the findings are listed), and "open" otherwise, with a note
saying why it is left to the reviewer: no check covers it, nothing in the case for its checks to
look at, only advice, or a part of the question that is a judgement.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..checks import Finding, all_rules
from ..checks.review_items import ITEMS, ChecklistItem
from ..checks.runner import checklist_item_of
from ..labels import N_
from ..model import Case

__all__ = ["ITEMS", "ChecklistItem", "checklist", "finding_data", "rules_of"]

NO_CHECK = N_("No check covers this item: confirm it yourself.")
NOTHING_TO_CHECK = N_("Nothing in this case for the checks of this item to look at: confirm it yourself, or "
                      "that it does not apply.")
ONLY_ADVICE = N_("The checks found only points to consider (listed here): confirm the item yourself.")


def rules_of(key: str) -> list[str]:
    """The codes of the rules that declare they verify the item `key`."""
    return [r.code for r in all_rules() if r.checklist == key]


def finding_data(finding: Finding, languages: Sequence[str]) -> dict[str, Any]:
    """A finding as templates read it, its message also in each document language (`messages`)."""
    return {**finding.as_dict(), "messages": {lang: finding.message_in(lang) for lang in languages}}


def _state(item: ChecklistItem, case: Case, mine: list[Finding], rules: list[str]) -> tuple[str, str | None]:
    """The item's state and the note (a catalog message) that says why it is left open."""
    if any(f.severity in ("error", "warning") for f in mine):
        return "no", None
    if not rules:
        return "open", NO_CHECK
    if not mine and not item.applies(case):
        return "open", NOTHING_TO_CHECK
    if not item.complete(case):
        return "open", item.remains
    if mine:
        return "open", ONLY_ADVICE
    return "yes", None


def checklist(case: Case, findings: Sequence[Finding], languages: Sequence[str] = ("en",)) -> list[dict[str, Any]]:
    """One entry per item: its state (yes/no/open), the note saying why an open item is left to the
    reviewer, the codes of the rules behind it, and its findings."""
    out = []
    for item in ITEMS:
        mine = [f for f in findings if checklist_item_of(f) == item.key]
        rules = rules_of(item.key)
        state, note = _state(item, case, mine, rules)
        out.append({
            "key": item.key, "title": item.title, "question": item.question, "state": state, "note": note,
            "rules": rules, "findings": [finding_data(f, languages) for f in mine],
        })
    return out
