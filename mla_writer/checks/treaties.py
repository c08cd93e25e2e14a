"""The legal basis against the reference data: treaty in force, both States bound, each article
fitting the request that relies on it (its kind and its channel), and wording the tool can quote.

The data (mla_writer/data: treaties.toml, countries.toml, legal_bases.toml) is editable, with a
source and a date for every status; findings about it name both, so a reviewer can check them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from .. import refdata
from ..model import Case, LegalBasis, Request, blank
from .engine import Context, Hit, rule
from .walk import reference_date

# Bases that only name what the drafter writes out: a name or an article identifies them.
_ASSURANCES = ("reciprocity",)


def _treaty_bases(case: Case) -> Iterator[tuple[int, LegalBasis, refdata.LegalBasisInfo, refdata.TreatyInfo]]:
    """Each of the case's legal bases that rests on a treaty of the reference data."""
    bases, treaties = refdata.legal_bases(), refdata.treaties()
    for b, lb in enumerate(case.legal_bases):
        info = bases.get(lb.basis)
        if info is not None and info.treaty:
            yield b, lb, info, treaties[info.treaty]


def _states(case: Case) -> Iterator[tuple[str, str]]:
    """(side, code) for the requesting and the requested State, where given."""
    for side, code in (("requesting", case.requesting.state), ("requested", case.requested.state)):
        if code:
            yield side, code


def _name(code: str) -> str:
    info = refdata.country(code)
    return f"{info.name} ({code})" if info else code


def _dated(entry: refdata.TreatyStatus) -> str:
    return f"as of {entry.as_of.isoformat()}, per {entry.source}" if entry.as_of else ""


@rule(
    "TREATY-NOT-IN-FORCE", "error",
    summary="A treaty is cited that is not in force",
    message="The treaty cited is not in force: rely on another basis, or check whether it has "
            "entered into force since the date of the reference data and correct that data.",
    reference="Vienna Convention on the Law of Treaties, art. 24; CETS No. 224 art. 16; "
              "UN Convention against Cybercrime art. 65(1)",
)
def treaty_not_in_force(case: Case, ctx: Context) -> Iterator[Hit]:
    day = reference_date(case, ctx.today)
    for b, _lb, _info, treaty in _treaty_bases(case):
        if not treaty.in_force_on(day):
            when = (f"enters into force on {treaty.entry_into_force.isoformat()}" if treaty.entry_into_force
                    else f"was not in force on {treaty.status_as_of.isoformat()}, per {treaty.status_source}")
            yield Hit(f"legal_bases[{b}].basis",
                      f"{treaty.short[0].upper()}{treaty.short[1:]} {when}. Rely on another basis "
                      "(a treaty in force between both States, the requested State's law, or reciprocity).")


@rule(
    "TREATY-NOT-PARTY", "error",
    summary="A treaty is cited that the requesting or requested State is not bound by",
    message="The treaty cited does not bind both States: choose another basis, such as a bilateral "
            "treaty or reciprocity, or correct the countries data if it is out of date.",
    reference="Vienna Convention on the Law of Treaties, art. 34; CTOC/COP/WG.3/2015/2 ¶30",
)
def treaty_not_party(case: Case, ctx: Context) -> Iterator[Hit]:
    day = reference_date(case, ctx.today)
    for b, _lb, info, treaty in _treaty_bases(case):
        if not treaty.in_force_on(day):
            continue  # TREATY-NOT-IN-FORCE says it for every State at once
        for side, code in _states(case):
            country = refdata.country(code)
            entry = country.treaties.get(info.treaty) if country else None
            if entry is None or entry.status in ("party", "unknown"):
                continue
            what = {"signatory": "has only signed", "ratified": "has ratified but is not yet bound by",
                    "none": "is not a party to"}[entry.status]
            yield Hit(f"legal_bases[{b}].basis",
                      f"The {side} State, {_name(code)}, {what} {treaty.short} ({_dated(entry)}): choose "
                      "another basis, or correct countries.toml if this has changed.")


@rule(
    "TREATY-STATUS-UNKNOWN", "advice",
    summary="Whether a State is bound by the treaty cited is not recorded",
    message="mla-writer's reference data does not record whether this State is bound by the treaty: "
            "check the depositary's chart of signatures and ratifications before sending.",
    reference="CTOC/COP/WG.3/2015/2 ¶30",
)
def treaty_status_unknown(case: Case, ctx: Context) -> Iterator[Hit]:
    seen: set[tuple[str, str]] = set()
    for b, _lb, info, treaty in _treaty_bases(case):
        for side, code in _states(case):
            if (code, info.treaty) in seen:
                continue  # one finding per State and treaty, however many articles cite it
            seen.add((code, info.treaty))
            country = refdata.country(code)
            entry = country.treaties.get(info.treaty) if country else None
            if entry is not None and entry.status != "unknown":
                continue
            why = entry.note if entry is not None else "the State is not in countries.toml"
            yield Hit(f"legal_bases[{b}].basis",
                      f"For the reviewer: whether the {side} State, {_name(code)}, is bound by {treaty.short} "
                      f"is not recorded in mla-writer's reference data ({why}). Check the depositary's "
                      "chart before sending.")


