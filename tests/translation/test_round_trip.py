"""Export → a translator fills the targets → import → the document prints the translations."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mla_writer import i18n
from mla_writer.cli import main
from mla_writer.render import render_docx
from mla_writer.render.bidi import MARKS
from mla_writer.store import load_case
from mla_writer.translation.units import pending_counts, resolve
from tests.render.readback import body_rows, open_docx

from .xlf import fill, units


def export(case: Path, out: Path, *extra: str) -> int:
    return main(["translate", "export", str(case), "--to", "fr", "-o", str(out), *extra])


def test_every_text_awaiting_french_goes_out_and_comes_back_into_the_document(untranslated, tmp_path: Path) -> None:
    case = untranslated()
    before = load_case(case)
    waiting = pending_counts(before)["fr"]
    assert waiting >= 15
    xlf = tmp_path / "case.fr.xlf"
    assert export(case, xlf) == 0
    assert len(units(xlf)) == waiting
    expected = fill(xlf)

    assert main(["translate", "import", str(case), str(xlf)]) == 0

    after = load_case(case)
    assert pending_counts(after) == {"fr": 0}
    for path, target in expected.items():
        assert resolve(after, path).translations["fr"] == target
    assert stat.S_IMODE(os.stat(case).st_mode) == 0o600
    # The identifiers inside the texts came back as they were: the tags put them back.
    summary = resolve(after, "facts.summary").translations["fr"]
    assert "198.51.100.23" in summary and "accounts@helvetic-sand.example.net" in summary

    out = tmp_path / "request.docx"
    render_docx(after, out, languages=["en", "fr"], today=after.training.as_of if after.training else None)
    rows = [tuple(c.translate(dict.fromkeys(map(ord, MARKS))) for c in row)
            for row in body_rows(open_docx(out.read_bytes()))]
    french = "\n".join(row[-1] for row in rows if len(row) >= 2)
    pending = i18n.translations("fr").gettext("[translation pending]")
    assert pending not in french
    for path in ("facts.summary", "facts.connection", "requests[0].items[0].nexus", "requests[0].necessity"):
        first_line = expected[path].splitlines()[0]
        assert first_line in french, path


def test_a_second_import_of_the_same_file_changes_nothing(untranslated, tmp_path: Path) -> None:
    case = untranslated()
    xlf = tmp_path / "case.fr.xlf"
    export(case, xlf)
    fill(xlf)
    main(["translate", "import", str(case), str(xlf)])
    saved = case.read_bytes()
    assert main(["translate", "import", str(case), str(xlf)]) == 0
    assert case.read_bytes() == saved


def test_units_without_a_translation_stay_pending(untranslated, tmp_path: Path, capsys) -> None:
    case = untranslated()
    xlf = tmp_path / "case.fr.xlf"
    export(case, xlf)
    fill(xlf, only={"facts.summary"})
    fill(xlf, only={"purpose"}, state="needs-translation")
    assert main(["translate", "import", str(case), str(xlf)]) == 0
    after = load_case(case)
    assert resolve(after, "facts.summary").translations["fr"].startswith("«FR» ")
    assert "fr" not in resolve(after, "purpose").translations
    assert pending_counts(after)["fr"] == pending_counts(load_case(case))["fr"] > 0
    out = capsys.readouterr().out
    assert "1 translation(s) into fr imported" in out and "left pending" in out


def test_a_translation_the_user_typed_is_kept_unless_forced(untranslated, tmp_path: Path, capsys) -> None:
    def typed(data: dict) -> None:
        data["purpose"] = {"text": data["purpose"]["text"], "translations": {"fr": "Ma traduction."}}

    case = untranslated(typed)
    xlf = tmp_path / "case.fr.xlf"
    export(case, xlf, "--all")
    fill(xlf)
    assert main(["translate", "import", str(case), str(xlf)]) == 0
    assert resolve(load_case(case), "purpose").translations["fr"] == "Ma traduction."
    assert "were kept" in capsys.readouterr().out
    assert main(["translate", "import", str(case), str(xlf), "--force"]) == 0
    assert resolve(load_case(case), "purpose").translations["fr"].startswith("«FR» ")


def test_export_refuses_a_language_the_documents_are_not_in(untranslated, tmp_path: Path, capsys) -> None:
    case = untranslated()
    assert main(["translate", "export", str(case), "--to", "es", "-o", str(tmp_path / "x.xlf")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "add es to the case's languages" in err
    assert not (tmp_path / "x.xlf").exists()


def test_export_never_replaces_a_file_without_force(untranslated, tmp_path: Path) -> None:
    case = untranslated()
    xlf = tmp_path / "case.fr.xlf"
    xlf.write_text("mine")
    assert export(case, xlf) == 2
    assert xlf.read_text() == "mine"
    assert export(case, xlf, "--force") == 0


@pytest.mark.parametrize("path", ["requesting.authority.competence", "requests[0].necessity"])
def test_units_carry_label_and_context(untranslated, tmp_path: Path, path: str) -> None:
    from lxml import etree

    case = untranslated()
    xlf = tmp_path / "case.fr.xlf"
    export(case, xlf)
    unit = next(u for u in units(xlf) if u.get("id") == path)
    notes = [n.text for n in unit.findall("{urn:oasis:names:tc:xliff:document:1.2}note")]
    if path.startswith("requests"):
        assert notes[0].startswith("Requests R1 › Necessity") and "request R1" in notes[1]
    else:
        assert "The domestic law that makes this authority competent" in notes[0]
        assert notes[1] == "Common to every request of the case."
    assert etree.parse(str(xlf)).getroot().find(".//{*}file").get("source-language") == "en"
