"""The reviewer checklist of the annex (what a central authority confirms before sending), each
item tied to the check rules behind it.

An item is ticked when rules cover it and none of them found an error or warning; unticked, with
the findings, when one did; and left open ("check by hand") when no rule covers it yet. Rules are
matched by exact code or by code prefix, so new rules of a family join their item by themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..checks import Finding, all_rules
from ..labels import N_
from ..model import Case


@dataclass(frozen=True)
class Item:
    key: str
    title: str
    question: str
    codes: tuple[str, ...]  # exact codes, or prefixes ending in "-"


ITEMS: tuple[Item, ...] = (
    Item("channel", N_("Right channel"),
         N_("Formal mutual legal assistance where the evidence must be admissible; otherwise the "
            "24/7 network, a police channel or the provider directly, with a formal request to follow."),
         ("CHANNEL-", "ADMISSIBILITY-", "EMERG-CHANNEL-")),
    Item("preserved", N_("Data preserved first"),
         N_("Volatile data has been preserved, or this request asks for preservation; the "
            "preservation reference and expiry are recorded and the disclosure request follows "
            "before expiry."),
         ("PRES-NOT-FIRST", "PRES-EXPIRED", "PRES-EXPIRING", "PRES-EXPIRY-", "PRES-REF-",
          "PRES-EXTENSION-", "PRES-PERIOD-")),
    Item("cheaper", N_("Other routes considered"),
         N_("Open sources and any local subsidiary of the provider were checked; a request sent "
            "straight to a provider is copied to the requested State's authorities."),
         ("OPEN-SOURCES-", "LOCAL-PRESENCE-", "COPY-", "DIRECT-NO-COPY")),
    Item("technical", N_("Technical review"),
         N_("The cybercrime unit has checked the identifiers, the data types and feasibility."),
         ("TECH-", "TECHNICAL-")),
    Item("legal_basis", N_("Legal basis valid"),
         N_("The treaty cited binds both States and the articles are cited correctly; reciprocity "
            "is stated where no treaty applies."),
         ("LEGAL-BASIS-", "BASIS-", "TREATY-", "RECIPROCITY-", "LEGAL-CITATION-", "COUNTRY-NO-DATA")),
    Item("authorisation", N_("Domestic authorisation"),
         N_("The domestic order or warrant is attached where the law of either State requires one "
            "for the data sought."),
         ("AUTHORISATION-", "AUTH-")),
    Item("facts", N_("Sufficient facts"),
         N_("The summary of facts, the persons concerned, the stage of the proceedings and the "
            "purpose meet the requested State's standard."),
         ("FACTS-", "PERSONS-", "PERSON-", "PURPOSE-", "SUBJECT-", "CONDUCTING-AUTHORITY-",
          "AUTHORITY-", "PROCEEDINGS-")),
    Item("offences", N_("Offences and dual criminality"),
         N_("Each offence is given with its statutory provision and maximum penalty, and the "
            "conduct is shown to be an offence in the requested State where that is required."),
         ("OFFENCE-", "DUAL-")),
    Item("nexus", N_("Link to the offence for each item"),
         N_("Every identifier and data category is tied to the facts; content is sought only "
            "where subscriber or traffic data would not suffice."),
         ("NEXUS-", "CATEGORIES-", "CONTENT-", "REQUEST-NO-ITEMS", "PRES-NO-DATA", "NO-REQUESTS")),
    Item("identifiers", N_("Identifiers unambiguous"),
         N_("IP addresses have a date, time, time zone and port; accounts name the service; "
            "formats are valid."),
         ("IP-", "ACCOUNT-", "URL-", "DOMAIN-", "CRYPTO-ADDRESS-", "IDENTIFIER-", "EMAIL-", "PHONE-")),
    Item("ranges", N_("Date ranges narrow"),
         N_("Date ranges are proportionate and, where known, within the provider's retention period."),
         ("RANGE-",)),
    Item("urgency", N_("Urgency justified"),
         N_("Reasons and a response date are given; an emergency request explains why the normal "
            "procedure cannot be awaited and gives a 24/7 contact."),
         ("URGENCY-", "RESPOND-BY-", "EMERG-NO-THREAT", "EMERG-NO-WHY-URGENT", "EMERG-URGENCY-",
          "PRES-NO-NECESSITY", "PRES-NO-MLA-INTENT")),
    Item("safeguards", N_("Safeguards addressed"),
         N_("Proportionality, necessity, data protection and use limitation are addressed."),
         ("SAFEGUARDS-", "PROPORTIONALITY-", "DATA-PROTECTION-", "USE-LIMITATION-")),
    Item("form", N_("Admissible form requested"),
         N_("Certification of authenticity, format, testimony if needed and chain of custody are "
            "requested."),
         ("DELIVERY-", "CUSTODY-", "CERTIFICATE-")),
    Item("addressee", N_("Correct addressee"),
         N_("The entity that controls the data (legal entity and establishment) and the competent "
            "authority of the requested State are identified."),
         ("ADDRESSEE-", "PROVIDER-", "PRES-NO-CUSTODIAN", "CRYPTO-NO-CUSTODIAN", "REQUESTED-STATE-",
          "REQUESTING-STATE-")),
    Item("contacts", N_("Contacts complete"),
         N_("The officer in charge, the central authority and the 24/7 point of contact are given, "
            "with means to verify that the request is genuine."),
         ("CONTACT-", "CASE-OFFICER-", "NO-24-7-CONTACT", "EMERG-NO-CALLBACK", "EMERG-NO-OFFICIAL-DOMAIN",
          "EMERG-DOMAIN-", "EMERG-NO-REFERENCE")),
    Item("language", N_("Language"),
         N_("The request is in, or translated into, a language the requested State accepts."),
         ("LANGUAGE-", "LANG-", "TRANSLATION-", "TEXT-NOT-TRANSLATED")),
    Item("confidentiality", N_("Confidentiality"),
         N_("Any need for confidentiality or for not notifying the account holder is stated with reasons."),
         ("CONFIDENTIALITY-",)),
    Item("logged", N_("Recorded for statistics"),
         N_("The request is recorded as a request for electronic evidence."),
         ("LOG-",)),
)


# Rules that no checklist item covers; their findings still appear in the annex's list.
UNLISTED: tuple[str, ...] = ("SIGNATURE-", "INTERNAL", "STATUS-")


def _matches(code: str, patterns: tuple[str, ...]) -> bool:
    return any(code.startswith(p) if p.endswith("-") else code == p for p in patterns)


@cache
def item_for(code: str) -> Item | None:
    """The checklist item a finding code belongs to (the first that matches)."""
    for item in ITEMS:
        if _matches(code, item.codes):
            return item
    return None


def finding_data(finding: Finding, languages: Sequence[str]) -> dict[str, Any]:
    """A finding as templates read it, its message also in each document language (`messages`)."""
    return {**finding.as_dict(), "messages": {lang: finding.message_in(lang) for lang in languages}}


def checklist(case: Case, findings: Sequence[Finding], languages: Sequence[str] = ("en",)) -> list[dict[str, Any]]:
    """One entry per item: state yes/no/open and the findings that explain a "no"."""
    del case  # the findings carry everything; the case is kept in the signature for later rules
    known = [r.code for r in all_rules()]
    out = []
    for item in ITEMS:
        mine = [f for f in findings if item_for(f.code) is item]
        failing = [f for f in mine if f.severity in ("error", "warning")]
        covered = any(item_for(code) is item for code in known)
        state = "no" if failing else ("yes" if covered else "open")
        out.append({
            "key": item.key, "title": item.title, "question": item.question, "state": state,
            "findings": [finding_data(f, languages) for f in mine],
        })
    return out
