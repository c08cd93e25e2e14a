"""Reference data: shape, codes and provenance of mla_writer/data/*.toml."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import get_args

import pycountry
import pytest

from mla_writer import refdata
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
FILES = [refdata.LEGAL_BASES_FILE, refdata.COUNTRIES_FILE, refdata.SUBSCRIBER_FILE, refdata.TREATIES_FILE,
         refdata.PLACEHOLDERS_FILE]


def test_every_legal_basis_id_present_and_nothing_else():
    assert sorted(refdata.legal_bases()) == sorted(LEGAL_BASIS_IDS)


@pytest.mark.parametrize("basis_id", LEGAL_BASIS_IDS)
def test_legal_basis_entry_is_consistent(basis_id):
    info = refdata.legal_bases()[basis_id]
    assert info.id == basis_id
    assert info.short and info.request_kinds and info.channels
    assert info.treaty in (*refdata.TREATY_KEYS, "")
    if not info.treaty:
        assert info.user_fills and info.instrument and not info.quotes
    if info.user_fills:
        assert not info.quotes  # the drafter quotes it
    elif not info.verified:
        assert info.note  # says what is missing


def test_treaty_bases_point_at_their_treaty():
    bases = refdata.legal_bases()
    assert bases["untoc-18"].treaty == "untoc"
    assert all(bases[i].treaty == "budapest" for i in LEGAL_BASIS_IDS if i.startswith("budapest"))
    assert all(bases[i].treaty == "sap" for i in LEGAL_BASIS_IDS if i.startswith("sap"))
    assert all(bases[i].treaty == "uncc" for i in LEGAL_BASIS_IDS if i.startswith("uncc"))
    assert refdata.treaties()["untoc"].title == "United Nations Convention against Transnational Organized Crime"


def test_channels_tell_state_to_state_from_provider_bases():
    bases = refdata.legal_bases()
    assert bases["budapest-29"].serves("24_7") and not bases["budapest-29"].serves("provider_direct")
    assert bases["provider-law"].serves("provider_emergency") and not bases["provider-law"].serves("mla")
    assert bases["sap-7"].channels == ("provider_direct",)


def test_preservation_bases_exist():
    fitting = {i for i, b in refdata.legal_bases().items() if b.fits("preservation")}
    assert {"budapest-29", "untoc-18", "uncc-preservation"} <= fitting


def test_treaties_in_force_on_a_given_day():
    t = refdata.treaties()
    assert set(t) == set(refdata.TREATY_KEYS)
    assert t["untoc"].in_force_on(date(2003, 9, 29)) and not t["untoc"].in_force_on(date(2003, 9, 28))
    assert t["budapest"].in_force_on(date(2026, 1, 1))
    assert not t["sap"].in_force_on(date(2030, 1, 1))  # not in force on the status date
    assert not t["uncc"].in_force_on(date(2030, 1, 1))
    for info in t.values():
        assert info.status_source and info.status_as_of <= info.read_on


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
        assert set(info.treaties) == set(refdata.TREATY_KEYS), code
        for treaty, entry in info.treaties.items():
            if entry.status == "unknown":
                assert entry.note and not entry.source, (code, treaty)
            else:
                assert entry.source and isinstance(entry.as_of, date), (code, treaty)
        # the Second Additional Protocol is open only to Parties to the Budapest Convention
        if info.status("sap") in ("ratified", "signatory"):
            assert info.status("budapest") == "party", code


# The States the issue names, and every requested State of the examples: a dated, sourced status
# for each of the four treaties, or "unknown" with the reason.
NAMED = ["IE", "US", "FR", "DE", "BR", "JP", "NG", "IN", "CN"]


@pytest.mark.parametrize("code", sorted(set(NAMED) | {"SG", "CA", "ES", "GB"}))
def test_named_states_have_a_dated_sourced_status(code):
    info = refdata.country(code)
    for treaty in refdata.TREATY_KEYS:
        entry = info.treaties[treaty]
        assert (entry.source and entry.as_of) or (entry.status == "unknown" and entry.note), (code, treaty)


def test_requested_states_of_the_examples_are_covered():
    from mla_writer import examples

    requested = {examples.load_example(n).requested.state for n in examples.example_names()}
    for code in requested:
        info = refdata.country(code)
        assert info is not None, code
        assert all(e.source or e.note for e in info.treaties.values()), code


def test_ireland_has_signed_but_not_ratified_budapest():
    ie = refdata.country("IE").treaties["budapest"]
    assert ie.status == "signatory" and ie.since == date(2002, 2, 28) and ie.as_of >= date(2025, 10, 8)
    assert "54154/25" in ie.source


def test_declared_central_authority_has_a_source():
    for code, info in refdata.countries().items():
        for treaty, d in info.declared.items():
            assert (d.central_authority or d.languages) and d.source and d.as_of, (code, treaty)
    assert "International Assistance Group" in refdata.country("CA").declared["untoc"].central_authority


def test_country_lookup():
    assert refdata.country("jp").name == "Japan"
    assert refdata.country(" XK ").code == "XK"
    assert refdata.country("ZZ") is None
    assert refdata.country("US").status("") == "unknown"


@pytest.mark.parametrize("file", FILES)
def test_every_file_has_source_and_as_of(file):
    import tomllib

    data = tomllib.loads((DATA_DIR / file).read_text(encoding="utf-8"))
    assert isinstance(data.get("source"), str) and data["source"]
    assert type(data.get("as_of")) is date


def test_data_as_of():
    assert refdata.data_as_of() == {
        "legal_bases": date(2026, 12, 3),
        "treaties": date(2026, 12, 3),
        "countries": date(2026, 12, 3),
        "subscriber_information": date(2026, 12, 3),
        "placeholders": date(2026, 12, 10),
    }


# The shortest preservation each basis provides for, with the words of the clause that says so.
PRESERVATION_MINIMA = {"budapest-29": (60, "Budapest art. 29(7)", "for a period not less than sixty days")}


def test_a_preservation_minimum_is_the_clause_it_cites():
    found = {key: info.preservation_minimum for key, info in refdata.legal_bases().items()
             if info.preservation_minimum is not None}
    assert set(found) == set(PRESERVATION_MINIMA)
    for key, minimum in found.items():
        days, reference, words = PRESERVATION_MINIMA[key]
        assert (minimum.days, minimum.reference) == (days, reference)
        excerpt = refdata.source_excerpts()[minimum.source].body
        # Paragraph 7 of the article, as the excerpt holds it, says so.
        article = excerpt[excerpt.index("### Article  29"):excerpt.index("### Article  30")]
        seventh = next(p for p in article.split("\n") if p.startswith("7."))
        assert words in seventh


def test_a_preservation_minimum_only_on_a_basis_for_preservation(tmp_path):
    text = (DATA_DIR / refdata.LEGAL_BASES_FILE).read_text(encoding="utf-8")
    moved = text.replace('preservation_minimum = { days = 60, reference = "Budapest art. 29(7)", source = "budapest.en" }\n',
                         "", 1).replace('["budapest-31"]\n', '["budapest-31"]\npreservation_minimum = { days = 60, '
                                        'reference = "Budapest art. 29(7)", source = "budapest.en" }\n', 1)
    bad = tmp_path / refdata.LEGAL_BASES_FILE
    bad.write_text(moved, encoding="utf-8")
    with pytest.raises(RefDataError, match=r"legal_bases\.toml: budapest-31: .*serves preservation requests"):
        refdata.load_legal_bases(bad)


def test_subscriber_elements():
    elements = refdata.subscriber_elements()
    assert [e.id for e in elements] == ["service", "identity", "installation_site"]
    assert [e.letter for e in elements] == ["a", "b", "c"]
    assert all(e.label and e.text for e in elements)
    definition = refdata.subscriber_definition()
    assert definition.chapeau.startswith("For the purpose of this article, the term “subscriber information” means")
    assert "18(3)" in definition.article


def test_malformed_toml_names_the_file(tmp_path):
    bad = tmp_path / "countries.toml"
    bad.write_text('source = "x"\nas_of = 2026-11-22\n[JP\nname = "Japan"\n', encoding="utf-8")
    with pytest.raises(RefDataError, match="countries.toml") as err:
        refdata.load_countries(bad)
    assert err.value.file == "countries.toml"


# (file, text replaced, replacement, the error: file and key named, then the problem)
EDITS = [
    (refdata.COUNTRIES_FILE, '[JP.treaties.untoc]\nstatus = "party"', '[JP.treaties.untoc]\nstatus = "maybe"',
     r"countries\.toml: JP\.treaties\.untoc\.status: Input should be 'party'"),
    (refdata.COUNTRIES_FILE, '[JP.treaties.untoc]\nstatus = "party"', '[JP.treaties.untoc]\nstatus = "unknown"',
     r"countries\.toml: JP\.treaties\.untoc: an unknown status needs a .note."),
    (refdata.COUNTRIES_FILE, 'languages_accepted = ["ja"]', 'languages_accepted = ["jpn"]',
     r"countries\.toml: JP\.languages_accepted: .*'jpn' is not an ISO 639-1 code"),
    (refdata.LEGAL_BASES_FILE, "as_of = 2026-12-03\n", "", r"legal_bases\.toml: as_of: missing"),
    (refdata.LEGAL_BASES_FILE, 'source = "budapest.en"\n', "",
     r"legal_bases\.toml: budapest-25-27\.quotes\.0\.source: missing"),
    # The kinds of request are the model's: the data cannot add one.
    (refdata.LEGAL_BASES_FILE, 'request_kinds = ["subscriber", "traffic", "content", "emergency"]',
     'request_kinds = ["subscriber", "wiretap"]',
     r"legal_bases\.toml: budapest-25-27\.request_kinds: unknown request kind\(s\) \['wiretap'\]"),
    (refdata.TREATIES_FILE, "entry_into_force = 2004-07-01", 'entry_into_force = "soon"',
     r"treaties\.toml: budapest\.entry_into_force: Input should be a valid date"),
]
LOADERS = {refdata.COUNTRIES_FILE: refdata.load_countries, refdata.LEGAL_BASES_FILE: refdata.load_legal_bases,
           refdata.TREATIES_FILE: refdata.load_treaties}


@pytest.mark.parametrize(("file", "old", "new", "error"), EDITS, ids=[e[3][:40] for e in EDITS])
def test_a_bad_value_names_file_and_key(tmp_path, file, old, new, error):
    text = (DATA_DIR / file).read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / file
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RefDataError, match=error):
        LOADERS[file](bad)


def test_refdata_imports_nothing_heavy():
    import subprocess

    code = "import sys, mla_writer.refdata; print(','.join(m for m in ('jinja2','docx','textual','babel') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=DATA_DIR.parent.parent)
    assert out.stdout.strip() == ""


def test_a_bad_excerpt_front_matter_names_the_file(tmp_path):
    bad = tmp_path / "budapest.en.md"
    bad.write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(RefDataError, match=r"budapest\.en\.md: expected TOML front matter"):
        refdata.load_source_excerpt(bad)


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
