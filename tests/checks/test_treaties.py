"""The treaty rules beyond "fires and is silent" (test_rules.py): one finding per State and treaty,
the date as an input, the message naming the source and date of a status, both directions of the
channel rule, and the worked examples giving none of these findings."""

from __future__ import annotations

import datetime as dt

import pytest

from mla_writer import examples, refdata
from mla_writer.checks import Context, all_rules, run_checks
from mla_writer.checks.treaties import legal_bases_table
from mla_writer.model import LegalBasis

from .builders import CONT, CTX, EMERG, PRES, SUB, clean_case

THEME = {r.code for r in all_rules() if r.theme == "treaties"}


def findings(case, code: str, ctx: Context = CTX):
    return [f for f in run_checks(case, ctx) if f.code == code]


def test_unknown_status_is_reported_once_per_state_and_treaty() -> None:
    case = clean_case()  # three Budapest articles
    case.requested.state = "SG"  # Budapest status not found: "unknown"
    hits = findings(case, "TREATY-STATUS-UNKNOWN")
    assert len(hits) == 1 and hits[0].severity == "advice"
    assert "requested State (Singapore)" in hits[0].message and "Kiribati" in hits[0].message  # the reason recorded


def test_not_party_names_the_status_date_and_source() -> None:
    case = clean_case()
    case.requested.state = "IE"
    hits = findings(case, "TREATY-NOT-PARTY")
    assert {f.path for f in hits} == {"legal_bases[0].basis", "legal_bases[1].basis", "legal_bases[2].basis"}
    assert all("requested State (Ireland) has only signed the Convention on Cybercrime (ETS No. 185) "
               "(as of 8 October 2025, per Dáil Éireann" in f.message for f in hits)


def test_a_treaty_not_in_force_is_one_error_not_one_per_state() -> None:
    case = clean_case()
    case.requested.state = "IE"  # not bound by the Second Protocol either
    case.legal_bases = [LegalBasis(basis="sap-9", articles="Article 9")]
    for r in case.requests:
        r.legal_bases = None
    assert [f.path for f in findings(case, "TREATY-NOT-IN-FORCE")] == ["legal_bases[0].basis"]
    assert not [f for f in findings(case, "TREATY-NOT-PARTY") if f.path == "legal_bases[0].basis"]


def test_entry_into_force_is_judged_on_the_case_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Time is an input: the same data gives an error before the date of entry into force only."""
    treaties = dict(refdata.treaties())
    treaties["budapest"] = treaties["budapest"].model_copy(update={"entry_into_force": dt.date(2026, 5, 1)})
    monkeypatch.setattr(refdata, "treaties", lambda: treaties)
    before = clean_case()  # dated 2026-04-10
    assert findings(before, "TREATY-NOT-IN-FORCE")
    after = clean_case()
    after.date = dt.date(2026, 5, 2)
    after.signature.date = after.date
    assert not findings(after, "TREATY-NOT-IN-FORCE", Context(today=dt.date(2026, 5, 2)))


def test_a_state_to_state_article_on_a_request_to_a_provider() -> None:
    case = clean_case()
    case.requests[PRES].channel = "provider_direct"
    hits = findings(case, "BASIS-WRONG-CHANNEL")
    assert [f.path for f in hits] == [f"requests[{PRES}].legal_bases[0]", f"requests[{PRES}].legal_bases[1]"]
    assert "goes to a provider, whom it does not bind" in hits[0].message


def test_a_provider_rule_on_a_request_to_the_state() -> None:
    case = clean_case()
    case.legal_bases.append(LegalBasis(basis="provider-law", name="18 U.S.C. § 2702(b)(8)"))
    case.requests[EMERG].legal_bases = ["budapest-35", "provider-law"]
    hits = findings(case, "BASIS-WRONG-CHANNEL")
    assert [f.path for f in hits] == [f"requests[{EMERG}].legal_bases[1]"]
    assert "law that governs the provider" in hits[0].message


def test_without_its_own_list_a_request_is_pointed_to_its_list() -> None:
    case = clean_case()
    case.requests[CONT].legal_bases = None  # relies on all three: art. 29 and 35 do not cover content
    paths = {f.path for f in findings(case, "BASIS-WRONG-KIND")}
    assert paths == {f"requests[{CONT}].legal_bases"}


def test_a_provider_asked_to_cooperate_voluntarily_needs_no_basis() -> None:
    case = clean_case()
    case.requests[SUB].channel = "provider_direct"
    case.requests[SUB].legal_bases = []
    case.requests[SUB].copy_to = ["UK 24/7 point of contact"]
    codes = {f.code for f in run_checks(case, CTX)}
    assert not codes & {"BASIS-DOES-NOT-FIT", "BASIS-WRONG-CHANNEL", "BASIS-WRONG-KIND"}


def test_art27_is_not_flagged_without_a_treaty() -> None:
    assert not findings(clean_case(), "BASIS-ART27-WITH-TREATY")


def test_the_reviewer_is_told_what_to_attach_unless_the_drafter_quoted_it() -> None:
    case = clean_case()
    case.legal_bases.append(LegalBasis(basis="uncc-mla", articles="Article 40"))
    [hit] = findings(case, "BASIS-UNVERIFIED")
    assert hit.severity == "advice" and hit.message.startswith("For the reviewer:")
    assert "United Nations Convention against Cybercrime, “Article 40”" in hit.message
    case.legal_bases[-1].citation = "1. States Parties shall ... (text from the official publication)"
    assert not findings(case, "BASIS-UNVERIFIED")


def test_a_named_domestic_statute_needs_no_article() -> None:
    case = clean_case()
    case.legal_bases.append(LegalBasis(basis="domestic-requested", name="Crime (International Co-operation) Act 2003"))
    assert not findings(case, "LEGAL-CITATION-NEEDED")


def test_an_unverified_treaty_article_needs_its_number() -> None:
    case = clean_case()
    case.legal_bases.append(LegalBasis(basis="uncc-preservation"))
    [hit] = findings(case, "LEGAL-CITATION-NEEDED")
    assert hit.path == "legal_bases[3].articles" and "give the article relied on" in hit.message


@pytest.mark.parametrize("name", [n for n in examples.example_names()
                                  if not (examples.load_example(n).training and examples.load_example(n).training.flawed)])
def test_worked_examples_give_no_treaty_finding(name: str) -> None:
    case = examples.load_example(name)
    found = [f"{f.code} {f.path}" for f in run_checks(case, Context(today=examples.check_date(case)))
             if f.code in THEME]
    assert found == []


def test_rules_list_offers_the_un_convention_against_cybercrime() -> None:
    rows = {r["id"]: r for r in legal_bases_table(dt.date(2026, 12, 3))}
    uncc = [r for r in rows.values() if r["treaty"] == "uncc"]
    assert len(uncc) == 5 and all(r["in_force"] is False and not r["verified"] for r in uncc)
    assert rows["budapest-29"]["in_force"] is True and rows["budapest-29"]["verified"]
