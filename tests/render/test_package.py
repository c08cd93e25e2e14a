"""The package `render -o FOLDER/` writes, read back from disk: one request document per
addressee and channel, named for what it holds, and a review sheet with the findings, the
checklist and the SHA-256 of each request document. Request documents hold nothing that belongs
to the tool or the reviewer (finding codes, field paths, internal notes), and once the case is
final neither the DRAFT marking nor the fingerprint."""

from __future__ import annotations

import copy
import hashlib
import re
from functools import cache
from pathlib import Path

import docx
import pytest
from test_public_references import BRIEF, SEED  # tests/: what may never be cited

from mla_writer import examples, i18n
from mla_writer.checks import Context, all_rules, run_checks
from mla_writer.model import Case
from mla_writer.render import REVIEW_SHEET, write_package

from .cases import REQUESTS, case_data, findings, make_case
from .readback import visible_text

ALL_EXAMPLES = examples.example_names()
CODES = {r.code for r in all_rules()}
# A case path as findings give it: requests[1].items[0], legal_bases[1].citation, facts.summary.
FIELD_PATH = re.compile(r"\b[a-z_]+\[\d+\]|\b(?:facts|proceedings|requesting|requested|urgency|delivery|"
                        r"safeguards|confidentiality|signature)\.[a-z_]+")
# The project's internal notes, as tests/test_public_references.py spots them ("a brief summary" is English).
INTERNAL = re.compile(f"{BRIEF.pattern}|{SEED.pattern}", re.IGNORECASE)


def _text(path: Path) -> str:
    """Everything a reader of the file sees: body, headers and footers."""
    document = docx.Document(str(path))
    parts = [visible_text(document)]
    for section in document.sections:
        for story in (section.header, section.footer):
            parts += [p.text for p in story.paragraphs]
            parts += [c.text for t in story.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def _tr(lang: str, msgid: str) -> str:
    return i18n.translations(lang).gettext(msgid)


def _example_package(name: str, folder: Path) -> list[Path]:
    case = examples.load_example(name)
    today = examples.check_date(case)
    return write_package(case, folder / name, languages=list(case.languages),
                         findings=run_checks(case, Context(today=today)), today=today)


@cache
def _package_of(name: str, root: str) -> tuple[Path, ...]:
    return tuple(_example_package(name, Path(root)))


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("packages"))


# ------------------------------------------------------------------ one document per addressee

def test_a_multi_request_case_gives_one_document_per_addressee_and_a_review_sheet(root):
    paths = _package_of("sextortion-account-takeover", root)
    assert [p.name for p in paths] == [
        "R1-preservation-GB-ar-en.docx",  # to the provider directly
        "R2+R3+R4-subscriber+traffic+content-GB-ar-en.docx",  # the three to the central authority
        REVIEW_SHEET,
    ]
    case = examples.load_example("sextortion-account-takeover")
    by_id = {r.id: r for r in case.requests}
    provider, central = (_text(p) for p in paths[:2])
    assert by_id["R1"].addressee.text in provider and by_id["R2"].addressee.text not in provider
    assert by_id["R2"].addressee.text in central and by_id["R1"].addressee.text not in central
    assert len(docx.Document(str(paths[0])).sections) == 1
    assert len(docx.Document(str(paths[1])).sections) == 3  # one section per request
    for p in paths:
        assert p.stat().st_mode & 0o777 == 0o600


def test_requests_to_different_channels_get_documents_of_their_own(root):
    paths = _package_of("threat-to-life-emergency", root)
    assert [p.name for p in paths] == ["R1-emergency-US-fr-en.docx", "R2-preservation-US-fr-en.docx", REVIEW_SHEET]


def test_each_document_cites_only_the_legal_bases_of_its_own_requests(root):
    """threat-to-life-emergency: R1 to the provider relies on the provider's own law only, R2 to
    the 24/7 point on Budapest arts. 29 and 35."""
    emergency, preservation, _sheet = (_text(p) for p in _package_of("threat-to-life-emergency", root))
    assert "2702" in emergency and "2702" not in preservation
    budapest = _tr("en", "Convention on Cybercrime")
    assert budapest in preservation and budapest not in emergency


