"""Legal basis, treaty membership, offences and dual criminality.

Treaty membership comes from mla_writer/data/countries.toml (refdata), and which request kinds
a basis serves from legal_bases.toml: both are editable, with their source and date.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import refdata
from ..model import Case, PreservationRequest, blank
from .engine import Context, Hit, rule
from .walk import requests_of

_TREATY_NAMES = {"untoc": "UNTOC", "budapest": "the Budapest Convention", "sap": "the Second Additional Protocol"}


def _treaty_statuses(case: Case, treaty: str) -> Iterator[tuple[str, str, str]]:
    """(side, country code, status) for the requesting and requested State."""
    for side, code in (("requesting", case.requesting.state), ("requested", case.requested.state)):
        if code is None:
            continue
        info = refdata.country(code)
        yield side, code, info.treaties.status(treaty) if info else "unknown"


@rule(
    "LEGAL-BASIS-MISSING", "error",
    summary="No legal basis is given",
    message="Choose the legal basis of the request: a treaty binding both States (bilateral, "
            "UNTOC, Budapest...), the requested State's law, or reciprocity.",
    reference="BRIEF §3.D (seed 002 ¶30)",
)
def legal_basis_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if not case.legal_bases:
        yield Hit("legal_bases")


@rule(
    "TREATY-NOT-PARTY", "error",
    summary="A treaty is cited that the requesting or requested State is not a party to",
    message="The treaty cited does not bind both States (per the countries data): choose another "
            "basis, such as a bilateral treaty or reciprocity, or correct the data if it is out of date.",
    reference="BRIEF §4 item 5 (seed 000 ¶50(f), ¶334)",
)
def treaty_not_party(case: Case, ctx: Context) -> Iterator[Hit]:
    bases = refdata.legal_bases()
    for b, lb in enumerate(case.legal_bases):
        info = bases.get(lb.basis)
        if info is None or not info.treaty:
            continue
        for side, code, status in _treaty_statuses(case, info.treaty):
            if status in ("none", "signatory"):
                what = "has only signed" if status == "signatory" else "is not a party to"
                yield Hit(f"legal_bases[{b}].basis",
                          f"The {side} State ({code}) {what} {_TREATY_NAMES.get(info.treaty, info.treaty)} "
                          "per the countries data: choose another basis, or correct the data if it is out "
                          "of date.")


@rule(
    "TREATY-STATUS-UNKNOWN", "advice",
    summary="Whether a State is party to the treaty cited is not known",
    message="mla-writer does not know whether both States are parties to this treaty: check the "
            "treaty office's chart of signatures and ratifications before sending.",
    reference="BRIEF §4 item 5 (seed 002 ¶30)",
)
def treaty_status_unknown(case: Case, ctx: Context) -> Iterator[Hit]:
    bases = refdata.legal_bases()
    for b, lb in enumerate(case.legal_bases):
        info = bases.get(lb.basis)
        if info is None or not info.treaty:
            continue
        for side, code, status in _treaty_statuses(case, info.treaty):
            if status == "unknown":
                yield Hit(f"legal_bases[{b}].basis",
                          f"Whether the {side} State ({code}) is a party to "
                          f"{_TREATY_NAMES.get(info.treaty, info.treaty)} is not recorded: check the "
                          "treaty office's chart before sending.")


@rule(
    "LEGAL-CITATION-NEEDED", "warning",
    summary="A legal basis has no citation text to quote",
    message="Quote the article relied on (citation): mla-writer has no verified wording for it.",
    reference="BRIEF §3.D",
)
def legal_citation_needed(case: Case, ctx: Context) -> Iterator[Hit]:
    bases = refdata.legal_bases()
    for b, lb in enumerate(case.legal_bases):
        info = bases.get(lb.basis)
        known = info is not None and info.citation_en.strip() and not info.user_fills
        if not known and blank(lb.citation) and lb.basis != "reciprocity":
            yield Hit(f"legal_bases[{b}].citation")


@rule(
    "RECIPROCITY-NO-ASSURANCE", "error",
    summary="Reciprocity is invoked without the assurance of reciprocity",
    message="Write the assurance: that the requesting State will execute a similar request from the "
            "requested State (put it in the citation of the reciprocity basis).",
    reference="BRIEF §3.D (seed 002 ¶30)",
)
def reciprocity_no_assurance(case: Case, ctx: Context) -> Iterator[Hit]:
    for b, lb in enumerate(case.legal_bases):
        if lb.basis == "reciprocity" and blank(lb.citation):
            yield Hit(f"legal_bases[{b}].citation")


@rule(
    "TREATY-NO-NAME", "error",
    summary="A bilateral or regional treaty is cited without its name",
    message="Give the full title and date of the treaty (e.g. 'Treaty between A and B on Mutual "
            "Legal Assistance in Criminal Matters, signed at X on 1 May 2001').",
    reference="BRIEF §3.D (seed 002 ¶32)",
)
def treaty_no_name(case: Case, ctx: Context) -> Iterator[Hit]:
    for b, lb in enumerate(case.legal_bases):
        if lb.basis in ("bilateral", "regional") and blank(lb.name):
            yield Hit(f"legal_bases[{b}].name")


@rule(
    "BASIS-DOES-NOT-FIT", "warning",
    summary="No legal basis cited covers this kind of request",
    message="None of the legal bases cited covers this kind of request (e.g. Budapest art. 29 "
            "covers preservation, not content): add a basis that does.",
    reference="BRIEF §3.D",
)
def basis_does_not_fit(case: Case, ctx: Context) -> Iterator[Hit]:
    if not case.legal_bases:
        return
    bases = refdata.legal_bases()
    for path, req in requests_of(case):
        infos = [bases.get(lb.basis) for lb in case.legal_bases]
        if all(i is not None and not i.fits(req.kind) for i in infos):
            yield Hit(f"{path}.kind",
                      f"None of the legal bases cited covers a {req.kind} request: add one that does.")


def _blank_offence_field(case: Case, field: str) -> Iterator[Hit]:
    """A hit for each offence whose `field` is empty."""
    for o, off in enumerate(case.offences):
        if blank(getattr(off, field)):
            yield Hit(f"offences[{o}].{field}")


@rule(
    "OFFENCE-NO-NAME", "error",
    summary="An offence has no name",
    message="Name the offence as the requesting State's law does (e.g. 'Organised fraud').",
    reference="Budapest art. 29(2)(b); BRIEF §3.F",
)
def offence_no_name(case: Case, ctx: Context) -> Iterator[Hit]:
    yield from _blank_offence_field(case, "name")


@rule(
    "OFFENCE-NO-PROVISION", "error",
    summary="An offence does not cite the legal provision",
    message="Cite the provision that makes the conduct an offence (e.g. 'Criminal Code, art. 313-1') "
            "and annex its text.",
    reference="BRIEF §4 item 8 (seed 001 ¶26)",
)
def offence_no_provision(case: Case, ctx: Context) -> Iterator[Hit]:
    yield from _blank_offence_field(case, "provision")


@rule(
    "OFFENCE-NO-PENALTY", "warning",
    summary="An offence does not give the maximum penalty",
    message="Give the maximum penalty (e.g. '5 years' imprisonment'): some powers are only "
            "available for serious offences.",
    reference="BRIEF §3.F (seed 000 ¶108, ¶146)",
)
def offence_no_penalty(case: Case, ctx: Context) -> Iterator[Hit]:
    yield from _blank_offence_field(case, "max_penalty")


@rule(
    "DUAL-CRIMINALITY-MISSING", "warning",
    summary="No dual-criminality note for a request that asks for disclosure",
    message="Describe the conduct so the requested State can see it is an offence there too, and "
            "name the equivalent offence if known (dual_criminality).",
    reference="BRIEF §4 item 8 (seed 001 ¶26; 002 ¶19)",
)
def dual_criminality_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if not any(not isinstance(r, PreservationRequest) for r in case.requests):
        return
    if any(not blank(off.dual_criminality) for off in case.offences):
        return
    for o, _off in enumerate(case.offences):
        yield Hit(f"offences[{o}].dual_criminality")


@rule(
    "AUTHORISATION-MISSING", "warning",
    summary="Content is requested but no domestic authorisation is recorded",
    message="Record the domestic order or warrant for obtaining content (court, date, reference) "
            "and annex it: many requested States require one.",
    reference="BRIEF §4 item 6 (seed 000 ¶78, ¶108, ¶200)",
)
def authorisation_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if any(r.kind == "content" for r in case.requests) and not case.authorisations:
        yield Hit("authorisations")
