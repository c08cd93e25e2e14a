"""Build hook: put the data folders and compiled catalogs into the wheel.

templates/, locales/, schemas/ and examples/ live at the top of the repository (where editors,
translators and trainers look for them) and travel inside a regular wheel as
mla_writer/_bundled/<name>. Compiled .mo catalogs are built here from the .po files, never
committed. Editable installs read the folders in place, so nothing is added for them.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DATA_FOLDERS = ("templates", "locales", "schemas", "examples")


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        for name in DATA_FOLDERS:
            if name != "locales" and (root / name).is_dir():
                build_data["force_include"][str(root / name)] = f"mla_writer/_bundled/{name}"
        # locales/ file by file: a .mo a developer compiled locally may be stale, and it would
        # collide with the one compiled below.
        locales = root / "locales"
        for path in sorted(locales.rglob("*")):
            if path.is_file() and path.suffix != ".mo":
                build_data["force_include"][str(path)] = (
                    "mla_writer/_bundled/locales/" + path.relative_to(locales).as_posix())
        self._compiled = Path(tempfile.mkdtemp(prefix="mla-writer-mo-"))
        for po in sorted(locales.glob("*/LC_MESSAGES/*.po")):
            mo = self._compiled / po.relative_to(locales).with_suffix(".mo")
            compile_catalog(po, mo)
            build_data["force_include"][str(mo)] = (
                "mla_writer/_bundled/locales/" + po.relative_to(locales).with_suffix(".mo").as_posix()
            )

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        compiled = getattr(self, "_compiled", None)
        if compiled is not None:
            shutil.rmtree(compiled, ignore_errors=True)


def compile_catalog(po: Path, mo: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, abort_invalid=True)
    mo.parent.mkdir(parents=True, exist_ok=True)
    with mo.open("wb") as fh:
        write_mo(fh, catalog, use_fuzzy=False)
