"""The reviewer checklist: what a central authority confirms before sending, each item tied to the
rules behind it."""

from __future__ import annotations

from mla_writer.checks import Finding, all_rules
from mla_writer.render.checklist import ITEMS, UNLISTED, _matches, checklist, item_for

from .cases import findings, make_case


def test_nineteen_items_as_in_the_brief():
    assert len(ITEMS) == 19
    assert len({i.key for i in ITEMS}) == 19


def test_every_rule_belongs_to_an_item_or_is_listed_as_unlisted():
    orphans = [r.code for r in all_rules() if item_for(r.code) is None and not _matches(r.code, UNLISTED)]
    assert not orphans, f"map these rule codes to a checklist item in render/checklist.py: {orphans}"


def test_failing_item_carries_its_findings_and_passing_items_are_ticked():
    case = make_case("preservation")
    extra = Finding("IP-NO-PORT", "warning", "requests[0].items[1].identifier.port", "Give the port.", "x")
    items = {i["key"]: i for i in checklist(case, [*findings(case), extra])}
    assert items["identifiers"]["state"] == "no"
    assert "Give the port." in [f["message"] for f in items["identifiers"]["findings"]]
    assert items["logged"]["state"] == "open"  # no rule covers it: check by hand


def test_advice_does_not_untick_an_item():
    case = make_case("subscriber")
    base = [f for f in findings(case) if item_for(f.code) and item_for(f.code).key != "ranges"]
    advice = Finding("RANGE-VERY-LONG", "advice", "requests[0].items[0].date_range", "Narrow it.", "x")
    items = {i["key"]: i for i in checklist(case, [*base, advice])}
    assert items["ranges"]["state"] == "yes"
    assert items["ranges"]["findings"][0]["message"] == "Narrow it."
