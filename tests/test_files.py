"""The one writer (files.write_file): whole or nothing, no clobbering, no symlink following, 0600,
errors that name the target; and that nothing else in the package writes a file."""

from __future__ import annotations

import errno
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mla_writer import files
from mla_writer.files import OutputExists, WriteError, check_target, printable, write_file

PACKAGE = Path(files.__file__).resolve().parent


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.lstat().st_mode)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


def test_a_new_file_is_written_whole_and_private_whatever_the_umask(tmp_path, open_umask):
    out = write_file(tmp_path / "R1.docx", b"\x00document bytes")
    assert out.read_bytes() == b"\x00document bytes"
    assert _mode(out) == 0o600
    assert _names(tmp_path) == ["R1.docx"]


def test_text_is_written_as_utf8_and_public_files_are_0644(tmp_path, open_umask):
    out = write_file(tmp_path / "case.schema.json", "é 案\n", public=True)
    assert out.read_bytes() == "é 案\n".encode()
    assert _mode(out) == 0o644


def test_an_existing_file_is_never_replaced_without_force(tmp_path):
    out = tmp_path / "R1.docx"
    out.write_bytes(b"sent last week")
    with pytest.raises(OutputExists) as info:
        write_file(out, b"new")
    assert isinstance(info.value, FileExistsError)
    assert str(info.value) == f"{out}: already exists; nothing was written"
    assert out.read_bytes() == b"sent last week"
    assert _names(tmp_path) == ["R1.docx"]


