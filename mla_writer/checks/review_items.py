"""The reviewer's checklist: what a central authority confirms before sending a request, item by
item (CTOC/COP/WG.3/2015/2 ¶57 and the practice of central authorities).

Each rule declares the one item it verifies (``@rule(..., checklist="identifiers")``), so an item
knows exactly which checks stand behind it. An item can be ticked only when its checks answer its
whole question for the case at hand; where part of the question is a judgement no rule can make
(are the facts enough for the requested State?), the item says what the checks cover and leaves
the rest to the reviewer. The wording is in the catalogs; render/checklist.py turns findings into
the state of each item.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import refdata
from ..labels import N_
from ..model import Case, PreservationRequest


def _always(case: Case) -> bool:
    return True


def _has_requests(case: Case) -> bool:
    return bool(case.requests)


def _has_items(case: Case) -> bool:
    return any(req.items for req in case.requests)


def _discloses(case: Case) -> bool:
    return any(not isinstance(req, PreservationRequest) for req in case.requests)


def _bases_all_quoted(case: Case) -> bool:
    """Every basis the case cites is a treaty article whose wording mla-writer holds (so the
    rules check all of it); a basis the drafter names and quotes is the reviewer's to check."""
    bases = refdata.legal_bases()
    return bool(case.legal_bases) and all(
        (info := bases.get(lb.basis)) is not None and bool(info.treaty) and info.verified for lb in case.legal_bases)


def _never(case: Case) -> bool:
    return False


@dataclass(frozen=True)
class ChecklistItem:
    """One question of the checklist.

    ``applies``: whether the case holds anything this item's checks look at (a case without data
    items gives the identifier checks nothing to verify). ``complete``: whether the checks answer
    the whole question for this case; when they do not, ``remains`` says what is left to the
    reviewer.
    """

    key: str
    title: str
    question: str
    remains: str | None = None
    applies: Callable[[Case], bool] = _always
    complete: Callable[[Case], bool] = _always


ITEMS: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "channel", N_("Right channel"),
        N_("Formal mutual legal assistance where the evidence must be admissible; otherwise the "
           "24/7 network, a police channel or the provider directly, with a formal request to follow."),
        applies=_has_requests),
    ChecklistItem(
        "preserved", N_("Data preserved first"),
        N_("Volatile data has been preserved, or this request asks for preservation; the "
           "preservation reference and expiry are recorded and the disclosure request follows "
           "before expiry."),
        applies=_has_requests),
    ChecklistItem(
        "cheaper", N_("Other routes considered"),
        N_("Open sources and any local subsidiary of the provider were checked; a request sent "
           "straight to a provider is copied to the requested State's authorities."),
        remains=N_("The checks see only what the case records (open sources checked, a presence of the "
                   "provider in your State, copies): whether a quicker route exists is for you to judge."),
        complete=_never),
    ChecklistItem(
        "technical", N_("Technical review"),
        N_("The cybercrime unit has checked the identifiers, the data types and feasibility.")),
    ChecklistItem(
        "legal_basis", N_("Legal basis valid"),
        N_("The treaty cited binds both States and the articles are cited correctly; reciprocity "
           "is stated where no treaty applies."),
        remains=N_("The checks hold each treaty article to mla-writer's data (in force, binding both States, "
                   "fitting each request); a treaty, law or assurance the drafter names and quotes is for "
                   "you to check."),
        complete=_bases_all_quoted),
    ChecklistItem(
        "authorisation", N_("Domestic authorisation"),
        N_("The domestic order or warrant is attached where the law of either State requires one "
           "for the data sought."),
        remains=N_("The checks ask for an order only where content is sought: whether the law of either "
                   "State requires one for other data is for you to judge."),
        complete=_never),
    ChecklistItem(
        "facts", N_("Sufficient facts"),
        N_("The summary of facts, the persons concerned, the stage of the proceedings and the "
           "purpose meet the requested State's standard."),
        remains=N_("The checks find what is missing, a placeholder or too short; whether the facts meet the "
                   "requested State's standard is for you to judge."),
        complete=_never),
    ChecklistItem(
        "offences", N_("Offences and dual criminality"),
        N_("Each offence is given with its statutory provision and maximum penalty, and the "
           "conduct is shown to be an offence in the requested State where that is required."),
        remains=N_("The checks find what is missing for each offence; whether the conduct described is an "
                   "offence in the requested State is for you to judge."),
        complete=_never),
    ChecklistItem(
        "nexus", N_("Link to the offence for each item"),
        N_("Every identifier and data category is tied to the facts; content is sought only "
           "where subscriber or traffic data would not suffice."),
        remains=N_("The checks find a link or a reason that is missing, a placeholder, too short or copied "
                   "between items; whether it convinces is for you to judge."),
        complete=_never),
    ChecklistItem(
        "identifiers", N_("Identifiers unambiguous"),
        N_("IP addresses have a date, time, time zone and port; accounts name the service; "
           "formats are valid."),
        applies=_has_items),
    ChecklistItem(
        "ranges", N_("Date ranges narrow"),
        N_("Date ranges are proportionate and, where known, within the provider's retention period."),
        applies=_has_items),
    ChecklistItem(
        "urgency", N_("Urgency justified"),
        N_("Reasons and a response date are given; an emergency request explains why the normal "
           "procedure cannot be awaited and gives a 24/7 contact."),
        remains=N_("The checks find reasons that are missing, a placeholder or too short; whether they "
                   "justify the urgency is for you to judge."),
        complete=_never),
    ChecklistItem(
        "safeguards", N_("Safeguards addressed"),
        N_("Proportionality, necessity, data protection and use limitation are addressed."),
        applies=_discloses),
    ChecklistItem(
        "form", N_("Admissible form requested"),
        N_("Certification of authenticity, format, testimony if needed and chain of custody are "
           "requested."),
        remains=N_("The checks ask for a certificate or declaration and for hash values; the format, "
                   "testimony and chain of custody are for you to check."),
        applies=_discloses, complete=_never),
    ChecklistItem(
        "addressee", N_("Correct addressee"),
        N_("The entity that controls the data (legal entity and establishment) and the competent "
           "authority of the requested State are identified."),
        applies=_has_requests),
    ChecklistItem(
        "contacts", N_("Contacts complete"),
        N_("The officer in charge, the central authority and the 24/7 point of contact are given, "
           "with means to verify that the request is genuine.")),
    ChecklistItem(
        "language", N_("Language"),
        N_("The request is in, or translated into, a language the requested State accepts."),
        remains=N_("The checks compare the document's languages with the official languages in mla-writer's "
                   "data and find untranslated texts; which languages the requested State accepts is to be "
                   "confirmed with its central authority."),
        complete=_never),
    ChecklistItem(
        "confidentiality", N_("Confidentiality"),
        N_("Any need for confidentiality or for not notifying the account holder is stated with reasons.")),
    ChecklistItem(
        "logged", N_("Recorded for statistics"),
        N_("The request is recorded as a request for electronic evidence.")),
)

ITEM_KEYS: tuple[str, ...] = tuple(item.key for item in ITEMS)
BY_KEY: dict[str, ChecklistItem] = {item.key: item for item in ITEMS}
