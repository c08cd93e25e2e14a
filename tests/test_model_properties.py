"""Properties of whole cases built by Hypothesis (tests/strategies.py): every kind validates,
survives a JSON round trip unchanged, and never crashes the checks, whose paths name real fields."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from strategies import IDENTIFIERS, REQUESTS, cases, dates

from mla_writer.checks import Context, run_checks
from mla_writer.model import REQUEST_KINDS, Case, DataItem, DateRange

# Deterministic and quick: the same examples on every run, no per-example deadline.
PROPERTY = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_SEGMENT = re.compile(r"([A-Za-z_0-9]+)((?:\[\d+\])*)")


def resolve(case: Case, path: str) -> object:
    """Follow a finding's path into the case. The last segment may be a key not yet present
    (a missing translation such as ``facts.summary.translations.fr``)."""
    obj: object = case
    parts = path.split(".")
    for n, part in enumerate(parts):
        m = _SEGMENT.fullmatch(part)
        assert m, f"{path}: bad segment {part!r}"
        name, indexes = m.group(1), m.group(2)
        last = n == len(parts) - 1
        if isinstance(obj, dict):
            assert last, f"{path}: a dict key must be the last segment"
            return obj.get(name)
        assert isinstance(obj, BaseModel), f"{path}: {part!r} reached into a {type(obj).__name__}"
        assert name in type(obj).model_fields, f"{path}: {type(obj).__name__} has no field {name!r}"
        obj = getattr(obj, name)
        for idx in re.findall(r"\d+", indexes):
            obj = obj[int(idx)]  # type: ignore[index]
    return obj


def _round_trips(case: Case) -> None:
    text = case.model_dump_json()
    again = Case.model_validate_json(text)
    assert again == case
    assert again.model_dump_json() == text


@PROPERTY
@given(cases())
def test_generated_cases_validate(case: Case) -> None:
    Case.model_validate(case.model_dump())


@PROPERTY
@given(cases())
def test_cases_round_trip_through_json_unchanged(case: Case) -> None:
    _round_trips(case)


@pytest.mark.parametrize("kind", REQUEST_KINDS)
def test_every_kind_round_trips_and_checks_without_crashing(kind: str) -> None:
    @PROPERTY
    @given(cases(kinds=(kind,)), dates)
    def run(case: Case, today: dt.date) -> None:
        assert case.requests[0].kind == kind
        _round_trips(case)
        findings = run_checks(case, Context(today=today))
        assert [f for f in findings if f.code == "INTERNAL"] == []

    run()


@pytest.mark.parametrize("type_", sorted(IDENTIFIERS))
def test_every_identifier_type_round_trips(type_: str) -> None:
    @PROPERTY
    @given(IDENTIFIERS[type_])
    def run(identifier: object) -> None:
        item = DataItem(identifier=identifier)  # type: ignore[arg-type]
        again = DataItem.model_validate_json(item.model_dump_json())
        assert again == item and again.identifier.type == type_

    run()


@PROPERTY
@given(cases(kinds=tuple(REQUEST_KINDS)), dates)
def test_checks_never_crash_and_every_path_names_a_real_field(case: Case, today: dt.date) -> None:
    findings = run_checks(case, Context(today=today))
    assert [f for f in findings if f.code == "INTERNAL"] == []
    for f in findings:
        assert f.severity in ("error", "warning", "advice")
        assert f.message and f.reference
        resolve(case, f.path)


@PROPERTY
@given(st.lists(st.sampled_from(REQUEST_KINDS), min_size=2, max_size=5).flatmap(lambda ks: cases(kinds=tuple(ks))))
def test_several_requests_share_one_case(case: Case) -> None:
    assert [r.id for r in case.requests] == [f"R{n + 1}" for n in range(len(case.requests))]
    _round_trips(case)


@pytest.mark.parametrize("zone", ["Mars/Olympus", "GMT+2 ", "paris"])
def test_a_date_range_zone_must_be_an_iana_name(zone: str) -> None:
    with pytest.raises(ValueError, match="not an IANA time zone"):
        DateRange(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 2), timezone=zone)
    assert DateRange(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 2), timezone=" ").timezone is None


def test_strategies_cover_every_kind() -> None:
    assert set(REQUESTS) == set(REQUEST_KINDS)