def test_a_dangling_symlink_is_an_existing_path(tmp_path):
    link = tmp_path / "out.docx"
    link.symlink_to(tmp_path / "elsewhere" / "victim.docx")
    with pytest.raises(OutputExists):
        write_file(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(tmp_path / "elsewhere" / "victim.docx")
    assert not (tmp_path / "elsewhere").exists()


def test_force_replaces_a_symlink_itself_never_the_file_it_points_to(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"someone else's file")
    link = tmp_path / "out.pdf"
    link.symlink_to(victim)
    write_file(link, b"%PDF", force=True)
    assert not link.is_symlink() and link.read_bytes() == b"%PDF" and _mode(link) == 0o600
    assert victim.read_bytes() == b"someone else's file"


def test_force_makes_a_world_readable_file_private(tmp_path):
    out = tmp_path / "case.json"
    out.write_bytes(b"{}")
    out.chmod(0o666)
    write_file(out, b"{ }", force=True)
    assert _mode(out) == 0o600 and out.read_bytes() == b"{ }"


def test_a_file_that_appears_during_the_write_is_not_clobbered(tmp_path, monkeypatch):
    """The check and the naming are one step: a file created after the first look (here, while
    the bytes are being flushed) is found by the link itself and kept."""
    out = tmp_path / "R1.docx"
    real_fsync = os.fsync

    def someone_else_writes(fd):
        real_fsync(fd)
        if not out.exists():
            out.write_bytes(b"the other program's file")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    with pytest.raises(OutputExists):
        write_file(out, b"ours")
    monkeypatch.undo()
    assert out.read_bytes() == b"the other program's file"
    assert _names(tmp_path) == ["R1.docx"]


def _full_disk(monkeypatch, after: int = 0):
    real_write = os.write
    written = [0]

    def write(fd, data):
        if written[0] >= after:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = real_write(fd, bytes(data[:1]))
        written[0] += n
        return n

    monkeypatch.setattr(os, "write", write)


@pytest.mark.parametrize("force", [False, True])
def test_a_full_disk_names_the_target_and_keeps_the_old_file(tmp_path, monkeypatch, force):
    out = tmp_path / "out" / "R1.docx"
    out.parent.mkdir()
    if force:
        out.write_bytes(b"the old document")
    _full_disk(monkeypatch, after=3)
    with pytest.raises(WriteError) as info:
        write_file(out, b"a much longer new document", force=force)
    monkeypatch.undo()
    kept = " (an existing file is kept)" if force else ""
    assert str(info.value) == f"{out}: no space left on device; nothing was written{kept}"
    assert info.value.filename == str(out) and ".tmp" not in str(info.value)
    assert _names(out.parent) == (["R1.docx"] if force else [])
    if force:
        assert out.read_bytes() == b"the old document"


def test_a_missing_folder_is_named_not_the_temporary_file(tmp_path):
    with pytest.raises(WriteError) as info:
        write_file(tmp_path / "no" / "R1.docx", b"x")
    assert str(info.value) == f"{tmp_path / 'no' / 'R1.docx'}: the folder {tmp_path / 'no'} does not exist; " \
                              "nothing was written"


def test_a_folder_at_the_target_is_named(tmp_path):
    (tmp_path / "R1.docx").mkdir()
    with pytest.raises(WriteError, match="R1.docx: is a folder"):
        write_file(tmp_path / "R1.docx", b"x", force=True)


def test_an_interrupt_leaves_no_temporary_file(tmp_path, monkeypatch):
    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_file(tmp_path / "R1.docx", b"x")
    monkeypatch.undo()
    assert _names(tmp_path) == []


@pytest.mark.parametrize("code", [errno.EPERM, errno.EOPNOTSUPP])
def test_file_systems_without_hard_links_still_refuse_to_clobber(tmp_path, monkeypatch, code):
    def no_links(src, dst, **kw):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", no_links)
    out = write_file(tmp_path / "a.docx", b"first")
    assert out.read_bytes() == b"first" and _mode(out) == 0o600
    with pytest.raises(OutputExists):
        write_file(out, b"second")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    with pytest.raises(OutputExists):
        write_file(tmp_path / "dangling", b"second")
    assert out.read_bytes() == b"first" and not (tmp_path / "nowhere").exists()
    assert _names(tmp_path) == ["a.docx", "dangling"]


def test_check_target_refuses_before_any_work(tmp_path):
    (tmp_path / "there.docx").write_bytes(b"x")
    (tmp_path / "dangling.docx").symlink_to(tmp_path / "nowhere")
    (tmp_path / "dir.docx").mkdir()
    check_target(tmp_path / "new.docx")
    check_target(tmp_path / "there.docx", force=True)
    with pytest.raises(OutputExists, match="there.docx: already exists; use --force to replace it"):
        check_target(tmp_path / "there.docx")
    with pytest.raises(OutputExists):
        check_target(tmp_path / "dangling.docx")
    with pytest.raises(WriteError, match="is a folder"):
        check_target(tmp_path / "dir.docx", force=True)
    with pytest.raises(WriteError, match=f"the folder {re.escape(str(tmp_path / 'no'))} does not exist"):
        check_target(tmp_path / "no" / "x.docx")


def test_names_near_the_file_system_limit(tmp_path):
    out = write_file(tmp_path / ("案" * 83 + ".docx"), b"x")
    assert out.read_bytes() == b"x" and _names(tmp_path) == [out.name]


# --- nothing else writes ------------------------------------------------------------------------

WRITES = re.compile(
    r"""open\([^)]*["'][rbt]*[wax+][rwabxt+]*["']"""  # open(..., "w") / .open("ab") / fdopen(fd, "wb")
    r"|\.write_(bytes|text)\("
    r"|shutil\.(move|copy\w*)\("
    r"|os\.(replace|rename|renames|link|symlink)\("
    r"|os\.open\([^)]*O_(WRONLY|RDWR|CREAT)"
    r"|mkstemp\(|NamedTemporaryFile\(|FileSystemBytecodeCache\("
)


# Writes that are not to a file: the document's body streamed into a zip entry of an archive held
# in memory (io.BytesIO), which files.write_file then writes whole.
IN_MEMORY = {("mla_writer/render/package.py", 'with z.open(info, "w") as f:')}


def test_no_other_module_of_the_package_writes_a_file():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "files.py" and path.parent == PACKAGE or "_bundled" in path.parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = str(path.relative_to(PACKAGE.parent))
            if WRITES.search(line) and "os.devnull" not in line and (where, line.strip()) not in IN_MEMORY:
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{n}: {line.strip()}")
    assert offenders == [], "\n".join(offenders)


def test_the_pattern_finds_what_it_is_meant_to_find():
    for line in ['p.open("wb")', "open(x, 'a')", "os.fdopen(fd, \"wb\")", "p.write_bytes(b)",
                 "shutil.move(a, b)", "shutil.copyfile(a, b)", "os.replace(a, b)",
                 "os.open(p, os.O_WRONLY | os.O_CREAT)", "tempfile.mkstemp(dir=d)"]:
        assert WRITES.search(line), line
    for line in ['p.open("rb")', "open(x)", "read_bytes()", "os.open(folder, os.O_RDONLY)",
                 'open(f"/proc/{pid}/stat", "rb")']:
        assert not WRITES.search(line), line


def test_writing_a_file_loads_neither_the_model_nor_pydantic(tmp_path):
    code = ("import sys; from mla_writer.files import write_file, cache_dir; "
            "write_file(sys.argv[1], b'x'); "
            "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'mla_writer'))))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "x")], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "['mla_writer', 'mla_writer.files']"


# --- cache folders ------------------------------------------------------------------------------

@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    files.cache_dir.cache_clear()
    yield tmp_path / "cache"
    files.cache_dir.cache_clear()


def test_cache_folders_are_made_private(cache_home, open_umask):
    folder = files.cache_dir("catalogs")
    assert folder == cache_home / "mla-writer" / "catalogs"
    for level in (cache_home, cache_home / "mla-writer", folder):
        assert _mode(level) == 0o700


def test_a_cache_folder_that_is_not_safely_ours_is_not_used(cache_home, tmp_path):
    cache_home.mkdir(mode=0o700)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (cache_home / "mla-writer").symlink_to(elsewhere)
    assert files.cache_dir("catalogs") is None
    (cache_home / "mla-writer").unlink()
    (cache_home / "mla-writer").mkdir(mode=0o700)
    (cache_home / "mla-writer" / "catalogs").mkdir()
    (cache_home / "mla-writer" / "catalogs").chmod(0o777)
    files.cache_dir.cache_clear()
    assert files.cache_dir("catalogs") is None
    assert files.cache_dir("jinja") == cache_home / "mla-writer" / "jinja"


# --- one line ---------------------------------------------------------------------------------

def test_printable_escapes_what_would_split_reverse_or_restyle_a_line():
    assert printable("a\nb\x1b[31m\x9b") == "a\\x0ab\\x1b[31m\\x9b"
    assert printable("ti\u202etle \u2066x\u2069") == "ti\\u202etle \\u2066x\\u2069"
    assert printable("bad-\udcff.json") == "bad-\\udcff.json"
    assert printable("Élodie 案 مارشال") == "Élodie 案 مارشال"
    assert printable("x" * 70, limit=60) == "x" * 60 + "…"
    assert printable("x" * 60, limit=60) == "x" * 60
