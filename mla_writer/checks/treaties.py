"""The legal basis against the reference data: treaty in force, both States bound, each article
fitting the request that relies on it (its kind and its channel), and wording the tool can quote.

The data (mla_writer/data: treaties.toml, countries.toml, legal_bases.toml) is editable, with a
source and a date for every status; findings about it name both, so a reviewer can check them.
Treaties and bases are named by their titles in the catalogs (mla_writer/labels.py), so that a
finding reads the same in each of the six languages; the sources and notes of the data are
quoted as they are written there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from .. import labels, refdata
from ..labels import N_
from ..model import PROVIDER_CHANNELS, Case, LegalBasis, Request, blank
from .engine import Context, Hit, rule
from .message import Country, Date, Param, Phrase, Term, term
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


def _treaty(key: str) -> Term | str:
    """A treaty by its official title, said in the message's language."""
    title = labels.INSTRUMENT.get(key)
    return Term(title) if title else key


def _basis(basis: str, lb: LegalBasis | None = None) -> Param:
    """A legal basis as a finding names it, in the message's language: the name the case gives it,
    else its instrument's title (or what it is, for a treaty the case has not named yet), with the
    articles the case cites or, failing those, the article of the reference data."""
    if lb is not None and not blank(lb.name):
        instrument: Param = lb.name.text if lb.name else ""  # the case's own words
    else:
        title = labels.instrument_title(basis) or labels.UNNAMED_INSTRUMENT.get(basis)
        instrument = Term(title) if title else basis
    if lb is not None and not blank(lb.articles):
        return Phrase(N_("%(instrument)s, “%(articles)s”"),
                      (("instrument", instrument), ("articles", lb.articles.text if lb.articles else "")))
    info = refdata.legal_bases().get(basis)
    article = info.article if info is not None and info.treaty else ""
    if "-" in article:
        return Phrase(N_("%(instrument)s, arts. %(numbers)s"), (("instrument", instrument), ("numbers", article)))
    if article:
        return Phrase(N_("%(instrument)s, art. %(number)s"), (("instrument", instrument), ("number", article)))
    return instrument


@rule(
    "TREATY-NOT-IN-FORCE", "error",
    summary=N_("A treaty is cited that is not in force"),
    message=N_("The treaty cited is not in force: rely on another basis, or check whether it has "
               "entered into force since the date of the reference data and correct that data."),
    reference="Vienna Convention on the Law of Treaties art. 24; Second Additional Protocol art. 16; "
              "UN Convention against Cybercrime art. 65(1)",
    checklist="legal_basis",
)
def treaty_not_in_force(case: Case, ctx: Context) -> Iterator[Hit]:
    day = reference_date(case, ctx.today)
    for b, _lb, info, treaty in _treaty_bases(case):
        if treaty.in_force_on(day):
            continue
        if treaty.entry_into_force:
            yield Hit(f"legal_bases[{b}].basis",
                      N_("The %(treaty)s enters into force on %(date)s. Rely on another basis (a treaty in "
                         "force between both States, the requested State's law, or reciprocity)."),
                      treaty=_treaty(info.treaty), date=Date(treaty.entry_into_force))
        else:
            yield Hit(f"legal_bases[{b}].basis",
                      N_("The %(treaty)s was not in force on %(date)s, per %(source)s. Rely on another basis "
                         "(a treaty in force between both States, the requested State's law, or reciprocity)."),
                      treaty=_treaty(info.treaty), date=Date(treaty.status_as_of), source=treaty.status_source)


