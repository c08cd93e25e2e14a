"""Texts that must carry substance: placeholders and boilerplate in the six languages, a few words
where a paragraph is needed, the same words for different items. Checked in the drafting language
and in every translation; warnings and advice, never errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from mla_writer import i18n, refdata
from mla_writer.checks import all_rules, run_checks
from mla_writer.checks.substance import normalized, placeholder_kind, words
from mla_writer.model import LANGUAGES, Offence

from .builders import CTX, EMERG, PRES, SUB, TRAF, clean_case

# (language, a pointer to an annex, a phrase that fits any case), as drafters write them.
PLACEHOLDERS = [
    ("en", "See annex.", "Relevant."),
    ("en", "Please refer to the annex 2 for details.", "Necessary for the investigation."),
    ("fr", "Voir annexe.", "Pertinent."),
    ("fr", "Cf. l'annexe n° 3", "Nécessaire à l'enquête."),
    ("es", "Véase el anexo.", "Pertinente."),
    ("es", "Ver documento adjunto", "Necesario para la investigación."),
    ("ru", "См. приложение.", "Относится к делу."),
    ("ru", "То же для второго счёта.", "Необходимо для расследования."),
    ("zh", "见附件。", "与本案有关。"),
    ("zh", "详见附件三。", "调查需要。"),
    ("ar", "انظر المرفق.", "ذو صلة."),
    ("ar", "انظُر المُرفق رقم 2", "ضروري للتحقيق."),
]

# Real texts of the kind the rule must leave alone, in each language.
SUBSTANCE = [
    "The account sent the false change-of-bank-details e-mail; its login history should show who used it.",
    "See annex 3 for the bank statements. In short: on 3 March the company paid EUR 50,000 to an account "
    "opened in the name of a supplier that never asked for it.",
    "Le compte a envoyé le faux courriel ; l'historique des connexions doit montrer qui l'utilisait.",
    "La cuenta envió el correo falso; su historial de conexiones debe mostrar quién la utilizaba.",
    "С этого адреса был отправлен поддельный счет; журнал входов покажет, кто пользовался ящиком.",
    "该账户发送了伪造的更改银行信息的电子邮件；其登录记录应能显示使用者。",
    "أرسل الحساب البريد الإلكتروني المزوَّر؛ ويُفترض أن يبيِّن سجل الدخول من كان يستعمله.",
]


def findings(case, code):
    return [f for f in run_checks(case, CTX) if f.code == code]


@pytest.mark.parametrize(("lang", "pointer", "generic"), PLACEHOLDERS, ids=[f"{p[0]}-{p[1]}" for p in PLACEHOLDERS])
def test_placeholders_are_recognised_in_each_language(lang, pointer, generic):
    assert placeholder_kind(pointer) == "refers", pointer
    assert placeholder_kind(generic) == "generic", generic


@pytest.mark.parametrize("text", SUBSTANCE)
def test_real_content_is_not_a_placeholder(text):
    assert placeholder_kind(text) is None


@pytest.mark.parametrize("text", ["...", "-", "?", "—"])
def test_a_text_with_no_word_at_all_is_a_placeholder(text):
    assert placeholder_kind(text) == "generic"


def test_every_document_language_has_phrases_of_both_kinds():
    phrases = refdata.placeholder_phrases()
    assert set(phrases) == set(LANGUAGES)
    for lang, entry in phrases.items():
        assert entry.refers and entry.generic, lang


def test_phrases_are_compared_without_case_accents_or_punctuation():
    assert normalized("VÉASE el Anexo!") == "vease el anexo"
    assert normalized("Voir l'annexe.") == "voir l annexe"
    assert normalized("انظُرْ المُرفق") == "انظر المرفق"
    assert normalized("См. приложение №1") == "см приложение no1"


def test_han_characters_count_as_part_of_a_word():
    assert words("该账户发送了伪造的电子邮件。") == pytest.approx(13 / 1.5)
    assert words("The sender's e-mail.") == 4


def test_facts_replaced_by_a_pointer_are_found_at_their_path():
    case = clean_case()
    case.facts.summary.text = "See annex."
    [f] = findings(case, "TEXT-PLACEHOLDER")
    assert f.path == "facts.summary" and f.severity == "warning"
    assert f.message.startswith("Summary of the facts: “See annex.” points to an annex")
    for lang in LANGUAGES:  # the field named as the wizard names it, in each language
        assert f.message_in(lang).startswith(i18n.translations(lang).gettext("Summary of the facts"))


def test_a_translation_is_checked_too():
    case = clean_case()
    case.languages = ["en", "fr"]
    case.facts.summary.translations["fr"] = "Voir annexe."
    case.requests[SUB].items[0].nexus.translations["fr"] = "Pertinent."
    paths = {f.path for f in findings(case, "TEXT-PLACEHOLDER")}
    assert paths == {"facts.summary.translations.fr", f"requests[{SUB}].items[0].nexus.translations.fr"}


@pytest.mark.parametrize(("where", "path"), [
    (lambda c: c.requests[PRES].necessity, f"requests[{PRES}].necessity"),
    (lambda c: c.requests[EMERG].threat, f"requests[{EMERG}].threat"),
    (lambda c: c.requests[EMERG].why_urgent, f"requests[{EMERG}].why_urgent"),
    (lambda c: c.requests[3].least_intrusive, "requests[3].least_intrusive"),
    (lambda c: c.urgency.reasons, "urgency.reasons"),
    (lambda c: c.offences[0].dual_criminality, "offences[0].dual_criminality"),
    (lambda c: c.purpose, "purpose"),
], ids=["necessity", "threat", "why urgent", "least intrusive", "urgency", "dual criminality", "purpose"])
def test_every_text_that_must_carry_substance_is_checked(where, path):
    case = clean_case()
    where(case).text = "Necessary."
    assert [f.path for f in findings(case, "TEXT-PLACEHOLDER")] == [path]


def test_a_short_text_is_advice_and_a_placeholder_is_not_also_short():
    case = clean_case()
    case.requests[SUB].items[0].nexus.text = "The sender's address."
    [f] = findings(case, "TEXT-TOO-SHORT")
    assert f.severity == "advice" and f.path == f"requests[{SUB}].items[0].nexus"
    assert "(words: 3; at least 5 expected)" in f.message
    case.requests[SUB].items[0].nexus.text = "See annex."
    assert not findings(case, "TEXT-TOO-SHORT")


def test_a_short_translation_is_found_only_when_the_original_says_enough():
    case = clean_case()
    case.languages = ["en", "zh"]
    nexus = case.requests[SUB].items[0].nexus
    nexus.translations["zh"] = "发件地址。"  # 4 characters for a 9-word original: words were lost
    assert [f.path for f in findings(case, "TEXT-TOO-SHORT")] == [f"requests[{SUB}].items[0].nexus.translations.zh"]
    nexus.translations["zh"] = "发送欺诈电子邮件所使用的地址。"
    assert not findings(case, "TEXT-TOO-SHORT")


def test_the_same_link_for_two_different_identifiers_is_found_once():
    case = clean_case()
    case.requests[TRAF].items[0].nexus.text = case.requests[SUB].items[0].nexus.text
    [f] = findings(case, "TEXT-REPEATED")
    assert f.path == f"requests[{TRAF}].items[0].nexus" and f.severity == "advice"
    assert "the same text is given for item 1 of request R2" in f.message


def test_one_link_shared_by_many_identifiers_is_one_finding_with_the_count():
    """A botnet request giving one text for hundreds of addresses: one advice, not one per row."""
    from benchmarks.bigcase import make_case
    from mla_writer.model import Case

    data = make_case(300)
    items = data["requests"][0]["items"]
    for item in items:
        item["nexus"] = items[0]["nexus"]
    [f] = findings(Case.model_validate(data), "TEXT-REPEATED")
    assert f.path == "requests[0].items[1].nexus"
    assert "the same text is given for item 1 of request R1 and for other items or offences (300 in all)" in f.message


def test_the_same_link_for_the_same_identifier_in_two_requests_is_fine():
    case = clean_case()  # the mailbox is in the preservation (R1) and the content request (R4)
    case.requests[3].items[0].nexus.text = case.requests[PRES].items[0].nexus.text
    assert not findings(case, "TEXT-REPEATED")


def test_the_same_dual_criminality_note_for_two_offences_is_found():
    case = clean_case()
    note = case.offences[0].dual_criminality.text
    case.offences.append(Offence(name="Money laundering", provision="Criminal Code, art. 324-1",
                                 max_penalty="5 years' imprisonment", dual_criminality=note))
    [f] = findings(case, "TEXT-REPEATED")
    assert f.path == "offences[1].dual_criminality" and "offence 1" in f.message


def test_substance_findings_are_never_errors():
    for r in all_rules():
        if r.theme == "substance":
            assert r.severity in ("warning", "advice"), r.code


def test_a_bad_phrase_file_names_the_file_and_the_key(tmp_path: Path):
    bad = tmp_path / "placeholders.toml"
    bad.write_text('source = "test"\nas_of = 2026-12-10\n[en]\nrefers = ["see annex", " "]\ngeneric = ["x"]\n',
                   encoding="utf-8")
    with pytest.raises(refdata.RefDataError, match=r"placeholders.toml: en.refers: .*empty phrase"):
        refdata.load_placeholder_phrases(bad)
    bad.write_text('source = "test"\nas_of = 2026-12-10\n[de]\nrefers = ["siehe Anlage"]\ngeneric = ["x"]\n',
                   encoding="utf-8")
    with pytest.raises(refdata.RefDataError, match=r"placeholders.toml: de.lang: .*not a document language"):
        refdata.load_placeholder_phrases(bad)
