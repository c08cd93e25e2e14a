"""Outputs attacked as a hostile or unlucky user would (issue 20, items 1, 8 and 9): the PDF step,
dangling symlinks at -o and at `examples copy` DEST, a file that appears mid-write, a batch over
earlier documents, a full disk. Each either does what was asked or refuses with one line that
names the user's file, and nothing the user did not name is touched.

LibreOffice is replaced by a small script that behaves as it does (writes NAME.pdf into
--outdir, or fails with a message): these tests are about what happens around the converter.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from mla_writer.examples import example_names

from .conftest import EXAMPLE, assert_clean_refusal

TODAY = ("--today", "2026-04-01")

FAKE_SOFFICE = """#!/bin/sh
# Stands in for LibreOffice: logs its call, then writes NAME.pdf into --outdir or fails as told.
echo "$@" >> "$FAKE_SOFFICE_LOG"
outdir=""; prev=""; src=""
for a in "$@"; do
  if [ "$prev" = "--outdir" ]; then outdir="$a"; fi
  prev="$a"; src="$a"
done
if [ -n "$FAKE_SOFFICE_FAIL" ]; then
  echo "Error: could not write $outdir/$(basename "$src" .docx).pdf (disk full)" >&2
  exit 1
fi
mkdir -p "$outdir"
printf '%%PDF-1.4 converted %s\\n' "$(basename "$src")" > "$outdir/$(basename "$src" .docx).pdf"
"""


@pytest.fixture
def soffice(tmp_path, monkeypatch) -> Path:
    """The stand-in converter; returns its log (one line per call)."""
    script = tmp_path / "bin" / "soffice"
    script.parent.mkdir()
    script.write_text(FAKE_SOFFICE)
    script.chmod(0o755)
    log = tmp_path / "soffice.log"
    monkeypatch.setenv("MLA_WRITER_SOFFICE", str(script))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    return log


@pytest.fixture
def elsewhere_tmp(tmp_path, monkeypatch) -> Path:
    """$TMPDIR in another folder (on many machines another file system: tmpfs, a USB stick)."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read $TMPDIR again
    return folder


@pytest.fixture
def other_fs_tmp(tmp_path, monkeypatch):
    """$TMPDIR on another file system than the output (tmpfs /dev/shm here), where a move
    becomes a copy: skipped where there is none to use."""
    import shutil
    import tempfile

    shm = Path("/dev/shm")
    if not shm.is_dir() or not os.access(shm, os.W_OK) or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second file system to put $TMPDIR on")
    folder = Path(tempfile.mkdtemp(prefix="mla-writer-test-", dir=shm))
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _calls(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


# ---- the PDF step (item 1) -------------------------------------------------------------------

def test_pdf_is_written_through_the_writer(tmp_path, cli, soffice, elsewhere_tmp):
    out = tmp_path / "out" / "R1.docx"
    out.parent.mkdir()
    result = cli("render", EXAMPLE, "-o", out, "--pdf", *TODAY)
    assert result.code == 0, result.err
    pdf = out.with_suffix(".pdf")
    assert pdf.read_bytes() == b"%PDF-1.4 converted R1.docx\n"
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    assert sorted(p.name for p in out.parent.iterdir()) == ["R1.docx", "R1.pdf"]
    assert list(elsewhere_tmp.iterdir()) == [], "the private conversion folder was left behind"


def test_an_existing_pdf_is_refused_before_any_work(tmp_path, cli, soffice):
    out = tmp_path / "R1.docx"
    pdf = tmp_path / "R1.pdf"
    pdf.write_bytes(b"the PDF sent last week")
    result = cli("render", EXAMPLE, "-o", out, "--pdf", *TODAY)
    assert_clean_refusal(result, str(pdf), "already exists", "--force")
    assert pdf.read_bytes() == b"the PDF sent last week"
    assert not out.exists(), "the Word document was written although the PDF step was bound to fail"
    assert _calls(soffice) == 0


def test_a_dangling_symlink_at_the_pdf_is_refused_without_force(tmp_path, cli, soffice):
    pdf = tmp_path / "R1.pdf"
    pdf.symlink_to(tmp_path / "planted" / "target.pdf")
    assert_clean_refusal(cli("render", EXAMPLE, "-o", tmp_path / "R1.docx", "--pdf", *TODAY), "already exists")
    assert pdf.is_symlink() and not (tmp_path / "planted").exists()
    assert not (tmp_path / "R1.docx").exists()


def test_a_symlink_at_the_pdf_is_replaced_not_followed_across_file_systems(tmp_path, cli, soffice,
                                                                           other_fs_tmp):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"a file the user never named")
    pdf = tmp_path / "R1.pdf"
    pdf.symlink_to(victim)
    result = cli("render", EXAMPLE, "-o", tmp_path / "R1.docx", "--pdf", "--force", *TODAY)
    assert result.code == 0, result.err
    assert victim.read_bytes() == b"a file the user never named"
    assert not pdf.is_symlink() and pdf.read_bytes().startswith(b"%PDF")


def _full_disk_for(monkeypatch, name: str) -> None:
    """Every write to a temporary file for `name` fails as on a full disk."""
    real_write = os.write

    def write(fd, data):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if f".{name}." in os.path.basename(target):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)


