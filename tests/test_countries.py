"""Country codes come from pycountry's database, read without importing pycountry."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mla_writer.model import countries


def test_the_database_file_gives_what_pycountry_gives():
    direct = countries._from_database_file()
    assert direct is not None, "pycountry's database file was not found where it is read from"
    assert direct == countries._from_pycountry()
    assert len(direct) >= 249 and direct["KE"] == "Kenya" and direct["TW"] == "Taiwan"


def test_user_assigned_codes_are_added():
    assert countries.country_names()["XK"] == "Kosovo"


def test_without_the_file_pycountry_is_asked(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(countries, "_from_database_file", lambda: None)
    countries.country_names.cache_clear()
    try:
        assert countries.country_names()["FR"] == "France"
    finally:
        countries.country_names.cache_clear()


def test_loading_a_case_imports_neither_pycountry_nor_email_validator(example_path):
    # importlib.metadata is imported now (pydantic's plugin loader, which reads the documented
    # PYDANTIC_DISABLE_PLUGINS, imports it): about 20 ms that a stand-in for the loader saved.
    code = ("import sys; from mla_writer.store import load_case; load_case(sys.argv[1]); "
            "print(sorted(m for m in ('pycountry', 'email_validator') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(example_path)], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
