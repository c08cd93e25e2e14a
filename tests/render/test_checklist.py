"""The reviewer checklist: what a central authority confirms before sending. Each rule declares
the one item it verifies; an item is ticked only when its checks verified all of it for this case,
and an item left open says why (no check covers it, nothing to check, only advice, or a judgement
for the reviewer)."""

from __future__ import annotations

import io

import docx
import pytest
from checks.builders import CTX, PRES, clean_case  # tests/checks: a case no rule finds fault with

from mla_writer.checks import Finding, all_rules, rule, run_checks
from mla_writer.checks.review_items import BY_KEY, ITEM_KEYS
from mla_writer.render import render_package
from mla_writer.render.checklist import ITEMS, NO_CHECK, NOTHING_TO_CHECK, ONLY_ADVICE, checklist, rules_of

from .cases import findings, make_case


def items_of(case, found=None) -> dict[str, dict]:
    return {i["key"]: i for i in checklist(case, run_checks(case, CTX) if found is None else found)}


def test_nineteen_items_as_in_the_practice_of_central_authorities():
    assert len(ITEMS) == 19
    assert len(set(ITEM_KEYS)) == 19


def test_every_rule_declares_exactly_one_item_or_says_why_it_has_none():
    for r in all_rules():
        if r.checklist is None:
            assert r.no_checklist.strip(), f"{r.code}: declare its checklist item, or why it has none"
        else:
            assert r.checklist in ITEM_KEYS and not r.no_checklist, r.code
    # Rules with no item of their own are few, and each says why.
    assert {r.code for r in all_rules() if r.checklist is None} == {
        "SIGNATURE-MISSING", "SIGNATURE-NO-TITLE", "STATUS-SEQUENCE", "TEXT-PLACEHOLDER", "TEXT-TOO-SHORT",
        "TEXT-REPEATED"}


def test_every_item_but_one_has_rules_behind_it():
    without = [key for key in ITEM_KEYS if not rules_of(key)]
    assert without == ["logged"]


@pytest.mark.parametrize("declaration", [
    {"checklist": "no-such-item"},
    {},
    {"checklist": "facts", "no_checklist": "both at once"},
], ids=["unknown item", "neither", "both"])
def test_a_rule_with_a_wrong_declaration_is_refused(declaration):
    with pytest.raises(ValueError):
        rule("TEST-ONLY", "advice", summary="s", message="m", reference="UNTOC art. 18(15)(a)", **declaration)


def test_a_finding_about_a_text_joins_the_item_of_the_element_it_examines():
    case = clean_case()
    case.facts.summary.text = "See annex."
    case.requests[PRES].items[0].nexus.text = "Relevant."
    items = items_of(case)
    assert [f["code"] for f in items["facts"]["findings"]] == ["TEXT-PLACEHOLDER"]
    assert [(f["code"], f["path"]) for f in items["nexus"]["findings"]] == [
        ("TEXT-PLACEHOLDER", f"requests[{PRES}].items[0].nexus")]
    assert items["facts"]["state"] == items["nexus"]["state"] == "no"


def test_the_clean_case_ticks_what_the_checks_verify_and_leaves_the_judgements_open():
    items = items_of(clean_case())
    ticked = {key for key, item in items.items() if item["state"] == "yes"}
    assert ticked == {"channel", "preserved", "technical", "legal_basis", "identifiers", "ranges", "safeguards",
                      "addressee", "contacts", "confidentiality"}
    for key in ("cheaper", "authorisation", "facts", "offences", "nexus", "urgency", "form", "language"):
        assert items[key]["state"] == "open" and items[key]["note"] == BY_KEY[key].remains, key
    assert items["logged"]["state"] == "open" and items["logged"]["note"] == NO_CHECK


def test_a_basis_the_drafter_quotes_leaves_the_legal_basis_to_the_reviewer():
    case = clean_case()
    case.legal_bases[1].basis = "domestic-requested"
    case.legal_bases[1].name = "Crime (International Co-operation) Act 2003"
    for req in case.requests:
        req.legal_bases = None
    item = items_of(case, [])["legal_basis"]
    assert item["state"] == "open" and item["note"] == BY_KEY["legal_basis"].remains


def test_a_preservation_ticks_nothing_about_the_form_of_evidence():
    """Issue 12: a preservation request showed '☒ Admissible form requested' though no rule checks it."""
    case = make_case("preservation")
    items = {i["key"]: i for i in checklist(case, findings(case))}
    assert items["form"]["state"] == "open" and items["form"]["note"] == NOTHING_TO_CHECK
    assert items["safeguards"]["state"] != "yes"


def test_a_failing_item_carries_its_findings():
    case = make_case("subscriber")
    extra = Finding("IP-NO-PORT", "warning", "requests[0].items[1].identifier.port", "Give the port.", "x")
    items = {i["key"]: i for i in checklist(case, [*findings(case), extra])}
    assert items["identifiers"]["state"] == "no" and items["identifiers"]["note"] is None
    assert "Give the port." in [f["message"] for f in items["identifiers"]["findings"]]


def test_advice_leaves_an_item_open_for_the_reviewer_rather_than_ticked():
    case = clean_case()
    advice = Finding("RANGE-VERY-LONG", "advice", "requests[2].items[0].date_range", "Narrow it.", "x")
    items = {i["key"]: i for i in checklist(case, [advice])}
    assert items["ranges"]["state"] == "open" and items["ranges"]["note"] == ONLY_ADVICE
    assert items["ranges"]["findings"][0]["message"] == "Narrow it."


def test_each_item_lists_the_rules_behind_it():
    items = items_of(clean_case())
    assert "IP-NO-PORT" in items["identifiers"]["rules"] and "IP-NO-PORT" not in items["ranges"]["rules"]
    assert sum(len(item["rules"]) for item in items.values()) == sum(1 for r in all_rules() if r.checklist)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_review_sheet_says_why_an_item_is_left_open_in_the_drafting_language(lang):
    from mla_writer import i18n

    case = make_case("preservation", drafting_language=lang)
    _documents, sheet = render_package(case, languages=["en", "fr"], findings=findings(case), today=CTX.today)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(sheet)).paragraphs)
    t = i18n.translations(lang)
    assert t.gettext(NO_CHECK) in text and t.gettext(NOTHING_TO_CHECK) in text
    assert t.gettext(BY_KEY["facts"].remains) in text  # type: ignore[arg-type]