# Whole sentences per side and status, so that each language can word them its own way.
_NOT_BOUND = {
    ("requesting", "signatory"): N_("The requesting State (%(country)s) has only signed the %(treaty)s (as of "
                                    "%(date)s, per %(source)s): choose another basis, or correct the countries "
                                    "data if this has changed."),
    ("requesting", "ratified"): N_("The requesting State (%(country)s) has ratified the %(treaty)s but is not "
                                   "yet bound by it (as of %(date)s, per %(source)s): choose another basis, or "
                                   "correct the countries data if this has changed."),
    ("requesting", "none"): N_("The requesting State (%(country)s) is not a party to the %(treaty)s (as of "
                               "%(date)s, per %(source)s): choose another basis, or correct the countries data "
                               "if this has changed."),
    ("requested", "signatory"): N_("The requested State (%(country)s) has only signed the %(treaty)s (as of "
                                   "%(date)s, per %(source)s): choose another basis, or correct the countries "
                                   "data if this has changed."),
    ("requested", "ratified"): N_("The requested State (%(country)s) has ratified the %(treaty)s but is not yet "
                                  "bound by it (as of %(date)s, per %(source)s): choose another basis, or correct "
                                  "the countries data if this has changed."),
    ("requested", "none"): N_("The requested State (%(country)s) is not a party to the %(treaty)s (as of "
                              "%(date)s, per %(source)s): choose another basis, or correct the countries data if "
                              "this has changed."),
}


@rule(
    "TREATY-NOT-PARTY", "error",
    summary=N_("A treaty is cited that the requesting or requested State is not bound by"),
    message=N_("The treaty cited does not bind both States: choose another basis, such as a bilateral "
               "treaty or reciprocity, or correct the countries data if it is out of date."),
    reference="Vienna Convention on the Law of Treaties art. 34; CTOC/COP/WG.3/2015/2 ¶30",
    checklist="legal_basis",
)
def treaty_not_party(case: Case, ctx: Context) -> Iterator[Hit]:
    day = reference_date(case, ctx.today)
    for b, _lb, info, treaty in _treaty_bases(case):
        if not treaty.in_force_on(day):
            continue  # TREATY-NOT-IN-FORCE says it for every State at once
        for side, code in _states(case):
            country = refdata.country(code)
            entry = country.treaties.get(treaty.key) if country else None
            if entry is None or entry.status in ("party", "unknown") or entry.as_of is None:
                continue
            yield Hit(f"legal_bases[{b}].basis", _NOT_BOUND[side, entry.status],
                      country=Country(code), treaty=_treaty(info.treaty), date=Date(entry.as_of),
                      source=entry.source)


_STATUS_UNKNOWN = {
    "requesting": N_("For the reviewer: whether the requesting State (%(country)s) is bound by the %(treaty)s is "
                     "not recorded in mla-writer's reference data (%(reason)s). Check the depositary's chart "
                     "before sending."),
    "requested": N_("For the reviewer: whether the requested State (%(country)s) is bound by the %(treaty)s is "
                    "not recorded in mla-writer's reference data (%(reason)s). Check the depositary's chart "
                    "before sending."),
}


@rule(
    "TREATY-STATUS-UNKNOWN", "advice",
    summary=N_("Whether a State is bound by the treaty cited is not recorded"),
    message=N_("mla-writer's reference data does not record whether this State is bound by the treaty: "
               "check the depositary's chart of signatures and ratifications before sending."),
    reference="CTOC/COP/WG.3/2015/2 ¶30",
    checklist="legal_basis",
)
def treaty_status_unknown(case: Case, ctx: Context) -> Iterator[Hit]:
    seen: set[tuple[str, str]] = set()
    for b, _lb, info, treaty in _treaty_bases(case):
        for side, code in _states(case):
            if (code, treaty.key) in seen:
                continue  # one finding per State and treaty, however many articles cite it
            seen.add((code, treaty.key))
            country = refdata.country(code)
            entry = country.treaties.get(treaty.key) if country else None
            if entry is not None and entry.status != "unknown":
                continue
            why: Param = (entry.note.rstrip(".") if entry is not None
                          else Term(N_("the State is not in the countries data")))
            yield Hit(f"legal_bases[{b}].basis", _STATUS_UNKNOWN[side],
                      country=Country(code), treaty=_treaty(info.treaty), reason=why)


@rule(
    "BASIS-NOT-IN-CASE", "error",
    summary=N_("A request relies on a legal basis the case does not list"),
    message=N_("Add the basis to the case's legal bases, or remove it from the request's list."),
    reference="UNTOC art. 18(15)(d); CTOC/COP/WG.3/2015/2 ¶30",
    checklist="legal_basis",
)
def basis_not_in_case(case: Case, ctx: Context) -> Iterator[Hit]:
    listed = {lb.basis for lb in case.legal_bases}
    for r, req in enumerate(case.requests):
        for i, basis in enumerate(req.legal_bases or ()):
            if basis not in listed:
                yield Hit(f"requests[{r}].legal_bases[{i}]",
                          N_("Request %(request)s relies on %(basis)s, which the case's legal bases do not list: "
                             "add it there (with its articles) or remove it from this request."),
                          request=req.id, basis=_basis(basis))


