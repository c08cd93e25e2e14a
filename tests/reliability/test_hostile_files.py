"""Broken, truncated, binary, deeply nested and wrong-shape case files, and paths that are not
case files: each is refused with exit code 2 and readable lines naming the field, never a
traceback. Most run in-process through cli.main; a representative few as a real subprocess."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from mla_writer.store import CaseFileError, load_case, parse_case

from .conftest import EXAMPLE, assert_clean_refusal, run_cli, unwritable_dir

EXAMPLE_BYTES = EXAMPLE.read_bytes()


def _nested(depth: int, open_: str, close: str, inner: str = "") -> str:
    return open_ * depth + inner + close * depth


def _with(**fields: object) -> bytes:
    data = json.loads(EXAMPLE_BYTES)
    data.update(fields)
    return json.dumps(data).encode()


# name -> (file bytes, words the error must contain)
BROKEN: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "empty": (b"", ("not valid JSON",)),
    "whitespace": (b" \n\t\r\n ", ("not valid JSON",)),
    "truncated-early": (EXAMPLE_BYTES[:40], ("not valid JSON", "line")),
    "truncated-middle": (EXAMPLE_BYTES[: len(EXAMPLE_BYTES) // 2], ("not valid JSON", "line")),
    "truncated-last-brace": (EXAMPLE_BYTES.rstrip()[:-1], ("not valid JSON",)),
    "binary": (random.Random(7).randbytes(4096), ("not UTF-8",)),
    "nul-bytes": (b"\x00" * 64, ("not valid JSON",)),
    "pdf-renamed": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", ("not UTF-8",)),
    "zip-renamed": (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)), ("not UTF-8",)),
    "latin-1": ('{"title": "Élodie"}'.encode("latin-1"), ("not UTF-8",)),
    "utf-16": ('{"title": "x"}'.encode("utf-16"), ("UTF-8",)),
    "lists-100000-deep": (_nested(100_000, "[", "]").encode(), ("nested too deeply",)),
    "objects-100000-deep": (_nested(100_000, '{"a":', "}", "1").encode(), ("nested too deeply",)),
    "deep-inside-field": (b'{"facts": ' + _nested(100_000, "[", "]").encode() + b"}", ("nested too deeply",)),
    "moderately-deep-field": (b'{"facts": {"summary": ' + _nested(500, "[", "]").encode() + b"}}",
                              ("facts.summary",)),
    "list-at-top": (b"[1, 2, 3]", ("JSON object",)),
    "string-at-top": (b'"a case"', ("JSON object",)),
    "number-at-top": (b"42", ("JSON object",)),
    "null-at-top": (b"null", ("JSON object",)),
    "string-for-object": (_with(facts="what happened"), ("facts",)),
    "object-for-string": (_with(title={"text": 1}), ("title",)),
    "list-for-object": (_with(requesting=[]), ("requesting",)),
    "number-for-list": (_with(requests=5), ("requests",)),
    "request-without-kind": (_with(requests=[{"id": "R1"}]), ("requests[0]", "kind")),
    "request-unknown-kind": (_with(requests=[{"kind": "wiretap"}]), ("requests[0]", "wiretap")),
    "request-kind-is-list": (_with(requests=[{"kind": []}]), ("requests[0]", "kind")),
    "identifier-without-type": (_with(requests=[{"kind": "preservation", "id": "R1", "items": [{"identifier": {}}]}]),
                                ("requests[0].items[0].identifier", "type")),
    "huge-number": (b'{"title": ' + b"9" * 5000 + b"}", ("number",)),
    "nan": (b'{"title": NaN}', ("title",)),
    "infinity-date": (b'{"date": Infinity}', ("date",)),
    "bad-date": (_with(date="2026-02-30"), ("date",)),
    "unknown-field": (_with(titel="typo"), ("titel", "unknown field")),
    "bidi-in-key": (_with(**{"ti\u202etle": 1}), ("\\u202e", "unknown field")),
    "newline-in-key": (_with(**{"a\nb": 1}), ("unknown field",)),
    "surrogate-in-key": (b'{"\\ud800": 1}', ("surrogate",)),
    "surrogate-in-value": (b'{"title": "\\ud800"}', ("title", "surrogate")),
    "surrogate-in-translation": (b'{"purpose": {"text": "x", "translations": {"fr": "\\udfff"}}}',
                                 ("purpose.translations.fr", "surrogate")),
    "control-in-value": (b'{"title": "a\\u0007b"}', ("title", "control character")),
    "nul-in-value": (b'{"facts": {"summary": "a\\u0000b"}}', ("facts.summary", "control character")),
    "noncharacter-fffe": (b'{"title": "\\ufffe"}', ("title",)),
    "text-over-limit": (_with(purpose="x" * 100_001), ("purpose", "100000")),
    "many-errors": (_with(persons=[{"nom": i} for i in range(150)]), ("persons[0].nom", "more problems")),
    "list-over-limit": (_with(persons=[{"nom": i} for i in range(500)]), ("persons", "at most 200")),
    "duplicate-language": (_with(languages=["en", "en"]), ("languages",)),
    "three-languages": (_with(languages=["en", "fr", "es"]), ("languages",)),
    "unknown-language": (_with(languages=["en", "xx"]), ("languages",)),
    "schema-version-2": (_with(schema_version=2), ("schema_version",)),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_case_file_is_refused_in_one_readable_line_per_problem(name: str, tmp_path: Path, cli):
    content, words = BROKEN[name]
    path = tmp_path / f"{name}.json"
    path.write_bytes(content)
    assert_clean_refusal(cli("check", path), str(path), *words)


@pytest.mark.parametrize("name", ["binary", "lists-100000-deep", "surrogate-in-key", "bidi-in-key",
                                  "huge-number", "many-errors", "string-for-object"])
def test_broken_case_file_as_a_real_process(name: str, tmp_path: Path):
    content, words = BROKEN[name]
    path = tmp_path / f"{name}.json"
    path.write_bytes(content)
    assert_clean_refusal(run_cli("check", path), *words)
    assert_clean_refusal(run_cli("render", path, "-o", tmp_path / "out.docx"), *words)
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_parse_case_raises_only_case_file_error(name: str):
    with pytest.raises(CaseFileError) as info:
        parse_case(BROKEN[name][0], "x.json")
    assert info.value.problems and all(isinstance(p, str) and "\n" not in p for p in info.value.problems)


def test_error_lines_never_carry_raw_controls_or_bidi(tmp_path: Path, cli):
    """A key like 'ti\\u202etle' would print reversed and a newline would split the line."""
    path = tmp_path / "c.json"
    path.write_bytes(_with(**{"x\u202e\u2066\x1b[31m\nred": 1}))
    result = cli("check", path)
    assert_clean_refusal(result, "unknown field")
    assert not any(ch in result.err for ch in "\u202e\u2066\x1b")


def test_bom_and_crlf_from_windows_editors_are_accepted(tmp_path: Path, cli):
    path = tmp_path / "windows.json"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE_BYTES.replace(b"\n", b"\r\n"))
    assert load_case(path) == load_case(EXAMPLE)


# ---- paths that are not case files ---------------------------------------------------------

def test_missing_file(tmp_path: Path, cli):
    assert_clean_refusal(cli("check", tmp_path / "nope.json"), "nope.json", "no such file")


def test_folder_instead_of_file(tmp_path: Path, cli):
    assert_clean_refusal(cli("check", tmp_path), str(tmp_path), "folder")


def test_path_through_a_file(tmp_path: Path, cli):
    (tmp_path / "a.json").write_text("{}")
    assert_clean_refusal(cli("check", tmp_path / "a.json" / "b.json"), "b.json")


def test_symlink_loop(tmp_path: Path, cli):
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    assert_clean_refusal(cli("check", loop), "loop.json")


def test_name_too_long(tmp_path: Path, cli):
    assert_clean_refusal(cli("check", tmp_path / ("n" * 300 + ".json")), "nnnn")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_device_is_not_read(device: str, cli):
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    assert_clean_refusal(cli("check", device), device, "regular file")


def test_pipe_does_not_hang(tmp_path: Path, cli):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert_clean_refusal(cli("check", fifo), "regular file")


def test_file_over_20_mb_is_refused_before_reading(tmp_path: Path, cli):
    big = tmp_path / "big.json"
    with big.open("wb") as fh:  # sparse: costs no disk
        fh.truncate(21 * 1024 * 1024)
    assert_clean_refusal(cli("check", big), "20 MB")


def test_unreadable_file(tmp_path: Path, cli):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    p = tmp_path / "secret.json"
    p.write_bytes(EXAMPLE_BYTES)
    p.chmod(0)
    assert_clean_refusal(cli("check", p), "permission denied")


def test_undecodable_file_name(tmp_path: Path):
    """A file name that is not UTF-8 reaches Python surrogate-escaped; printing it must not crash."""
    name = os.fsencode(tmp_path) + b"/bad-\xff\xfe.json"
    with open(name, "wb") as fh:
        fh.write(b'{"title": 1}')
    result = run_cli("check", os.fsdecode(name))
    assert_clean_refusal(result, "title")


# ---- outputs the renderer must not write -------------------------------------------------

def test_output_exists_is_kept_without_force(tmp_path: Path, cli):
    out = tmp_path / "out.docx"
    out.write_bytes(b"the investigator's earlier draft")
    assert_clean_refusal(cli("render", EXAMPLE, "-o", out), "already exists", "--force")
    assert out.read_bytes() == b"the investigator's earlier draft"


def test_output_is_a_folder(tmp_path: Path, cli):
    d = tmp_path / "out.docx"
    d.mkdir()
    assert_clean_refusal(cli("render", EXAMPLE, "-o", d, "--force"), "folder")


def test_output_folder_missing(tmp_path: Path, cli):
    assert_clean_refusal(cli("render", EXAMPLE, "-o", tmp_path / "no" / "out.docx"), "does not exist")


def test_output_not_docx(tmp_path: Path, cli):
    assert_clean_refusal(cli("render", EXAMPLE, "-o", tmp_path / "out.pdf"), ".docx")


def test_output_in_unwritable_folder(tmp_path: Path, cli):
    folder = unwritable_dir(tmp_path)
    result = cli("render", EXAMPLE, "-o", folder / "out.docx")
    assert_clean_refusal(result, str(folder))
    assert not (folder / "out.docx").exists()


def test_templates_folder_missing(tmp_path: Path, cli):
    assert_clean_refusal(cli("render", EXAMPLE, "-o", tmp_path / "o.docx", "--templates", tmp_path / "nope"),
                         "--templates")


@pytest.mark.parametrize("args", [
    ["render", str(EXAMPLE), "-o", "x.docx", "--languages", "en,en"],
    ["render", str(EXAMPLE), "-o", "x.docx", "--languages", "en,fr,es"],
    ["render", str(EXAMPLE), "-o", "x.docx", "--languages", "\u202eklingon"],
    ["check", str(EXAMPLE), "--today", "yesterday"],
    ["check"],
    ["no-such-command"],
])
def test_bad_arguments_exit_two_without_traceback(args: list[str], tmp_path: Path, cli):
    result = cli(*args)
    assert result.code == 2 and "Traceback" not in result.err, result


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_raw_json_reader_applies_the_same_guards(name: str, tmp_path: Path):
    """store.load_case_json (for the wizard, which opens files that do not validate so they can be
    fixed) refuses every file that is not a JSON object as load_case does, and passes the rest."""
    from mla_writer.store import load_case_json

    path = tmp_path / "case.json"
    path.write_bytes(BROKEN[name][0])
    try:
        data = load_case_json(path)
    except CaseFileError as e:
        assert len(e.problems) == 1 and "\n" not in e.problems[0]
        with pytest.raises(CaseFileError):
            load_case(path)
    else:
        assert isinstance(data, dict)


WIZARD_LIMITED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))  # /dev/zero must not eat the machine
from mla_writer.cli import main
sys.exit(main(["wizard", sys.argv[1]]))
"""


