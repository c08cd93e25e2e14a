"""Every finding cites the clause that requires the element for the kind of request it concerns.

The table below is the contract: rule × kind of request → the reference a finding gives. A
preservation rests on Budapest art. 29(2); a request for stored data on UNTOC art. 18(15) (and
Budapest art. 31 for the data itself); an emergency disclosure on the guidance for emergencies. A
finding about the case as a whole cites the clauses of every kind of request the case holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from pydantic import BaseModel

from mla_writer import cli
from mla_writer.checks import all_rules, run_checks
from mla_writer.checks.engine import kinds_at
from mla_writer.model import REQUEST_KINDS, Case

from .builders import CONT, CTX, PRES, clean_case
from .test_rules import ROWS

P, S, T, C, E = REQUEST_KINDS
DISCLOSURE = (S, T, C)
EMERGENCY_GUIDANCE = "CCPCJ 27th session discussion guide (2018) ¶33"


def clauses(preservation: str, disclosure: str, emergency: str) -> dict[str, str]:
    return {P: preservation, E: emergency, **{k: disclosure for k in DISCLOSURE}}


# rule -> kind -> the reference its finding gives on a case holding one request of that kind
TABLE: dict[str, dict[str, str]] = {
    "AUTHORITY-MISSING": clauses("Budapest art. 29(2)(a)", "UNTOC art. 18(15)(a)",
                                 f"{EMERGENCY_GUIDANCE}; good practice against forged emergency requests"),
    "SUBJECT-MISSING": clauses("Budapest art. 29(2)(b)", "UNTOC art. 18(15)(b)", EMERGENCY_GUIDANCE),
    "STAGE-MISSING": clauses("Budapest art. 29(2)(b)", "UNTOC art. 18(15)(b)", EMERGENCY_GUIDANCE),
    "FACTS-MISSING": clauses("Budapest art. 29(2)(b)", "UNTOC art. 18(15)(c)",
                             f"{EMERGENCY_GUIDANCE}; CTOC/COP/WG.3/2015/2 ¶22"),
    "OFFENCE-MISSING": clauses("Budapest art. 29(2)(b)", "UNTOC art. 18(15)(b); A/74/130 ¶108, ¶146",
                               "A/74/130 ¶108, ¶146"),
    "OFFENCE-NO-NAME": clauses("Budapest art. 29(2)(b)", "UNTOC art. 18(15)(b); A/74/130 ¶108, ¶146",
                               "A/74/130 ¶108, ¶146"),
    "REQUEST-NO-ITEMS": clauses("Budapest art. 29(2)(c)", "UNTOC art. 18(15)(d)",
                                "CCPCJ 27th session discussion guide (2018) ¶53"),
    "NEXUS-MISSING": clauses("Budapest art. 29(2)(c)", "UNTOC art. 18(15)(d), (f); Budapest art. 31(1)",
                             "CTOC/COP/WG.3/2015/2 ¶9, ¶22"),
    # A placeholder cites the clause that requires the text it stands in for.
    "TEXT-PLACEHOLDER in the facts": clauses("Budapest art. 29(2)(b)", "UNTOC art. 18(15)(c)",
                                             f"{EMERGENCY_GUIDANCE}; CTOC/COP/WG.3/2015/2 ¶22"),
    "TEXT-PLACEHOLDER in a link to the offence": clauses("Budapest art. 29(2)(c)",
                                                         "UNTOC art. 18(15)(d), (f); Budapest art. 31(1)",
                                                         "CTOC/COP/WG.3/2015/2 ¶9, ¶22"),
    "TEXT-TOO-SHORT in a link to the offence": clauses("Budapest art. 29(2)(c)",
                                                       "UNTOC art. 18(15)(d), (f); Budapest art. 31(1)",
                                                       "CTOC/COP/WG.3/2015/2 ¶9, ¶22"),
    # Elements every kind of request needs, by the same clause.
    "PURPOSE-MISSING": clauses("UNTOC art. 18(15)(f)", "UNTOC art. 18(15)(f)", "UNTOC art. 18(15)(f)"),
    "PERSONS-MISSING": clauses("UNTOC art. 18(15)(e)", "UNTOC art. 18(15)(e)", "UNTOC art. 18(15)(e)"),
}


def _unset(model: BaseModel, name: str) -> BaseModel:
    return type(model).model_validate(model.model_dump(exclude={name}))


def _set_text(get: Callable[[Case], object], value: str) -> Callable[[Case], None]:
    def go(c: Case) -> None:
        get(c).text = value  # type: ignore[attr-defined]
    return go


BREAKS: dict[str, Callable[[Case], object]] = {
    "AUTHORITY-MISSING": lambda c: setattr(c.requesting.authority, "name", ""),
    "SUBJECT-MISSING": lambda c: setattr(c.proceedings, "subject", ""),
    "STAGE-MISSING": lambda c: setattr(c, "proceedings", _unset(c.proceedings, "stage")),
    "FACTS-MISSING": lambda c: setattr(c.facts, "summary", ""),
    "OFFENCE-MISSING": lambda c: setattr(c, "offences", []),
    "OFFENCE-NO-NAME": lambda c: setattr(c.offences[0], "name", ""),
    "REQUEST-NO-ITEMS": lambda c: setattr(c.requests[0], "items", []),
    "NEXUS-MISSING": lambda c: setattr(c.requests[0].items[0], "nexus", ""),
    "TEXT-PLACEHOLDER in the facts": _set_text(lambda c: c.facts.summary, "See annex."),
    "TEXT-PLACEHOLDER in a link to the offence": _set_text(lambda c: c.requests[0].items[0].nexus, "Relevant."),
    "TEXT-TOO-SHORT in a link to the offence": _set_text(lambda c: c.requests[0].items[0].nexus, "The sender."),
    "PURPOSE-MISSING": lambda c: setattr(c, "purpose", ""),
    "PERSONS-MISSING": lambda c: setattr(c, "persons", []),
}


def only(kind: str) -> Case:
    """The clean case holding its one request of `kind`, and nothing else."""
    case = clean_case()
    case.requests = [r for r in case.requests if r.kind == kind]
    return case


CELLS = [(row, kind) for row in TABLE for kind in REQUEST_KINDS]


@pytest.mark.parametrize(("row", "kind"), CELLS, ids=[f"{r}|{k}" for r, k in CELLS])
def test_the_finding_cites_the_clause_for_its_kind_of_request(row: str, kind: str) -> None:
    case = only(kind)
    BREAKS[row](case)
    code = row.split(" ", 1)[0]
    found = [f for f in run_checks(case, CTX) if f.code == code]
    assert found, f"{code} did not fire on a {kind} request"
    assert {f.reference for f in found} == {TABLE[row][kind]}


def test_the_table_is_what_rules_lists() -> None:
    for code in {row.split(" ", 1)[0] for row in TABLE if not row.startswith("TEXT-")}:
        r = next(r for r in all_rules() if r.code == code)
        assert r.references_by_kind() == TABLE[code], code


def test_a_finding_about_the_whole_case_cites_the_clause_of_each_kind_it_holds() -> None:
    case = clean_case()
    case.requests = [case.requests[PRES], case.requests[CONT]]
    case.facts.summary.text = ""
    [f] = [f for f in run_checks(case, CTX) if f.code == "FACTS-MISSING"]
    assert f.reference == "Budapest art. 29(2)(b); UNTOC art. 18(15)(c)"


def test_the_link_to_the_offence_of_a_content_request_is_not_a_preservation_clause() -> None:
    """Issue 19: a missing link on a content request cited Budapest art. 29(2)(c)."""
    case = clean_case()
    case.requests[CONT].items[0].nexus.text = ""
    [f] = [f for f in run_checks(case, CTX) if f.code == "NEXUS-MISSING"]
    assert f.path == f"requests[{CONT}].items[0].nexus"
    assert "UNTOC art. 18(15)(d), (f)" in f.reference and "Budapest art. 31(1)" in f.reference
    assert "29(2)" not in f.reference


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_no_finding_about_another_kind_of_request_cites_article_29_2(row) -> None:
    case = clean_case()
    row.breaks(case)
    for f in run_checks(case, CTX):
        if f.path.startswith("requests[") and kinds_at(case, f.path) != [P]:
            assert "29(2)" not in f.reference, (f.code, f.path, f.reference)


def test_rules_json_gives_each_rules_reference_for_each_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules", "--format", "json"]) == 0
    rules = {r["code"]: r for r in json.loads(capsys.readouterr().out)["rules"]}
    nexus = rules["NEXUS-MISSING"]
    assert nexus["references_by_kind"] == TABLE["NEXUS-MISSING"]
    assert nexus["checklist"] == "nexus"
    assert all(set(r["references_by_kind"]) == set(REQUEST_KINDS) for r in rules.values())
    assert rules["SUBJECT-MISSING"]["references_by_kind"][S] == "UNTOC art. 18(15)(b)"
