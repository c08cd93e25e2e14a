"""Where the bundled folders (templates/, locales/, schemas/, examples/) are.

In a checkout they sit at the top of the repository; in a wheel they are installed inside the
package as mla_writer/_bundled/<name> (see pyproject.toml), so both layouts are looked up.

The user's cache folders and their entries are in ``files`` and ``cache``; ``cache_dir`` and
``cached_pickle`` are named here too for the modules that import them from here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .cache import cached_pickle
from .files import cache_dir

__all__ = ["PACKAGE", "cache_dir", "cached_pickle", "resource_dir"]

PACKAGE = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    bundled = PACKAGE / "_bundled" / name
    if bundled.is_dir():
        return bundled
    return PACKAGE.parent / name