@pytest.mark.parametrize("name", ["lists-100000-deep", "binary", "truncated-middle", "pipe", "/dev/zero"])
def test_wizard_refuses_what_is_not_a_case_file(name: str, tmp_path: Path):
    import subprocess
    import sys

    if name == "/dev/zero":
        path = Path("/dev/zero")
    elif name == "pipe":
        path = tmp_path / "pipe.json"
        os.mkfifo(path)
    else:
        path = tmp_path / "case.json"
        path.write_bytes(BROKEN[name][0])
    try:
        p = subprocess.run([sys.executable, "-c", WIZARD_LIMITED, str(path)], capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, timeout=8)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the wizard hung on {name}")
    assert p.returncode == 2 and "Traceback" not in p.stderr, p.stderr
    assert "unexpected" not in p.stderr and str(path) in p.stderr, p.stderr


@pytest.mark.parametrize("args", [["rules"], ["check", str(EXAMPLE)], ["rules", "--format", "json"]])
def test_closed_pipe_is_a_quiet_stop(args: list[str]):
    """`mla-writer rules | head -1`: the reader leaves early; no traceback, no 'Broken pipe' noise."""
    import subprocess
    import sys

    p = subprocess.Popen([sys.executable, "-m", "mla_writer", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()  # before the tool has written anything: every write hits a closed pipe
    err = p.stderr.read().decode()
    p.stderr.close()
    code = p.wait(timeout=60)
    assert err == "", err
    assert code in (0, 1, 141), code
