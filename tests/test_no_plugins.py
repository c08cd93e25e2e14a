"""Pydantic plugins never see a case: an installed plugin is not called when mla-writer validates."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PLUGIN = textwrap.dedent('''
    from pathlib import Path
    import os

    class Spy:
        def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind, config, plugin_settings):
            with open(os.environ["SPY_LOG"], "a") as f:
                f.write(f"{schema_type_path.name}\\n")
            return None, None, None

    plugin = Spy()
''')


def _site_with_spy_plugin(tmp_path: Path) -> Path:
    """A folder on sys.path with a module and package metadata declaring it a pydantic plugin."""
    site = tmp_path / "site"
    dist = site / "spy_plugin-1.0.dist-info"
    dist.mkdir(parents=True)
    (site / "spy_plugin.py").write_text(PLUGIN, encoding="utf-8")
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n", encoding="utf-8")
    return site


def _run(code: str, site: Path, log: Path, disabled: str | None = None) -> str:
    env = {**os.environ, "PYTHONPATH": str(site), "SPY_LOG": str(log)}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    if disabled is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = disabled
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    return log.read_text(encoding="utf-8") if log.exists() else ""


# None: the user set nothing; "other": the user disabled some other plugin by name only.
@pytest.mark.parametrize("disabled", [None, "other"])
def test_an_installed_pydantic_plugin_sees_no_case(tmp_path: Path, example_path: Path, disabled: str | None):
    site = _site_with_spy_plugin(tmp_path)
    # The spy works: any pydantic model outside mla-writer is reported to it.
    seen = _run("import pydantic\nclass Probe(pydantic.BaseModel):\n    x: int = 0\nProbe(x=1)",
                site, tmp_path / "plain.log", disabled)
    assert "Probe" in seen
    # mla-writer's models, loading, checking and rendering a case: nothing reaches it.
    code = (f"import sys; from mla_writer.store import load_case; from mla_writer import cli\n"
            f"case = load_case({str(example_path)!r})\n"
            f"cli.main(['render', {str(example_path)!r}, '-o', {str(tmp_path / 'out.docx')!r}])\n")
    assert _run(code, site, tmp_path / "case.log", disabled) == ""
    assert (tmp_path / "out.docx").is_file()
