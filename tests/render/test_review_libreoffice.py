"""The review loop through LibreOffice: a draft opened and saved by it still carries its case and
its fingerprint, a hand edit made before the save is still found, and the comments `review`
writes are ones LibreOffice reads and shows.

Slow (LibreOffice starts twice). The comments are checked in LibreOffice's PDF, where it exports
each one as a note annotation (author, date and text) anchored beside its text: the
comments-in-the-margin option of newer releases (ExportNotesInMargin, 7.5+) is not in the 7.4
this suite runs with, so the notes are read from the annotations rather than with pdftotext.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
import pytest

from mla_writer import examples
from mla_writer.render import render_bytes
from mla_writer.render.embed import case_from_draft
from mla_writer.render.pdf import conversion_environment, find_soffice

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BILINGUAL = "flawed-content-no-nexus"  # es+en: every paragraph sits in a two-column row
FLAWED = "flawed-phishing-ip-addresses"
EDITED_FROM = "Entre el 9 de junio y el 21 de agosto de 2026"
EDITED_TO = "Entre el 1 y el 2 de junio de 2026, una persona pagó un anticipo."


def _rendered(name: str) -> bytes:
    case = examples.load_example(name)
    when = examples.check_date(case)
    return render_bytes(case, languages=list(case.languages), today=when)


def _cli(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mla_writer", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=False)


def _libreoffice(target: str, sources: list[Path], outdir: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="mla-writer-review-") as tmp:
        work = Path(tmp)
        cmd = [str(find_soffice()), f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
               "--norestore", "--convert-to", target, "--outdir", str(outdir), *map(str, sources)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120 + 60 * len(sources),
                              env=conversion_environment(work), stdin=subprocess.DEVNULL, check=False)
    for source in sources:
        made = outdir / (source.stem + "." + target.split(":")[0])
        assert made.is_file(), f"{source.name}: LibreOffice made nothing ({proc.stderr.strip()[-300:]})"


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Drafts as LibreOffice saved them: 'plain' (untouched), 'edited' (a paragraph changed by a
    script first); and 'pdf', the reviewed copy of a flawed draft exported by LibreOffice."""
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed (Debian: libreoffice-writer-nogui)")
    folder = tmp_path_factory.mktemp("review-lo")
    plain = folder / "plain.docx"
    plain.write_bytes(_rendered(BILINGUAL))
    document = docx.Document(str(plain))
    cells = (p for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs)
    target = next(p for p in cells if EDITED_FROM in p.text)
    target.text = EDITED_TO
    edited = folder / "edited.docx"
    document.save(str(edited))
    flawed = folder / "flawed.docx"
    flawed.write_bytes(_rendered(FLAWED))
    reviewed = folder / "reviewed.docx"
    assert _cli("review", flawed, "-o", reviewed, "--language", "fr").returncode == 1
    out = folder / "lo"
    out.mkdir()
    _libreoffice("docx:MS Word 2007 XML", [plain, edited], out)
    _libreoffice('pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}', [reviewed], out)
    return {"plain": out / "plain.docx", "edited": out / "edited.docx", "pdf": out / "reviewed.pdf"}


def test_a_draft_saved_by_libreoffice_still_carries_its_case_and_no_hand_edit(saved: dict[str, Path],
                                                                              tmp_path: Path):
    assert case_from_draft(saved["plain"]) == examples.load_example(BILINGUAL)
    r = _cli("import", saved["plain"], "-o", tmp_path / "case.json")
    assert r.returncode == 0, r.stderr
    r = _cli("review", saved["plain"], "-o", tmp_path / "reviewed.docx")
    assert r.returncode == 1, r.stderr  # the exercise's errors, as `check` gives them
    assert "; 0 hand edit(s);" in r.stdout


def test_a_script_edit_is_found_after_a_libreoffice_save(saved: dict[str, Path], tmp_path: Path):
    assert case_from_draft(saved["edited"]) == examples.load_example(BILINGUAL)
    out = tmp_path / "reviewed.docx"
    r = _cli("review", saved["edited"], "-o", out)
    assert "; 1 hand edit(s);" in r.stdout, r.stdout
    edit = next(line for line in r.stdout.splitlines() if line.startswith("hand edit"))
    assert edit.startswith(f"hand edit, changed: {EDITED_TO}")
    assert f"(was: 5. {EDITED_FROM}" in edit
    reviewed = docx.Document(str(out))
    comment = next(c for c in reviewed.comments if "HAND-EDITED" in c.text)
    assert comment.author == "mla-writer"
    assert EDITED_FROM in comment.text


def _notes(pdf: Path) -> list[tuple[str, str]]:
    """(author line, text) of every note annotation in a PDF LibreOffice wrote."""
    raw = pdf.read_bytes()
    notes = []
    for m in re.finditer(rb"/Subtype /Text .*?/Contents <([0-9A-F]+)>.*?/T <([0-9A-F]+)>", raw, re.S):
        text, author = (bytes.fromhex(g.decode()).decode("utf-16") for g in (m.group(1), m.group(2)))
        notes.append((author, text))
    return notes


def test_libreoffice_shows_the_review_comments(saved: dict[str, Path]):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (Debian: poppler-utils)")
    notes = _notes(saved["pdf"])
    assert len(notes) == 5, notes
    assert all(author.startswith("mla-writer") for author, _ in notes)
    texts = [text for _, text in notes]
    no_tz = next(t for t in texts if "IP-NO-TZ" in t)
    assert no_tz.startswith("Erreur IP-NO-TZ: Indiquez le fuseau horaire")
    assert "A/74/130 ¶198" in no_tz
    # The page the note is on shows the row it is anchored on.
    body = subprocess.run(["pdftotext", str(saved["pdf"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "198.51.100.61" in body
