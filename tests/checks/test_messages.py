"""Findings speak the six languages, in plain words.

Every rule's summary and fix, and every specific message a rule yields, is a catalog message
translated in all six languages; said in any of them, a finding names fields, languages,
countries and kinds in words, never by a key of the case file or a stored code.
"""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path
from typing import Literal, get_args, get_origin

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from pydantic import BaseModel

from mla_writer import cli, i18n, model
from mla_writer.checks import all_rules, run_checks
from mla_writer.examples import list_examples, load_example

from .builders import CTX, clean_case
from .test_rules import ROWS

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _check_messages() -> set[str]:
    """Every string the check modules mark for the catalog."""
    found = extract_from_dir(str(ROOT / "mla_writer" / "checks"), [("**.py", "python")],
                             keywords=dict(DEFAULT_KEYWORDS, N_=None))
    return {msg for _file, _line, msg, _comments, _context in found if msg}


MESSAGES = _check_messages()


def _catalog(lang: str):
    with (ROOT / "locales" / lang / "LC_MESSAGES" / "mla_writer.po").open("rb") as fh:
        return read_po(fh)


def _keys_and_codes() -> set[str]:
    """Field names and stored codes of the model that a reader should never see: those written
    with an underscore (technical_review_done, court_order, point_of_contact_24_7)."""
    out: set[str] = set()
    seen: set[type] = set()

    def visit(annotation: object) -> None:
        if get_origin(annotation) is Literal:
            out.update(str(v) for v in get_args(annotation) if "_" in str(v))
        for arg in get_args(annotation):
            visit(arg)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation not in seen:
            seen.add(annotation)
            for name, hint in typing.get_type_hints(annotation, include_extras=True).items():
                if name in annotation.model_fields:
                    if "_" in name:
                        out.add(name)
                    visit(hint)

    visit(model.Case)
    return out


RAW = _keys_and_codes()
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def _raw_words(text: str) -> set[str]:
    return {w for w in SNAKE.findall(text)} | {w for w in re.findall(r"\b\w+\b", text) if w in RAW}


def test_the_model_gives_keys_to_look_for():
    assert {"technical_review_done", "follow_up_planned", "court_order", "point_of_contact_24_7"} <= RAW


def test_every_rule_summary_and_fix_is_a_catalog_message():
    for r in all_rules():
        assert r.summary in MESSAGES, f"{r.code}: mark the summary with N_()"
        assert r.message in MESSAGES, f"{r.code}: mark the message with N_()"


def test_no_message_names_a_key_of_the_case_file():
    bad = {m: _raw_words(m) for m in MESSAGES if _raw_words(m)}
    assert not bad, f"say what the field is called in the wizard, not its key: {bad}"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_check_message_is_translated(lang):
    catalog = _catalog(lang)
    missing = [m for m in MESSAGES
               if catalog.get(m) is None or not catalog.get(m).string or catalog.get(m).fuzzy
               or (lang != "en" and catalog.get(m).string == m)]
    assert not missing, f"{lang}: {len(missing)} check messages untranslated, e.g. {missing[:2]}"
    for m in MESSAGES:
        assert set(PLACEHOLDER.findall(catalog.get(m).string)) == set(PLACEHOLDER.findall(m)), (lang, m)


def _findings_to_say():
    """One finding of every rule (a case broken for it), and everything the examples raise."""
    out = []
    for row in ROWS:
        case = clean_case()
        row.breaks(case)
        out += [f for f in run_checks(case, CTX) if f.code == row.code][:1]
    for info in list_examples():
        out += run_checks(load_example(info.name), CTX)
    return out


FINDINGS = _findings_to_say()


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_findings_said_in_each_language_name_things_in_words(lang):
    assert {f.code for f in FINDINGS} >= {r.code for r in all_rules()}
    for f in FINDINGS:
        said = f.message_in(lang)
        assert said.strip() and "%(" not in said, (f.code, said)
        assert not _raw_words(said) - _raw_words(f.path), (f.code, lang, said)
        if lang != "en":
            assert said != f.message, f"{f.code}: {said!r} is not translated into {lang}"


def test_a_language_is_named_in_the_language_of_the_message():
    case = clean_case()
    case.languages = ["en", "fr"]
    [f] = [f for f in run_checks(case, CTX)
           if f.code == "TEXT-NOT-TRANSLATED" and f.path == "facts.summary.translations.fr"]
    assert "French, the document's other language" in f.message
    assert "français" in f.message_in("fr") and "'fr'" not in f.message_in("fr")
    assert "французский" in f.message_in("ru")


def test_check_speaks_the_language_asked_for(case_file, capsys):
    # The example relying on Budapest art. 29, which Ireland (the requested State) has only
    # signed, and on the requested State's law without naming it.
    path = case_file(lambda d: d.update(legal_bases=[{"basis": "budapest-29", "articles": "Article 29"},
                                                   {"basis": "domestic-requested"}]))
    cli.main(["check", str(path), "--format", "json", "--language", "fr", "--today", "2026-03-20"])
    out = json.loads(capsys.readouterr().out)
    assert out["language"] == "fr"
    by_code = {f["code"]: f for f in out["findings"]}
    assert by_code["LEGAL-CITATION-NEEDED"]["message"].startswith(
        "Pour la base suivante : Droit interne de l'État requis, indiquez la disposition invoquée")
    assert "L'État requis (Irlande) a seulement signé" in by_code["TREATY-NOT-PARTY"]["message"]
    cli.main(["check", str(path), "--language", "zh", "--today", "2026-03-20"])
    assert "被请求国（爱尔兰）" in capsys.readouterr().out


def test_check_refuses_a_language_it_does_not_speak(example_path, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["check", str(example_path), "--language", "de"])
    assert e.value.code == 2
    assert "'de': give one of ar,en,es,fr,ru,zh" in capsys.readouterr().err


def test_rules_lists_summary_and_fix_in_the_language_asked_for(capsys):
    assert cli.main(["rules", "--format", "json", "--language", "es"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["language"] == "es"
    tech = next(r for r in out["rules"] if r["code"] == "TECH-REVIEW-NOT-DONE")
    assert tech["summary"] == "La unidad de ciberdelincuencia no ha revisado la solicitud"
    assert "technical_review_done" not in tech["fix"] and tech["fix"].startswith("Pida a la unidad")
    assert {"code", "severity", "summary", "reference", "fix"} <= set(tech)