@rule(
    "BASIS-NOT-IN-CASE", "error",
    summary="A request relies on a legal basis the case does not list",
    message="Add the basis to the case's legal bases, or remove it from the request's list.",
    reference="UNTOC art. 18(15)(d); CTOC/COP/WG.3/2015/2 ¶30",
)
def basis_not_in_case(case: Case, ctx: Context) -> Iterator[Hit]:
    listed = {lb.basis for lb in case.legal_bases}
    for r, req in enumerate(case.requests):
        for i, basis in enumerate(req.legal_bases or ()):
            if basis not in listed:
                yield Hit(f"requests[{r}].legal_bases[{i}]",
                          f"Request {req.id} relies on {_short(basis)}, which the case's legal bases do not "
                          "list: add it there (with its articles) or remove it from this request.")


def _short(basis: str) -> str:
    info = refdata.legal_bases().get(basis)
    return info.short if info else basis


def _request_bases(case: Case) -> Iterator[tuple[int, Request, str, str, refdata.LegalBasisInfo]]:
    """(request index, request, path to fix, basis id, info) for each basis each request relies on.

    The path is the request's own entry when it lists its bases, else its ``legal_bases`` field:
    the fix is then to list the bases that fit it.
    """
    bases = refdata.legal_bases()
    for r, req in enumerate(case.requests):
        for _b, lb in case.bases_for(req):
            info = bases.get(lb.basis)
            if info is None:
                continue
            if req.legal_bases is None:
                path = f"requests[{r}].legal_bases"
            else:
                path = f"requests[{r}].legal_bases[{req.legal_bases.index(lb.basis)}]"
            yield r, req, path, lb.basis, info


def _misfits(case: Case, fits: Callable[[refdata.LegalBasisInfo, Request], bool]
             ) -> Iterator[tuple[Request, str, refdata.LegalBasisInfo]]:
    """Each (request, basis) pair, once, where the basis does not ``fit`` the request."""
    seen: set[tuple[int, str]] = set()
    for r, req, path, basis, info in _request_bases(case):
        if not fits(info, req) and (r, basis) not in seen:
            seen.add((r, basis))
            yield req, path, info


_KIND_WORDS = {"preservation": "preservation", "subscriber": "subscriber information", "traffic": "traffic data",
               "content": "content", "emergency": "emergency disclosure"}


@rule(
    "BASIS-WRONG-KIND", "warning",
    summary="A request relies on an article that does not cover its kind of request",
    message="The article does not provide for this kind of request (e.g. Budapest art. 29 is for "
            "preservation, not for content): list, for this request, the bases that do.",
    reference="Budapest Convention arts 29(1), 31(1) and 33(1); UNTOC art. 18(3)",
)
def basis_wrong_kind(case: Case, ctx: Context) -> Iterator[Hit]:
    for req, path, info in _misfits(case, lambda info, req: info.fits(req.kind)):
        yield Hit(path, f"Request {req.id} asks for {_KIND_WORDS[req.kind]}, which {info.short} does not "
                        "provide for: rely on a basis that does (set this request's legal bases).")


@rule(
    "BASIS-DOES-NOT-FIT", "warning",
    summary="None of the legal bases a request relies on covers its kind of request",
    message="None of the legal bases this request relies on covers this kind of request (e.g. "
            "Budapest art. 29 covers preservation, not content): add one that does.",
    reference="Budapest Convention arts 29(1), 31(1) and 33(1); UNTOC art. 18(3)",
)
def basis_does_not_fit(case: Case, ctx: Context) -> Iterator[Hit]:
    bases = refdata.legal_bases()
    for r, req in enumerate(case.requests):
        infos = [bases.get(lb.basis) for _b, lb in case.bases_for(req)]
        if infos and all(i is not None and not i.fits(req.kind) for i in infos):
            yield Hit(f"requests[{r}].kind",
                      f"None of the legal bases request {req.id} relies on covers a {req.kind} request: "
                      "add one that does.")


