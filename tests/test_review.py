"""The central authority's loop without LibreOffice: a rendered document carries its case, `import`
brings it back, `review` puts the findings into a copy as Word comments and finds hand edits,
and every kind of bad draft is refused with one line and nothing written.

LibreOffice's part of the loop (a draft saved by it, comments shown by it) is in
tests/render/test_review_libreoffice.py (slow)."""

from __future__ import annotations

import hashlib
import io
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from mla_writer import examples
from mla_writer.render import render_bytes
from mla_writer.render.embed import NS, case_from_draft, read_embedded, seal_of
from mla_writer.render.package import DraftError, read_package
from mla_writer.store import load_case

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FLAWED = "flawed-phishing-ip-addresses"


def run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mla_writer", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def rendered(name: str) -> bytes:
    case = examples.load_example(name)
    when = examples.check_date(case)
    assert when is not None
    return render_bytes(case, languages=list(case.languages), today=when)


@pytest.fixture(scope="module")
def flawed_draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("draft") / "draft.docx"
    path.write_bytes(rendered(FLAWED))
    return path


def anchored(document: docx.document.Document) -> dict[int, str]:
    """The text each comment's range covers, by comment id (read from the body's XML)."""
    texts: dict[int, list[str]] = {}
    open_ids: set[int] = set()
    for el in document.element.body.iter():
        if el.tag == f"{W}commentRangeStart":
            open_ids.add(int(el.get(f"{W}id")))
            texts.setdefault(int(el.get(f"{W}id")), [])
        elif el.tag == f"{W}commentRangeEnd":
            open_ids.discard(int(el.get(f"{W}id")))
        elif el.tag == f"{W}t":
            for i in open_ids:
                texts[i].append(el.text or "")
    return {i: "".join(t) for i, t in texts.items()}


# --- the case travels with the document ------------------------------------------------------

@pytest.mark.parametrize("name", examples.example_names())
def test_render_then_import_gives_the_case_back(name: str):
    embedded = read_embedded(read_package(rendered(name)))
    assert embedded.case == examples.load_example(name)
    assert embedded.version
    assert embedded.as_of == examples.check_date(embedded.case)


def test_the_embedded_document_is_byte_for_byte_the_same_each_time():
    assert rendered(FLAWED) == rendered(FLAWED)


def test_the_case_is_a_custom_xml_part_with_its_relationship_and_properties(flawed_draft: Path):
    with zipfile.ZipFile(flawed_draft) as z:
        names = z.namelist()
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
        item = next(n for n in names if n.startswith("customXml/item") and NS.encode() in z.read(n))
        number = item.removeprefix("customXml/item").removesuffix(".xml")
        assert f"customXml/itemProps{number}.xml" in names
        assert f"customXml/_rels/item{number}.xml.rels" in names
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist())
    assert f'Target="../{item}"' in rels
    assert f'PartName="/customXml/itemProps{number}.xml"' in types


def test_import_writes_the_case_once_and_privately(flawed_draft: Path, tmp_path: Path):
    out = tmp_path / "case.json"
    r = run("import", flawed_draft, "-o", out)
    assert r.returncode == 0, r.stderr
    assert load_case(out) == examples.load_example(FLAWED)
    assert out.stat().st_mode & 0o777 == 0o600
    out.write_text("mine")
    again = run("import", flawed_draft, "-o", out)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert out.read_text() == "mine"
    assert run("import", flawed_draft, "-o", out, "--force").returncode == 0
    assert load_case(out) == examples.load_example(FLAWED)


def test_the_wizard_can_open_a_draft(flawed_draft: Path):
    assert case_from_draft(flawed_draft) == examples.load_example(FLAWED)


# --- review ----------------------------------------------------------------------------------

