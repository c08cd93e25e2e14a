"""Who a person or a unit is prints in each column's language: a person's description after the
name, a cybercrime unit or contact named by its function as its translated organisation or role."""

from __future__ import annotations

from mla_writer.model import Contact, Person, Text
from mla_writer.render import render_bytes

from .cases import make_case
from .test_target_language import column_text


def _both(case: object) -> tuple[str, str]:
    data = render_bytes(case, languages=["en", "fr"])  # type: ignore[arg-type]
    return column_text(data, "en"), column_text(data, "fr")


def test_a_persons_description_prints_after_the_name_in_each_language() -> None:
    case = make_case("subscriber")
    case.persons = [Person(role="suspect", name="Jean Martin",
                           description=Text(text="owner of the account",
                                            translations={"fr": "titulaire du compte"}))]
    en, fr = _both(case)
    assert "Jean Martin, owner of the account" in en
    assert "Jean Martin, titulaire du compte" in fr
    assert "owner of the account" not in fr


def test_an_unnamed_person_prints_its_description_alone() -> None:
    case = make_case("subscriber")
    case.persons = [Person(role="suspect", description=Text(text="unknown user of the account",
                                                            translations={"fr": "utilisateur inconnu du compte"}))]
    en, fr = _both(case)
    assert "utilisateur inconnu du compte" in fr and "unknown user" not in fr
    assert "unknown user of the account" in en


def test_a_unit_named_by_its_organisation_prints_it_translated() -> None:
    case = make_case("subscriber")
    case.requesting.cybercrime_unit = Contact(
        organisation=Text(text="Cyber branch, Rhône police", translations={"fr": "Antenne cyber, police du Rhône"}),
        email="cyber@police.example.org")
    case.contacts = [Contact(role=Text(text="Duty officer", translations={"fr": "Officier de permanence"}),
                             phone="+33 1 00 00 00 47")]
    en, fr = _both(case)
    assert "Antenne cyber, police du Rhône" in fr and "Cyber branch" not in fr
    assert "Cyber branch, Rhône police" in en
    assert "Officier de permanence" in fr and "Duty officer" not in fr
