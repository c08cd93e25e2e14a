"""Whatever `check` accepts renders (issue 20, item 2): many requests, long references, many
identifiers. Beyond the model's limits `check` names the limit and `render` refuses at once, in
one short line, before any rendering work."""

from __future__ import annotations

import copy
import io
import json

import docx
import pytest

from mla_writer.model import Case
from mla_writer.model.common import MAX_ENTRIES, MAX_ITEMS, MAX_REQUESTS
from mla_writer.store import CaseFileError, parse_case

from .conftest import EXAMPLE, assert_clean_refusal
from .docx_check import assert_valid_docx, paragraphs

TODAY = ("--today", "2026-04-01")


def _with_requests(n: int) -> dict:
    data = json.loads(EXAMPLE.read_bytes())
    first = data["requests"][0]
    data["requests"] = [dict(copy.deepcopy(first), id=f"R{i + 1}") for i in range(n)]
    return data


def _write(tmp_path, data: dict):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def _core(path) -> tuple[str, str]:
    props = docx.Document(io.BytesIO(path.read_bytes())).core_properties
    return props.title, props.subject


def test_the_limits_are_what_the_documentation_says():
    assert (MAX_REQUESTS, MAX_ITEMS, MAX_ENTRIES) == (50, 10_000, 200)


def test_forty_requests_render(tmp_path, cli):
    """With 19 or more requests the joined kinds went over python-docx's 255 characters."""
    case = _write(tmp_path, _with_requests(40))
    assert cli("check", case, *TODAY).code in (0, 1)
    out = tmp_path / "forty"
    result = cli("render", case, "-o", f"{out}/", *TODAY)
    assert result.code == 0, result.err
    # All forty go to the same 24/7 point: one document, a section each, and the review sheet.
    [document] = [p for p in out.iterdir() if p.name != "review-sheet.docx"]
    assert document.name.startswith("R1+R2+R3+") and document.name.endswith("-preservation-IE-en-fr.docx")
    assert len(docx.Document(str(document)).sections) == 40
    title, subject = _core(document)
    assert subject == "preservation" and title == "LYON-CYB-2026-0147"


def test_a_reference_over_255_characters_renders_whole_in_the_body(tmp_path, cli):
    data = json.loads(EXAMPLE.read_bytes())
    data["reference"] = "LYON-CYB-2026-0147/" + "annexe-" * 60 + "fin"
    case = _write(tmp_path, data)
    out = tmp_path / "long.docx"
    result = cli("render", case, "-o", out, *TODAY)
    assert result.code == 0, result.err
    title, _ = _core(out)
    assert len(title) == 255 and title.endswith("…") and data["reference"].startswith(title[:-1])
    text = " ".join(paragraphs(assert_valid_docx(out)))
    assert data["reference"] in text


def test_a_title_of_every_script_is_cut_on_a_character_not_a_byte(tmp_path, cli):
    data = json.loads(EXAMPLE.read_bytes())
    data["reference"] = ""
    data["title"] = "طلب حفظ " * 50
    out = tmp_path / "ar.docx"
    assert cli("render", _write(tmp_path, data), "-o", out, *TODAY).code == 0
    title, _ = _core(out)
    assert len(title) <= 255 and title.endswith("…")


def test_a_request_with_5000_identifiers_is_accepted():
    data = json.loads(EXAMPLE.read_bytes())
    item = data["requests"][0]["items"][1]
    items = []
    for i in range(5000):
        one = copy.deepcopy(item)
        one["identifier"]["port"] = 1024 + i
        items.append(one)
    data["requests"][0]["items"] = items
    case = parse_case(json.dumps(data))
    assert len(case.requests[0].items) == 5000


def test_a_thousand_requests_are_refused_by_check_naming_the_limit(tmp_path, cli):
    case = _write(tmp_path, _with_requests(1000))
    result = cli("check", case)
    assert_clean_refusal(result, "requests", "1000", str(MAX_REQUESTS), "split")
    assert len(result.err.splitlines()) == 1 and len(result.err) < 300


def test_render_refuses_a_thousand_requests_before_any_work(tmp_path, cli, monkeypatch):
    from mla_writer import render

    def no_render(*args, **kwargs):
        raise AssertionError("rendering started on a case over the limits")

    monkeypatch.setattr(render, "render_blocks", no_render)
    case = _write(tmp_path, _with_requests(1000))
    result = cli("render", case, "-o", tmp_path / "r.docx", *TODAY)
    assert_clean_refusal(result, "requests", str(MAX_REQUESTS))
    assert len(result.err.splitlines()) == 1 and len(result.err) < 300
    assert not (tmp_path / "r.docx").exists()


def test_too_many_data_items_in_all_are_named():
    data = _with_requests(3)
    item = data["requests"][0]["items"][0]
    for request in data["requests"]:
        request["items"] = [copy.deepcopy(item) for _ in range(MAX_ITEMS // 3 + 1)]
    with pytest.raises(CaseFileError) as info:
        parse_case(json.dumps(data))
    assert info.value.problems == [
        f"requests: the requests hold {3 * (MAX_ITEMS // 3 + 1)} data items in all; a case holds at most "
        f"{MAX_ITEMS}: split it into several cases"]


@pytest.mark.parametrize("path", [("persons",), ("offences",), ("contacts",), ("annexes",),
                                  ("legal_bases",), ("authorisations",), ("requests", 0, "copy_to")])
def test_every_other_list_has_a_limit_named_with_its_field(path):
    data = json.loads(EXAMPLE.read_bytes())
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = [copy.deepcopy(node[path[-1]][0]) if node.get(path[-1]) else "x"] * (MAX_ENTRIES + 1)
    with pytest.raises(CaseFileError) as info:
        parse_case(json.dumps(data))
    where = "requests[0].copy_to" if path[0] == "requests" else path[0]
    assert info.value.problems[0].startswith(f"{where}: has {MAX_ENTRIES + 1} entries; at most {MAX_ENTRIES}")


def test_the_schema_carries_the_limits():
    schema = Case.model_json_schema()
    assert schema["properties"]["requests"]["maxItems"] == MAX_REQUESTS
    assert schema["properties"]["persons"]["maxItems"] == MAX_ENTRIES


def test_error_lines_stay_short_whatever_the_exception_says(cli, monkeypatch, tmp_path):
    """One unexpected message of 14 KB (python-docx quoting a whole property) is cut, not printed."""
    from mla_writer import render

    def huge(*args, **kwargs):
        raise ValueError("exceeded 255 char limit for property, got: " + "preservation, " * 1000)

    monkeypatch.setattr(render, "render_bytes", huge)
    result = cli("render", EXAMPLE, "-o", tmp_path / "r.docx", *TODAY)
    assert result.code == 2
    assert all(len(line) < 700 for line in result.err.splitlines()), len(result.err)
