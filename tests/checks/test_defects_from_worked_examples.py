"""Issue 19, as a central authority tried it: take a worked example, remove or replace one element,
run the checks at the example's own date, and expect the finding at the right path citing the
right clause. Each defect is a change to the example's case file, as a drafter would make it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from mla_writer import examples
from mla_writer.checks import Context, Finding, run_checks
from mla_writer.model import Case

Data = dict[str, Any]


@dataclass(frozen=True)
class Defect:
    name: str
    example: str
    change: Callable[[Data], object]
    code: str
    paths: tuple[str, ...]
    reference: str
    severity: str | None = None

    def __str__(self) -> str:
        return self.name


def _text(data: Data, *keys: Any) -> Data:
    """The Text object at `keys` (turning a plain string into one)."""
    parent = data
    for k in keys[:-1]:
        parent = parent[k]
    if isinstance(parent[keys[-1]], str):
        parent[keys[-1]] = {"text": parent[keys[-1]], "translations": {}}
    return parent[keys[-1]]


def _replace(*keys: Any, text: str, translations: dict[str, str] | None = None) -> Callable[[Data], None]:
    def go(data: Data) -> None:
        t = _text(data, *keys)
        t["text"] = text
        for lang, wording in (translations or {}).items():
            t["translations"][lang] = wording
    return go


def _remove(*keys: Any) -> Callable[[Data], None]:
    def go(data: Data) -> None:
        parent = data
        for k in keys[:-1]:
            parent = parent[k]
        del parent[keys[-1]]
    return go


def _remove_refs_from_disclosure(data: Data) -> None:
    for req in data["requests"]:
        if req["kind"] != "preservation":
            req["preservation_refs"] = []


def _add_art27(data: Data) -> None:
    data["legal_bases"].append({"basis": "budapest-25-27", "articles": "Articles 25 and 27"})


def _set(*keys: Any, value: Any) -> Callable[[Data], None]:
    def go(data: Data) -> None:
        parent = data
        for k in keys[:-1]:
            parent = parent[k]
        parent[keys[-1]] = value
    return go


NEXUS_DISCLOSURE = "UNTOC art. 18(15)(d), (f); Budapest art. 31(1)"

DEFECTS = [
    Defect("facts replaced by 'See annex.' / 'Voir annexe.'", "bec-preservation",
           _replace("facts", "summary", text="See annex.", translations={"fr": "Voir annexe."}),
           "TEXT-PLACEHOLDER", ("facts.summary", "facts.summary.translations.fr"), "Budapest art. 29(2)(b)", "warning"),
    Defect("facts of a request for stored data replaced by 'Véase el anexo'", "darknet-vendor",
           _replace("facts", "summary", text="Véase el anexo.", translations={"fr": "Voir l'annexe 1."}),
           "TEXT-PLACEHOLDER", ("facts.summary", "facts.summary.translations.fr"), "UNTOC art. 18(15)(c)", "warning"),
    Defect("link to the offence replaced by 'Relevant.' / 'Pertinent.'", "bec-preservation",
           _replace("requests", 0, "items", 0, "nexus", text="Relevant.", translations={"fr": "Pertinent."}),
           "TEXT-PLACEHOLDER", ("requests[0].items[0].nexus", "requests[0].items[0].nexus.translations.fr"),
           "Budapest art. 29(2)(c)", "warning"),
    Defect("link to the offence of a content request replaced by 'Relevant.'", "grooming-child-exploitation",
           _replace("requests", 3, "items", 0, "nexus", text="Relevant."),
           "TEXT-PLACEHOLDER", ("requests[3].items[0].nexus",), NEXUS_DISCLOSURE, "warning"),
    Defect("link to the offence in Russian replaced by 'См. приложение'", "crypto-investment-fraud",
           _replace("requests", 1, "items", 0, "nexus", text="См. приложение.", translations={"en": "See annex."}),
           "TEXT-PLACEHOLDER", ("requests[1].items[0].nexus", "requests[1].items[0].nexus.translations.en"),
           NEXUS_DISCLOSURE, "warning"),
    Defect("facts in Arabic replaced by 'انظر المرفق'", "sextortion-account-takeover",
           _replace("facts", "summary", text="انظر المرفق.", translations={"en": "See the attachment."}),
           "TEXT-PLACEHOLDER", ("facts.summary", "facts.summary.translations.en"),
           "Budapest art. 29(2)(b); UNTOC art. 18(15)(c)", "warning"),
    Defect("facts in Chinese replaced by '见附件'", "ddos-for-hire",
           _replace("facts", "summary", text="见附件。", translations={"en": "See annex."}),
           "TEXT-PLACEHOLDER", ("facts.summary", "facts.summary.translations.en"),
           "Budapest art. 29(2)(b); UNTOC art. 18(15)(c)", "warning"),
    Defect("stage of the proceedings removed", "ransomware-hospital", _remove("proceedings", "stage"),
           "STAGE-MISSING", ("proceedings.stage",), "UNTOC art. 18(15)(b)", "warning"),
    Defect("stage of the proceedings removed from a preservation", "bec-preservation", _remove("proceedings", "stage"),
           "STAGE-MISSING", ("proceedings.stage",), "Budapest art. 29(2)(b)", "warning"),
    Defect("preservation period removed", "crypto-investment-fraud", _remove("requests", 0, "period_days"),
           "PRES-NO-PERIOD", ("requests[0].period_days",), "Budapest art. 29(7); CTOC/COP/WG.3/2015/2 ¶21", "warning"),
    Defect("preservation period below what art. 29 provides for", "threat-to-life-emergency",
           _set("requests", 1, "period_days", value=30),
           "PRES-PERIOD-SHORT", ("requests[1].period_days",), "Budapest art. 29(7)", "warning"),
    Defect("harm removed from an emergency request", "threat-to-life-emergency", _remove("requests", 0, "harm"),
           "EMERG-NO-HARM", ("requests[0].harm",), "CCPCJ 27th session discussion guide (2018) ¶33; "
           "CTOC/COP/WG.3/2015/2 ¶22", "error"),
    Defect("threat of an emergency replaced by 'Urgent.'", "threat-to-life-emergency",
           _replace("requests", 0, "threat", text="Urgent.", translations={"en": "Urgent."}),
           "TEXT-PLACEHOLDER", ("requests[0].threat", "requests[0].threat.translations.en"),
           "CCPCJ 27th session discussion guide (2018) ¶33; CTOC/COP/WG.3/2015/2 ¶22", "warning"),
    Defect("preservation references removed from every disclosure request", "sextortion-account-takeover",
           _remove_refs_from_disclosure, "PRES-REF-MISSING",
           ("requests[1].preservation_refs", "requests[2].preservation_refs", "requests[3].preservation_refs"),
           "Budapest art. 29(7), art. 31(1); CTOC/COP/WG.3/2015/2 ¶21, ¶57", "warning"),
    Defect("a second offence without its own dual-criminality note", "crypto-investment-fraud",
           _remove("offences", 1, "dual_criminality"), "DUAL-CRIMINALITY-MISSING", ("offences[1].dual_criminality",),
           "Budapest art. 25(5); CCPCJ 27th session discussion guide (2018) ¶26; CTOC/COP/WG.3/2015/2 ¶19",
           "warning"),
    Defect("link to the offence removed from a content request", "grooming-child-exploitation",
           _replace("requests", 3, "items", 0, "nexus", text=""), "NEXUS-MISSING", ("requests[3].items[0].nexus",),
           NEXUS_DISCLOSURE, "error"),
    Defect("a preservation article relied on for a traffic request", "darknet-vendor",
           lambda d: (d["legal_bases"].append({"basis": "budapest-29"}),
                      d["requests"][0].update(legal_bases=["budapest-25-27", "budapest-31"]),
                      d["requests"][1].update(legal_bases=["budapest-29"])),
           "BASIS-WRONG-KIND", ("requests[1].legal_bases[0]",),
           "Budapest art. 29(1), art. 31(1), art. 33(1); UNTOC art. 18(3)", "warning"),
    Defect("a treaty between States relied on for a request to a provider", "darknet-vendor",
           _set("requests", 0, "channel", value="provider_direct"), "BASIS-WRONG-CHANNEL",
           ("requests[0].legal_bases",), "UNTOC art. 18(13); Budapest art. 27(2), art. 35(1); CTOC/COP/WG.3/2015/2 ¶33",
           "warning"),
    Defect("Budapest art. 27 cited beside a bilateral treaty", "ddos-for-hire", _add_art27,
           "BASIS-ART27-WITH-TREATY", ("legal_bases[1].basis",), "Budapest art. 27(1); UNTOC art. 18(7)", "warning"),
]


def findings_after(defect: Defect) -> list[Finding]:
    path = examples.example_path(defect.example)
    data = json.loads(path.read_text(encoding="utf-8"))
    defect.change(data)
    case = Case.model_validate(data)
    return run_checks(case, Context(today=examples.check_date(examples.load_example(defect.example))))


@pytest.mark.parametrize("defect", DEFECTS, ids=str)
def test_the_defect_gives_its_finding_at_its_path_citing_its_clause(defect: Defect) -> None:
    found = [f for f in findings_after(defect) if f.code == defect.code]
    assert sorted(f.path for f in found) == sorted(defect.paths), [f.path for f in found]
    for f in found:
        assert f.reference == defect.reference, (f.path, f.reference)
        if defect.severity:
            assert f.severity == defect.severity


@pytest.mark.parametrize("defect", DEFECTS, ids=str)
def test_the_unchanged_example_does_not_give_it(defect: Defect) -> None:
    case = examples.load_example(defect.example)
    assert defect.code not in {f.code for f in run_checks(case, Context(today=examples.check_date(case)))}


def test_a_platform_asked_for_its_own_login_records_needs_no_port() -> None:
    """Issue 19: IP-NO-PORT on the sextortion case, whose address is looked up by the platform that
    saw the login; asked of an access provider for the subscriber, the port matters again."""
    name = "sextortion-account-takeover"
    case = examples.load_example(name)
    today = examples.check_date(case)
    assert not [f for f in run_checks(case, Context(today=today)) if f.code.startswith("IP-")]
    case.requests[2].provider.services = ["isp"]
    case.requests[2].items[0].categories = ["identity"]
    codes = {(f.code, f.path) for f in run_checks(case, Context(today=today))}
    assert ("IP-NO-PORT", "requests[2].items[0].identifier.port") in codes
