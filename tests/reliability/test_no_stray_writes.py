"""The tool writes only what it was asked to write: `check` writes nothing, `render` writes the
output file and nothing else (no temp file left behind, nothing in the home folder, the working
folder, the case's folder, the system temp folder or the tool's own install)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mla_writer.resources import resource_dir

from .conftest import EXAMPLE, run_cli

ALLOWED_OWN_DIRS = (".cache/mla-writer", ".local/share/mla-writer", ".config/mla-writer")


def _snapshot(*roots: Path) -> dict[Path, int]:
    files = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d != "__pycache__"]
            for name in filenames:
                p = Path(dirpath) / name
                try:
                    files[p] = p.stat().st_mtime_ns
                except FileNotFoundError:
                    pass
    return files


@pytest.fixture
def sandbox(tmp_path: Path) -> dict[str, Path]:
    places = {name: tmp_path / name for name in ("home", "work", "cases", "tmp", "out")}
    for p in places.values():
        p.mkdir()
    shutil.copyfile(EXAMPLE, places["cases"] / "case.json")
    return places


def _env(s: dict[str, Path]) -> dict[str, str]:
    home = s["home"]
    return {"HOME": str(home), "TMPDIR": str(s["tmp"]), "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_DATA_HOME": str(home / ".local/share"), "XDG_CONFIG_HOME": str(home / ".config")}


def _installed_folders() -> list[Path]:
    return [resource_dir(n) for n in ("templates", "locales", "schemas", "examples") if resource_dir(n).is_dir()]


def _new_or_changed(before: dict[Path, int], after: dict[Path, int]) -> set[Path]:
    return {p for p, m in after.items() if before.get(p) != m}


def _not_allowed(changed: set[Path], home: Path, expected: set[Path]) -> set[Path]:
    own = [home / d for d in ALLOWED_OWN_DIRS]
    return {p for p in changed - expected if not any(p.is_relative_to(d) for d in own)}


def test_check_writes_nothing(sandbox: dict[str, Path]):
    roots = [*sandbox.values(), *_installed_folders()]
    before = _snapshot(*roots)
    result = run_cli("check", sandbox["cases"] / "case.json", cwd=sandbox["work"], env=_env(sandbox))
    assert result.code in (0, 1), result.err
    changed = _new_or_changed(before, _snapshot(*roots))
    assert not _not_allowed(changed, sandbox["home"], set()), changed


@pytest.mark.parametrize("languages", ["en,fr", "ar,en"])
def test_render_writes_only_the_output(sandbox: dict[str, Path], languages: str):
    roots = [*sandbox.values(), *_installed_folders()]
    before = _snapshot(*roots)
    out = sandbox["out"] / "request.docx"
    result = run_cli("render", sandbox["cases"] / "case.json", "-o", out, "--languages", languages,
                     "--today", "2026-04-01", cwd=sandbox["work"], env=_env(sandbox))
    assert result.code == 0, result.err
    changed = _new_or_changed(before, _snapshot(*roots))
    assert out in changed
    assert not _not_allowed(changed, sandbox["home"], {out}), changed
    assert not any(sandbox["tmp"].iterdir()), "left files in the system temp folder"


def test_refused_render_writes_nothing(sandbox: dict[str, Path]):
    out = sandbox["out"] / "request.docx"
    out.write_bytes(b"earlier draft")
    roots = [*sandbox.values(), *_installed_folders()]
    before = _snapshot(*roots)
    result = run_cli("render", sandbox["cases"] / "case.json", "-o", out, cwd=sandbox["work"], env=_env(sandbox))
    assert result.code == 2
    assert not _new_or_changed(before, _snapshot(*roots))


def test_rendered_document_is_private(sandbox: dict[str, Path]):
    """The document holds the same personal data as the case file."""
    out = sandbox["out"] / "request.docx"
    code = (f"import os, sys; os.umask(0); from mla_writer.cli import main; "
            f"sys.exit(main(['render', {str(sandbox['cases'] / 'case.json')!r}, '-o', {str(out)!r}, "
            f"'--today', '2026-04-01']))")
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", code], check=True, timeout=120, env={**os.environ, **_env(sandbox)})
    assert out.stat().st_mode & 0o777 == 0o600


def test_output_symlink_is_replaced_not_followed(sandbox: dict[str, Path], cli):
    """-o pointing at a symlink (perhaps planted) replaces the link; the file it pointed to, which
    the user never named, is left alone."""
    elsewhere = sandbox["home"] / "important.docx"
    elsewhere.write_bytes(b"not yours to overwrite")
    link = sandbox["out"] / "request.docx"
    link.symlink_to(elsewhere)
    result = cli("render", sandbox["cases"] / "case.json", "-o", link, "--force", "--today", "2026-04-01")
    assert result.code == 0, result.err
    assert elsewhere.read_bytes() == b"not yours to overwrite"
    assert not link.is_symlink() and link.stat().st_size > 1000



def test_own_cache_folders_are_not_writable_by_others_even_with_umask_000(sandbox: dict[str, Path]):
    import subprocess
    import sys

    code = ("import os, sys; os.umask(0); from mla_writer.cli import main; "
            "sys.exit(main(sys.argv[1:]))")
    env = {**os.environ, **_env(sandbox)}
    subprocess.run([sys.executable, "-c", code, "render", str(sandbox["cases"] / "case.json"), "-o",
                    str(sandbox["out"] / "r.docx"), "--today", "2026-04-01"], check=True, timeout=120, env=env)
    created = [Path(d) for d, _, _ in os.walk(sandbox["home"])][1:]
    assert created, "expected the tool's cache folder"
    loose = {str(d.relative_to(sandbox["home"])): oct(d.stat().st_mode & 0o777) for d in created
             if d.stat().st_mode & 0o022}
    assert not loose, loose
