"""Templates come only from the package or a folder the user names (--templates), and they run
in Jinja's sandbox: a hostile template fails with exit code 2 and one line, and can neither reach
Python internals nor read files outside its folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mla_writer.resources import resource_dir

from .conftest import EXAMPLE, assert_clean_refusal, assert_no_traceback, run_cli
from .docx_check import assert_valid_docx, document_text

TODAY = "2026-04-01"
SECRET = "SECRET-FILE-CONTENT-4242"


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    """A copy of the bundled templates to tamper with."""
    folder = tmp_path / "my-templates"
    shutil.copytree(resource_dir("templates"), folder)
    return folder


def _tamper(folder: Path, body: str) -> None:
    # The example is a preservation request: its part is rendered from preservation.html.j2.
    (folder / "preservation.html.j2").write_text(body, "utf-8")


HOSTILE_TEMPLATES = {
    "mro": "<p>{{ ''.__class__.__mro__ }}</p>",
    "subclasses": "<p>{{ ''.__class__.__mro__[1].__subclasses__() }}</p>",
    "globals-via-cycler": "<p>{{ cycler.__init__.__globals__.os.system('id') }}</p>",
    "globals-via-helper": "<p>{{ L.__init__.__globals__ }}</p>",
    "private-attribute": "<p>{{ L._t }}</p>",
    "gettext-globals": "<p>{{ _.__globals__ }}</p>",
    "format-escape": "<p>{{ '{0.__class__}'.format('') }}</p>",
    "mutate-context": "<p>{{ {}.update(a=1) }}{{ [].append(1) }}</p>",
    "huge-range": "<p>{% for i in range(10**9) %}{{ i }}{% endfor %}</p>",
    "include-absolute": "{% include '/etc/passwd' %}",
    "include-parent": "{% include '../secret.txt' %}",
    "extends-parent": "{% extends '../secret.txt' %}",
    "syntax-error": "<p>{% if %}</p>",
    "unclosed-block": "<p>{% for x in y %}</p>",
    "unknown-variable": "<p>{{ no_such_thing.attribute }}</p>",
    "bad-markup": "<p><unknown-tag>text</p>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_TEMPLATES))
def test_hostile_template_fails_cleanly(name: str, templates: Path, tmp_path: Path, cli):
    (tmp_path / "secret.txt").write_text(SECRET)
    _tamper(templates, HOSTILE_TEMPLATES[name])
    out = tmp_path / "out.docx"
    result = cli("render", EXAMPLE, "-o", out, "--templates", templates, "--today", TODAY)
    assert_no_traceback(result)
    assert SECRET not in result.err and SECRET not in result.out
    assert "root:" not in result.err and "uid=" not in result.out
    if result.code == 0:
        # A template may print harmless text instead of failing; it must reveal nothing.
        body = document_text(assert_valid_docx(out))
        for leak in (SECRET, "<class", "__globals__", "function", "root:x:0"):
            assert leak not in body, (name, leak)
    else:
        assert_clean_refusal(result)
        assert len(result.err.strip().splitlines()) == 1, result.err
        assert not out.exists()


@pytest.mark.parametrize("name", ["mro", "globals-via-cycler", "huge-range"])
def test_hostile_template_in_a_real_process(name: str, templates: Path, tmp_path: Path):
    _tamper(templates, HOSTILE_TEMPLATES[name])
    out = tmp_path / "out.docx"
    result = run_cli("render", EXAMPLE, "-o", out, "--templates", templates, "--today", TODAY)
    assert_clean_refusal(result)
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert "unexpected" not in result.err, "a sandbox refusal is a template problem, not a crash"


def test_mro_probe_is_named_as_a_template_problem(templates: Path, tmp_path: Path, cli):
    _tamper(templates, HOSTILE_TEMPLATES["mro"])
    result = cli("render", EXAMPLE, "-o", tmp_path / "o.docx", "--templates", templates, "--today", TODAY)
    assert_clean_refusal(result, "preservation.html.j2")


def test_templates_in_the_working_folder_are_not_picked_up(tmp_path: Path):
    """Only the package's templates or an explicit --templates folder: a templates/ folder (or a
    file named like a template) lying in the working folder is never used."""
    planted = tmp_path / "templates"
    shutil.copytree(resource_dir("templates"), planted)
    _tamper(planted, "<p>PLANTED-TEMPLATE</p>")
    (tmp_path / "preservation.html.j2").write_text("<p>PLANTED-TEMPLATE</p>")
    out = tmp_path / "out.docx"
    result = run_cli("render", EXAMPLE, "-o", out, "--today", TODAY, cwd=tmp_path)
    assert result.code == 0, result.err
    assert "PLANTED-TEMPLATE" not in document_text(assert_valid_docx(out))


def test_an_explicit_templates_folder_is_used(templates: Path, tmp_path: Path, cli):
    text = (templates / "preservation.html.j2").read_text("utf-8")
    _tamper(templates, text.replace("{% block", "<p>MY-OWN-TEMPLATE</p>{% block", 1)
            if "{% block" in text else "<p>MY-OWN-TEMPLATE</p>" + text)
    out = tmp_path / "out.docx"
    result = cli("render", EXAMPLE, "-o", out, "--templates", templates, "--today", TODAY)
    assert result.code == 0, result.err
    assert "MY-OWN-TEMPLATE" in document_text(assert_valid_docx(out))


def test_templates_folder_missing_a_kind(templates: Path, tmp_path: Path, cli):
    (templates / "preservation.html.j2").unlink()
    result = cli("render", EXAMPLE, "-o", tmp_path / "o.docx", "--templates", templates, "--today", TODAY)
    assert_clean_refusal(result, "preservation.html.j2")


RESOURCE_BOMB = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))  # contain the bomb to this child
from mla_writer.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_template_cannot_exhaust_memory(templates: Path, tmp_path: Path):
    """Run in a child with a 3 GB address-space limit: in the test process itself this template
    would take the machine's memory (it did, once)."""
    import subprocess
    import sys

    _tamper(templates, "<p>{{ 'x' * 10**10 }}</p>")
    p = subprocess.run([sys.executable, "-c", RESOURCE_BOMB, "render", str(EXAMPLE), "-o", str(tmp_path / "o.docx"),
                        "--templates", str(templates), "--today", TODAY], capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "Traceback" not in p.stderr, p.stderr
    assert "unexpected" not in p.stderr, p.stderr  # a template problem, named as such