def test_review_puts_each_finding_into_a_copy_as_a_comment_on_its_row(flawed_draft: Path, tmp_path: Path):
    before = hashlib.sha256(flawed_draft.read_bytes()).hexdigest()
    out = tmp_path / "reviewed.docx"
    r = run("review", flawed_draft, "-o", out, "--language", "fr")
    assert r.returncode == 1, r.stderr  # the example has errors, as `check` says
    assert hashlib.sha256(flawed_draft.read_bytes()).hexdigest() == before
    assert "2 error(s), 3 warning(s), 0 advice; 0 hand edit(s); 0 reviewer comment(s)" in r.stdout

    reviewed = docx.Document(str(out))
    comments = list(reviewed.comments)
    assert len(comments) == 5
    assert {c.author for c in comments} == {"mla-writer"}
    # Dated as of the training case's own date, not the machine's clock.
    assert {c.timestamp.date().isoformat() for c in comments} == {"2026-09-03"}
    ranges = anchored(reviewed)
    by_code = {c.text.split(":")[0].split()[-1] + str(i): c for i, c in enumerate(comments)}
    no_tz = next(c for c in by_code.values() if "IP-NO-TZ" in c.text)
    assert "fuseau horaire" in no_tz.text  # the message in the reviewer's language
    assert "A/74/130 ¶198" in no_tz.text  # its reference
    assert no_tz.text.startswith("Erreur IP-NO-TZ")
    # Anchored on the identifier's row of the table, not on the whole document.
    assert "198.51.100.61" in ranges[no_tz.comment_id]
    assert "198.51.100.62" not in ranges[no_tz.comment_id]
    no_time = next(c for c in comments if "IP-NO-TIME" in c.text)
    assert "198.51.100.62" in ranges[no_time.comment_id]
    # The copy still carries its case.
    assert case_from_draft(out) == examples.load_example(FLAWED)


def test_review_of_the_same_draft_gives_the_same_copy(flawed_draft: Path, tmp_path: Path):
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    assert run("review", flawed_draft, "-o", a).returncode == 1
    assert run("review", flawed_draft, "-o", b, "--today", "2026-09-03").returncode == 1
    assert a.read_bytes() == b.read_bytes()


def _paragraph(document: docx.document.Document, holding: str) -> docx.text.paragraph.Paragraph:
    cells = (p for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs)
    return next(p for p in (*document.paragraphs, *cells) if holding in p.text)


def _edit_paragraph(draft: Path, out: Path, old: str, new: str) -> None:
    document = docx.Document(str(draft))
    _paragraph(document, old).text = new
    document.save(str(out))


def test_review_finds_a_paragraph_edited_by_a_script(flawed_draft: Path, tmp_path: Path):
    edited = tmp_path / "edited.docx"
    _edit_paragraph(flawed_draft, edited, "ExampleNet Singapore Pte. Ltd. assigns",
                    "ExampleNet Singapore assigns the address 198.51.100.99 to a customer.")
    out = tmp_path / "reviewed.docx"
    r = run("review", edited, "-o", out)
    assert "; 1 hand edit(s);" in r.stdout, r.stdout
    assert "hand edit, changed: ExampleNet Singapore assigns the address 198.51.100.99" in r.stdout
    assert "(was: ExampleNet Singapore Pte. Ltd. assigns" in r.stdout
    reviewed = docx.Document(str(out))
    edit = next(c for c in reviewed.comments if "HAND-EDITED" in c.text)
    assert "ExampleNet Singapore Pte. Ltd. assigns the addresses" in edit.text  # what it read as rendered
    assert anchored(reviewed)[edit.comment_id] == "ExampleNet Singapore assigns the address 198.51.100.99 to a customer."
    # The case is what it was: the edit lives in the document only.
    assert case_from_draft(edited) == examples.load_example(FLAWED)


def test_review_lists_the_comments_a_reviewer_left(flawed_draft: Path, tmp_path: Path):
    commented = tmp_path / "commented.docx"
    document = docx.Document(str(flawed_draft))
    document.add_comment(_paragraph(document, "Public IP registries").runs, text="Which registry? Please name it.", author="Amina Reviewer",
                         initials="AR")
    document.save(str(commented))
    r = run("review", commented, "-o", tmp_path / "reviewed.docx")
    assert "; 1 reviewer comment(s)" in r.stdout
    line = next(x for x in r.stdout.splitlines() if x.startswith("comment by Amina Reviewer"))
    assert 'on "Public IP registries show both addresses' in line
    assert line.endswith(": Which registry? Please name it.")
    # The reviewer's comment is kept in the reviewed copy, beside the tool's.
    kept = docx.Document(str(tmp_path / "reviewed.docx"))
    assert {c.author for c in kept.comments} == {"Amina Reviewer", "mla-writer"}


