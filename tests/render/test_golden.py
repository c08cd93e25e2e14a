"""Same case, same bytes: the document XML of a few examples is pinned, and every example
renders byte-identically twice.

The golden files are the word/document.xml of each case below, as the renderer writes it. A
deliberate change of the layout or the wording changes them: regenerate with

    .venv/bin/python -m pytest tests/render/test_golden.py --update-golden

and review `git diff tests/render/golden/` before committing it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from mla_writer import examples
from mla_writer.render import render_bytes

from .readback import part_xml

GOLDEN = Path(__file__).resolve().parent / "golden"
# Each layout: two left-to-right languages, Arabic beside English, Chinese beside English, one
# right-to-left language alone; and cases with every kind of request between them.
CASES = [("bec-preservation", ("en", "fr")), ("bec-preservation", ("ar",)),
         ("ddos-for-hire", ("en", "zh")), ("ransomware-hospital", ("ar", "en"))]


def _render(name: str, langs: tuple[str, ...]) -> bytes:
    case = examples.load_example(name)
    today = examples.check_date(case)
    return render_bytes(case, languages=list(langs), today=today)


@pytest.mark.parametrize(("name", "langs"), CASES, ids=[f"{n}-{'-'.join(ls)}" for n, ls in CASES])
def test_document_xml_matches_the_golden_file(name, langs, request):
    xml = part_xml(_render(name, langs), "word/document.xml")
    path = GOLDEN / f"{name}.{'-'.join(langs)}.document.xml"
    if request.config.getoption("--update-golden"):
        path.write_text(xml, "utf-8")
    assert path.is_file(), f"{path.name} missing: run pytest {Path(__file__).name} --update-golden"
    golden = path.read_text("utf-8")
    if xml != golden:
        # Show where, one tag a line, rather than two megabytes on one line.
        diff = difflib.unified_diff(golden.replace("><", ">\n<").splitlines(), xml.replace("><", ">\n<").splitlines(),
                                    "golden", "now", n=2, lineterm="")
        pytest.fail(f"{path.name} differs (--update-golden if intended):\n" + "\n".join(list(diff)[:60]))


@pytest.mark.parametrize("name", examples.example_names())
def test_every_example_renders_byte_identically_twice(name):
    case = examples.load_example(name)
    langs = tuple(case.languages)
    first, second = _render(name, langs), _render(name, langs)
    assert first == second
