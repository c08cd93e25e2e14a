"""PDF through LibreOffice: one document per language, read back with pdfinfo and pdftotext.

Slow (LibreOffice starts once per document); CI installs libreoffice-writer-nogui, poppler-utils
and fonts with Arabic and CJK glyphs (see .ci/run).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

from mla_writer import i18n
from mla_writer.render import render_docx
from mla_writer.render.pdf import PdfError, find_soffice, to_pdf

from .cases import LANGS, make_case

TITLE = "Request for the expedited preservation of stored computer data"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian: poppler-utils); needed to read the PDF back")
    return found


def _text(pdf) -> str:
    out = subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    # Arabic comes out in presentation forms; NFKC folds them back to the letters the catalog has.
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", out))


def _pages(pdf) -> int:
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _words(lang: str, msgid: str) -> list[str]:
    """Words of a translated heading, as they must appear somewhere in the PDF text."""
    text = unicodedata.normalize("NFKC", i18n.translations(lang).gettext(msgid))
    if lang == "zh":
        return [text[:6]]
    return [w for w in re.split(r"\s+", text) if len(w) > 3][:3]


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_holds_both_languages_and_counts_its_pages(tmp_path, lang):
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed (Debian: libreoffice-writer-nogui)")
    partner = "fr" if lang == "en" else "en"
    case = make_case("preservation")
    docx_path = render_docx(case, tmp_path / f"{lang}.docx", languages=[lang, partner])
    pdf = to_pdf(docx_path)
    assert pdf == tmp_path / f"{lang}.pdf" and pdf.stat().st_size > 0
    assert pdf.stat().st_mode & 0o777 == 0o600
    pages = _pages(pdf)
    assert pages >= 3  # the request, then the annex on a page of its own
    text = _text(pdf)
    for code in (lang, partner):
        for word in _words(code, TITLE):
            assert word in text, f"{code}: {word!r} not in the PDF text"
    # The footer's NUMPAGES field was computed by LibreOffice: "Page 1 of N" with N the real count.
    footer = unicodedata.normalize("NFKC", i18n.translations(partner).gettext("Page %(page)s of %(pages)s")
                                   % {"page": 1, "pages": pages})
    assert re.sub(r"\s+", " ", footer) in text


def test_missing_libreoffice_gives_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("MLA_WRITER_SOFFICE", raising=False)
    with pytest.raises(PdfError, match="LibreOffice is not installed.*libreoffice-writer-nogui"):
        to_pdf(tmp_path / "x.docx")


def test_a_failing_converter_is_reported(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("MLA_WRITER_SOFFICE", str(fake))
    with pytest.raises(PdfError, match="source file could not be loaded"):
        to_pdf(tmp_path / "x.docx")


def test_a_package_is_converted_in_one_run_each_pdf_beside_its_document(tmp_path, monkeypatch):
    """A stand-in for LibreOffice that records its runs and writes one PDF per document given."""
    import sys

    from mla_writer.render.pdf import to_pdfs

    runs = tmp_path / "runs.txt"
    fake = tmp_path / "soffice"
    fake.write_text(f"""#!{sys.executable}
import pathlib, sys
args = sys.argv[1:]
out = pathlib.Path(args[args.index("--outdir") + 1])
out.mkdir(parents=True, exist_ok=True)
with open({str(runs)!r}, "a") as f:
    f.write("run\\n")
for source in args[args.index("--outdir") + 2:]:
    (out / (pathlib.Path(source).stem + ".pdf")).write_bytes(b"%PDF-" + pathlib.Path(source).name.encode())
""")
    fake.chmod(0o755)
    monkeypatch.setenv("MLA_WRITER_SOFFICE", str(fake))
    folder = tmp_path / "package"
    folder.mkdir()
    documents = [folder / "R1-preservation-IE-en-fr.docx", folder / "review-sheet.docx"]
    for d in documents:
        d.write_bytes(b"PK")
    pdfs = to_pdfs([(d, d.with_suffix(".pdf")) for d in documents])
    assert pdfs == [d.with_suffix(".pdf") for d in documents]
    assert [p.read_bytes() for p in pdfs] == [b"%PDF-" + d.name.encode() for d in documents]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in pdfs)
    assert runs.read_text() == "run\n"
    with pytest.raises(FileExistsError):  # an existing PDF is kept without force
        to_pdfs([(documents[0], pdfs[0])])
