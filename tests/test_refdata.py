"""Reference data: shape, codes and provenance of mla_writer/data/*.toml."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import get_args

import pycountry
import pytest

from mla_writer import refdata
from mla_writer.model import REQUEST_KINDS
from mla_writer.model.legal import LegalBasisId
from mla_writer.refdata import RefDataError

# The ids a case may cite are the model's; every one needs its reference entry.
LEGAL_BASIS_IDS = list(get_args(LegalBasisId))
USER_ASSIGNED = {"XK"}  # Kosovo: not in ISO 3166-1, allowed by the project
REQUIRED_COUNTRIES = (
    "US IE NL DE SG GB FR CA IN JP BR ZA NG KE EG MA AE SA CN RU AU MX CO AR PH ID TR UA PL ES "
    "IT CH SE NO KR TH MY VN GH KZ GE AM LK XK "
    # countries replying in A/74/130
    "AT BY BO BW CR CZ KP SV EE HU IR IQ IL JO LB LI MN MM NZ NI PE PT QA RO RS SK SI SY TJ VE"
).split()
DATA_DIR = Path(refdata.__file__).parent / "data"
FILES = [refdata.LEGAL_BASES_FILE, refdata.COUNTRIES_FILE, refdata.SUBSCRIBER_FILE]


def test_every_legal_basis_id_present_and_nothing_else():
    assert sorted(refdata.legal_bases()) == sorted(LEGAL_BASIS_IDS)


@pytest.mark.parametrize("basis_id", LEGAL_BASIS_IDS)
def test_legal_basis_entry_is_consistent(basis_id):
    info = refdata.legal_bases()[basis_id]
    assert info.id == basis_id
    assert info.instrument and info.short
    assert info.request_kinds and set(info.request_kinds) <= set(REQUEST_KINDS)
    assert info.treaty in (*refdata.TREATY_KEYS, "")
    if info.user_fills:
        assert info.treaty == "" and info.citation_en == "" and info.citation_fr == ""
    else:
        assert info.source, "every treaty basis names where its wording came from"
    if not info.verified:
        # unverified wording is never shipped as a quotation
        assert info.citation_en == ""
        assert info.user_fills or info.note
    else:
        assert info.citation_en
    if info.citation_fr:
        assert info.source_fr


def test_treaty_bases_point_at_their_treaty():
    bases = refdata.legal_bases()
    assert bases["untoc-18"].treaty == "untoc"
    assert all(bases[i].treaty == "budapest" for i in LEGAL_BASIS_IDS if i.startswith("budapest"))
    assert all(bases[i].treaty == "sap" for i in LEGAL_BASIS_IDS if i.startswith("sap"))
    assert bases["untoc-18"].instrument == "United Nations Convention against Transnational Organized Crime"


def test_elements_lists():
    bases = refdata.legal_bases()
    for basis_id in ("untoc-18", "budapest-29"):
        letters = [letter for letter, _ in bases[basis_id].elements]
        assert letters == list("abcdef")
    assert bases["budapest-29"].elements_verbatim is True
    assert "60 days" not in bases["budapest-29"].citation_en  # only 29(1) and the 29(2) chapeau
    assert bases["budapest-29"].citation_en.rstrip().endswith("shall specify:")


def test_preservation_bases_exist():
    fitting = {i for i, b in refdata.legal_bases().items() if b.fits("preservation")}
    assert "budapest-29" in fitting


def test_every_country_code_is_valid():
    for code in refdata.countries():
        assert code in USER_ASSIGNED or pycountry.countries.get(alpha_2=code) is not None, code


def test_required_countries_present():
    missing = sorted(set(REQUIRED_COUNTRIES) - set(refdata.countries()))
    assert not missing
    assert len(refdata.countries()) >= 40


def test_accepted_languages_are_iso_639_1():
    for code, info in refdata.countries().items():
        assert info.languages_accepted, code
        for lang in info.languages_accepted:
            assert pycountry.languages.get(alpha_2=lang) is not None, (code, lang)


def test_country_treaty_statuses_and_provenance():
    for code, info in refdata.countries().items():
        for treaty in refdata.TREATY_KEYS:
            assert info.treaties.status(treaty) in refdata.TREATY_STATUSES, (code, treaty)
        assert isinstance(info.treaties_as_of, date)
        assert info.treaties_source
        # the Second Additional Protocol is open only to Parties to the Budapest Convention
        if info.treaties.sap in ("party", "signatory"):
            assert info.treaties.budapest == "party", code


def test_country_lookup():
    assert refdata.country("jp").name == "Japan"
    assert refdata.country(" XK ").code == "XK"
    assert refdata.country("ZZ") is None
    assert refdata.country("US").treaties.status("") == "unknown"


@pytest.mark.parametrize("file", FILES)
def test_every_file_has_source_and_as_of(file):
    import tomllib

    data = tomllib.loads((DATA_DIR / file).read_text(encoding="utf-8"))
    assert isinstance(data.get("source"), str) and data["source"]
    assert type(data.get("as_of")) is date


def test_data_as_of():
    assert refdata.data_as_of() == {
        "legal_bases": date(2026, 11, 22),
        "countries": date(2026, 11, 22),
        "subscriber_information": date(2026, 11, 22),
    }


def test_subscriber_elements():
    elements = refdata.subscriber_elements()
    assert [e.id for e in elements] == ["service", "identity", "installation_site"]
    assert [e.letter for e in elements] == ["a", "b", "c"]
    assert all(e.label and e.text_en for e in elements)
    definition = refdata.subscriber_definition()
    assert definition.chapeau_en.startswith('For the purpose of this article, "subscriber information" means')
    assert "18(3)" in definition.article


def test_malformed_toml_names_the_file(tmp_path):
    bad = tmp_path / "countries.toml"
    bad.write_text('source = "x"\nas_of = 2026-11-22\n[JP\nname = "Japan"\n', encoding="utf-8")
    with pytest.raises(RefDataError, match="countries.toml") as err:
        refdata.load_countries(bad)
    assert err.value.file == "countries.toml"


def test_bad_value_names_file_and_key(tmp_path):
    text = (DATA_DIR / refdata.COUNTRIES_FILE).read_text(encoding="utf-8")
    bad = tmp_path / "countries.toml"
    bad.write_text(text.replace('[JP.treaties]\nuntoc = "party"', '[JP.treaties]\nuntoc = "maybe"'), encoding="utf-8")
    with pytest.raises(RefDataError, match=r"countries\.toml: JP\.treaties\.untoc"):
        refdata.load_countries(bad)


def test_missing_key_names_file_and_key(tmp_path):
    text = (DATA_DIR / refdata.LEGAL_BASES_FILE).read_text(encoding="utf-8")
    bad = tmp_path / "legal_bases.toml"
    bad.write_text(text.replace("as_of = 2026-11-22\n", "", 1), encoding="utf-8")
    with pytest.raises(RefDataError, match=r"legal_bases\.toml: as_of: missing"):
        refdata.load_legal_bases(bad)


def test_bad_language_code_rejected(tmp_path):
    text = (DATA_DIR / refdata.COUNTRIES_FILE).read_text(encoding="utf-8")
    bad = tmp_path / "countries.toml"
    bad.write_text(text.replace('languages_accepted = ["ja"]', 'languages_accepted = ["jpn"]'), encoding="utf-8")
    with pytest.raises(RefDataError, match=r"JP\.languages_accepted"):
        refdata.load_countries(bad)


def test_refdata_imports_nothing_heavy():
    import subprocess

    code = "import sys, mla_writer.refdata; print(','.join(m for m in ('pydantic','jinja2','docx','textual') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=DATA_DIR.parent.parent)
    assert out.stdout.strip() == ""


def test_an_edited_data_file_is_read_again_not_taken_from_the_cache(tmp_path):
    text = (DATA_DIR / refdata.COUNTRIES_FILE).read_text(encoding="utf-8")
    mine = tmp_path / "countries.toml"
    mine.write_text(text, encoding="utf-8")
    assert refdata.load_countries(mine)["JP"].languages_accepted == ("ja",)
    assert refdata.load_countries(mine)["JP"].languages_accepted == ("ja",)  # from the cache
    mine.write_text(text.replace('languages_accepted = ["ja"]', 'languages_accepted = ["ja", "en"]'),
                    encoding="utf-8")
    assert refdata.load_countries(mine)["JP"].languages_accepted == ("ja", "en")
    mine.write_text(text.replace('languages_accepted = ["ja"]', 'languages_accepted = ["jpn"]'),
                    encoding="utf-8")
    with pytest.raises(RefDataError, match=r"JP\.languages_accepted"):
        refdata.load_countries(mine)
