"""Fuzz the case loader for a bounded, repeatable time.

Hypothesis runs derandomized with no example database, so the same examples run on every
machine and CI never depends on local state. An input that breaks the contract is written to
corpus/ before the test fails; commit it, and test_corpus.py keeps it as a regression test.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mla_writer.model import Case
from mla_writer.store import CaseFileError, parse_case

from .conftest import CORPUS, EXAMPLE

# A longer hunt, by hand: MLA_FUZZ_SCALE=50 runs fifty times the examples, with fresh randomness.
# The default (1) is what CI runs: derandomized, so the same examples every time.
SCALE = max(1, int(os.environ.get("MLA_FUZZ_SCALE", "1")))
settings.register_profile(
    "reliability", database=None, derandomize=SCALE == 1, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("reliability")


def examples(n: int) -> int:
    return n * SCALE
EXAMPLE_DATA = json.loads(EXAMPLE.read_text("utf-8"))

# Every character, surrogates and controls included.
any_char = st.characters(codec=None, categories=None, exclude_categories=())
any_text = st.text(any_char, max_size=40)
json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | any_text
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=12,
)


def keep_in_corpus(raw: bytes | str, why: BaseException) -> Path:
    """Save an input that broke the loader's contract so it stays a regression test."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    CORPUS.mkdir(exist_ok=True)
    path = CORPUS / f"fuzz-{hashlib.sha256(data).hexdigest()[:12]}.json"
    path.write_bytes(data)
    path.with_suffix(".why").write_text(f"{type(why).__name__}: {why}\n"[:500], "utf-8")
    return path


def assert_loader_contract(raw: bytes | str) -> Case | None:
    """parse_case returns a Case or raises CaseFileError with one-line problems, nothing else."""
    try:
        return parse_case(raw, "fuzz.json")
    except CaseFileError as e:
        assert e.problems, "refused without a reason"
        for p in e.problems:
            assert isinstance(p, str) and p and "\n" not in p and len(p) < 400, p
        return None
    except BaseException as e:  # anything else is the bug we hunt
        keep_in_corpus(raw, e)
        raise


def _paths(node: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, prefix + (i,))
    return out


EXAMPLE_PATHS = [p for p in _paths(EXAMPLE_DATA) if p]


@settings(FUZZ, max_examples=examples(300))
@given(st.binary(max_size=2000))
def test_fuzz_raw_bytes(raw: bytes):
    assert_loader_contract(raw)


@settings(FUZZ, max_examples=examples(300))
@given(json_values)
def test_fuzz_any_json_document(value: object):
    assert_loader_contract(json.dumps(value))


@settings(FUZZ, max_examples=examples(400))
@given(st.lists(st.tuples(st.sampled_from(EXAMPLE_PATHS), json_values), min_size=1, max_size=4))
def test_fuzz_example_with_fields_replaced(changes: list[tuple[tuple, object]]):
    """The real example with a few values anywhere in it swapped for arbitrary JSON: the most
    likely shape of a hand-edited file gone wrong."""
    data = copy.deepcopy(EXAMPLE_DATA)
    for path, value in changes:
        node = data
        try:
            for p in path[:-1]:
                node = node[p]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this branch
    assert_loader_contract(json.dumps(data))


EXAMPLE_RAW = json.dumps(EXAMPLE_DATA).encode()


@settings(FUZZ, max_examples=examples(300))
@given(st.integers(0, len(EXAMPLE_RAW) - 1), st.integers(0, 3))
def test_fuzz_truncated_and_corrupted_bytes(cut: int, how: int):
    raw = EXAMPLE_RAW
    variants = [raw[:cut], raw[:cut] + raw[cut + 1:], raw[:cut] + b"\xff" + raw[cut:], raw[:cut] + b"\x00"]
    assert_loader_contract(variants[how])


@settings(FUZZ, max_examples=examples(400))
@given(any_text, st.sampled_from([("title",), ("facts", "summary"), ("offences", 0, "name"),
                                  ("requests", 0, "items", 0, "nexus"), ("signature", "name")]))
def test_fuzz_text_is_kept_exactly_or_refused_naming_the_field(text: str, path: tuple):
    data = copy.deepcopy(EXAMPLE_DATA)
    node = data
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = text
    raw = json.dumps(data)  # ASCII with \\u escapes, so a lone surrogate survives as in a real file
    try:
        case = parse_case(raw)
    except CaseFileError as e:
        name = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        assert any(line.startswith(name) for line in e.problems), (name, e.problems)
        assert any(0xD800 <= ord(c) <= 0xDFFF or ord(c) < 0x20 or c in "\ufffe\uffff" for c in text)
        return
    except BaseException as e:
        keep_in_corpus(raw, e)
        raise
    node = case
    for p in path:
        node = node[p] if isinstance(p, int) else getattr(node, p)
    assert getattr(node, "text", node) == text
