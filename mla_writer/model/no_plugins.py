"""Validate cases without pydantic plugins.

Pydantic hands every validation to any "plugin" an installed package declares (entry point group
``pydantic``); observability plugins record what they see and send it to a server. A case file
holds personal data of a live investigation and must not leave the machine, so the case model
runs with none: this is what ``PYDANTIC_DISABLE_PLUGINS=__all__`` does, made unconditional and
without the cost of looking for plugins, which imports ``importlib.metadata`` and reads every
installed package's metadata (more than validating a whole case).

Pydantic asks ``pydantic.plugin._loader.get_plugins()`` for them when it builds a validator;
importing this module puts a module there that answers "none". Should a later pydantic ask that module
for anything else, the real module is loaded and answers instead.
"""

from __future__ import annotations

import sys
import types
from typing import Any

LOADER = "pydantic.plugin._loader"


def _no_plugins() -> tuple[()]:
    return ()


def _real(name: str) -> Any:
    if name.startswith("__"):  # the import system probing (__path__...): a plain module has none
        raise AttributeError(name)
    import importlib.machinery
    import importlib.util

    import pydantic.plugin

    spec = importlib.machinery.PathFinder.find_spec(LOADER, list(pydantic.plugin.__path__))
    if spec is None or spec.loader is None:
        raise AttributeError(f"module {LOADER!r} has no attribute {name!r}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def install() -> None:
    """Before the first validator is built; if pydantic already loaded its plugins, a no-op."""
    if LOADER in sys.modules:
        return
    stub = types.ModuleType(LOADER, __doc__)
    stub.get_plugins = _no_plugins  # type: ignore[attr-defined]
    stub.__getattr__ = _real  # type: ignore[attr-defined]
    sys.modules[LOADER] = stub


install()