@rule(
    "BASIS-WRONG-CHANNEL", "warning",
    summary="A request relies on a basis made for another channel",
    message="A treaty article between States does not bind a provider, and a provider's own "
            "disclosure rule is no basis for a request between States: rely, for this request, on a "
            "basis made for its channel.",
    reference="UNTOC art. 18(13); Budapest Convention arts 27(2) and 35(1); CTOC/COP/WG.3/2015/2 ¶33",
)
def basis_wrong_channel(case: Case, ctx: Context) -> Iterator[Hit]:
    for req, path, info in _misfits(case, lambda info, req: info.serves(req.channel)):
        if req.channel in ("provider_direct", "provider_emergency"):
            why = (f"{info.short} governs requests between States; request {req.id} goes to a provider, "
                   "whom it does not bind")
        elif info.treaty:
            why = (f"{info.short} provides for orders sent directly to a provider; request {req.id} goes "
                   "to the authorities of the requested State")
        else:
            why = (f"{info.short} is the law that governs the provider; request {req.id} goes to the "
                   "authorities of the requested State")
        yield Hit(path, f"{why}. Rely, for this request, on a basis made for its channel.")


@rule(
    "BASIS-ART27-WITH-TREATY", "warning",
    summary="Budapest art. 27 is cited although a mutual legal assistance treaty is relied on",
    message="Art. 27 of the Budapest Convention applies only where no mutual assistance treaty is in "
            "force between the two States: cite the treaty's procedure instead, or say that both States "
            "agree to apply art. 27.",
    reference="Budapest Convention art. 27(1); UNTOC art. 18(7)",
)
def art27_with_treaty(case: Case, ctx: Context) -> Iterator[Hit]:
    treaties = [lb for lb in case.legal_bases if lb.basis in ("bilateral", "regional")]
    if not treaties:
        return
    named = treaties[0].name or "a mutual legal assistance treaty"
    for b, lb in enumerate(case.legal_bases):
        if lb.basis == "budapest-25-27":
            yield Hit(f"legal_bases[{b}].basis",
                      f"The case also relies on {named}; art. 27 of the Budapest Convention does not apply "
                      "where such a treaty is in force (art. 27(1)). Cite art. 25 alone, or say that both "
                      "States agree to apply art. 27 in its place.")


@rule(
    "BASIS-UNVERIFIED", "advice",
    summary="mla-writer holds no verified wording of a treaty article relied on",
    message="For the reviewer: mla-writer has no verified text of this article, so the document names "
            "it and says its text is to be attached. Attach the text from the official publication, "
            "or paste it into the basis's citation with its source.",
    reference="CTOC/COP/WG.3/2015/2 ¶30",
)
def basis_unverified(case: Case, ctx: Context) -> Iterator[Hit]:
    for b, lb, info, treaty in _treaty_bases(case):
        if not info.verified and blank(lb.citation):
            article = lb.articles or (f"art. {info.article}" if info.article else "the article relied on")
            yield Hit(f"legal_bases[{b}].citation",
                      f"For the reviewer: mla-writer holds no verified wording of {treaty.short}, {article}. "
                      "The document names the article and says its text is to be attached: attach it from "
                      "the official publication, or paste it into the citation with its source.")


@rule(
    "LEGAL-CITATION-NEEDED", "warning",
    summary="A legal basis the drafter must cite is not identified",
    message="Name the instrument and the provisions relied on (name, articles), and quote them "
            "(citation) where the requested State needs the text.",
    reference="UNTOC art. 18(15)(d); CTOC/COP/WG.3/2015/2 ¶30",
)
def legal_citation_needed(case: Case, ctx: Context) -> Iterator[Hit]:
    bases = refdata.legal_bases()
    for b, lb in enumerate(case.legal_bases):
        info = bases.get(lb.basis)
        if info is None or not info.user_fills or lb.basis in _ASSURANCES:
            continue
        if blank(lb.articles) and blank(lb.citation) and (info.treaty or blank(lb.name)):
            what = "give the article relied on" if info.treaty else "name the provision relied on"
            yield Hit(f"legal_bases[{b}].articles",
                      f"{info.short}: {what} (articles) and, where the requested State needs it, its text "
                      "(citation). mla-writer does not hold it.")


def legal_bases_table(day: dt.date) -> list[dict[str, object]]:
    """Every legal basis the rules know, with what a drafter must know before relying on it."""
    treaties = refdata.treaties()
    rows = []
    for key, info in refdata.legal_bases().items():
        treaty = treaties.get(info.treaty) if info.treaty else None
        rows.append({
            "id": key, "short": info.short, "treaty": info.treaty, "article": info.article,
            "kinds": list(info.request_kinds), "channels": list(info.channels),
            "verified": info.verified, "drafter_quotes": info.user_fills,
            "in_force": None if treaty is None else treaty.in_force_on(day),
        })
    return rows
