"""Word -> PDF through LibreOffice in headless mode (the only converter that keeps the layout).

LibreOffice is optional: without it the Word document is still written and ``PdfError`` says
how to install it. Each conversion uses its own throw-away LibreOffice profile, so it neither
collides with a LibreOffice the user has open nor leaves settings behind, and its own font
rules (``fonts.conf`` beside this module, read by fontconfig after the machine's configuration),
so that Chinese, Arabic and Russian pages come out in faces drawn for them on any Linux machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from ..files import write_file

TIMEOUT_SECONDS = 180
CANDIDATES = ("soffice", "libreoffice")
FONT_RULES = Path(__file__).with_name("fonts.conf")
# Where fontconfig's main file usually is, when FONTCONFIG_FILE / FONTCONFIG_PATH do not say.
SYSTEM_FONTCONFIG = ("/etc/fonts/fonts.conf", "/usr/local/etc/fonts/fonts.conf")
_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">{system}</include>
  <include ignore_missing="yes">{rules}</include>
</fontconfig>
"""


class PdfError(Exception):
    """No PDF could be made; the message says why and what to do."""


def find_soffice() -> str | None:
    """The LibreOffice program on PATH (or named by MLA_WRITER_SOFFICE), or None."""
    override = os.environ.get("MLA_WRITER_SOFFICE")
    if override:
        return override if Path(override).is_file() else shutil.which(override)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _system_fontconfig() -> str | None:
    named = os.environ.get("FONTCONFIG_FILE")
    if named:
        return named
    folder = os.environ.get("FONTCONFIG_PATH")
    candidates = ((os.path.join(folder, "fonts.conf"),) if folder else ()) + SYSTEM_FONTCONFIG
    return next((c for c in candidates if os.path.isfile(c)), None)


def conversion_environment(workdir: Path) -> dict[str, str]:
    """The environment for one LibreOffice run: the caller's, with fontconfig reading the
    machine's configuration and then mla-writer's font rules (a small file written to
    `workdir`). Where no fontconfig configuration is found (macOS and Windows, where
    LibreOffice does not use fontconfig) the environment is left as it is."""
    env = dict(os.environ)
    system = _system_fontconfig()
    if system is not None:
        config = Path(workdir) / "fonts.conf"
        write_file(config, _FONTCONFIG.format(system=escape(system), rules=escape(str(FONT_RULES))))
        env["FONTCONFIG_FILE"] = str(config)
    return env


def conversion_command(soffice: str, workdir: Path, sources: Sequence[Path]) -> list[str]:
    """LibreOffice converting `sources` to PDF into `workdir`/out, with a profile of its own in
    `workdir` (so it neither meets a LibreOffice the user has open nor keeps settings)."""
    profile = (Path(workdir) / "profile").as_uri()
    return [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(Path(workdir) / "out"),
            *map(str, sources)]


def to_pdf(docx: Path, out: Path | None = None, *, force: bool = False) -> Path:
    """Convert `docx` to PDF next to it (or to `out`) and return the PDF's path.

    LibreOffice writes into a private temporary folder; its PDF then reaches `out` through
    ``files.write_file`` like every other output (whole or not at all, 0600, an existing file
    or symbolic link replaced only with `force`, never followed). Messages never name the
    temporary folder. Raises PdfError, or files.WriteError when `out` cannot be written.
    """
    docx = Path(docx)
    return to_pdfs([(docx, Path(out) if out is not None else docx.with_suffix(".pdf"))], force=force)[0]


def to_pdfs(pairs: Sequence[tuple[Path, Path]], *, force: bool = False) -> list[Path]:
    """Convert each (docx, pdf) pair as :func:`to_pdf` does, in one LibreOffice run (starting
    LibreOffice is most of a conversion's time). The documents' file names must differ."""
    if not pairs:
        return []
    first_out = pairs[0][1]
    soffice = find_soffice()
    if soffice is None:
        raise PdfError(
            "no PDF written: LibreOffice is not installed (neither 'soffice' nor 'libreoffice' is on "
            "PATH). Install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; macOS: "
            "brew install --cask libreoffice; Windows: libreoffice.org) or open the .docx in Word "
            "and save it as PDF"
        )
    with tempfile.TemporaryDirectory(prefix="mla-writer-pdf-") as tmp:
        tmpdir = Path(tmp)
        cmd = conversion_command(soffice, tmpdir, [d for d, _ in pairs])
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS * len(pairs),
                                  stdin=subprocess.DEVNULL, check=False,
                                  env=conversion_environment(tmpdir))
        except subprocess.TimeoutExpired:
            raise PdfError(f"{first_out}: no PDF written: LibreOffice took more than "
                           f"{TIMEOUT_SECONDS * len(pairs)} s") from None
        except OSError as e:
            raise PdfError(f"{first_out}: no PDF written: LibreOffice could not be started ({e.strerror or e})") from None
        produced = [tmpdir / "out" / (Path(d).stem + ".pdf") for d, _ in pairs]
        for made, (_, out) in zip(produced, pairs, strict=True):
            if proc.returncode != 0 or not made.is_file():
                detail = (proc.stderr or proc.stdout or "").strip().splitlines()
                why = _without(detail[-1], made, out, tmpdir) if detail else f"exit code {proc.returncode}"
                raise PdfError(f"{out}: no PDF written: LibreOffice failed ({why})")
        data = []
        for made, (_, out) in zip(produced, pairs, strict=True):
            try:
                data.append(made.read_bytes())
            except OSError as e:
                raise PdfError(f"{out}: no PDF written: the converted file cannot be read ({e.strerror})") from None
    return [write_file(out, pdf, force=force) for pdf, (_, out) in zip(data, pairs, strict=True)]


def _without(line: str, produced: Path, out: Path, tmpdir: Path) -> str:
    """LibreOffice's message with the private folder's paths put back as what the user knows."""
    return line.replace(str(produced), str(out)).replace(str(tmpdir), "(temporary folder)")