def _request_bases(case: Case) -> Iterator[tuple[int, Request, str, LegalBasis, refdata.LegalBasisInfo]]:
    """(request index, request, path to fix, basis, info) for each basis each request relies on.

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
            yield r, req, path, lb, info


def _misfits(case: Case, fits: Callable[[refdata.LegalBasisInfo, Request], bool]
             ) -> Iterator[tuple[Request, str, LegalBasis, refdata.LegalBasisInfo]]:
    """Each (request, basis) pair, once, where the basis does not ``fit`` the request."""
    seen: set[tuple[int, str]] = set()
    for r, req, path, lb, info in _request_bases(case):
        if not fits(info, req) and (r, lb.basis) not in seen:
            seen.add((r, lb.basis))
            yield req, path, lb, info


@rule(
    "BASIS-WRONG-KIND", "warning",
    summary=N_("A request relies on an article that does not cover its kind of request"),
    message=N_("The article does not provide for this kind of request (e.g. Budapest art. 29 is for "
               "preservation, not for content): list, for this request, the bases that do."),
    reference="Budapest art. 29(1), art. 31(1), art. 33(1); UNTOC art. 18(3)",
    checklist="legal_basis",
)
def basis_wrong_kind(case: Case, ctx: Context) -> Iterator[Hit]:
    for req, path, lb, _info in _misfits(case, lambda info, req: info.fits(req.kind)):
        yield Hit(path, N_("Request %(request)s (%(kind)s) relies on %(basis)s, which does not provide for this "
                           "kind of request: rely on a basis that does (set this request's legal bases)."),
                  request=req.id, kind=term(labels.REQUEST_KIND, req.kind), basis=_basis(lb.basis, lb))


@rule(
    "BASIS-DOES-NOT-FIT", "warning",
    summary=N_("None of the legal bases a request relies on covers its kind of request"),
    message=N_("None of the legal bases this request relies on covers this kind of request (e.g. "
               "Budapest art. 29 covers preservation, not content): add one that does."),
    reference="Budapest art. 29(1), art. 31(1), art. 33(1); UNTOC art. 18(3)",
    checklist="legal_basis",
)
def basis_does_not_fit(case: Case, ctx: Context) -> Iterator[Hit]:
    bases = refdata.legal_bases()
    for r, req in enumerate(case.requests):
        infos = [bases.get(lb.basis) for _b, lb in case.bases_for(req)]
        if infos and all(i is not None and not i.fits(req.kind) for i in infos):
            yield Hit(f"requests[{r}].kind",
                      N_("None of the legal bases request %(request)s relies on covers its kind of request "
                         "(%(kind)s): add one that does."),
                      request=req.id, kind=term(labels.REQUEST_KIND, req.kind))


@rule(
    "BASIS-WRONG-CHANNEL", "warning",
    summary=N_("A request relies on a basis made for another channel"),
    message=N_("A treaty article between States does not bind a provider, and a provider's own "
               "disclosure rule is no basis for a request between States: rely, for this request, on a "
               "basis made for its channel."),
    reference="UNTOC art. 18(13); Budapest art. 27(2), art. 35(1); CTOC/COP/WG.3/2015/2 ¶33",
    checklist="legal_basis",
)
def basis_wrong_channel(case: Case, ctx: Context) -> Iterator[Hit]:
    for req, path, lb, info in _misfits(case, lambda info, req: info.serves(req.channel)):
        if req.channel in PROVIDER_CHANNELS:
            message = N_("Request %(request)s relies on %(basis)s, which governs requests between States; the "
                         "request goes to a provider, whom it does not bind. Rely, for this request, on a basis "
                         "made for its channel.")
        elif info.treaty:
            message = N_("Request %(request)s relies on %(basis)s, which provides for orders sent directly to a "
                         "provider; the request goes to the authorities of the requested State. Rely, for this "
                         "request, on a basis made for its channel.")
        else:
            message = N_("Request %(request)s relies on %(basis)s, the law that governs the provider; the request "
                         "goes to the authorities of the requested State. Rely, for this request, on a basis made "
                         "for its channel.")
        yield Hit(path, message, request=req.id, basis=_basis(lb.basis, lb))


@rule(
    "BASIS-ART27-WITH-TREATY", "warning",
    summary=N_("Budapest art. 27 is cited although a mutual legal assistance treaty is relied on"),
    message=N_("Art. 27 of the Budapest Convention applies only where no mutual assistance treaty is in "
               "force between the two States: cite the treaty's procedure instead, or say that both States "
               "agree to apply art. 27."),
    reference="Budapest art. 27(1); UNTOC art. 18(7)",
    checklist="legal_basis",
)
def art27_with_treaty(case: Case, ctx: Context) -> Iterator[Hit]:
    treaties = [lb for lb in case.legal_bases if lb.basis in ("bilateral", "regional")]
    if not treaties:
        return
    for b, lb in enumerate(case.legal_bases):
        if lb.basis == "budapest-25-27":
            yield Hit(f"legal_bases[{b}].basis",
                      N_("The case also relies on %(treaty)s; art. 27 of the Budapest Convention does not apply "
                         "where such a treaty is in force (art. 27(1)). Cite art. 25 alone, or say that both "
                         "States agree to apply art. 27 in its place."),
                      treaty=treaties[0].name.text if treaties[0].name else Term(labels.UNNAMED_INSTRUMENT[treaties[0].basis]))


@rule(
    "BASIS-UNVERIFIED", "advice",
    summary=N_("mla-writer holds no verified wording of a treaty article relied on"),
    message=N_("For the reviewer: mla-writer has no verified text of this article, so the document names "
               "it and says its text is to be attached. Attach the text from the official publication, "
               "or paste it, with its source, as the text to quote of the basis."),
    reference="CTOC/COP/WG.3/2015/2 ¶30",
    checklist="legal_basis",
)
def basis_unverified(case: Case, ctx: Context) -> Iterator[Hit]:
    for b, lb, info, _treaty_info in _treaty_bases(case):
        if not info.verified and blank(lb.citation):
            yield Hit(f"legal_bases[{b}].citation",
                      N_("For the reviewer: mla-writer holds no verified wording of %(basis)s. The document "
                         "names the article and says its text is to be attached: attach it from the official "
                         "publication, or paste it, with its source, as the text to quote of the basis."),
                      basis=_basis(lb.basis, lb))


@rule(
    "LEGAL-CITATION-NEEDED", "warning",
    summary=N_("A legal basis the drafter must cite is not identified"),
    message=N_("Name the instrument and the provisions relied on, and quote them where the requested "
               "State needs their text."),
    reference="UNTOC art. 18(15)(d); CTOC/COP/WG.3/2015/2 ¶30",
    checklist="legal_basis",
)
def legal_citation_needed(case: Case, ctx: Context) -> Iterator[Hit]:
    bases = refdata.legal_bases()
    for b, lb in enumerate(case.legal_bases):
        info = bases.get(lb.basis)
        if info is None or not info.user_fills or lb.basis in _ASSURANCES:
            continue
        if blank(lb.articles) and blank(lb.citation) and (info.treaty or blank(lb.name)):
            if info.treaty:
                message = N_("For %(basis)s, give the article relied on and, where the requested State needs "
                             "it, quote its text: mla-writer does not hold it.")
            else:
                message = N_("For %(basis)s, name the provision relied on and, where the requested State needs "
                             "it, quote its text: mla-writer does not hold it.")
            yield Hit(f"legal_bases[{b}].articles", message, basis=_basis(lb.basis, lb))


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


def basis_notes(row: dict[str, object]) -> list[str]:
    """What a drafter must know about a basis of :func:`legal_bases_table`, as catalog messages."""
    notes = ((N_("not in force"), row["in_force"] is False), (N_("wording verified"), row["verified"]),
             (N_("the drafter cites and quotes it"), row["drafter_quotes"]))
    return [note for note, on in notes if on]
