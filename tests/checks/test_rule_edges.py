"""The edges of rules whose conditions are more than 'field is empty', and the rule catalogue."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from mla_writer import cli
from mla_writer.checks import Context, all_rules, run_checks
from mla_writer.model import (
    Case,
    DataItem,
    DateRange,
    FollowUp,
    IPAddress,
    LegalBasis,
    Offence,
    PreservationExtension,
    PreservationReference,
    TrafficRequest,
)
from mla_writer.store import load_case

from .builders import CONT, CTX, EMERG, PRES, SUB, TRAF, clean_case

TREATY_ELEMENTS = [f"UNTOC art. 18(15)({x})" for x in "abcdef"] + [f"Budapest art. 29(2)({x})" for x in "abcdef"]


def codes(case, ctx=CTX) -> set[str]:
    return {f.code for f in run_checks(case, ctx)}


def hits(case, code: str, ctx=CTX) -> list[str]:
    return [f.path for f in run_checks(case, ctx) if f.code == code]


# ------------------------------------------------------------------ catalogue


def test_rules_json_lists_40_rules_citing_all_twelve_treaty_elements(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)["rules"]
    assert len(rules) >= 40
    for element in TREATY_ELEMENTS:
        assert any(element in r["reference"] for r in rules), f"no rule cites {element}"


def test_every_rule_is_documented() -> None:
    for r in all_rules():
        assert re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)*", r.code), r.code
        assert r.severity in ("error", "warning", "advice")
        assert r.summary.strip() and r.message.strip() and r.reference.strip(), r.code
        assert r.fn.__doc__ is None or r.fn.__doc__.strip()  # documented where it has a docstring


# ------------------------------------------------------------------ the example


@pytest.mark.parametrize("today", [dt.date(2026, 3, 20), dt.date(2026, 11, 22), dt.date(2027, 6, 1)])
def test_the_bec_example_has_no_errors(example_path, today: dt.date) -> None:
    findings = run_checks(load_case(example_path), Context(today=today))
    assert [f for f in findings if f.severity == "error"] == []
    assert not any(f.code == "INTERNAL" for f in findings)


def test_check_json_output_has_the_five_keys(example_path, capsys: pytest.CaptureFixture[str]) -> None:
    flawed = example_path.with_name("flawed-wrong-provider-and-treaty.json")
    cli.main(["check", str(flawed), "--format", "json", "--today", "2026-08-18"])
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"language", "findings", "as_of", "training"} and out["language"] == "en"
    assert out["as_of"] == "2026-08-18" and out["training"] is True
    assert out["findings"], "the flawed example has findings"
    for f in out["findings"]:
        assert set(f) == {"code", "severity", "path", "message", "reference"}


# ------------------------------------------------------------------ identifiers


def test_ipv6_needs_no_port() -> None:
    case = clean_case()
    case.requests[SUB].items[0].identifier = IPAddress(
        address="2001:db8::17", timestamp=dt.datetime(2026, 3, 3, 8, 14, 52), timezone="UTC", source="log")
    assert "IP-NO-PORT" not in codes(case)


def test_ip_timestamp_is_read_in_the_zone_of_the_date_range() -> None:
    case = clean_case()  # the range is 3 March 2026, Europe/London
    # 08:00 on 4 March in Tokyo is 23:00 on 3 March in London: inside the range.
    case.requests[SUB].items[0].identifier = IPAddress(
        address="203.0.113.9", timestamp=dt.datetime(2026, 3, 4, 8, 0, 1), timezone="Asia/Tokyo", port=1,
        source="log")
    assert "IP-TIME-OUTSIDE-RANGE" not in codes(case)
    # Without a zone on the range, the day is the one written in the timestamp.
    case.requests[SUB].items[0].date_range = DateRange(start=dt.date(2026, 3, 3), end=dt.date(2026, 3, 3))
    assert "IP-TIME-OUTSIDE-RANGE" in codes(case)


def test_duplicate_ip_with_another_time_is_another_use() -> None:
    case = clean_case()
    other = case.requests[SUB].items[0].model_copy(deep=True)
    other.identifier.timestamp = dt.datetime(2026, 3, 3, 9, 0, 1)
    case.requests[SUB].items.append(other)
    assert "IDENTIFIER-DUPLICATE" not in codes(case)


# ------------------------------------------------------------------ preservation


def test_expiry_warning_stops_once_the_follow_up_is_filed() -> None:
    case = clean_case()
    case.requests[PRES].sent_on = dt.date(2026, 2, 1)
    assert "PRES-EXPIRING" in codes(case)
    case.requests[PRES].follow_up = FollowUp(filed_on=dt.date(2026, 4, 2), reference="MLA-1")
    assert "PRES-EXPIRING" not in codes(case)


def test_a_confirmed_extension_moves_the_expiry() -> None:
    case = clean_case()
    pres = case.requests[PRES]
    pres.expires_on = dt.date(2026, 4, 1)
    assert "PRES-EXPIRED" in codes(case)
    pres.extensions = [PreservationExtension(requested_on=dt.date(2026, 3, 25), extended_to=dt.date(2026, 7, 1))]
    assert pres.effective_expiry() == dt.date(2026, 7, 1)
    assert {"PRES-EXPIRED", "PRES-EXPIRING"} & codes(case) == set()


def test_expiry_warning_window_edges() -> None:
    case = clean_case()
    case.requests[PRES].expires_on = CTX.today + dt.timedelta(days=30)
    assert "PRES-EXPIRING" in codes(case)
    case.requests[PRES].expires_on = CTX.today + dt.timedelta(days=31)
    assert "PRES-EXPIRING" not in codes(case)
    case.requests[PRES].expires_on = CTX.today
    assert "PRES-EXPIRING" in codes(case) and "PRES-EXPIRED" not in codes(case)


def test_sixty_days_is_enough() -> None:
    case = clean_case()
    case.requests[PRES].period_days = 60
    assert "PRES-PERIOD-SHORT" not in codes(case)


# ------------------------------------------------------------------ nexus and ranges


def test_real_time_collection_may_reach_into_the_future() -> None:
    case = clean_case()
    case.requests[TRAF] = TrafficRequest(
        id="R3", addressee="UK Central Authority", provider=case.requests[TRAF].provider, real_time=True,
        items=[DataItem(identifier=case.requests[TRAF].items[0].identifier, categories=["connection_logs"],
                        date_range=DateRange(start=dt.date(2026, 4, 16), end=dt.date(2026, 4, 30)),
                        nexus="The account is in active use.")])
    assert {"RANGE-IN-FUTURE", "RANGE-WIDER-THAN-FACTS"} & codes(case) == set()


def test_a_known_retention_period_silences_the_retention_warning() -> None:
    case = clean_case()
    case.requests[TRAF].items[0].date_range = DateRange(start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30))
    case.facts.period = DateRange(start=dt.date(2025, 6, 1), end=dt.date(2026, 3, 31))
    assert "RANGE-BEYOND-RETENTION" in codes(case)
    case.requests[TRAF].provider.retention_note = "Keeps login IPs for 2 years (transparency report 2025)"
    assert "RANGE-BEYOND-RETENTION" not in codes(case)


def test_without_a_facts_period_ranges_are_compared_with_the_ip_timestamps() -> None:
    case = clean_case()
    case.facts.period = None
    assert "RANGE-WIDER-THAN-FACTS" not in codes(case)  # March ranges, IP seen on 3 March
    case.requests[TRAF].items[0].date_range = DateRange(start=dt.date(2025, 11, 1), end=dt.date(2026, 3, 31))
    assert hits(case, "RANGE-WIDER-THAN-FACTS") == [f"requests[{TRAF}].items[0].date_range"]


# ------------------------------------------------------------------ provider


def test_unknown_service_words_are_not_judged() -> None:
    case = clean_case()
    case.requests[SUB].provider.services = ["something new"]
    case.requests[SUB].items[0].categories = ["identity", "installation_site"]
    assert "PROVIDER-CANNOT-HOLD" not in codes(case)


def test_registrar_cannot_hold_ip_logs() -> None:
    case = clean_case()
    case.requests[TRAF].provider.services = ["Domain registrar"]
    assert hits(case, "PROVIDER-CANNOT-HOLD") == [f"requests[{TRAF}].items[0].categories"]


# ------------------------------------------------------------------ emergency


def test_addresses_on_a_subdomain_of_the_official_domain_are_fine() -> None:
    case = clean_case()
    case.requests[EMERG].authenticity.sent_from = "duty@lyon.police.example.org"
    assert "EMERG-DOMAIN-MISMATCH" not in codes(case)
    case.requests[EMERG].authenticity.sent_from = "duty@notpolice.example.org"
    assert "EMERG-DOMAIN-MISMATCH" in codes(case)


# ------------------------------------------------------------------ language


def test_one_finding_per_untranslated_field() -> None:
    case = clean_case()
    case.languages = ["en", "fr"]
    paths = hits(case, "TEXT-NOT-TRANSLATED")
    assert "facts.summary.translations.fr" in paths
    assert "offences[0].name.translations.fr" in paths
    assert f"requests[{PRES}].items[0].nexus.translations.fr" in paths
    assert len(paths) == len(set(paths))
    assert not any(p.endswith(".translations.en") for p in paths)
    # Translating one field removes exactly its finding; empty texts need no translation.
    case.facts.summary.translations["fr"] = "Le 3 mars 2026, une société a payé 50 000 EUR..."
    after = hits(case, "TEXT-NOT-TRANSLATED")
    assert set(paths) - set(after) == {"facts.summary.translations.fr"}
    assert "facts.summary" not in " ".join(after)


def test_drafting_language_outside_the_document_languages_needs_both_translations() -> None:
    case = clean_case()
    case.drafting_language = "es"
    case.languages = ["en", "fr"]
    paths = hits(case, "TEXT-NOT-TRANSLATED")
    assert {"purpose.translations.en", "purpose.translations.fr"} <= set(paths)


def test_one_accepted_language_is_enough() -> None:
    case = clean_case()
    case.languages = ["fr", "en"]
    case.drafting_language = "en"
    assert "LANG-NOT-ACCEPTED" not in codes(case)


# ------------------------------------------------------------------ legal


def test_treaty_message_names_the_state_that_is_not_a_party() -> None:
    case = clean_case()
    case.requesting.state = "CN"  # recorded as not party to the Budapest Convention
    msgs = [f.message for f in run_checks(case, CTX) if f.code == "TREATY-NOT-PARTY"]
    assert msgs and all("requesting State (China)" in m for m in msgs)


def test_dual_criminality_not_needed_for_preservation_only() -> None:
    case = clean_case()
    case.offences[0].dual_criminality = ""
    case.requests = [case.requests[PRES]]
    assert "DUAL-CRIMINALITY-MISSING" not in codes(case)


# ------------------------------------------------------------------ issue 19: what a clean-looking case hides


def test_each_offence_needs_its_own_dual_criminality_note() -> None:
    case = clean_case()
    case.offences.append(Offence(name="Money laundering", provision="Criminal Code, art. 324-1",
                                 max_penalty="5 years' imprisonment"))
    assert hits(case, "DUAL-CRIMINALITY-MISSING") == ["offences[1].dual_criminality"]


def test_a_subscriber_request_for_preserved_data_names_the_preservation() -> None:
    case = clean_case()
    case.requests[PRES].sent_on = dt.date(2026, 4, 11)
    case.requests[SUB].items[0].identifier = case.requests[PRES].items[0].identifier.model_copy()
    case.requests[SUB].items[0].categories = ["identity"]
    assert set(hits(case, "PRES-REF-MISSING")) == {f"requests[{SUB}].preservation_refs",
                                                  f"requests[{CONT}].preservation_refs"}
    [f] = [f for f in run_checks(case, CTX) if f.code == "PRES-REF-MISSING" and f.path.startswith(f"requests[{SUB}]")]
    assert "request R1 preserved" in f.message and f.severity == "warning"
    case.requests[SUB].preservation_refs = [PreservationReference(reference="UK-PRES-1", requested_on=dt.date(2026, 4, 11))]
    assert hits(case, "PRES-REF-MISSING") == [f"requests[{CONT}].preservation_refs"]


def test_a_preservation_not_yet_sent_preserves_nothing_to_name() -> None:
    case = clean_case()  # R1 is drafted with the others and not sent yet
    assert case.requests[PRES].sent_on is None
    assert "PRES-REF-MISSING" not in codes(case)


def test_the_port_matters_only_where_an_access_provider_attributes_the_address() -> None:
    case = clean_case()
    case.requests[SUB].items[0].identifier.port = None
    assert "IP-NO-PORT" not in codes(case)  # a webmail provider finds its own records by address and time
    for services in (["isp"], ["mobile operator"], []):
        case.requests[SUB].provider.services = services
        assert hits(case, "IP-NO-PORT") == [f"requests[{SUB}].items[0].identifier.port"], services
    case.requests[SUB].provider.services = ["isp"]
    case.requests[SUB].items[0].categories = []  # no one to attribute the address to
    assert "IP-NO-PORT" not in codes(case)


def test_the_same_finding_at_the_same_path_is_reported_once() -> None:
    case = clean_case()
    case.requests[TRAF].items.append(case.requests[TRAF].items[0].model_copy(deep=True))
    case.requests[TRAF].items.append(case.requests[TRAF].items[0].model_copy(deep=True))
    found = [(f.code, f.path) for f in run_checks(case, CTX)]
    assert len(found) == len(set(found))
    assert found.count(("IDENTIFIER-DUPLICATE", f"requests[{TRAF}].items[2].identifier")) == 1


def test_the_shortest_preservation_comes_from_the_basis_relied_on() -> None:
    case = clean_case()
    case.requests[PRES].period_days = 45
    [f] = [f for f in run_checks(case, CTX) if f.code == "PRES-PERIOD-SHORT"]
    assert f.reference == "Budapest art. 29(7)"
    assert "45 days; Convention on Cybercrime (ETS No. 185), art. 29 provides for a preservation of not less than " \
           "60 days" in f.message
    # A basis that sets no minimum (here the requested State's own law) is not judged.
    case.legal_bases.append(LegalBasis(basis="domestic-requested", name="Crime (International Co-operation) Act 2003"))
    case.requests[PRES].legal_bases = ["domestic-requested"]
    assert "PRES-PERIOD-SHORT" not in codes(case)


def test_a_case_file_that_never_gives_the_stage_the_period_or_the_harm(tmp_path) -> None:
    """Left out of the file, they are filled by defaults the document would print as facts."""
    case = clean_case()
    data = json.loads(case.model_dump_json())
    del data["proceedings"]["stage"]
    del data["requests"][PRES]["period_days"]
    del data["requests"][EMERG]["harm"]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_case(path)
    found = {(f.code, f.path, f.severity) for f in run_checks(loaded, CTX)}
    assert found == {("STAGE-MISSING", "proceedings.stage", "warning"),
                     ("PRES-NO-PERIOD", f"requests[{PRES}].period_days", "warning"),
                     ("EMERG-NO-HARM", f"requests[{EMERG}].harm", "error")}
    # A file that gives them, even at the default value, is complete.
    assert run_checks(load_case(_write(tmp_path / "full.json", json.loads(case.model_dump_json()))), CTX) == []


def _write(path, data) -> object:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_an_emergency_disclosure_by_a_provider_needs_no_dual_criminality_note() -> None:
    case = clean_case()
    case.offences[0].dual_criminality.text = ""
    case.requests = [case.requests[EMERG]]
    assert "DUAL-CRIMINALITY-MISSING" not in codes(case)
    case.requests[0].channel = "mla"  # an emergency request for mutual assistance
    assert hits(case, "DUAL-CRIMINALITY-MISSING") == ["offences[0].dual_criminality"]


# Rules added for issue 19, each with the reference `rules` must show for it.
NEW_RULES = {
    "STAGE-MISSING": "Budapest art. 29(2)(b); UNTOC art. 18(15)(b); CCPCJ 27th session discussion guide (2018) ¶33",
    "PRES-NO-PERIOD": "Budapest art. 29(7); CTOC/COP/WG.3/2015/2 ¶21",
    "PRES-REF-MISSING": "Budapest art. 29(7), art. 31(1); CTOC/COP/WG.3/2015/2 ¶21, ¶57",
    "EMERG-NO-HARM": "CCPCJ 27th session discussion guide (2018) ¶33; CTOC/COP/WG.3/2015/2 ¶22",
    "TEXT-PLACEHOLDER": "A/74/130 ¶124, ¶380",
    "TEXT-TOO-SHORT": "A/74/130 ¶124, ¶380",
    "TEXT-REPEATED": "A/74/130 ¶124, ¶380; CTOC/COP/WG.3/2015/2 ¶9",
}


def test_rules_json_lists_every_new_rule_with_its_reference(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules", "--format", "json"]) == 0
    listed = {r["code"]: r for r in json.loads(capsys.readouterr().out)["rules"]}
    for code, reference in NEW_RULES.items():
        assert listed[code]["reference"] == reference, code
        assert listed[code]["summary"] and listed[code]["fix"], code
    assert listed["DUAL-CRIMINALITY-MISSING"]["reference"].startswith("Budapest art. 25(5)")
    assert listed["PRES-PERIOD-SHORT"]["reference"] == "Budapest art. 29(7)"


def test_findings_follow_the_case_order_of_list_entries():
    """Item 2 before item 10: a request with many identifiers lists its findings in the order
    of the case, as `check`, the wizard's review and the review sheet show them."""
    from benchmarks.bigcase import make_case

    data = make_case(12, 1)
    for item in data["requests"][0]["items"]:
        item["nexus"]["translations"] = {}
    case = Case.model_validate(data)
    paths = [f.path for f in run_checks(case, Context(today=dt.date(2026, 10, 1))) if f.code == "TEXT-NOT-TRANSLATED"]
    numbers = [int(re.search(r"items\[(\d+)\]", p).group(1)) for p in paths if "items[" in p]
    assert len(numbers) >= 12 and numbers == sorted(numbers), numbers