def test_review_never_writes_over_the_draft_or_an_existing_copy(flawed_draft: Path, tmp_path: Path):
    draft = tmp_path / "d.docx"
    draft.write_bytes(flawed_draft.read_bytes())
    r = run("review", draft, "-o", draft, "--force")
    assert r.returncode == 2 and "never over it" in r.stderr
    (tmp_path / "d.reviewed.docx").write_text("mine")
    r = run("review", draft)
    assert r.returncode == 2 and "already exists" in r.stderr
    assert (tmp_path / "d.reviewed.docx").read_text() == "mine"
    assert draft.read_bytes() == flawed_draft.read_bytes()


# --- bad drafts: exit 2, one line, nothing written -------------------------------------------

def _rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = change.get(info.filename, src.read(info))
            if body is not None:
                dst.writestr(info.filename, body)
        for name, body in change.items():
            if name not in src.namelist() and body is not None:
                dst.writestr(name, body)
    return out.getvalue()


def _case_part(data: bytes) -> tuple[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("customXml/item") and NS.encode() in z.read(name):
                return name, etree.fromstring(z.read(name))
    raise AssertionError("no case part")


def _edited_case(data: bytes) -> bytes:
    name, root = _case_part(data)
    piece = root.find(f"{{{NS}}}json")
    piece.text = piece.text.replace("NBI-CCD-2026-2231", "NBI-CCD-2026-9999")
    return _rezip(data, {name: etree.tostring(root)})


def _invalid_but_sealed(data: bytes) -> bytes:
    name, root = _case_part(data)
    piece = root.find(f"{{{NS}}}json")
    json = piece.text.replace('"address": "198.51.100.61"', '"address": "999.1.1.1"')
    assert json != piece.text
    piece.text = json
    root.set("seal", seal_of(*(root.get(k) for k in ("version", "languages", "as-of", "requests", "final", "text-sha256")), json))
    return _rezip(data, {name: etree.tostring(root)})


def _declaring(data: bytes, size: int) -> bytes:
    """`data` with its first entry declaring `size` bytes once unpacked in the central directory."""
    raw = bytearray(data)
    at = raw.find(b"PK\x01\x02")
    struct.pack_into("<I", raw, at + 24, size)
    return bytes(raw)


def _many_entries(data: bytes) -> bytes:
    return _rezip(data, {f"word/media/x{i}.bin": b"" for i in range(2100)})


def _with_dtd(data: bytes) -> bytes:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>")
    return _rezip(data, {"word/document.xml": bomb})


def _from_elsewhere(_: bytes) -> bytes:
    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("A letter written in a word processor.")
    document.save(out)
    return out.getvalue()


BAD = {
    "not a docx": (lambda _: b"%PDF-1.7 not a Word document", "it is not a zip package"),
    "a zip, not Word": (lambda d: _rezip(d, {"word/document.xml": None}), "not a Word document (no word/document.xml)"),
    "from elsewhere": (_from_elsewhere, "carries no case"),
    "zip bomb": (lambda d: _declaring(d, 3_000_000_000), "refused as a possible zip bomb"),
    "too many entries": (_many_entries, "entries (at most 2000): refused as a possible zip bomb"),
    "entities": (_with_dtd, "word/document.xml declares a DTD"),
    "case edited": (_edited_case, "its embedded case was edited after the document was rendered"),
    "case invalid": (_invalid_but_sealed, "does not validate"),
}


@pytest.mark.parametrize("command", ["import", "review"])
@pytest.mark.parametrize("kind", sorted(BAD))
def test_a_bad_draft_is_refused_with_one_line_and_nothing_written(kind: str, command: str, flawed_draft: Path,
                                                                  tmp_path: Path):
    make, says = BAD[kind]
    draft = tmp_path / "draft.docx"
    draft.write_bytes(make(flawed_draft.read_bytes()))
    out = tmp_path / ("case.json" if command == "import" else "reviewed.docx")
    r = run(command, draft, "-o", out)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(f"error: {draft}: ") and says in lines[0], lines[0]
    assert "nothing was written" in lines[0]
    assert "Traceback" not in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx"]


def test_an_invalid_embedded_case_names_the_field(flawed_draft: Path):
    with pytest.raises(DraftError, match=r"requests\[0\]\.items\[0\]\.identifier\.address"):
        read_embedded(read_package(_invalid_but_sealed(flawed_draft.read_bytes())))


def test_the_cli_does_not_load_textual_to_review(flawed_draft: Path, tmp_path: Path):
    code = ("import sys; from mla_writer import cli\n"
            f"cli.main(['review', {str(flawed_draft)!r}, '-o', {str(tmp_path / 'r.docx')!r}])\n"
            "print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip().endswith("False"), out.stdout


def _document_edited(data: bytes, change) -> bytes:
    """`data` with its word/document.xml changed by `change(root)`."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    change(root)
    return _rezip(data, {"word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                             standalone=True)})


def _paragraph_holding(root: etree._Element, text: str) -> etree._Element:
    return next(p for p in root.iter(f"{W}p") if text in "".join(t.text or "" for t in p.iter(f"{W}t")))


def _set_text(p: etree._Element, text: str) -> None:
    ts = list(p.iter(f"{W}t"))
    ts[0].text = text
    for t in ts[1:]:
        t.text = ""


def test_review_finds_a_paragraph_removed_by_hand(flawed_draft: Path, tmp_path: Path):
    def remove(root: etree._Element) -> None:
        p = _paragraph_holding(root, "Public IP registries show both addresses")
        p.getparent().remove(p)

    draft = tmp_path / "d.docx"
    draft.write_bytes(_document_edited(flawed_draft.read_bytes(), remove))
    r = run("review", draft, "-o", tmp_path / "r.docx")
    assert "; 1 hand edit(s);" in r.stdout, r.stdout
    assert "hand edit, removed: Public IP registries show both addresses" in r.stdout
    reviewed = docx.Document(str(tmp_path / "r.docx"))
    comment = next(c for c in reviewed.comments if "HAND-EDITED" in c.text)
    assert "Removed by hand" in comment.text and "Public IP registries" in comment.text
    # Anchored on the paragraph that now follows the place where it was.
    assert anchored(reviewed)[comment.comment_id] == "Offences"


def test_a_draft_from_another_version_is_compared_and_says_so(flawed_draft: Path, tmp_path: Path):
    """A draft rendered by another version, whose wording differs from this one's: its own text is
    not a hand edit, and when there are hand edits the listing says differences may be the tool's."""
    from mla_writer.render.wordtext import body_paragraphs, fingerprint

    old_wording = "Persons concerned by this request"

    def older(root: etree._Element) -> None:
        _set_text(_paragraph_holding(root, "Persons concerned"), old_wording)

    data = _document_edited(flawed_draft.read_bytes(), older)
    name, part = _case_part(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        text = fingerprint([p.text for p in body_paragraphs(etree.fromstring(z.read("word/document.xml")))])
    part.set("version", "0.0.1")
    part.set("text-sha256", text)
    json = "".join(piece.text for piece in part)
    part.set("seal", seal_of("0.0.1", *(part.get(k) for k in ("languages", "as-of", "requests", "final")), text, json))
    data = _rezip(data, {name: etree.tostring(part)})
    as_rendered = tmp_path / "old.docx"
    as_rendered.write_bytes(data)
    r = run("review", as_rendered, "-o", tmp_path / "r1.docx")
    assert "; 0 hand edit(s);" in r.stdout and "note:" not in r.stdout

    def hand(root: etree._Element) -> None:
        _set_text(_paragraph_holding(root, "Public IP registries"), "Registries were not consulted.")

    edited = tmp_path / "edited.docx"
    edited.write_bytes(_document_edited(data, hand))
    r = run("review", edited, "-o", tmp_path / "r2.docx")
    assert "hand edit, changed: Registries were not consulted." in r.stdout
    assert f"hand edit, changed: {old_wording}" in r.stdout
    assert "note: the draft was rendered by mla-writer 0.0.1" in r.stdout


def test_a_draft_rendered_with_other_templates_says_its_differences_may_come_from_them(tmp_path: Path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    facts = templates / "partials" / "_facts.html.j2"
    facts.write_text(facts.read_text(encoding="utf-8").replace('_("Summary of the facts")', '"The facts"'),
                     encoding="utf-8")
    draft = tmp_path / "d.docx"
    r = run("render", examples.example_path(FLAWED), "-o", draft, "--templates", templates)
    assert r.returncode == 0, r.stderr
    r = run("review", draft, "-o", tmp_path / "r.docx")
    assert "; 0 hand edit(s);" in r.stdout  # the draft's text is as it was rendered
    document = docx.Document(str(draft))
    _paragraph(document, "Public IP registries").text = "Registries were not consulted."
    document.save(str(draft))
    r = run("review", draft, "-o", tmp_path / "r2.docx", "--force")
    assert "hand edit, changed: Registries were not consulted." in r.stdout
    assert "hand edit, changed: The facts (was: Summary of the facts)" in r.stdout
    assert "note: this mla-writer renders the case differently from the draft (was it rendered with other " \
           "templates?)" in r.stdout


def test_an_embedded_case_larger_than_a_case_file_may_be_is_refused():
    from mla_writer.render.package import Package

    json = '{"title": "' + "x" * (20 * 1024 * 1024) + '"}'
    root = etree.Element(f"{{{NS}}}case")
    for key, value in (("version", "0.1.0"), ("languages", "en"), ("as-of", ""), ("requests", '["R1"]'),
                       ("final", "false"), ("text-sha256", "0")):
        root.set(key, value)
    root.set("seal", seal_of("0.1.0", "en", "", '["R1"]', "false", "0", json))
    for at in range(0, len(json), 1_000_000):
        etree.SubElement(root, f"{{{NS}}}json").text = json[at:at + 1_000_000]
    with pytest.raises(DraftError, match="its embedded case is 20 MB; a case file is at most 20 MB"):
        read_embedded(Package({"customXml/item1.xml": etree.tostring(root)}))


def test_a_case_is_embedded_in_pieces_and_read_back_whole(monkeypatch: pytest.MonkeyPatch):
    from mla_writer.render import embed

    monkeypatch.setattr(embed, "CHUNK", 1000)
    data = rendered(FLAWED)
    _name, part = _case_part(data)
    assert len(part.findall(f"{{{NS}}}json")) > 5
    assert read_embedded(read_package(data)).case == examples.load_example(FLAWED)


# --- the documents of a package ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["sextortion-account-takeover", "threat-to-life-emergency"])  # a draft; a final
def test_each_document_of_a_package_is_reviewed_as_rendered_and_gives_the_whole_case(name: str, tmp_path: Path):
    """A package document holds some of the case's requests (and, for a final case, no DRAFT
    marking): `review` renders that same document again, so an untouched one shows no hand edit
    and an edited one exactly its edit; `import` of a draft gives the whole case, of a final
    document (the one sent abroad) the case with that document's requests alone."""
    package = tmp_path / "package"
    r = run("render", examples.example_path(name), "-o", f"{package}/")
    assert r.returncode == 0, r.stderr
    documents = sorted(p for p in package.glob("*.docx") if p.name != "review-sheet.docx")
    assert len(documents) == 2
    for i, document in enumerate(documents):
        r = run("review", document, "-o", tmp_path / f"reviewed-{i}.docx")
        assert r.returncode in (0, 1), r.stderr
        assert "; 0 hand edit(s);" in r.stdout, r.stdout
        out = tmp_path / f"case-{i}.json"
        r = run("import", document, "-o", out)
        assert r.returncode == 0, r.stderr
        case = examples.load_example(name)
        if case.status == "final":
            held = read_embedded(read_package(document.read_bytes())).requests
            assert 0 < len(held) < len(case.requests)
            assert sorted(r.id for r in load_case(out).requests) == sorted(held)
            case = case.model_copy(update={"requests": [r for r in case.requests if r.id in held]})
        assert load_case(out) == case

    # One paragraph of the document after the first (that of several requests where there is one),
    # edited by a script.
    draft = docx.Document(str(max(documents[1:], key=lambda d: d.name.count("+"))))
    cells = [p for t in draft.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    texts = [p.text for p in (*draft.paragraphs, *cells)]
    target = next(p for p in cells if len(p.text) > 40 and texts.count(p.text) == 1)
    before = target.text
    target.text = "Edited by hand: the reviewer rewrote this paragraph."
    edited = tmp_path / "edited.docx"
    draft.save(str(edited))
    r = run("review", edited, "-o", tmp_path / "reviewed-edited.docx")
    assert "; 1 hand edit(s);" in r.stdout, r.stdout
    assert "hand edit, changed: Edited by hand: the reviewer rewrote this paragraph. (was: " \
           f"{before[:20]}" in r.stdout

    r = run("review", package / "review-sheet.docx", "-o", tmp_path / "sheet.reviewed.docx")
    assert r.returncode == 2 and "carries no case" in r.stderr
    assert not (tmp_path / "sheet.reviewed.docx").exists()
