"""Cases with many identifiers (benchmarks.bigcase): a sound document however long the table,
and over the threshold a spreadsheet annex holding every identifier, the document a summary."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree

from benchmarks.bigcase import make_case
from mla_writer.model import Case
from mla_writer.render import package_names, render_bytes, render_docx, write_package
from mla_writer.render.spreadsheet import SUMMARY_ROWS, THRESHOLD, annex_name, annexes

from .readback import all_text, open_docx, part_xml

TODAY = dt.date(2026, 10, 1)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _case(identifiers: int, requests: int = 1) -> Case:
    return Case.model_validate(make_case(identifiers, requests))


def _render(case: Case) -> bytes:
    return render_bytes(case, languages=list(case.languages), today=TODAY)


def _identifier_rows(data: bytes) -> list[str]:
    """The identifier cells of the document's identifiers tables (the third column)."""
    root = etree.fromstring(part_xml(data, "word/document.xml").encode("utf-8"))
    rows = []
    for tbl in root.iter(f"{W}tbl"):
        trs = tbl.findall(f"{W}tr")
        if not trs or "Date and time of use" not in "".join(t.text or "" for t in trs[0].iter(f"{W}t")):
            continue
        for tr in trs[1:]:
            cell = tr.findall(f"{W}tc")[2]
            rows.append("".join(t.text or "" for t in cell.iter(f"{W}t")))
    return rows


def test_a_table_at_the_threshold_is_whole_and_well_formed():
    """Longer than the builder's flush size: every row written, in order, inside its table."""
    case = _case(THRESHOLD)
    data = _render(case)
    rows = _identifier_rows(data)  # parses document.xml: a misplaced flush breaks the XML
    addresses = [i.identifier.address for i in case.requests[0].items]
    assert len(rows) == THRESHOLD
    assert all(r.startswith(a) for r, a in zip(rows, addresses, strict=True))
    assert not annexes(case, case.languages, when=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))


def test_over_the_threshold_the_identifiers_go_to_a_spreadsheet_annex(tmp_path):
    import openpyxl

    count = THRESHOLD + 50
    case = _case(count, 2)  # 125 each: no annex for either request
    assert not annexes(case, case.languages, when=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    case = _case(count)
    out = render_docx(case, tmp_path / "request.docx", languages=list(case.languages), today=TODAY)
    sheet = tmp_path / annex_name("R1")
    assert sheet.is_file() and oct(sheet.stat().st_mode & 0o777) == "0o600"
    data = out.read_bytes()
    assert len(_identifier_rows(data)) == SUMMARY_ROWS
    text = " ".join(all_text(open_docx(data)).split())
    assert f"This request concerns {count} identifiers" in text and "R1-identifiers.xlsx" in text
    assert f"Items {SUMMARY_ROWS + 1} to {count}: as listed in the spreadsheet annex R1-identifiers.xlsx" in text
    ws = openpyxl.load_workbook(sheet).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == count + 1
    first = case.requests[0].items[0].identifier
    assert rows[1][:4] == (1, rows[1][1], first.address, first.port)
    assert rows[1][4] == first.timestamp.isoformat(sep=" ") and rows[1][5] == first.timezone
    assert rows[1][6] == first.utc().strftime("%Y-%m-%d %H:%M:%S")
    assert [r[2] for r in rows[1:]] == [i.identifier.address for i in case.requests[0].items]
    assert "Identifier" in rows[0][2]


def test_the_annex_is_the_same_bytes_each_time():
    case = _case(THRESHOLD + 1)
    when = dt.datetime(2026, 10, 20, tzinfo=dt.UTC)
    first = annexes(case, case.languages, when=when)
    assert first == annexes(case, case.languages, when=when)
    with zipfile.ZipFile(io.BytesIO(first[annex_name("R1")])) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2026-10-20T00:00:00Z" in core and "mla-writer" in core


def test_render_names_the_annex_and_refuses_to_replace_it_before_rendering(tmp_path, capsys):
    import json

    from mla_writer.cli import main

    case = tmp_path / "case.json"
    case.write_text(json.dumps(make_case(THRESHOLD + 1)), "utf-8")
    assert main(["render", str(case), "-o", str(tmp_path / "a.docx"), "--today", TODAY.isoformat()]) == 0
    assert f"wrote {tmp_path / annex_name('R1')}" in capsys.readouterr().out
    assert main(["render", str(case), "-o", str(tmp_path / "b.docx"), "--today", TODAY.isoformat()]) == 2
    assert "R1-identifiers.xlsx: already exists; use --force" in capsys.readouterr().err
    assert not (tmp_path / "b.docx").exists()
    assert main(["render", str(case), "-o", str(tmp_path / "b.docx"), "--force", "--today", TODAY.isoformat()]) == 0


def test_the_package_holds_each_annex_beside_the_document_that_names_it(tmp_path, capsys):
    """`render -o FOLDER/`: the annex is written into the package folder, after the request
    document naming it; an annex already there refuses the whole package before any writing."""
    import json

    from mla_writer.cli import main

    case = _case(THRESHOLD + 1)
    names = package_names(case, list(case.languages))
    assert names[1] == annex_name("R1") and names[0].endswith(".docx") and names[-1] == "review-sheet.docx"
    written = write_package(case, tmp_path / "pkg", languages=list(case.languages), today=TODAY)
    assert [p.name for p in written] == names
    text = " ".join(all_text(open_docx(written[0].read_bytes())).split())
    assert "spreadsheet annex R1-identifiers.xlsx" in text

    file = tmp_path / "case.json"
    file.write_text(json.dumps(make_case(THRESHOLD + 1)), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / annex_name("R1")).write_bytes(b"kept")
    assert main(["render", str(file), "-o", f"{out}/", "--today", TODAY.isoformat()]) == 2
    assert "R1-identifiers.xlsx: already exists; nothing was written" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == [annex_name("R1")]
    assert (out / annex_name("R1")).read_bytes() == b"kept"
    assert main(["render", str(file), "-o", f"{out}/", "--force", "--today", TODAY.isoformat()]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(names)


def test_a_request_id_a_spreadsheet_refuses_as_a_sheet_name_still_gives_its_annex(tmp_path):
    """Excel refuses / \\ : * ? [ ] in a sheet's name and more than 31 characters: a request id
    is the user's own label (R1/2, "R[urgent]"), so the sheet takes a safe form of it."""
    import openpyxl

    data = make_case(THRESHOLD + 1, 1)
    data["requests"][0]["id"] = "R1/2 [urgent]: preservation of the logs*?"
    case = Case.model_validate(data)
    out = render_docx(case, tmp_path / "request.docx", languages=list(case.languages), today=TODAY)
    assert out.is_file()
    sheet = tmp_path / annex_name(case.requests[0].id)
    workbook = openpyxl.load_workbook(sheet)
    title = workbook.active.title
    assert len(title) <= 31 and not set(title) & set("/\\:*?[]"), title
    assert title.startswith("R1_2")
    assert len(list(workbook.active.iter_rows(values_only=True))) == THRESHOLD + 2