def test_a_full_disk_keeps_the_old_pdf_and_names_it(tmp_path, cli, soffice, elsewhere_tmp, monkeypatch):
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to tell the PDF's temporary file from the others")
    out = tmp_path / "R1.docx"
    pdf = tmp_path / "R1.pdf"
    pdf.write_bytes(b"the old PDF")
    pdf.chmod(0o600)
    _full_disk_for(monkeypatch, "R1.pdf")
    result = cli("render", EXAMPLE, "-o", out, "--pdf", "--force", *TODAY)
    monkeypatch.undo()
    assert_clean_refusal(result)
    assert result.err.strip() == (f"error: {pdf}: no space left on device; nothing was written "
                                  "(an existing file is kept)")
    assert pdf.read_bytes() == b"the old PDF" and stat.S_IMODE(pdf.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if not p.is_dir()) == ["R1.docx", "R1.pdf", "soffice.log"]


def test_pdf_errors_never_name_temporary_paths(tmp_path, cli, soffice, elsewhere_tmp, monkeypatch):
    monkeypatch.setenv("FAKE_SOFFICE_FAIL", "1")
    result = cli("render", EXAMPLE, "-o", tmp_path / "R1.docx", "--pdf", *TODAY)
    assert_clean_refusal(result, "LibreOffice failed")
    assert str(elsewhere_tmp) not in result.err and "mla-writer-pdf" not in result.err, result.err
    assert "R1.pdf" in result.err
    assert not (tmp_path / "R1.pdf").exists()


# ---- -o, examples copy, render-all (item 8) ----------------------------------------------------

def test_a_dangling_symlink_at_the_output_is_not_replaced_without_force(tmp_path, cli):
    link = tmp_path / "R1.docx"
    link.symlink_to(tmp_path / "planted" / "R1.docx")
    assert_clean_refusal(cli("render", EXAMPLE, "-o", link, *TODAY), str(link), "already exists", "--force")
    assert link.is_symlink() and not (tmp_path / "planted").exists()


def test_a_dangling_symlink_at_examples_copy_dest_is_not_replaced(tmp_path, cli):
    link = tmp_path / "mine.json"
    link.symlink_to(tmp_path / "planted.json")
    assert_clean_refusal(cli("examples", "copy", "bec-preservation", link), "already exists")
    assert link.is_symlink() and not (tmp_path / "planted.json").exists()


def test_a_file_created_while_rendering_is_not_clobbered(tmp_path, cli, monkeypatch):
    """The check at the start and the naming at the end are apart by the whole render: a file
    that appears in between (another program, a second render) is kept."""
    from mla_writer import render

    out = tmp_path / "R1.docx"
    real = render.render_bytes

    def slow_render(*args, **kwargs):
        data = real(*args, **kwargs)
        out.write_bytes(b"written by someone else meanwhile")
        return data

    monkeypatch.setattr(render, "render_bytes", slow_render)
    assert_clean_refusal(cli("render", EXAMPLE, "-o", out, *TODAY), str(out), "already exists")
    assert out.read_bytes() == b"written by someone else meanwhile"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["R1.docx"]


def test_render_all_keeps_documents_already_there_unless_forced(tmp_path, cli):
    outdir = tmp_path / "handouts"
    (outdir / example_names()[0]).mkdir(parents=True)
    earlier = outdir / example_names()[0] / "review-sheet.docx"
    earlier.write_bytes(b"the trainer's annotated copy")
    result = cli("examples", "render-all", outdir)
    assert_clean_refusal(result, str(earlier), "already exists", "--force")
    assert earlier.read_bytes() == b"the trainer's annotated copy"
    assert [p.relative_to(outdir) for p in outdir.rglob("*")] == [earlier.parent.relative_to(outdir),
                                                                   earlier.relative_to(outdir)], \
        "refused, but wrote some documents"


def test_render_all_with_force_replaces_them(tmp_path, cli):
    outdir = tmp_path / "handouts"
    first = example_names()[0]
    (outdir / first).mkdir(parents=True)
    (outdir / first / "review-sheet.docx").write_bytes(b"old")
    result = cli("examples", "render-all", outdir, "--force")
    assert result.code in (0, 1), result.err
    assert (outdir / first / "review-sheet.docx").read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in outdir.iterdir()) == sorted(example_names())


def test_render_all_does_not_create_folders_render_refuses(tmp_path, cli):
    assert_clean_refusal(cli("examples", "render-all", tmp_path / "no" / "such" / "handouts"), "does not exist")
    assert_clean_refusal(cli("render", EXAMPLE, "-o", tmp_path / "no" / "R1.docx"), "does not exist")
    assert not (tmp_path / "no").exists()


def test_render_all_refuses_a_symlink_at_outdir(tmp_path, cli):
    (tmp_path / "handouts").symlink_to(tmp_path / "planted")
    assert_clean_refusal(cli("examples", "render-all", tmp_path / "handouts"))
    assert not (tmp_path / "planted").exists()


# ---- messages (item 9) ------------------------------------------------------------------------

def test_a_full_disk_names_the_file(tmp_path, cli, monkeypatch):
    out = tmp_path / "out" / "R1.docx"
    out.parent.mkdir()
    out.write_bytes(b"the version sent last week")

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    result = cli("render", EXAMPLE, "-o", out, "--force", *TODAY)
    monkeypatch.undo()
    assert result.err.strip() == (f"error: {out}: no space left on device; nothing was written "
                                  "(an existing file is kept)")
    assert result.code == 2
    assert out.read_bytes() == b"the version sent last week"
    assert sorted(p.name for p in out.parent.iterdir()) == ["R1.docx"]
