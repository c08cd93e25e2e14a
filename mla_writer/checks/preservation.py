"""Expedited preservation (Budapest art. 29) and its follow-up.

Art. 29(2)(a) (authority) and (b) (offence and facts) are shared with every request and checked
in completeness.py (AUTHORITY-MISSING, FACTS-MISSING, OFFENCE-MISSING); (c) also in nexus.py
(NEXUS-MISSING). The rules here cover what only a preservation request has: the custodian, the
necessity, the promise of a mutual assistance request, the period and the expiry; and, on the
requests for disclosure that follow, the reference to the preservation they rely on.

The shortest period a preservation may last comes from the legal basis the request relies on
(mla_writer/data/legal_bases.toml: Budapest art. 29(7), not less than sixty days); a basis that
sets none is not judged.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import refdata
from ..deadlines import EXTENSION_LEAD_DAYS
from ..labels import N_
from ..model import (
    Case,
    ContentRequest,
    DataItem,
    LegalBasis,
    PreservationRequest,
    SubscriberRequest,
    TrafficRequest,
    blank,
)
from .engine import Context, Hit, rule
from .message import Date
from .treaties import _basis
from .walk import never_given, requests_of, subjects

# How far ahead of an expiry `check` starts warning: as far ahead as the register asks for an
# extension (enough time to draft, approve and send it).
EXPIRY_WARNING_DAYS = EXTENSION_LEAD_DAYS


def _follow_up_filed(req: PreservationRequest) -> bool:
    return req.follow_up is not None and req.follow_up.filed_on is not None


def _minimum(case: Case, req: PreservationRequest) -> tuple[LegalBasis, refdata.PreservationMinimum] | None:
    """The longest of the shortest periods the bases this request relies on provide for."""
    bases = refdata.legal_bases()
    found = [(lb, info.preservation_minimum) for _b, lb in case.bases_for(req)
             if (info := bases.get(lb.basis)) is not None and info.preservation_minimum is not None]
    return max(found, key=lambda pair: pair[1].days) if found else None


@rule(
    "PRES-NO-DATA", "error",
    summary=N_("A preservation request does not say which data to preserve"),
    message=N_("List the stored data to preserve: for each identifier, the categories of data "
               "(e.g. subscriber records, login IP history, mailbox)."),
    reference="Budapest art. 29(2)(c)",
    checklist="nexus",
)
def pres_no_data(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, PreservationRequest):
        for i, item in enumerate(req.items):
            if not item.categories:
                yield Hit(f"{path}.items[{i}].categories")


@rule(
    "PRES-NO-CUSTODIAN", "error",
    summary=N_("A preservation request does not identify the custodian or where the data is"),
    message=N_("Give any available information identifying the custodian of the data (the provider's "
               "name and legal entity) or where the computer system is located."),
    reference="Budapest art. 29(2)(d)",
    checklist="addressee",
)
def pres_no_custodian(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, PreservationRequest):
        p = req.provider
        if blank(p.name) and blank(p.legal_entity) and blank(p.data_location):
            yield Hit(f"{path}.provider.name")


@rule(
    "PRES-NO-NECESSITY", "error",
    summary=N_("A preservation request does not say why preservation is necessary"),
    message=N_("Say why the data may be lost or changed without preservation (e.g. the provider "
               "keeps connection logs for 90 days only)."),
    reference="Budapest art. 29(2)(e)",
    checklist="urgency",
)
def pres_no_necessity(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, PreservationRequest):
        if blank(req.necessity):
            yield Hit(f"{path}.necessity")


@rule(
    "PRES-NO-MLA-INTENT", "error",
    summary=N_("A preservation request does not state that an MLA request will follow"),
    message=N_("State that a mutual assistance request for the search, seizure or disclosure of the "
               "data will follow."),
    reference="Budapest art. 29(2)(f)",
    checklist="preserved",
)
def pres_no_mla_intent(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, PreservationRequest):
        if not req.mla_to_follow:
            yield Hit(f"{path}.mla_to_follow")


@rule(
    "PRES-NO-PERIOD", "warning",
    summary=N_("A preservation request does not say how long the data is to be kept"),
    message=N_("Say for how many days the data is to be preserved: the request does not record a "
               "period, and the document would otherwise ask for a period nobody chose."),
    reference="Budapest art. 29(7); CTOC/COP/WG.3/2015/2 ¶21",
    checklist="preserved",
)
def pres_no_period(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, PreservationRequest):
        if never_given(req, "period_days"):
            yield Hit(f"{path}.period_days")


@rule(
    "PRES-PERIOD-SHORT", "warning",
    summary=N_("The preservation period asked for is shorter than the legal basis provides for"),
    message=N_("Ask for at least the period the legal basis provides for (not less than sixty days under "
               "the Budapest Convention), time for the mutual assistance request to be sent and received."),
    reference="Budapest art. 29(7)",
    checklist="preserved",
)
def pres_period_short(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, PreservationRequest):
        found = _minimum(case, req)
        if found is not None and req.period_days < found[1].days:
            lb, minimum = found
            yield Hit(f"{path}.period_days",
                      N_("The request asks for %(days)s days; %(basis)s provides for a preservation of not "
                         "less than %(minimum)s days. Ask for at least %(minimum)s days, time for the mutual "
                         "assistance request to follow."),
                      reference=minimum.reference, days=req.period_days, minimum=minimum.days,
                      basis=_basis(lb.basis, lb))


@rule(
    "PRES-EXPIRY-SHORT", "warning",
    summary=N_("The confirmed expiry is sooner than the legal basis provides for"),
    message=N_("The expiry recorded is sooner after the request was sent than the legal basis provides "
               "for; check the date with the provider or the 24/7 point, and ask for the full period if it "
               "is right."),
    reference="Budapest art. 29(7)",
    checklist="preserved",
)
def pres_expiry_short(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, PreservationRequest):
        found = _minimum(case, req)
        if found is None or not (req.expires_on and req.sent_on):
            continue
        lb, minimum = found
        if (req.expires_on - req.sent_on).days < minimum.days:
            yield Hit(f"{path}.expires_on",
                      N_("The expiry recorded is %(days)s days after the request was sent; %(basis)s provides "
                         "for a preservation of not less than %(minimum)s days. Check the date with the provider "
                         "or the 24/7 point, and ask for the full period if it is right."),
                      reference=minimum.reference, days=(req.expires_on - req.sent_on).days,
                      minimum=minimum.days, basis=_basis(lb.basis, lb))


@rule(
    "PRES-EXPIRING", "warning",
    summary=N_("A preservation lapses soon and no follow-up request has been filed"),
    message=N_("The preservation lapses soon: file the mutual assistance request, or ask for an "
               "extension, before it expires, and record it in the case."),
    reference="Budapest art. 29(7); CTOC/COP/WG.3/2015/2 ¶21, ¶57",
    checklist="preserved",
)
def pres_expiring(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, PreservationRequest):
        expiry = req.effective_expiry()
        if expiry is None or _follow_up_filed(req):
            continue
        left = (expiry - ctx.today).days
        if 0 <= left <= EXPIRY_WARNING_DAYS:
            yield Hit(f"{path}.follow_up",
                      N_("The preservation lapses on %(expiry)s (in %(days)s days) and no mutual "
                         "assistance request has been filed: file it, or ask for an extension, now."),
                      expiry=Date(expiry), days=left)


@rule(
    "PRES-EXPIRED", "error",
    summary=N_("A preservation has lapsed with no follow-up request filed"),
    message=N_("The preservation has lapsed: the data may already be gone. Ask the provider or the "
               "24/7 point at once whether it still holds the data, and preserve again if needed."),
    reference="Budapest art. 29(7); CTOC/COP/WG.3/2015/2 ¶21",
    checklist="preserved",
)
def pres_expired(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, PreservationRequest):
        expiry = req.effective_expiry()
        if expiry is not None and expiry < ctx.today and not _follow_up_filed(req):
            yield Hit(f"{path}.follow_up",
                      N_("The preservation lapsed on %(expiry)s and no mutual assistance request was "
                         "filed: ask at once whether the data is still held, and preserve again."),
                      expiry=Date(expiry))


@rule(
    "PRES-EXTENSION-NO-REF", "warning",
    summary=N_("An extension request does not cite the preservation it extends"),
    message=N_("Give the reference number and date of the original preservation (under earlier "
               "preservation requests), so the provider can find what to keep longer."),
    reference="CTOC/COP/WG.3/2015/2 ¶21, ¶57",
    checklist="preserved",
)
def pres_extension_no_ref(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, PreservationRequest):
        if req.status == "extension" and not req.preservation_refs:
            yield Hit(f"{path}.preservation_refs")


@rule(
    "PRES-REF-NO-NUMBER", "warning",
    summary=N_("An earlier preservation is cited without its reference number"),
    message=N_("Give the reference number the provider or requested State gave the earlier "
               "preservation: it is how they find the frozen data."),
    reference="CTOC/COP/WG.3/2015/2 ¶21, ¶57",
    checklist="preserved",
)
def pres_ref_no_number(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case):
        for k, ref in enumerate(req.preservation_refs):
            if blank(ref.reference):
                yield Hit(f"{path}.preservation_refs[{k}].reference")


@rule(
    "PRES-REF-EXPIRING", "warning",
    summary=N_("The preservation this request relies on lapses soon or has lapsed"),
    message=N_("The preservation this request relies on lapses before the request can be executed: "
               "ask for an extension now."),
    reference="Budapest art. 29(7); CTOC/COP/WG.3/2015/2 ¶57",
    checklist="preserved",
)
def pres_ref_expiring(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case):
        if req.sent_on is not None:
            continue
        for k, ref in enumerate(req.preservation_refs):
            expiry = ref.extended_to or ref.expires_on
            if expiry is None:
                continue
            left = (expiry - ctx.today).days
            if left <= EXPIRY_WARNING_DAYS:
                where = f"{path}.preservation_refs[{k}].expires_on"
                if left >= 0:
                    yield Hit(where, N_("The preservation this request relies on lapses on %(expiry)s (in "
                                        "%(days)s days): ask for an extension (or preserve again) before "
                                        "sending the request."),
                              expiry=Date(expiry), days=left)
                else:
                    yield Hit(where, N_("The preservation this request relies on lapsed on %(expiry)s: "
                                        "preserve again (or ask whether the data is still held) before "
                                        "sending the request."),
                              expiry=Date(expiry))


def _preserved(req: PreservationRequest) -> bool:
    """The preservation has been asked for (sent) or confirmed: the data is being kept."""
    return req.sent_on is not None or req.confirmed_on is not None or not blank(req.reference)


def _preserving(case: Case, items: list[DataItem]) -> PreservationRequest | None:
    """A preservation of the case, sent or confirmed, of data these items ask for."""
    wanted = set().union(*(subjects(item.identifier) for item in items)) if items else set()
    for _p, pres in requests_of(case, PreservationRequest):
        kept = set().union(*(subjects(item.identifier) for item in pres.items)) if pres.items else set()
        if _preserved(pres) and wanted & kept:
            return pres
    return None


@rule(
    "PRES-REF-MISSING", "warning",
    summary=N_("A request for data that was preserved does not name the preservation"),
    message=N_("This request asks for data that was preserved: name the preservation (its reference "
               "number, the channel and the date it was sent) under earlier preservation requests, so that "
               "the data stays preserved until this request is decided."),
    # Art. 29(7): the data stays preserved pending a decision on the request that follows, which the
    # requested State can only do if it knows which preservation the request follows.
    reference="Budapest art. 29(7), art. 31(1); CTOC/COP/WG.3/2015/2 ¶21, ¶57",
    checklist="preserved",
)
def pres_ref_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, SubscriberRequest, TrafficRequest, ContentRequest):
        if req.preservation_refs:
            continue
        pres = _preserving(case, req.items)
        if pres is not None:
            yield Hit(f"{path}.preservation_refs",
                      N_("This request asks for data that request %(preservation)s preserved: name that "
                         "preservation (its reference number, the channel and the date it was sent) under "
                         "earlier preservation requests, so that the data stays preserved until this request is "
                         "decided."),
                      preservation=pres.id)


@rule(
    "PRES-NOT-FIRST", "advice",
    summary=N_("Traffic or content data is requested without a preservation"),
    message=N_("Preserve volatile data before asking for its disclosure: add a preservation request, "
               "or record the earlier preservation request."),
    reference="CTOC/COP/WG.3/2015/2 ¶57",
    checklist="preserved",
)
def pres_not_first(case: Case, ctx: Context) -> Iterator[Hit]:
    if any(isinstance(r, PreservationRequest) for r in case.requests):
        return
    for path, req in requests_of(case, TrafficRequest, ContentRequest):
        if not req.preservation_refs and not getattr(req, "real_time", False):
            yield Hit(f"{path}.preservation_refs")
