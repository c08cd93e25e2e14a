"""The command line as a user meets it: exit codes, one readable line per problem, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mla_writer import cli

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mla_writer", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=120)


def test_version_is_fast_and_imports_nothing_heavy():
    code = ("import sys; from mla_writer import cli\n"
            "try:\n    cli.main(['--version'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('pydantic', 'textual', 'docx', 'jinja2', 'babel') if m in sys.modules]\n"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("[]"), out.stdout
    assert out.stdout.startswith("mla-writer ")


def test_check_clean_example_exits_zero(example_path: Path, capsys):
    assert cli.main(["check", str(example_path), "--today", "2026-03-21"]) == 0


def test_check_with_errors_exits_one_and_json_lists_findings(case_file, capsys):
    def break_it(d):
        d["facts"]["summary"] = ""
        d["requests"][0]["items"][1]["identifier"]["timezone"] = None

    p = case_file(break_it)
    assert cli.main(["check", str(p), "--format", "json", "--today", "2026-03-21"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    by_code = {f["code"]: f for f in findings}
    assert by_code["FACTS-MISSING"]["path"] == "facts.summary"
    assert by_code["FACTS-MISSING"]["severity"] == "error"
    assert by_code["IP-NO-TZ"]["path"] == "requests[0].items[1].identifier.timezone"
    assert set(by_code["IP-NO-TZ"]) == {"code", "severity", "path", "message", "reference"}


def test_invalid_case_exits_two_with_field_path_and_no_traceback(case_file):
    p = case_file(lambda d: d["requests"][0]["items"][1]["identifier"].update(address="999.1.1.1"))
    r = run("check", str(p))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "requests[0].items[1].identifier.address" in lines[0]
    assert "999.1.1.1" in lines[0]


@pytest.mark.parametrize("args", [["check", "/nonexistent/case.json"], ["check", "/tmp"],
                                  ["render", "/nonexistent/case.json", "-o", "x.docx"]])
def test_unreadable_paths_exit_two_with_one_line(args, capsys):
    assert cli.main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ")


def test_render_refuses_to_overwrite(example_path: Path, tmp_path: Path, capsys):
    out = tmp_path / "r.docx"
    out.write_bytes(b"keep me")
    assert cli.main(["render", str(example_path), "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == b"keep me"


def test_bad_language_list_is_a_usage_error(example_path: Path):
    r = run("render", str(example_path), "-o", "/tmp/x.docx", "--languages", "en,de")
    assert r.returncode == 2
    assert "one or two different languages" in r.stderr


def test_rules_lists_code_severity_reference(capsys):
    assert cli.main(["rules", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)["rules"]
    assert {"code", "severity", "summary", "reference"} <= set(rules[0])
    assert "IP-NO-TZ" in {r["code"] for r in rules}


def test_schema_check_passes_on_the_committed_schema():
    r = run("schema", "--check")
    assert r.returncode == 0, r.stderr


def test_schema_check_fails_when_stale(tmp_path: Path, capsys):
    stale = tmp_path / "case.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    assert cli.main(["schema", "--check", "--output", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert cli.main(["schema", "--output", str(stale)]) == 0
    assert cli.main(["schema", "--check", "--output", str(stale)]) == 0


def test_one_shot_commands_flush_everything_before_they_leave(tmp_path: Path):
    """check, render, rules and schema end without Python's teardown: what they print and write
    must all be there, and their exit code must be the command's."""
    rules = run("rules", "--format", "json")
    assert rules.returncode == 0 and len(json.loads(rules.stdout)["rules"]) > 100

    flawed = ROOT / "examples" / "flawed-preservation-missing-elements.json"
    check = run("check", str(flawed), "--format", "json", "--today", "2026-03-21")
    assert check.returncode == 1
    assert any(f["severity"] == "error" for f in json.loads(check.stdout)["findings"])

    out = tmp_path / "request.docx"
    render = run("render", str(ROOT / "examples" / "bec-preservation.json"), "-o", str(out),
                 "--today", "2026-03-21")
    assert render.returncode == 0 and render.stderr == ""
    assert render.stdout == f"training case: rendered as of 2026-03-21\nwrote {out}\n"
    import docx

    assert "Summary of the facts" in "\n".join(p.text for t in docx.Document(str(out)).tables
                                                 for row in t.rows for c in row.cells
                                                 for p in c.paragraphs)

    missing = run("render", str(tmp_path / "nope.json"), "-o", str(tmp_path / "x.docx"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1


def test_a_mistyped_command_gets_a_suggestion_in_one_line():
    r = run("chek", "x.json")
    assert r.returncode == 2
    assert r.stderr == "error: unknown command 'chek'; did you mean 'check'?\n"
    assert r.stdout == ""


def test_a_case_file_given_as_the_command_is_pointed_at_the_wizard(capsys):
    assert cli.main(["my-case.json"]) == 2
    assert capsys.readouterr().err == (
        "error: unknown command 'my-case.json'; to open a case file in the wizard: mla-writer wizard my-case.json\n")
    assert cli.main(["request.docx"]) == 2
    assert capsys.readouterr().err == ("error: unknown command 'request.docx'; to open the case a draft carries in "
                                       "the wizard: mla-writer wizard request.docx\n")


def test_a_missing_argument_is_one_line_too():
    r = run("render", "case.json")
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "usage:" not in r.stderr
    assert "-o/--output" in r.stderr and "mla-writer render --help" in r.stderr


@pytest.mark.parametrize("argv", [["--ui-language", "fr"], ["--ui-language", "fr", "wizard"],
                                  ["wizard", "--ui-language", "fr"]])
def test_the_ui_language_opens_the_wizard_in_that_language_with_or_without_the_command(argv, monkeypatch):
    from mla_writer.tui import app

    opened = []
    monkeypatch.setattr(app, "run_wizard", lambda **kw: opened.append(kw) or 0)
    assert cli.main(argv) == 0
    assert opened == [{"case_path": None, "ui_language": "fr", "example": None, "today": None, "output": None}]


def _fail_with_personal_data(args):
    raise ValueError("Jane Roe <jane.roe@example.com>")


def test_an_unexpected_error_is_one_line_without_its_text_and_names_where(monkeypatch, capsys):
    monkeypatch.delenv("MLA_WRITER_DEBUG", raising=False)
    monkeypatch.setitem(cli.COMMANDS, "rules", _fail_with_personal_data)
    assert cli.main(["rules"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "example.com" not in err and "Jane" not in err  # the message may quote the case
    assert err.startswith("error: unexpected ValueError in ") and "--traceback" in err
    assert " in cli.py:" in err  # the innermost line of the package it passed through


@pytest.mark.parametrize(("argv", "env"), [(["--traceback", "rules"], None), (["rules", "--traceback"], None),
                                           (["rules"], "1")])
def test_traceback_and_debug_variable_show_the_whole_traceback(argv, env, monkeypatch, capsys):
    monkeypatch.setenv("MLA_WRITER_DEBUG", env or "0")  # restored after the test: --traceback sets it
    monkeypatch.setitem(cli.COMMANDS, "rules", _fail_with_personal_data)
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    assert "_fail_with_personal_data" in err and "ValueError: Jane Roe" in err
    assert err.splitlines()[-1].startswith("error: unexpected ValueError")


def test_a_one_shot_command_skips_the_teardown_when_nothing_watches(tmp_path: Path):
    """Python's verbose mode names each module it cleans up at the end: a one-shot command leaves
    before that (it would cost a render about a tenth of its time)."""
    r = subprocess.run([sys.executable, "-v", "-m", "mla_writer", "rules", "--format", "json"], capture_output=True,
                       text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0 and json.loads(r.stdout)["legal_bases"]  # all of it written, to its last line
    assert "# cleanup" not in r.stderr


def test_a_profiler_gets_its_profile_of_a_one_shot_command(tmp_path: Path):
    """A profiler (or coverage) wrapping the command still finds the process alive to write its
    results after the command returns."""
    import pstats

    out = tmp_path / "rules.prof"
    r = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mla_writer", "rules"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    stats = pstats.Stats(str(out))
    assert any(func[2] == "cmd_rules" for func in stats.stats)


# ------------------------------------------------------------------ render: the package

MULTI = ROOT / "examples" / "ddos-for-hire.json"  # R1 to the provider, R2 and R3 to the central authority


def _sections(path: Path) -> int:
    import docx

    return len(docx.Document(str(path)).sections)


def test_one_file_for_a_multi_request_case_is_refused_with_what_to_do(tmp_path: Path, capsys):
    out = tmp_path / "all.docx"
    assert cli.main(["render", str(MULTI), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "3 requests" in err[0] and f"{tmp_path / 'all'}/" in err[0] and "--request" in err[0]
    assert not out.exists()


def test_request_writes_only_that_requests_document(tmp_path: Path, capsys):
    out = tmp_path / "r2.docx"
    assert cli.main(["render", str(MULTI), "-o", str(out), "--request", "R2", "--languages", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"wrote {out}"
    assert _sections(out) == 1 and sorted(tmp_path.iterdir()) == [out]
    assert cli.main(["render", str(MULTI), "-o", str(tmp_path / "x.docx"), "--request", "R9"]) == 2
    assert "no such request" in capsys.readouterr().err
    assert cli.main(["render", str(MULTI), "-o", f"{tmp_path}/", "--request", "R2"]) == 2
    assert "give -o FILE.docx" in capsys.readouterr().err


def test_a_folder_gets_the_package_and_is_never_half_replaced(tmp_path: Path, capsys):
    folder = tmp_path / "pkg"
    assert cli.main(["render", str(MULTI), "-o", f"{folder}/", "--languages", "en"]) == 0
    names = ["R1-preservation-US-en.docx", "R2+R3-subscriber+traffic-US-en.docx", "review-sheet.docx"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    assert [line.removeprefix("wrote ") for line in capsys.readouterr().out.splitlines()[1:]] == \
        [str(folder / n) for n in names]
    assert [_sections(folder / n) for n in names[:2]] == [1, 2]
    # One file of the package is there: nothing is written, and the message names it.
    (folder / names[0]).unlink()
    before = {n: (folder / n).read_bytes() for n in names[1:]}
    assert cli.main(["render", str(MULTI), "-o", str(folder), "--languages", "en"]) == 2
    err = capsys.readouterr().err
    assert names[1] in err and "nothing was written" in err and "--force" in err
    assert not (folder / names[0]).exists() and {n: (folder / n).read_bytes() for n in names[1:]} == before
    assert cli.main(["render", str(MULTI), "-o", str(folder), "--languages", "en", "--force"]) == 0
    assert (folder / names[0]).is_file()


def test_final_drops_the_draft_marking(tmp_path: Path):
    import docx

    def headers(path: Path) -> str:
        d = docx.Document(str(path))
        return " ".join([p.text for s in d.sections for p in s.header.paragraphs]
                        + [c.text for s in d.sections for t in s.header.tables for row in t.rows for c in row.cells])

    draft, final = tmp_path / "draft.docx", tmp_path / "final.docx"
    assert cli.main(["render", str(MULTI), "-o", str(draft), "--request", "R1", "--languages", "en"]) == 0
    assert cli.main(["render", str(MULTI), "-o", str(final), "--request", "R1", "--languages", "en", "--final"]) == 0
    assert "DRAFT" in headers(draft) and "DRAFT" not in headers(final)