# ------------------------------------------------------------------ the review sheet

def test_the_review_sheet_lists_every_finding_the_checklist_and_each_documents_sha256(root):
    name = "flawed-wrong-provider-and-treaty"
    paths = _package_of(name, root)
    sheet = paths[-1]
    assert sheet.name == REVIEW_SHEET
    text = _text(sheet)
    key = examples.answer_key(name)
    assert key is not None and key.findings
    for code, path in key.findings:
        assert code in text and path in text
    case = examples.load_example(name)
    lang = case.drafting_language
    assert _tr(lang, "Checklist for the central authority") in text
    assert docx.Document(str(sheet)).element.body.xml.count("<w14:checkbox>") == 19
    for p in paths[:-1]:
        assert p.name in text
        assert hashlib.sha256(p.read_bytes()).hexdigest() in text


def test_references_in_the_review_sheet_are_public_documents(root):
    """The findings' references name treaties and UN documents, never internal notes."""
    text = _text(_package_of("flawed-preservation-missing-elements", root)[-1])
    assert _tr("en", "Reference:") in text or _tr("fr", "Reference:") in text
    assert not INTERNAL.search(text)


# ------------------------------------------------------------------ nothing tool-internal

@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_request_documents_hold_no_code_no_field_path_no_internal_note(root, name):
    paths = _package_of(name, root)
    assert paths[-1].name == REVIEW_SHEET
    case = examples.load_example(name)
    assert len(paths) - 1 == len({(r.channel, " ".join(r.addressee.text.split()).casefold() or r.id)
                                  for r in case.requests})
    for p in paths[:-1]:
        text = _text(p)
        words = set(re.findall(r"[A-Z0-9]+(?:-[A-Z0-9]+)+", text))
        assert not words & CODES, f"{p.name}: finding codes {sorted(words & CODES)}"
        assert not FIELD_PATH.search(text), f"{p.name}: field path {FIELD_PATH.search(text).group(0)!r}"
        assert not INTERNAL.search(text), f"{p.name}: {INTERNAL.search(text).group(0)!r}"
        assert "<w14:checkbox>" not in docx.Document(str(p)).element.body.xml, f"{p.name}: a checklist"


# ------------------------------------------------------------------ final documents

