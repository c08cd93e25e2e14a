"""A non-editable install renders from any working directory.

The wheel must carry templates/, locales/ and schemas/ (and the examples); a checkout-only path
would pass every other test and fail for the first real user.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, text=True, timeout=300,
    )
    (whl,) = out.glob("mla_writer-*.whl")
    return whl


def test_wheel_carries_the_data_folders(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("mla_writer/_bundled/templates/", "mla_writer/_bundled/locales/fr/LC_MESSAGES/",
                   "mla_writer/_bundled/schemas/case.schema.json", "mla_writer/_bundled/examples/",
                   "mla_writer/data/legal_bases.toml", "mla_writer/data/treaties.toml",
                   "mla_writer/data/sources/budapest.en.md"):
        assert any(n.startswith(needed) for n in names), f"{needed} missing from the wheel"


def test_installed_wheel_renders_from_another_directory(wheel: Path, tmp_path: Path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check",
         "--target", str(target), str(wheel)],
        check=True, capture_output=True, text=True, timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    case = ROOT / "examples" / "bec-preservation.json"
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import mla_writer; print(mla_writer.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(target)), "the test did not use the installed wheel"
    r = subprocess.run([sys.executable, "-m", "mla_writer", "render", str(case), "-o", "out.docx",
                        "--languages", "en,fr"], cwd=elsewhere, env=env, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    import docx

    text = "\n".join(cell.text for t in docx.Document(str(elsewhere / "out.docx")).tables
                     for row in t.rows for cell in row.cells)
    assert "Verrerie Dufresne SA" in text
    check = subprocess.run([sys.executable, "-m", "mla_writer", "schema", "--check"], cwd=elsewhere,
                           env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
