"""Loose typing must not change legal facts (issue 20, item 6): a boolean is not a port number,
"52144" and "90" are text, not numbers, and a key written twice is refused (a reviewer reading
the JSON sees the first, the program would silently take the last)."""

from __future__ import annotations

import json
import typing

import pytest
from pydantic import BaseModel

from mla_writer import model
from mla_writer.store import CaseFileError, parse_case

from .conftest import EXAMPLE, assert_clean_refusal

PORT = "requests[0].items[1].identifier.port"


def _example() -> dict:
    return json.loads(EXAMPLE.read_bytes())


def _problems(data: dict | str) -> list[str]:
    with pytest.raises(CaseFileError) as info:
        parse_case(data if isinstance(data, str) else json.dumps(data))
    return info.value.problems


@pytest.mark.parametrize("value", [True, False, "52144", 52144.0, "0x1F"])
def test_a_port_must_be_a_whole_number(value):
    data = _example()
    data["requests"][0]["items"][1]["identifier"]["port"] = value
    problems = _problems(data)
    assert len(problems) == 1 and problems[0].startswith(f"{PORT}: "), problems


@pytest.mark.parametrize("value", ["90", True, 90.0])
def test_a_preservation_period_must_be_a_whole_number(value):
    data = _example()
    data["requests"][0]["period_days"] = value
    assert _problems(data)[0].startswith("requests[0].period_days: ")


@pytest.mark.parametrize("value", ["true", "yes", 1, 0, "false"])
def test_a_yes_no_field_must_be_true_or_false(value):
    data = _example()
    data["facts"]["open_sources_checked"] = value
    assert _problems(data)[0].startswith("facts.open_sources_checked: ")


@pytest.mark.parametrize("value", [True, 1.0])
def test_the_schema_version_is_the_number_one(value):
    data = _example()
    data["schema_version"] = value
    assert _problems(data)[0].startswith("schema_version: ")


def test_real_numbers_and_booleans_still_load():
    case = parse_case(EXAMPLE.read_bytes())
    assert case.requests[0].items[1].identifier.port == 52144


def _number_and_yes_no_fields() -> list[tuple[str, str]]:
    """Every int and bool field of every model class (Optional ones included)."""
    found = []
    for name in dir(model):
        cls = getattr(model, name)
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
            continue
        for field_name, info in cls.model_fields.items():
            args = typing.get_args(info.annotation) or (info.annotation,)
            if {int, bool} & set(args) or info.annotation in (int, bool):
                found.append((f"{cls.__name__}.{field_name}", info))
    return found


def test_every_number_and_yes_no_field_of_the_model_is_strict():
    fields = _number_and_yes_no_fields()
    assert len(fields) >= 15, fields  # the walk found the model's fields
    loose = [name for name, info in fields
             if not any(getattr(m, "strict", False) for m in info.metadata)]
    assert loose == []


# ---- duplicate keys --------------------------------------------------------------------------

def test_a_key_written_twice_is_refused_naming_the_key_and_its_line():
    text = '{\n  "title": "Fraud",\n  "reference": "A",\n  "title": "Other"\n}\n'
    assert _problems(text) == ['title: written twice (again at line 4): keep only one; a reader sees '
                               'the first, the program would take the last']


def test_a_key_written_twice_deep_in_the_case_is_found():
    data = _example()
    text = json.dumps(data, indent=2)
    anchor = '"port": 52144'
    text = text.replace(anchor, anchor + ',\n          "port": 52145', 1)
    line = text[:text.index('"port": 52145')].count("\n") + 1
    problems = _problems(text)
    assert problems == [f"{PORT}: written twice (again at line {line}): keep only one; a reader sees "
                        "the first, the program would take the last"]


def test_the_same_key_in_two_objects_is_fine():
    parse_case('{"requesting": {"state": "FR"}, "requested": {"state": "IE"}}')


def test_a_hostile_duplicate_key_is_printed_safely(tmp_path, cli):
    path = tmp_path / "c.json"
    path.write_text('{"ti\\u202etle": 1, "ti\\u202etle": 2}')
    result = cli("check", path)
    assert_clean_refusal(result, "written twice", "\\u202e")
    assert "\u202e" not in result.err


def test_a_duplicate_in_a_deeply_nested_file_is_still_refused():
    text = '{"facts": ' + "[" * 2000 + '{"a": 1, "a": 2}' + "]" * 2000 + "}"
    problems = _problems(text)
    assert len(problems) == 1 and ("written twice" in problems[0] or "nested too deeply" in problems[0])
