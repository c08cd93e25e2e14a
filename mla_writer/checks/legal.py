"""Legal basis, offences and dual criminality. Treaty membership and the fit of each basis to a
request are checked in treaties.py, from the reference data."""

from __future__ import annotations

from collections.abc import Iterator

from ..labels import N_
from ..model import Case, blank, is_formal
from .completeness import OFFENCE_REFERENCES
from .engine import DISCLOSURE_KINDS, Context, Hit, rule


@rule(
    "LEGAL-BASIS-MISSING", "error",
    summary=N_("No legal basis is given"),
    message=N_("Choose the legal basis of the request: a treaty binding both States (bilateral, "
               "UNTOC, Budapest...), the requested State's law, or reciprocity."),
    reference="CTOC/COP/WG.3/2015/2 ¶30",
    checklist="legal_basis",
)
def legal_basis_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if not case.legal_bases:
        yield Hit("legal_bases")


@rule(
    "RECIPROCITY-NO-ASSURANCE", "error",
    summary=N_("Reciprocity is invoked without the assurance of reciprocity"),
    message=N_("Write the assurance: that the requesting State will execute a similar request from the "
               "requested State (as the text to quote of the reciprocity basis)."),
    reference="CTOC/COP/WG.3/2015/2 ¶30",
    checklist="legal_basis",
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
    checklist="legal_basis",
)
def treaty_no_name(case: Case, ctx: Context) -> Iterator[Hit]:
    for b, lb in enumerate(case.legal_bases):
        if lb.basis in ("bilateral", "regional") and blank(lb.name):
            yield Hit(f"legal_bases[{b}].name")


def _blank_offence_field(case: Case, field: str) -> Iterator[Hit]:
    """A hit for each offence whose `field` is empty."""
    for o, off in enumerate(case.offences):
        if blank(getattr(off, field)):
            yield Hit(f"offences[{o}].{field}")


@rule(
    "OFFENCE-NO-NAME", "error",
    summary=N_("An offence has no name"),
    message=N_("Name the offence as the requesting State's law does (e.g. 'Organised fraud')."),
    by_kind=OFFENCE_REFERENCES,
    checklist="offences",
)
def offence_no_name(case: Case, ctx: Context) -> Iterator[Hit]:
    yield from _blank_offence_field(case, "name")


@rule(
    "OFFENCE-NO-PROVISION", "error",
    summary=N_("An offence does not cite the legal provision"),
    message=N_("Cite the provision that makes the conduct an offence (e.g. 'Criminal Code, art. 313-1') "
               "and annex its text."),
    reference="CCPCJ 27th session discussion guide (2018) ¶26",
    checklist="offences",
)
def offence_no_provision(case: Case, ctx: Context) -> Iterator[Hit]:
    yield from _blank_offence_field(case, "provision")


@rule(
    "OFFENCE-NO-PENALTY", "warning",
    summary=N_("An offence does not give the maximum penalty"),
    message=N_("Give the maximum penalty (e.g. '5 years' imprisonment'): some powers are only "
               "available for serious offences."),
    reference="A/74/130 ¶108, ¶146",
    checklist="offences",
)
def offence_no_penalty(case: Case, ctx: Context) -> Iterator[Hit]:
    yield from _blank_offence_field(case, "max_penalty")


@rule(
    "DUAL-CRIMINALITY-MISSING", "warning",
    summary=N_("An offence has no dual-criminality note, in a case that asks for disclosure"),
    message=N_("Describe the conduct behind this offence so the requested State can see it is an offence "
               "there too, and name the equivalent offence if known."),
    # Art. 25(5): where dual criminality is required, it is the conduct underlying each offence that
    # must be an offence in the requested State. Preservation needs none (art. 29(3)), nor does a
    # provider or 24/7 point asked to disclose in an emergency; an emergency request for mutual
    # assistance may.
    reference="Budapest art. 25(5); CCPCJ 27th session discussion guide (2018) ¶26; CTOC/COP/WG.3/2015/2 ¶19",
    checklist="offences",
)
def dual_criminality_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if not any(r.kind in DISCLOSURE_KINDS or (r.kind == "emergency" and is_formal(r.channel)) for r in case.requests):
        return
    yield from _blank_offence_field(case, "dual_criminality")


@rule(
    "AUTHORISATION-MISSING", "warning",
    summary=N_("Content is requested but no domestic authorisation is recorded"),
    message=N_("Record the domestic order or warrant for obtaining content (court, date, reference) "
               "and annex it: many requested States require one."),
    reference="A/74/130 ¶78, ¶108, ¶200",
    checklist="authorisation",
)
def authorisation_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    if any(r.kind == "content" for r in case.requests) and not case.authorisations:
        yield Hit("authorisations")
