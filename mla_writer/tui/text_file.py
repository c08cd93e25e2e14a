"""Long text loaded from a file (Ctrl+O): UTF-8 only, within a size, and in browser mode only from
the case's own folder (whoever holds the browser tab should not read the rest of the disk)."""

from __future__ import annotations

from pathlib import Path

from ..model.common import MAX_TEXT
from .i18n import _

MAX_BYTES = 4 * MAX_TEXT  # the longest text the model takes, in the widest UTF-8


def check_text_file(path: Path, confine_to: Path | None = None) -> str | None:
    """What is wrong with loading `path` (None when it will do)."""
    if confine_to is not None:
        folder = confine_to.resolve()
        if not path.resolve().is_relative_to(folder):
            return _("In the browser, only files in the case's folder ({folder}) can be loaded.").format(folder=folder)
    if not path.is_file():
        return _("No such file: {path}").format(path=path)
    try:
        if path.stat().st_size > MAX_BYTES:
            return _("{path} is too long for one field (more than {n} characters); annex it instead.").format(
                path=path, n=MAX_TEXT)
        read_text_file(path)
    except UnicodeDecodeError:
        return _("{path} is not UTF-8 text; save it as UTF-8 and try again.").format(path=path)
    except OSError as e:
        return _("Cannot read {path} ({problem}).").format(path=path, problem=e.strerror)
    return None


def read_text_file(path: Path) -> str:
    with path.open("rb") as f:
        return f.read(MAX_BYTES + 1).decode("utf-8")
