"""`render CASES... -o FOLDER/`: each case's package in a folder of its own, one case per core at
a time; a broken case is named with its reason, the others are written, and the exit code says
something failed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mla_writer import examples
from mla_writer.cli import main

TODAY = "2026-10-01"


def _cases(tmp_path: Path, *names: str) -> list[Path]:
    folder = tmp_path / "cases"
    folder.mkdir(exist_ok=True)
    paths = []
    for name in names:
        target = folder / f"{name}.json"
        shutil.copyfile(examples.example_path(name), target)
        paths.append(target)
    return paths


def test_each_case_gets_its_package_and_a_broken_one_is_named_with_its_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import mla_writer.render as render

    good = _cases(tmp_path, "bec-preservation", "ddos-for-hire")
    broken = tmp_path / "cases" / "broken.json"
    broken.write_text('{"schema_version": 1, "requests": "none"}', "utf-8")
    real = render.write_package
    parent = os.getpid()
    pids = tmp_path / "pids"
    pids.mkdir()

    def watched(case, outdir, **kw):
        (pids / str(os.getpid())).touch()
        return real(case, outdir, **kw)

    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    monkeypatch.setattr(render, "write_package", watched)
    out = tmp_path / "out"
    assert main(["render", str(good[0]), str(broken), str(good[1]), "-o", f"{out}/", "--today", TODAY]) == 1
    captured = capsys.readouterr()
    assert f"error: {broken}: requests:" in captured.err
    assert "rendered 2 of 3 case(s)" in captured.out
    assert sorted(p.name for p in out.iterdir()) == ["bec-preservation", "ddos-for-hire"]
    for name in ("bec-preservation", "ddos-for-hire"):
        files = sorted(p.name for p in (out / name).iterdir())
        assert "review-sheet.docx" in files and len(files) >= 2
        assert all(f"wrote {out / name / f}" in captured.out for f in files)
    workers = {int(p.name) for p in pids.iterdir()}
    assert workers and parent not in workers  # rendered in worker processes, not here


def test_a_case_already_rendered_is_refused_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = _cases(tmp_path, "bec-preservation", "ddos-for-hire")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["render", str(first), "-o", f"{out / 'bec-preservation'}/", "--today", TODAY]) == 0
    before = {p: p.read_bytes() for p in (out / "bec-preservation").iterdir()}
    capsys.readouterr()
    assert main(["render", str(first), str(second), "-o", f"{out}/", "--today", TODAY]) == 1
    captured = capsys.readouterr()
    assert f"error: {first}: " in captured.err and "already exists" in captured.err
    assert {p: p.read_bytes() for p in (out / "bec-preservation").iterdir()} == before
    assert (out / "ddos-for-hire" / "review-sheet.docx").is_file()
    assert main(["render", str(first), str(second), "-o", f"{out}/", "--force", "--today", TODAY]) == 0


def test_two_cases_of_the_same_name_get_two_folders(tmp_path: Path) -> None:
    [first] = _cases(tmp_path, "bec-preservation")
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copyfile(first, other / first.name)
    out = tmp_path / "out"
    assert main(["render", str(first), str(other / first.name), "-o", f"{out}/", "--today", TODAY]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["bec-preservation", "bec-preservation-2"]


@pytest.mark.parametrize(("extra", "said"), [
    (["-o", "one.docx"], "several cases are written into a folder"),
    (["-o", "out/", "--request", "R1"], "--request writes one document of one case"),
])
def test_several_cases_need_a_folder_and_the_whole_package(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           extra: list[str], said: str) -> None:
    paths = _cases(tmp_path, "bec-preservation", "ddos-for-hire")
    os.chdir(tmp_path)
    assert main(["render", *map(str, paths), *extra]) == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "out").exists() and not (tmp_path / "one.docx").exists()
