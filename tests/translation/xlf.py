"""What a translator's CAT tool does to an exported file, done by a script."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

from lxml import etree

NS = "urn:oasis:names:tc:xliff:document:1.2"
X = f"{{{NS}}}"


def units(path: Path) -> list[etree._Element]:
    return etree.parse(str(path)).getroot().findall(f".//{X}trans-unit")


def fill(path: Path, translate: Callable[[str], str] = lambda s: f"«FR» {s}", *, state: str = "translated",
         only: set[str] | None = None, out: Path | None = None) -> dict[str, str]:
    """Give each unit (or those in `only`) a target, as OmegaT does: the source's words
    translated with `translate`, its tags kept in place, and `state`. Returns the expected plain
    translation by unit id."""
    tree = etree.parse(str(path))
    expected = {}
    for tu in tree.getroot().iter(f"{X}trans-unit"):
        if only is not None and tu.get("id") not in only:
            continue
        source = tu.find(f"{X}source")
        old = tu.find(f"{X}target")
        if old is not None:
            tu.remove(old)
        target = copy.deepcopy(source)
        target.tag = f"{X}target"
        target.set("state", state)
        target.text = translate(target.text or "")
        tu.insert(list(tu).index(source) + 1, target)
        expected[tu.get("id")] = "".join(target.itertext())
    tree.write(str(out or path), xml_declaration=True, encoding="UTF-8")
    return expected
