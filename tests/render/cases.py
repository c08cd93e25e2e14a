"""Small invented cases, one per request kind, built for the render tests.

They use documentation IP addresses, example.* domains and invented names only. Every free text
has a French translation so that "translation pending" appears only where a test wants it.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from mla_writer.checks import Context, run_checks
from mla_writer.model import Case

TODAY = dt.date(2026, 4, 15)
CTX = Context(today=TODAY)
KINDS = ("preservation", "subscriber", "traffic", "content", "emergency")
LANGS = ("ar", "en", "es", "fr", "ru", "zh")

FACTS = ("On 3 March 2026 a company in Lyon received a forged invoice by e-mail and paid\n"
         "EUR 12,500 into an account controlled by the offenders.")
NEXUS = "The mailbox sent the forged invoice."


def text(en: str, fr: str | None = None) -> dict[str, Any]:
    return {"text": en, "translations": {"fr": fr} if fr else {}}


BASE: dict[str, Any] = {
    "reference": "TEST-2026-001",
    "title": "Forged invoice",
    "status": "draft",
    "date": "2026-03-20",
    "classification": "CONFIDENTIAL",
    "drafting_language": "en",
    "languages": ["en", "fr"],
    "requesting": {
        "state": "FR",
        "authority": {"name": text("Public Prosecutor, Example Court", "Procureur de la République, tribunal d'exemple"),
                      "kind": "prosecutor",
                      "address": "1 rue de l'Exemple, 69000 Lyon",
                      "competence": text("Code of Criminal Procedure, art. 41", "Code de procédure pénale, art. 41"),
                      "reference": "PARQ-26-001"},
        "case_officer": {"name": "Inspector Ada Example", "phone": "+33 6 12 34 56 78",
                         "email": "ada.example@police.example.org", "available_24_7": True},
    },
    "requested": {"state": "IE", "authority": {"name": text("Central Authority of Exampleland", "Autorité centrale d'Exampleland"),
                                               "kind": "central_authority"}},
    "legal_bases": [{"basis": "budapest-29", "articles": text("Article 29", "Article 29")}],
    "proceedings": {"stage": "investigation", "subject": text("Fraud investigation", "Enquête pour escroquerie"),
                    "conducting_authority": text("Public Prosecutor, Example Court",
                                                 "Procureur de la République, tribunal d'exemple")},
    "facts": {"summary": text(FACTS, "Le 3 mars 2026, une société lyonnaise a reçu une fausse facture."),
              "connection": text("The provider is established in Ireland.", "Le fournisseur est établi en Irlande.")},
    "offences": [{"name": text("Fraud", "Escroquerie"), "provision": text("Criminal Code, art. 313-1", "Code pénal, art. 313-1"),
                  "max_penalty": {"years": 5}}],
    "persons": [{"role": "suspect", "name": "Unknown user", "date_of_birth": "1990-05-17", "nationality": "FR"}],
    "purpose": text("To identify the offender.", "Identifier l'auteur."),
    "urgency": {"level": "urgent", "reasons": text("Logs are deleted after 90 days.", "Les journaux sont effacés après 90 jours."),
                "respond_by": "2026-04-30"},
    "confidentiality": {"requested": True, "no_notification": True,
                        "reasons": text("Notification would alert the offender.", "L'information alerterait l'auteur.")},
    "safeguards": {"proportionality": text("Only one mailbox.", "Une seule boîte."),
                   "data_protection": text("Used only for these proceedings.", "Utilisées pour cette seule procédure.")},
    "delivery": {"certificate_of_authenticity": True, "hash_algorithm": "SHA-256"},
    "signature": {"name": "Anne Example", "title": text("Deputy Public Prosecutor", "Procureure adjointe"),
                  "place": text("Lyon", "Lyon"), "date": "2026-03-20"},
}

IP_ITEM = {
    "identifier": {"type": "ip", "address": "198.51.100.23", "timestamp": "2026-03-03T08:14:52",
                   "timezone": "America/Sao_Paulo", "port": 52144},
    "date_range": {"start": "2026-03-03", "end": "2026-03-03", "timezone": "America/Sao_Paulo"},
    "nexus": text(NEXUS, "La boîte a envoyé la fausse facture."),
}
MAIL_ITEM = {
    "identifier": {"type": "email", "address": "billing@invoices.example.net"},
    "date_range": {"start": "2026-02-27", "end": "2026-03-20"},
    "nexus": text(NEXUS, "La boîte a envoyé la fausse facture."),
}
PROVIDER = {"name": "ExampleMail", "legal_entity": "ExampleMail Ltd.", "establishment": "IE"}

REQUESTS: dict[str, dict[str, Any]] = {
    "preservation": {"kind": "preservation", "id": "R1", "channel": "24_7", "provider": PROVIDER,
                     "items": [dict(MAIL_ITEM, categories=["identity", "mailbox"]),
                               dict(IP_ITEM, categories=["connection_logs"])],
                     "necessity": text("Logs may be deleted.", "Les journaux peuvent être effacés."),
                     "mla_to_follow": True, "period_days": 90},
    "subscriber": {"kind": "subscriber", "id": "R1", "provider": PROVIDER,
                   "items": [dict(IP_ITEM, categories=["identity"])]},
    "traffic": {"kind": "traffic", "id": "R1", "provider": PROVIDER,
                "items": [dict(MAIL_ITEM, categories=["connection_logs", "ip_history"])]},
    "content": {"kind": "content", "id": "R1", "provider": PROVIDER,
                "items": [dict(MAIL_ITEM, categories=["mailbox"])],
                "least_intrusive": text("Only the messages show the agreement.", "Seuls les messages montrent l'entente.")},
    "emergency": {"kind": "emergency", "id": "R1", "channel": "24_7", "provider": PROVIDER,
                  "items": [dict(IP_ITEM, categories=["identity"])], "harm": "death",
                  "threat": text("A person announced a suicide online.", "Une personne a annoncé son suicide en ligne."),
                  "why_urgent": text("The threat is for tonight.", "La menace concerne ce soir."),
                  "authenticity": {"official_email_domain": "police.example.org", "reference_number": "EM-1",
                                   "callback": text("Call the switchboard listed on police.example.org.",
                                                    "Appeler le standard publié sur police.example.org.")},
                  "follow_up_planned": True},
}


def case_data(kind: str, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["requests"] = [copy.deepcopy(REQUESTS[kind])]
    data.update(changes)
    return data


def make_case(kind: str, **changes: Any) -> Case:
    return Case.model_validate(case_data(kind, **changes))


def findings(case: Case) -> list:
    return run_checks(case, CTX)


def translate_all(case: Case, langs: tuple[str, ...] | list[str] = LANGS) -> Case:
    """`case` with every free text given a translation into each of `langs` (its original,
    tagged with the language), for tests about the tool's own wording: no "translation pending"
    then comes from the case."""
    from mla_writer.checks.walk import texts

    for _path, t in texts(case):
        if t:
            for lang in langs:
                if lang != case.drafting_language and not (t.translations.get(lang) or "").strip():  # type: ignore[call-overload]
                    t.translations[lang] = f"{t.text} ({lang})"  # type: ignore[index]
    return case
