"""Where the bundled folders (templates/, locales/, schemas/, examples/) are.

In a checkout they sit at the top of the repository; in a wheel they are installed inside the
package as mla_writer/_bundled/<name> (see pyproject.toml), so both layouts are looked up.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

PACKAGE = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    bundled = PACKAGE / "_bundled" / name
    if bundled.is_dir():
        return bundled
    return PACKAGE.parent / name


@cache
def cache_dir(name: str) -> Path | None:
    """mla-writer's own folder in the user's cache ($XDG_CACHE_HOME or ~/.cache), mode 0700.

    Only derived data goes there (compiled templates and catalogs), never case data; None when
    it cannot be created, and callers then simply do the work each time.
    """
    base = Path(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"))
    folder = base / "mla-writer" / name
    try:
        # Each level we create is made 0700 explicitly: mkdir(parents=True) would give the
        # umask's mode to the parents, and a folder others can write lets them plant compiled
        # templates that run at the next render.
        for level in (base, base / "mla-writer", folder):
            if not level.exists():
                level.mkdir(mode=0o700)
                os.chmod(level, 0o700)
        for level in (base / "mla-writer", folder):
            st = level.lstat()
            if level.is_symlink() or st.st_uid != os.getuid() or st.st_mode & 0o022:
                return None  # not safely ours: do without a cache
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def cached_pickle(folder: str, key: bytes, build: Callable[[], T]) -> T:
    """What ``build()`` returns, kept pickled in the cache folder under a hash of ``key``.

    For derived data that is slow to make in Python and quick to unpickle (parsed reference
    data, Babel's merged locale data): ``key`` must hold everything the result depends on. A
    missing or damaged entry is rebuilt; without a usable cache folder ``build()`` simply runs.
    What ``build()`` raises is raised, and nothing is stored.
    """
    import hashlib
    import pickle

    where = cache_dir(folder)
    path = where / f"{hashlib.sha256(key).hexdigest()[:32]}.pickle" if where else None
    if path is not None:
        try:
            return pickle.loads(path.read_bytes())
        except Exception:  # missing or damaged: a cache entry is only ever rebuilt
            pass
    value = build()
    if path is not None:
        from .store import write_atomic

        try:
            write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 0o600)
        except OSError:
            pass  # a cache that cannot be written only costs time
    return value
