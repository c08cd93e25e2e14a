"""The package's import graph: no cycle, and every import goes down the layers the design names.

Every import counts, at the top of a module or inside a function (an import put in a function to
dodge a cycle is still a dependency), and so do imports only a type checker sees. A submodule's
import of its own parent package (``from .. import store`` names ``mla_writer`` too) is not an
edge: Python runs a package's ``__init__`` before any of its modules anyway.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mla_writer"

# Bottom to top. A module may import modules of its own layer or of a layer below, never above.
# A new module goes into the layer that says what it may know: the test fails until it is placed.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundation", ("mla_writer", "mla_writer.errors", "mla_writer.files", "mla_writer.cache")),
    ("model", ("mla_writer.model",)),
    ("services", ("mla_writer.resources", "mla_writer.refdata", "mla_writer.labels", "mla_writer.i18n",
                  "mla_writer.asof", "mla_writer.store", "mla_writer.locks", "mla_writer.schema",
                  "mla_writer.deadlines", "mla_writer.identifier_import", "mla_writer.profiles",
                  "mla_writer.batch")),
    ("checks", ("mla_writer.checks",)),
    # Texts out to a translator and back, and the memory of approved translations: they walk the
    # case as the checks do (checks.walk) and render nothing.
    ("translation", ("mla_writer.translation",)),
    # What happened to the requests and what is due: `status`, `register` and its statistics and
    # calendar. They word a history's problems as the checks do, and render nothing.
    ("tracking", ("mla_writer.tracking", "mla_writer.register", "mla_writer.stats", "mla_writer.calendar_export")),
    ("render", ("mla_writer.render",)),
    # The central authority's review of a Word draft: checks, rendering and comments together.
    ("review", ("mla_writer.review",)),
    ("examples", ("mla_writer.examples",)),
    ("wizard", ("mla_writer.tui",)),
    ("command line", ("mla_writer.cli", "mla_writer.__main__")),
]
# Layers that import nothing of the package outside themselves (the model is the data every other
# part reads; the foundation is what any part may raise or write with).
SEALED = {"model", "foundation"}
# Third-party packages only one part of the package may import: the wizard's toolkit must never
# load on the way to a `check` or a `render`.
ONLY_IN = {"textual": "mla_writer.tui", "textual_serve": "mla_writer.tui", "docx": "mla_writer.render"}


def _modules() -> dict[str, Path]:
    out = {}
    for f in PACKAGE.rglob("*.py"):
        if "_bundled" in f.parts:
            continue
        parts = f.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = f
    return out


MODULES = _modules()


def _imported_names(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """Every name the statement may import, as absolute dotted names."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level:
        base = module.split(".")
        if MODULES[module].name != "__init__.py":
            base = base[:-1]  # a module's `.` is its package
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    return [target] + [f"{target}.{a.name}" for a in node.names]


def _imports(module: str) -> tuple[set[str], set[str]]:
    """(modules of the package, top-level third-party or standard names) that `module` imports."""
    ours, theirs = set(), set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for name in _imported_names(module, node):
            if name in MODULES:
                if name != module and not module.startswith(name + "."):
                    ours.add(name)
            elif not name.startswith("mla_writer"):
                theirs.add(name.split(".")[0])
    return ours, theirs


GRAPH = {m: _imports(m)[0] for m in MODULES}


def _layer(module: str) -> int | None:
    """The rank of the layer that names the module or its nearest enclosing package (the package
    itself, `mla_writer`, names only its own `__init__`)."""
    best: tuple[int, int] | None = None  # (length of the matching name, rank)
    for rank, (_, names) in enumerate(LAYERS):
        for name in names:
            if module == name or (name != "mla_writer" and module.startswith(name + ".")):
                if best is None or len(name) > best[0]:
                    best = (len(name), rank)
    return None if best is None else best[1]


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_imports_inside_functions_and_relative_ones():
    # cli imports the wizard only inside the command that starts it, and the store at the top.
    assert "mla_writer.tui.app" in GRAPH["mla_writer.cli"]
    assert "mla_writer.errors" in GRAPH["mla_writer.cli"]
    assert "mla_writer.model" in GRAPH["mla_writer.store"]
    assert "mla_writer.checks.rules_index" in GRAPH["mla_writer.checks.runner"]
    assert "mla_writer.checks.channel" in GRAPH["mla_writer.checks.rules_index"]  # `from . import (...)`


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_in_the_package():
    assert _cycles(GRAPH) == []


def test_every_module_has_a_layer():
    unplaced = sorted(m for m in MODULES if _layer(m) is None)
    assert not unplaced, f"put these modules into a layer of LAYERS in {Path(__file__).name}: {unplaced}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_layers(module: str):
    rank = _layer(module)
    if rank is None:
        pytest.skip("not placed (see test_every_module_has_a_layer)")
    name = LAYERS[rank][0]
    upward = {t: LAYERS[r][0] for t in GRAPH[module] if (r := _layer(t)) is not None and r > rank}
    assert not upward, f"{module} ({name}) imports from layers above it: {upward}"
    if name in SEALED:
        outside = sorted(t for t in GRAPH[module] if _layer(t) != rank)
        assert not outside, f"{module} ({name}) may import nothing of the package outside its layer: {outside}"


@pytest.mark.parametrize("library", sorted(ONLY_IN))
def test_heavy_libraries_are_imported_by_one_part_only(library: str):
    home = ONLY_IN[library]
    users = sorted(m for m in MODULES if library in _imports(m)[1] and not (m == home or m.startswith(home + ".")))
    assert not users, f"{library} may only be imported under {home}, not by {users}"
