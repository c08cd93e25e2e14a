"""What ships cites public documents a reader can find, never the project's internal notes.

The rules rest on treaties and on four UN documents (A/74/130, the CCPCJ 27th session discussion
guide of 2018, CTOC/COP/WG.3/2015/2 and the Fourteenth UN Congress's workshop 4 report). The team
read them through an internal digest ("the brief") and numbered them as "seeds"; neither word
means anything to a central authority, so neither may appear in anything that ships.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mla_writer.checks import all_rules
from mla_writer.checks.sources import SOURCES, source_of

ROOT = Path(__file__).resolve().parents[1]

# Everything a user or reader receives: the package, templates, catalogs and their glossary, data
# files, examples with their answer keys, the schema and the READMEs.
SHIPPED_DIRS = ("mla_writer", "templates", "locales", "examples", "schemas")
SHIPPED_FILES = ("README.md",)
TEXT_SUFFIXES = {".py", ".j2", ".md", ".po", ".pot", ".toml", ".json", ".tcss", ".txt", ".cfg"}

SEED = re.compile(r"\bseeds?\b", re.IGNORECASE)
# "BRIEF" as the digest's name; "a brief summary" (Budapest art. 29(2)(b)) is ordinary English.
BRIEF = re.compile(r"(?-i:\bBRIEF\b)|\bbrief(?:\.md|\s*§)|\bdomain brief\b|\bthe brief\b|\bteam brief\b", re.IGNORECASE)


def _shipped() -> list[Path]:
    files = [ROOT / name for name in SHIPPED_FILES]
    for folder in SHIPPED_DIRS:
        files += [p for p in (ROOT / folder).rglob("*")
                  if p.is_file() and p.suffix in TEXT_SUFFIXES and "__pycache__" not in p.parts
                  and "_bundled" not in p.parts]
    return sorted(files)


def _param(path: Path):
    return pytest.param(path, id=path.relative_to(ROOT).as_posix())


def test_the_scan_covers_what_ships():
    rels = {p.relative_to(ROOT).as_posix() for p in _shipped()}
    for expected in ("README.md", "examples/README.md", "locales/GLOSSARY.md", "locales/fr/LC_MESSAGES/mla_writer.po",
                     "mla_writer/data/legal_bases.toml", "examples/flawed-content-no-nexus.expected.json",
                     "templates/review_sheet.html.j2", "schemas/case.schema.json", "mla_writer/checks/identifiers.py"):
        assert expected in rels


@pytest.mark.parametrize("path", [_param(p) for p in _shipped()])
def test_nothing_shipped_names_the_internal_notes(path: Path):
    text = path.read_text(encoding="utf-8")
    bad = [(text.count("\n", 0, m.start()) + 1, m.group(0)) for rx in (SEED, BRIEF) for m in rx.finditer(text)]
    assert not bad, f"{path.relative_to(ROOT)}: cite the public document instead, at lines {bad[:5]}"


def test_the_patterns_tell_the_digest_from_ordinary_english():
    assert BRIEF.search("reference: BRIEF §2.2") and BRIEF.search("see brief.md") and SEED.search("(seed 000 ¶198)")
    assert not BRIEF.search("a brief summary of the related facts") and not SEED.search("seeded with")


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_reference_cites_a_known_public_source(rule):
    parts = [p.strip() for p in rule.reference.split(";")]
    for part in parts:
        name = source_of(part)
        assert name is not None, f"{rule.code}: {part!r} cites none of {sorted(SOURCES)}"
        if name != "good practice":
            where = part[len(name):].strip()
            assert re.fullmatch(r"(arts?\. \S.*|¶\d.*)", where), f"{rule.code}: {part!r} names no article or paragraph"
