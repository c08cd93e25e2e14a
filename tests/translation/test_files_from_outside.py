"""Files that come back from outside: each bad one is refused in one line, exit 2, nothing changed;
the exported file is valid XLIFF 1.2 that translate-toolkit (as CAT tools) reads."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from lxml import etree

from mla_writer.cli import main
from mla_writer.store import load_case
from mla_writer.translation.units import resolve

from .xlf import X, fill, units

SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "xliff"


def export(case: Path, out: Path, *extra: str) -> int:
    return main(["translate", "export", str(case), "--to", "fr", "-o", str(out), *extra])


def refused(case: Path, xlf: Path, capsys) -> str:
    """Import `xlf` into `case`: it must fail with one line, exit 2, and leave the case as it was."""
    before = case.read_bytes()
    capsys.readouterr()
    assert main(["translate", "import", str(case), str(xlf)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("error: ")
    assert "Traceback" not in captured.err
    assert case.read_bytes() == before
    return captured.err


class _Local(etree.Resolver):
    def resolve(self, url, id, context):
        if url == "http://www.w3.org/2001/xml.xsd":
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        if "://" not in url:
            return None  # a file on disk: lxml reads it
        raise AssertionError(f"the schema asked for {url}: nothing may be fetched")


def xliff_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Local())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"), parser))


def test_the_shipped_schemas_are_the_published_files() -> None:
    readme = (SCHEMAS / "README.md").read_text(encoding="utf-8")
    for name in ("xliff-core-1.2-strict.xsd", "xml.xsd"):
        digest = hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest()
        assert f"{digest}  {name}" in readme


@pytest.mark.parametrize("options", [(), ("--all",)])
def test_the_export_is_valid_xliff_1_2_strict(untranslated, tmp_path: Path, options: tuple[str, ...]) -> None:
    case = untranslated()
    xlf = tmp_path / "case.fr.xlf"
    assert export(case, xlf, *options) == 0
    schema = xliff_schema()
    assert schema.validate(etree.parse(str(xlf))), schema.error_log
    fill(xlf)  # and once a translator has filled it
    assert schema.validate(etree.parse(str(xlf))), schema.error_log


def test_identifiers_and_dates_are_placeholders(untranslated, tmp_path: Path) -> None:
    case = untranslated()
    xlf = tmp_path / "case.fr.xlf"
    export(case, xlf)
    summary = next(u for u in units(xlf) if u.get("id") == "facts.summary")
    tags = {(ph.get("ctype"), ph.text) for ph in summary.find(f"{X}source").iter(f"{X}ph")}
    assert ("x-ip", "198.51.100.23") in tags
    assert ("x-email", "accounts@helvetic-sand.example.net") in tags


def test_translate_toolkit_reads_the_export(untranslated, tmp_path: Path) -> None:
    from translate.storage import xliff

    case = untranslated()
    xlf = tmp_path / "case.fr.xlf"
    export(case, xlf)
    expected = fill(xlf)
    store = xliff.xlifffile.parsefile(str(xlf))
    read = {u.getid().split("\x04")[-1]: u for u in store.units if u.istranslatable()}  # "FILE\x04ID"
    assert set(read) == set(expected)
    assert store.getsourcelanguage() == "en" and store.gettargetlanguage() == "fr"
    assert all(u.target for u in read.values())
    assert read["offences[1].name"].target == expected["offences[1].name"]
    assert read["facts.summary"].source.startswith("On 3 March 2026")


def test_omegat_style_file_imports(untranslated, tmp_path: Path) -> None:
    """OmegaT writes targets back with the tags as <x/> placeholders and its own states; a target
    may also sit inside segment markers (<mrk mtype="seg">)."""
    case = untranslated()
    xlf = tmp_path / "case.fr.xlf"
    export(case, xlf)
    tree = etree.parse(str(xlf))
    for tu in tree.getroot().iter(f"{X}trans-unit"):
        source = tu.find(f"{X}source")
        target = etree.Element(f"{X}target", state="translated")
        mrk = etree.SubElement(target, f"{X}mrk", mtype="seg", mid="0")
        mrk.text = "Traduit : " + (source.text or "")
        for ph in source.iter(f"{X}ph"):
            x = etree.SubElement(mrk, f"{X}x", id=ph.get("id"))
            x.tail = ph.tail
        source.addnext(target)
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    assert main(["translate", "import", str(case), str(xlf)]) == 0
    summary = resolve(load_case(case), "facts.summary")
    assert summary.translations["fr"] == "Traduit : " + summary.text


def test_stale_unit(untranslated, tmp_path: Path, capsys) -> None:
    case = untranslated()
    xlf = tmp_path / "case.fr.xlf"
    export(case, xlf)
    fill(xlf)
    data = case.read_text(encoding="utf-8").replace("On 3 March 2026", "On 4 March 2026")
    case.write_text(data, encoding="utf-8")
    err = refused(case, xlf, capsys)
    assert "facts.summary: the text changed in the case since the export" in err and "--skip-stale" in err
    assert main(["translate", "import", str(case), str(xlf), "--skip-stale"]) == 0
    after = load_case(case)
    assert "fr" not in resolve(after, "facts.summary").translations
    assert resolve(after, "facts.connection").translations["fr"].startswith("«FR» ")
    assert "skipped facts.summary" in capsys.readouterr().out


def test_wrong_case(untranslated, tmp_path: Path, capsys) -> None:
    xlf = tmp_path / "other.fr.xlf"
    export(untranslated(name="other.json", mutate=lambda d: d.update(reference="PARIS-2026-9")), xlf)
    fill(xlf)
    err = refused(untranslated(), xlf, capsys)
    assert "exported from another case" in err and "PARIS-2026-9" in err


def test_wrong_language(untranslated, tmp_path: Path, capsys) -> None:
    case = untranslated()
    xlf = tmp_path / "case.fr.xlf"
    export(case, xlf)
    fill(xlf)
    xlf.write_bytes(xlf.read_bytes().replace(b'target-language="fr"', b'target-language="es"'))
    assert "translates into 'es'" in refused(case, xlf, capsys)


def test_a_dropped_identifier_is_refused(untranslated, tmp_path: Path, capsys) -> None:
    case = untranslated()
    xlf = tmp_path / "case.fr.xlf"
    export(case, xlf)
    fill(xlf)
    tree = etree.parse(str(xlf))
    ph = tree.getroot().find(f".//{X}trans-unit[@id='facts.summary']/{X}target/{X}ph")
    ph.getparent().remove(ph)
    tree.write(str(xlf))
    assert "leaves out tag" in refused(case, xlf, capsys)


def test_malformed_xml(untranslated, tmp_path: Path, capsys) -> None:
    case = untranslated()
    xlf = tmp_path / "case.fr.xlf"
    export(case, xlf)
    xlf.write_bytes(xlf.read_bytes()[:-40])
    assert "is not a well-formed XLIFF file" in refused(case, xlf, capsys)


def test_billion_laughs(untranslated, tmp_path: Path, capsys) -> None:
    case = untranslated()
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    xlf = tmp_path / "bomb.xlf"
    xlf.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY lol0 "lol">{lol}]>\n'
                   f'<xliff version="1.2"><file original="x" source-language="en" target-language="fr" '
                   f'datatype="plaintext"><body><trans-unit id="facts.summary"><source>&lol9;</source>'
                   f'</trans-unit></body></file></xliff>', encoding="utf-8")
    assert "declares XML entities" in refused(case, xlf, capsys)


def test_a_file_not_from_mla_writer(untranslated, tmp_path: Path, capsys) -> None:
    case = untranslated()
    xlf = tmp_path / "foreign.xlf"
    xlf.write_text('<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                   '<file original="x" source-language="en" target-language="fr" datatype="plaintext"><body/>'
                   '</file></xliff>', encoding="utf-8")
    assert "was not exported by mla-writer" in refused(case, xlf, capsys)


EXAMPLES = sorted((Path(__file__).resolve().parent.parent.parent / "examples").glob("*.json"))


@pytest.mark.parametrize("example", [p for p in EXAMPLES if not p.name.endswith(".expected.json")], ids=lambda p: p.stem)
def test_every_example_exports_valid_xliff_with_notes_in_its_drafting_language(example: Path) -> None:
    from mla_writer import i18n
    from mla_writer.translation.units import target_languages
    from mla_writer.translation.xliff import INSTRUCTIONS, build_xliff

    case = load_case(example)
    schema = xliff_schema()
    for lang in target_languages(case):
        root = etree.fromstring(build_xliff(case, lang, every=True).data)
        assert schema.validate(root), schema.error_log
        note = root.find(f"{X}file/{X}header/{X}note").text
        t = i18n.translations(case.drafting_language)
        assert note == t.gettext(INSTRUCTIONS) % {"language": i18n.language_name(lang, case.drafting_language)}
