"""ISO 3166-1 country codes and their English names, from pycountry's database.

pycountry is the source. Importing it asks the installed packages' metadata for its own version
number, which costs more than validating a whole case, so the codes are read from the database
file pycountry ships (the Debian iso-codes JSON) without importing it; where that file is not
found, pycountry's own API gives the same table. tests/test_countries.py checks the two
agree.
"""

from __future__ import annotations

import json
from functools import cache

# Codes pycountry lacks but that real casework needs (user-assigned in ISO 3166).
EXTRA_COUNTRIES: dict[str, str] = {"XK": "Kosovo"}


@cache
def country_names() -> dict[str, str]:
    """Alpha-2 code -> common English name, for every ISO 3166-1 country and EXTRA_COUNTRIES."""
    names = _from_database_file()
    if names is None:
        names = _from_pycountry()
    return names | EXTRA_COUNTRIES


def _name(entry: dict[str, str]) -> str:
    return entry.get("common_name") or entry["name"]


def _from_database_file() -> dict[str, str] | None:
    import importlib.util
    from pathlib import Path

    try:
        spec = importlib.util.find_spec("pycountry")
        folders = list(spec.submodule_search_locations or ()) if spec else []
        for folder in folders:
            path = Path(folder) / "databases" / "iso3166-1.json"
            if path.is_file():
                entries = json.loads(path.read_bytes())["3166-1"]
                return {e["alpha_2"]: _name(e) for e in entries}
    except (OSError, ValueError, KeyError, TypeError, ImportError):
        pass  # a layout this module does not know: ask pycountry itself
    return None


def _from_pycountry() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
