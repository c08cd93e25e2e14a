"""Emergency disclosure: a described threat, why normal process is too slow, and proof of origin.

Forged "emergency" requests sent from look-alike addresses are a known way of tricking providers
into disclosing data, so an emergency request must let the provider check that it is genuine:
an official e-mail domain, a reference number and call-back instructions through a number the
provider can find independently.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..labels import N_
from ..model import Case, EmergencyRequest, blank
from .engine import Context, Hit, rule
from .walk import never_given, requests_of


def _domain_of(address: str | None) -> str | None:
    if not address or "@" not in address:
        return None
    return address.rsplit("@", 1)[1].strip().lower().rstrip(".")


def _on_domain(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


@rule(
    "EMERG-NO-THREAT", "error",
    summary=N_("An emergency request does not describe the threat"),
    message=N_("Describe the emergency: who is at risk, of what harm, and how soon (e.g. 'a 14-year-old "
               "announced on the account that she will kill herself tonight')."),
    reference="CCPCJ 27th session discussion guide (2018) ¶33; CTOC/COP/WG.3/2015/2 ¶22",
    checklist="urgency",
)
def emerg_no_threat(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, EmergencyRequest):
        if blank(req.threat):
            yield Hit(f"{path}.threat")


@rule(
    "EMERG-NO-HARM", "error",
    summary=N_("An emergency request does not say what harm it is meant to prevent"),
    message=N_("Choose the harm the request is meant to prevent (a risk to life, of serious injury, to a "
               "child's safety, or other serious harm): the request does not record it, and the document "
               "would otherwise state a risk to life nobody chose."),
    reference="CCPCJ 27th session discussion guide (2018) ¶33; CTOC/COP/WG.3/2015/2 ¶22",
    checklist="urgency",
)
def emerg_no_harm(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, EmergencyRequest):
        if never_given(req, "harm"):
            yield Hit(f"{path}.harm")


@rule(
    "EMERG-NO-WHY-URGENT", "error",
    summary=N_("An emergency request does not say why normal process is too slow"),
    message=N_("Explain why the data is needed faster than a mutual assistance request can deliver it "
               "and what it will be used for at once (e.g. to locate the victim)."),
    reference="CCPCJ 27th session discussion guide (2018) ¶33; CTOC/COP/WG.3/2015/2 ¶22",
    checklist="urgency",
)
def emerg_no_why_urgent(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, EmergencyRequest):
        if blank(req.why_urgent):
            yield Hit(f"{path}.why_urgent")


@rule(
    "EMERG-NO-OFFICIAL-DOMAIN", "error",
    summary=N_("An emergency request gives no official e-mail domain"),
    message=N_("Give the official e-mail domain of the requesting authority (e.g. police.example.gov) "
               "and send from it: providers reject emergency requests from free mail services."),
    reference="CCPCJ 27th session discussion guide (2018) ¶33; CTOC/COP/WG.3/2015/2 ¶22; good practice against forged emergency requests",
    checklist="contacts",
)
def emerg_no_official_domain(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, EmergencyRequest):
        if blank(req.authenticity.official_email_domain):
            yield Hit(f"{path}.authenticity.official_email_domain")


@rule(
    "EMERG-NO-REFERENCE", "warning",
    summary=N_("An emergency request has no reference number"),
    message=N_("Give the authority's reference number for this emergency, so the provider can quote "
               "it when it calls back."),
    reference="CCPCJ 27th session discussion guide (2018) ¶33; CTOC/COP/WG.3/2015/2 ¶22; good practice against forged emergency requests",
    checklist="contacts",
)
def emerg_no_reference(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, EmergencyRequest):
        if blank(req.authenticity.reference_number):
            yield Hit(f"{path}.authenticity.reference_number")


@rule(
    "EMERG-NO-CALLBACK", "error",
    summary=N_("An emergency request has no call-back instructions"),
    message=N_("Tell the provider how to confirm the request by calling back through a number it can "
               "find independently (e.g. the switchboard of the police headquarters), not only the "
               "number in the request."),
    reference="CCPCJ 27th session discussion guide (2018) ¶33; CTOC/COP/WG.3/2015/2 ¶22; good practice against forged emergency requests",
    checklist="contacts",
)
def emerg_no_callback(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, EmergencyRequest):
        if blank(req.authenticity.callback):
            yield Hit(f"{path}.authenticity.callback")


@rule(
    "EMERG-DOMAIN-MISMATCH", "warning",
    summary=N_("An e-mail address in the emergency request is not on the official domain"),
    message=N_("The address the request is sent from, or the officer's address, is not on the official "
               "domain: send from an official address, or the provider may treat the request as forged."),
    reference="CCPCJ 27th session discussion guide (2018) ¶33; CTOC/COP/WG.3/2015/2 ¶22; good practice against forged emergency requests",
    checklist="contacts",
)
def emerg_domain_mismatch(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, EmergencyRequest):
        official = (req.authenticity.official_email_domain or "").strip().lower().lstrip("@").rstrip(".")
        if not official:
            continue
        candidates = [
            (f"{path}.authenticity.sent_from", req.authenticity.sent_from),
            ("requesting.case_officer.email", case.requesting.case_officer.email),
        ]
        for where, address in candidates:
            host = _domain_of(address)
            if host is not None and not _on_domain(host, official):
                yield Hit(where, N_("%(address)s is not on the official domain %(domain)s: send from an "
                                    "official address, or the provider may treat the request as forged."),
                          address=address or "", domain=official)


@rule(
    "EMERG-CHANNEL-NO-FOLLOW-UP", "warning",
    summary=N_("An emergency request outside the 24/7 network has no formal follow-up planned"),
    message=N_("This emergency request goes outside the 24/7 network or formal MLA: plan the formal "
               "request that will obtain the data as evidence, and record that it will follow."),
    reference="CTOC/COP/WG.3/2015/2 ¶33; CCPCJ 27th session discussion guide (2018) ¶55",
    checklist="channel",
)
def emerg_channel_no_follow_up(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case, EmergencyRequest):
        if req.channel not in ("24_7", "mla") and not req.follow_up_planned:
            yield Hit(f"{path}.follow_up_planned")


@rule(
    "EMERG-URGENCY-LEVEL", "advice",
    summary=N_("The case has an emergency request but is not marked as an emergency"),
    message=N_("Mark the case's urgency as an emergency, so that the document says so."),
    reference="CCPCJ 27th session discussion guide (2018) ¶33; CTOC/COP/WG.3/2015/2 ¶22",
    checklist="urgency",
)
def emerg_urgency_level(case: Case, ctx: Context) -> Iterator[Hit]:
    if any(isinstance(r, EmergencyRequest) for r in case.requests) and case.urgency.level != "emergency":
        yield Hit("urgency.level")