def _headers_and_footers(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(p.text for s in document.sections for story in (s.header, s.footer)
                     for t in story.tables for row in t.rows for c in row.cells for p in c.paragraphs)


def test_a_final_case_has_neither_draft_marking_nor_fingerprint(tmp_path):
    draft = make_case("preservation")
    final = make_case("preservation", status="final")
    [draft_doc, _] = write_package(draft, tmp_path / "draft", languages=["en", "fr"], findings=findings(draft))
    [final_doc, final_sheet] = write_package(final, tmp_path / "final", languages=["en", "fr"],
                                             findings=findings(final))
    marks = [_tr(lang, m) for lang in ("en", "fr") for m in ("DRAFT", "Fingerprint:")]
    assert all(m in _headers_and_footers(draft_doc) for m in marks)
    assert not any(m in _text(final_doc) for m in marks)
    # The review sheet keeps the case's fingerprint: it tells the reviewer which version it is.
    assert _tr("en", "Fingerprint of the case data:") in _text(final_sheet)


def test_final_can_be_asked_for_a_draft_case(tmp_path):
    case = make_case("traffic")
    [document, _] = write_package(case, tmp_path / "p", languages=["en", "fr"], findings=findings(case), final=True)
    assert _tr("en", "DRAFT") not in _text(document) and _tr("fr", "DRAFT") not in _text(document)


# ------------------------------------------------------------------ UNTOC art. 18(15)

UNTOC_B_E_F = ("Fraud investigation", "Public Prosecutor, Example Court", "Unknown user", "To identify the offender.")


@pytest.mark.parametrize("kind", ["preservation", "emergency"])
def test_a_request_through_a_central_authority_carries_untoc_18_15_b_e_f(tmp_path, kind):
    """(b) the subject and nature of the proceedings and the authority conducting them, (e) the
    persons concerned, (f) the purpose, whatever the kind of request."""
    data = case_data(kind)
    data["requests"][0]["channel"] = "mla"
    case = Case.model_validate(data)
    [document, _] = write_package(case, tmp_path / "p", languages=["en", "fr"], findings=findings(case))
    text = _text(document)
    for value in UNTOC_B_E_F:
        assert value in text, value
    for heading in ("Proceedings", "Persons concerned", "Purpose of the request"):
        assert _tr("en", heading) in text and _tr("fr", heading) in text
    assert "Enquête pour escroquerie" in text and "Identifier l'auteur." in text


@pytest.mark.parametrize("kind", ["preservation", "emergency"])
def test_through_the_24_7_network_the_request_stays_short(tmp_path, kind):
    case = make_case(kind)
    assert case.requests[0].channel == "24_7"
    [document, _] = write_package(case, tmp_path / "p", languages=["en"], findings=findings(case))
    text = _text(document)
    assert "Unknown user" not in text and "To identify the offender." not in text


# ------------------------------------------------------------------ values never given

def test_a_stage_period_or_harm_never_given_is_to_be_completed(tmp_path):
    """The model's defaults (investigation, 90 days, death) are not the drafter's choice: a
    document that printed them would state facts nobody gave."""
    data = case_data("preservation")
    del data["proceedings"]["stage"]
    del data["requests"][0]["period_days"]
    data["requests"].append(copy.deepcopy(REQUESTS["emergency"]) | {"id": "R2", "channel": "mla"})
    del data["requests"][1]["harm"]
    case = Case.model_validate(data)
    paths = write_package(case, tmp_path / "p", languages=["en"], findings=findings(case))
    preservation, emergency = (_text(p) for p in paths[:2])
    missing = _tr("en", "[to be completed]")
    assert f"{_tr('en', 'Period of preservation:')} {missing}" in preservation
    assert "preserved for 90 days" not in preservation
    assert f"{_tr('en', 'Stage of the proceedings:')} {missing}" in emergency
    assert "This request concerns [to be completed]." in emergency
    given = case_data("preservation")
    given["requests"].append(copy.deepcopy(REQUESTS["emergency"]) | {"id": "R2", "channel": "mla"})
    paths = write_package(Case.model_validate(given), tmp_path / "q", languages=["en"])
    assert "preserved for 90 days" in _text(paths[0])
    assert "This request concerns an imminent risk to life." in _text(paths[1])
    assert f"{_tr('en', 'Stage of the proceedings:')} criminal investigation" in _text(paths[1])


# ------------------------------------------------------------------ a large case

def test_a_forty_request_case_renders_to_a_package(tmp_path):
    data = case_data("subscriber")
    kinds = ["preservation", "subscriber", "traffic", "content", "emergency"]
    addressees = ["Central Authority of Exampleland", "ExampleMail Ltd., Law Enforcement Response",
                  "24/7 point of contact of Exampleland"]
    data["requests"] = []
    for i in range(40):
        request = copy.deepcopy(REQUESTS[kinds[i % 5]])
        request |= {"id": f"R{i + 1}", "addressee": addressees[i % 3],
                    "channel": ("mla", "provider_direct", "24_7")[i % 3]}
        data["requests"].append(request)
    case = Case.model_validate(data)
    paths = write_package(case, tmp_path / "big", languages=["en", "fr"], findings=findings(case))
    assert len(paths) == 3 + 1
    assert paths[0].name.startswith("R1+R4+R7+") and "-IE-en-fr" in paths[0].name
    assert sum(len(docx.Document(str(p)).sections) for p in paths[:-1]) == 40
    assert len(paths[0].name.encode()) <= 255
