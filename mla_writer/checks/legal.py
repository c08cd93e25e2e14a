"""Legal basis, treaty membership, offences and dual criminality.

Treaty membership comes from mla_writer/data/countries.toml (refdata), and which request kinds
a basis serves from legal_bases.toml: both are editable, with their source and date.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import labels, refdata
from ..labels import N_
from ..model import Case, PreservationRequest, blank
from .engine import Context, Hit, rule
from .message import Country, Term, term
from .walk import requests_of

# Whole sentences per side and status, so that each language can word them its own way.
_NOT_PARTY = {
    ("requesting", "signatory"): N_("The requesting State (%(country)s) has only signed the %(treaty)s, per "
                                    "the countries data: choose another basis, or correct the data if it is "
                                    "out of date."),
    ("requesting", "none"): N_("The requesting State (%(country)s) is not a party to the %(treaty)s, per the "
                               "countries data: choose another basis, or correct the data if it is out of date."),
    ("requested", "signatory"): N_("The requested State (%(country)s) has only signed the %(treaty)s, per the "
                                   "countries data: choose another basis, or correct the data if it is out of "
                                   "date."),
    ("requested", "none"): N_("The requested State (%(country)s) is not a party to the %(treaty)s, per the "
                              "countries data: choose another basis, or correct the data if it is out of date."),
}
_STATUS_UNKNOWN = {
    "requesting": N_("Whether the requesting State (%(country)s) is a party to the %(treaty)s is not recorded: "
                     "check the treaty office's chart before sending."),
    "requested": N_("Whether the requested State (%(country)s) is a party to the %(treaty)s is not recorded: "
                    "check the treaty office's chart before sending."),
}


def _treaty(key: str) -> Term | str:
    """The treaty's official title, said in the message's language."""
    title = labels.INSTRUMENT.get(key)
    return Term(title) if title else key


def _treaty_statuses(case: Case, treaty: str) -> Iterator[tuple[str, str, str]]:
    """(side, country code, status) for the requesting and requested State."""
    for side, code in (("requesting", case.requesting.state), ("requested", case.requested.state)):
        if code is None:
            continue
        info = refdata.country(code)
        yield side, code, info.treaties.status(treaty) if info else "unknown"


@rule(
    "LEGAL-BASIS-MISSING", "error",
    summary=N_("No legal basis is given"),
    message=N_("Choose the legal basis of the request: a treaty binding both States (bilateral, "
               "UNTOC, Budapest...), the requested State's law, or reciprocity."),
    reference="CTOC/COP/WG.3/2015/2 ¶30",
)
def legal_basis_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if not case.legal_bases:
        yield Hit("legal_bases")


@rule(
    "TREATY-NOT-PARTY", "error",
    summary=N_("A treaty is cited that the requesting or requested State is not a party to"),
    message=N_("The treaty cited does not bind both States (per the countries data): choose another "
               "basis, such as a bilateral treaty or reciprocity, or correct the data if it is out of date."),
    reference="A/74/130 ¶50(f), ¶334",
)
def treaty_not_party(case: Case, ctx: Context) -> Iterator[Hit]:
    bases = refdata.legal_bases()
    for b, lb in enumerate(case.legal_bases):
        info = bases.get(lb.basis)
        if info is None or not info.treaty:
            continue
        for side, code, status in _treaty_statuses(case, info.treaty):
            if status in ("none", "signatory"):
                yield Hit(f"legal_bases[{b}].basis", _NOT_PARTY[side, status],
                          country=Country(code), treaty=_treaty(info.treaty))


@rule(
    "TREATY-STATUS-UNKNOWN", "advice",
    summary=N_("Whether a State is party to the treaty cited is not known"),
    message=N_("mla-writer does not know whether both States are parties to this treaty: check the "
               "treaty office's chart of signatures and ratifications before sending."),
    reference="CTOC/COP/WG.3/2015/2 ¶30",
)
def treaty_status_unknown(case: Case, ctx: Context) -> Iterator[Hit]:
    bases = refdata.legal_bases()
    for b, lb in enumerate(case.legal_bases):
        info = bases.get(lb.basis)
        if info is None or not info.treaty:
            continue
        for side, code, status in _treaty_statuses(case, info.treaty):
            if status == "unknown":
                yield Hit(f"legal_bases[{b}].basis", _STATUS_UNKNOWN[side],
                          country=Country(code), treaty=_treaty(info.treaty))


@rule(
    "LEGAL-CITATION-NEEDED", "warning",
    summary=N_("A legal basis has no citation text to quote"),
    message=N_("Quote the text of the article relied on: mla-writer has no verified wording for it."),
    reference="CTOC/COP/WG.3/2015/2 ¶30-32",
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
    summary=N_("Reciprocity is invoked without the assurance of reciprocity"),
    message=N_("Write the assurance: that the requesting State will execute a similar request from the "
               "requested State (as the text to quote of the reciprocity basis)."),
    reference="CTOC/COP/WG.3/2015/2 ¶30",
)
def reciprocity_no_assurance(case: Case, ctx: Context) -> Iterator[Hit]:
    for b, lb in enumerate(case.legal_bases):
        if lb.basis == "reciprocity" and blank(lb.citation):
            yield Hit(f"legal_bases[{b}].citation")


@rule(
    "TREATY-NO-NAME", "error",
    summary=N_("A bilateral or regional treaty is cited without its name"),
    message=N_("Give the full title and date of the treaty (e.g. 'Treaty between A and B on Mutual "
               "Legal Assistance in Criminal Matters, signed at X on 1 May 2001')."),
    reference="CTOC/COP/WG.3/2015/2 ¶32",
)
def treaty_no_name(case: Case, ctx: Context) -> Iterator[Hit]:
    for b, lb in enumerate(case.legal_bases):
        if lb.basis in ("bilateral", "regional") and blank(lb.name):
            yield Hit(f"legal_bases[{b}].name")


@rule(
    "BASIS-DOES-NOT-FIT", "warning",
    summary=N_("No legal basis cited covers this kind of request"),
    message=N_("None of the legal bases cited covers this kind of request (e.g. Budapest art. 29 "
               "covers preservation, not content): add a basis that does."),
    reference="CTOC/COP/WG.3/2015/2 ¶30-32",
)
def basis_does_not_fit(case: Case, ctx: Context) -> Iterator[Hit]:
    if not case.legal_bases:
        return
    bases = refdata.legal_bases()
    for path, req in requests_of(case):
        infos = [bases.get(lb.basis) for lb in case.legal_bases]
        if all(i is not None and not i.fits(req.kind) for i in infos):
            yield Hit(f"{path}.kind",
                      N_("None of the legal bases cited covers this kind of request (%(kind)s): add one "
                         "that does."),
                      kind=term(labels.REQUEST_KIND, req.kind))


def _blank_offence_field(case: Case, field: str) -> Iterator[Hit]:
    """A hit for each offence whose `field` is empty."""
    for o, off in enumerate(case.offences):
        if blank(getattr(off, field)):
            yield Hit(f"offences[{o}].{field}")


@rule(
    "OFFENCE-NO-NAME", "error",
    summary=N_("An offence has no name"),
    message=N_("Name the offence as the requesting State's law does (e.g. 'Organised fraud')."),
    reference="Budapest art. 29(2)(b); A/74/130 ¶108, ¶146",
)
def offence_no_name(case: Case, ctx: Context) -> Iterator[Hit]:
    yield from _blank_offence_field(case, "name")


@rule(
    "OFFENCE-NO-PROVISION", "error",
    summary=N_("An offence does not cite the legal provision"),
    message=N_("Cite the provision that makes the conduct an offence (e.g. 'Criminal Code, art. 313-1') "
               "and annex its text."),
    reference="CCPCJ 27th session discussion guide (2018) ¶26",
)
def offence_no_provision(case: Case, ctx: Context) -> Iterator[Hit]:
    yield from _blank_offence_field(case, "provision")


@rule(
    "OFFENCE-NO-PENALTY", "warning",
    summary=N_("An offence does not give the maximum penalty"),
    message=N_("Give the maximum penalty (e.g. '5 years' imprisonment'): some powers are only "
               "available for serious offences."),
    reference="A/74/130 ¶108, ¶146",
)
def offence_no_penalty(case: Case, ctx: Context) -> Iterator[Hit]:
    yield from _blank_offence_field(case, "max_penalty")


@rule(
    "DUAL-CRIMINALITY-MISSING", "warning",
    summary=N_("No dual-criminality note for a request that asks for disclosure"),
    message=N_("Describe the conduct so the requested State can see it is an offence there too, and "
               "name the equivalent offence if known."),
    reference="CCPCJ 27th session discussion guide (2018) ¶26; CTOC/COP/WG.3/2015/2 ¶19",
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
    summary=N_("Content is requested but no domestic authorisation is recorded"),
    message=N_("Record the domestic order or warrant for obtaining content (court, date, reference) "
               "and annex it: many requested States require one."),
    reference="A/74/130 ¶78, ¶108, ¶200",
)
def authorisation_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if any(r.kind == "content" for r in case.requests) and not case.authorisations:
        yield Hit("authorisations")
