"""Identifier and case validation: good values normalise, bad ones fail naming their field."""

from __future__ import annotations

import datetime as dt

import pytest

from mla_writer.model import Case
from mla_writer.store import CaseFileError, parse_case


def _case_with_identifier(identifier: dict, kind: str = "subscriber", categories=None) -> dict:
    return {"requests": [{"kind": kind, "items": [{"identifier": identifier, "categories": categories or []}]}]}


def _ident(data: dict):
    return Case.model_validate(data).requests[0].items[0].identifier


GOOD = [
    ({"type": "ip", "address": "203.0.113.7"}, "address", "203.0.113.7"),
    ({"type": "ip", "address": " 2001:DB8:0:0::1 "}, "address", "2001:db8::1"),
    ({"type": "email", "address": "Someone@Example.COM"}, "address", "Someone@example.com"),
    ({"type": "phone", "number": "+33 6 12 34 56 78"}, "number", "+33612345678"),
    ({"type": "phone", "number": "06 12 34 56 78", "region": "FR"}, "number", "+33612345678"),
    ({"type": "url", "url": "https://shop.example.org/item?id=4"}, "url", "https://shop.example.org/item?id=4"),
    ({"type": "domain", "name": "Helvetic-Sand.Example.NET."}, "name", "helvetic-sand.example.net"),
    ({"type": "account", "service": "ExampleChat", "username": "night_owl"}, "username", "night_owl"),
    ({"type": "imei", "imei": "35-209900-176148-1"}, "imei", "352099001761481"),
    ({"type": "crypto", "currency": "btc", "address": "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"}, "currency", "BTC"),
    ({"type": "crypto", "currency": "ETH", "address": "0x" + "ab" * 20}, "address", "0x" + "ab" * 20),
    ({"type": "device", "manufacturer": "Examplephone", "serial": " SN-0042 "}, "serial", "SN-0042"),
]


@pytest.mark.parametrize(("identifier", "field", "expected"), GOOD)
def test_good_identifiers_are_normalised(identifier, field, expected):
    assert getattr(_ident(_case_with_identifier(identifier)), field) == expected


BAD = [
    ({"type": "ip", "address": "203.0.113.300"}, "identifier.address", "not an IPv4 or IPv6 address"),
    ({"type": "ip", "address": "203.0.113.7", "timezone": "Mars/Olympus"}, "identifier.timezone", "not an IANA time zone"),
    # a folder of zones, typed on the way to Europe/Paris (the tzdata package opens it as a file)
    ({"type": "ip", "address": "203.0.113.7", "timezone": "Europe"}, "identifier.timezone", "not an IANA time zone"),
    ({"type": "ip", "address": "203.0.113.7", "port": 70000}, "identifier.port", "65535"),
    ({"type": "email", "address": "not-an-email"}, "identifier.address", "not a valid e-mail address"),
    ({"type": "phone", "number": "12"}, "identifier", "cannot be read"),
    ({"type": "url", "url": "example.com/page"}, "identifier.url", "include the scheme"),
    ({"type": "domain", "name": "no_underscores.example"}, "identifier.name", "not a valid domain name"),
    ({"type": "account", "service": "ExampleChat"}, "identifier", "username, user_id or profile_url"),
    ({"type": "imei", "imei": "352099001761482"}, "identifier.imei", "check digit"),
    ({"type": "crypto", "currency": "BTC", "address": "1BoatSLRHtKNngkdXEeobR76b53LETtpyX"}, "identifier", "Bitcoin"),
    ({"type": "fax", "number": "1"}, "identifier", "fax"),
]


@pytest.mark.parametrize(("identifier", "path_end", "words"), BAD)
def test_bad_identifiers_name_their_field(identifier, path_end, words):
    import json

    with pytest.raises(CaseFileError) as e:
        parse_case(json.dumps(_case_with_identifier(identifier)))
    line = next(p for p in e.value.problems if words in p)
    assert line.startswith(f"requests[0].items[0].{path_end}:"), line


def test_ip_time_is_shown_in_utc_too():
    ip = _ident(_case_with_identifier(
        {"type": "ip", "address": "198.51.100.23", "timestamp": "2026-03-03T08:14:52", "timezone": "America/Sao_Paulo"}
    ))
    assert ip.utc() == dt.datetime(2026, 3, 3, 11, 14, 52, tzinfo=dt.UTC)
    assert ip.local_time().isoformat() == "2026-03-03T08:14:52-03:00"


def test_cgnat_address_is_flagged_shared():
    assert _ident(_case_with_identifier({"type": "ip", "address": "100.64.12.9"})).shared
    assert not _ident(_case_with_identifier({"type": "ip", "address": "203.0.113.9"})).shared


def test_category_must_fit_the_request_kind():
    with pytest.raises(CaseFileError) as e:
        parse_case(__import__("json").dumps(
            _case_with_identifier({"type": "email", "address": "a@example.com"}, "subscriber", ["messages"])))
    assert e.value.problems[0].startswith("requests[0].items:")
    assert "does not belong in a subscriber request" in e.value.problems[0]


def test_unknown_kind_and_unknown_field_are_named():
    import json

    with pytest.raises(CaseFileError) as e:
        parse_case(json.dumps({"requests": [{"kind": "wiretap"}], "facts": {"summry": "x"}}))
    text = "\n".join(e.value.problems)
    assert "requests[0]:" in text and "wiretap" in text
    assert "facts.summry: unknown field" in text


def test_date_range_must_be_ordered():
    import json

    data = _case_with_identifier({"type": "email", "address": "a@example.com"})
    data["requests"][0]["items"][0]["date_range"] = {"start": "2026-03-10", "end": "2026-03-01"}
    with pytest.raises(CaseFileError) as e:
        parse_case(json.dumps(data))
    assert e.value.problems[0].startswith("requests[0].items[0].date_range:")
    assert "swap" in e.value.problems[0]


@pytest.mark.parametrize("bad", ["bell\x07", "lone \ud800 surrogate", "nul\x00"])
def test_text_that_would_corrupt_a_document_is_rejected_with_its_field(bad):
    with pytest.raises(CaseFileError) as e:
        parse_case('{"facts": {"summary": ' + __import__("json").dumps(bad) + "}}")
    assert e.value.problems[0].startswith("facts.summary")


def test_free_text_keeps_every_script_as_typed():
    text = "مرحبا 你好 Привет ☃️ <b>&amp; {{ x }}\n\tline two"
    case = Case.model_validate({"facts": {"summary": text}})
    assert case.facts.summary.text == text
    assert Case.model_validate_json(case.model_dump_json()) == case


def test_duplicate_languages_and_request_ids_are_errors():
    with pytest.raises(Exception, match="same language twice"):
        Case.model_validate({"languages": ["fr", "fr"]})
    with pytest.raises(Exception, match="used twice"):
        Case.model_validate({"requests": [{"kind": "subscriber", "id": "R1"}, {"kind": "traffic", "id": "R1"}]})


def test_country_codes_are_checked_and_kosovo_allowed():
    assert Case.model_validate({"requested": {"state": "xk"}}).requested.state == "XK"
    with pytest.raises(Exception, match="ISO 3166-1"):
        Case.model_validate({"requested": {"state": "ZZ"}})
