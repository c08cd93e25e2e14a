"""Case paths: where a value sits in the case data, as a tuple and as the model writes it."""

from __future__ import annotations

import re
from typing import Any

PathT = tuple[str | int, ...]
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(text: str) -> PathT:
    """`requests[0].items[1].nexus` or `requests.0.items.1.nexus` -> ('requests', 0, 'items', 1, 'nexus')."""
    out: list[str | int] = []
    for name, index in _PART.findall(text):
        if index:
            out.append(int(index))
        elif name.isdigit():
            out.append(int(name))
        else:
            out.append(name)
    return tuple(out)


def path_text(path: PathT) -> str:
    """The case path as the model and the checks write it: requests[0].items[1].nexus."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


def get_in(data: Any, path: PathT, default: Any = None) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return default
    return default if data is None else data
