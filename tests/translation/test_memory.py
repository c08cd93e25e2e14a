"""The translation memory: a translation approved once is offered again in a new case."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lxml import etree

from mla_writer.cli import main
from mla_writer.store import load_case
from mla_writer.translation.memory import Memory, load_memory, memory_path, memory_suggestion, suggestions
from mla_writer.translation.units import resolve

from .xlf import X, fill, units

LYON = "Public Prosecutor's Office at the Lyon Judicial Court"
LYON_FR = "Parquet près le tribunal judiciaire de Lyon"


def with_lyon(reference: str):
    # An annex title is a free text on every branch today; the authority's name becomes one too
    # (issue 12) and is then found the same way: the export walks every free text.
    def mutate(data: dict) -> None:
        data["reference"] = reference
        data["annexes"] = [{"title": LYON, "description": ""}]
    return mutate


def translate_lyon_once(untranslated, tmp_path: Path) -> None:
    first = untranslated(with_lyon("LYON-2026-1"), name="first.json")
    xlf = tmp_path / "first.fr.xlf"
    assert main(["translate", "export", str(first), "--to", "fr", "-o", str(xlf)]) == 0
    fill(xlf, lambda s: LYON_FR if s == LYON else s, only={"annexes[0].title"})
    assert main(["translate", "import", str(first), str(xlf)]) == 0


def test_a_translation_typed_once_is_offered_in_a_new_case(untranslated, tmp_path: Path) -> None:
    translate_lyon_once(untranslated, tmp_path)
    assert memory_path().is_file() and memory_path().stat().st_mode & 0o777 == 0o600
    assert memory_suggestion(LYON, "fr", "en") == LYON_FR
    assert memory_suggestion("  Public  Prosecutor's Office at the Lyon Judicial Court ", "fr", "en") == LYON_FR
    assert memory_suggestion(LYON, "es", "en") is None

    second = untranslated(with_lyon("LYON-2026-2"), name="second.json")
    assert suggestions(load_case(second), "fr") == {"annexes[0].title": LYON_FR}
    xlf = tmp_path / "second.fr.xlf"
    assert main(["translate", "export", str(second), "--to", "fr", "-o", str(xlf)]) == 0
    unit = next(u for u in units(xlf) if u.get("id") == "annexes[0].title")
    target = unit.find(f"{X}target")
    assert target.text == LYON_FR and target.get("state") == "needs-review-translation"
    alt = unit.find(f"{X}alt-trans")
    assert alt.get("origin") == "mla-writer translation memory" and alt.find(f"{X}target").text == LYON_FR
    # The translator leaves the suggestion as it is: importing takes it.
    assert main(["translate", "import", str(second), str(xlf)]) == 0
    assert resolve(load_case(second), "annexes[0].title").translations["fr"] == LYON_FR


def test_no_memory_export_offers_nothing(untranslated, tmp_path: Path) -> None:
    translate_lyon_once(untranslated, tmp_path)
    second = untranslated(with_lyon("LYON-2026-2"), name="second.json")
    xlf = tmp_path / "second.fr.xlf"
    assert main(["translate", "export", str(second), "--to", "fr", "-o", str(xlf), "--no-memory"]) == 0
    assert not etree.parse(str(xlf)).getroot().findall(f".//{X}alt-trans")


def test_memory_is_shared_as_tmx(untranslated, tmp_path: Path, monkeypatch, capsys) -> None:
    from translate.storage import tmx

    translate_lyon_once(untranslated, tmp_path)
    shared = tmp_path / "office.tmx"
    assert main(["translate", "memory", "export", str(shared)]) == 0
    store = tmx.tmxfile.parsefile(str(shared))
    assert any(u.source == LYON and u.target == LYON_FR for u in store.units)

    # A colleague, with a memory of their own that translates the same text otherwise.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "colleague"))
    theirs = Memory()
    theirs.add(LYON, "en", "Parquet de Lyon", "fr")
    theirs.add("Money laundering", "en", "Blanchiment", "fr")
    from mla_writer.translation.memory import save_memory

    save_memory(theirs)
    assert main(["translate", "memory", "import", str(shared)]) == 0
    assert "kept" in capsys.readouterr().out
    mine = load_memory()
    assert mine.lookup(LYON, "fr", "en") == "Parquet de Lyon"  # theirs is kept
    assert mine.lookup("Money laundering", "fr", "en") == "Blanchiment"


def test_a_memory_file_from_outside_is_read_safely(tmp_path: Path, capsys) -> None:
    bomb = tmp_path / "bomb.tmx"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                    '<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>')
    assert main(["translate", "memory", "import", str(bomb)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "declares XML entities" in err
    assert not memory_path().exists()


def test_a_foreign_tmx_with_inline_codes_and_regional_languages(tmp_path: Path) -> None:
    from mla_writer.translation.memory import from_tmx

    data = (b'<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx version="1.4">'
            b'<header srclang="en-GB" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" '
            b'creationtool="x" creationtoolversion="1"/><body>'
            b'<tu><tuv xml:lang="en-GB"><seg>Seized <ph>&lt;b&gt;</ph>laptop</seg></tuv>'
            b'<tuv xml:lang="fr-FR"><seg>Ordinateur <ph>&lt;b&gt;</ph>saisi</seg></tuv>'
            b'<tuv xml:lang="de-DE"><seg>Laptop</seg></tuv></tu></body></tmx>')
    memory = from_tmx(data, "x.tmx")
    assert memory.lookup("Seized laptop", "fr", "en") == "Ordinateur saisi"
    assert memory.lookup("Seized laptop", "de", "en") is None


def test_the_command_line_loads_neither_textual_nor_translate_toolkit(untranslated, tmp_path: Path) -> None:
    case = untranslated()
    code = ("import sys\nfrom mla_writer.cli import main\n"
            f"main(['translate', 'export', {str(case)!r}, '--to', 'fr', '-o', {str(tmp_path / 'c.xlf')!r}])\n"
            "print(sorted(m for m in ('textual', 'translate', 'docx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
