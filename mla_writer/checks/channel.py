"""The channel a request travels by, its addressee, and what an informal channel costs.

Many States do not let evidence obtained through informal channels (24/7 network, police,
directly from a provider) be used in court (CTOC/COP/WG.3/2015/2 ¶33). Such a channel is fine
for speed, but it needs a formal request to follow, and the drafter must know the data is
intelligence until then.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..labels import N_
from ..model import PROVIDER_CHANNELS, Case, EmergencyRequest, PreservationRequest, Request, blank, is_formal
from .engine import Context, Hit, rule
from .walk import requests_of


def _follow_up_planned(req: Request) -> bool:
    if isinstance(req, PreservationRequest):
        return req.follow_up_planned or req.mla_to_follow
    return req.follow_up_planned


@rule(
    "CHANNEL-INFORMAL-NO-FOLLOW-UP", "warning",
    summary=N_("An informal channel is used with no formal follow-up planned"),
    message=N_("This request goes through an informal channel: plan the formal mutual assistance "
               "request that will obtain the data as admissible evidence, and record that it will follow."),
    reference="CTOC/COP/WG.3/2015/2 ¶33; A/74/130 ¶192, ¶376",
    checklist="channel",
)
def channel_informal_no_follow_up(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case):
        if isinstance(req, EmergencyRequest) and req.channel not in ("24_7", "mla"):
            continue  # EMERG-CHANNEL-NO-FOLLOW-UP says it, in the words of an emergency
        if not is_formal(req.channel) and not _follow_up_planned(req):
            yield Hit(f"{path}.follow_up_planned")


@rule(
    "CHANNEL-ADMISSIBILITY", "advice",
    summary=N_("Data disclosed through an informal channel may not be admissible"),
    message=N_("Many States do not admit evidence obtained informally: treat what this channel returns "
               "as intelligence until a formal request obtains it, and confirm that you know this."),
    reference="CTOC/COP/WG.3/2015/2 ¶33",
    checklist="channel",
)
def channel_admissibility(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case):
        # A preservation discloses nothing, so it carries no admissibility risk by itself.
        if isinstance(req, PreservationRequest) and not req.partial_disclosure:
            continue
        if not is_formal(req.channel) and not req.admissibility_acknowledged:
            yield Hit(f"{path}.admissibility_acknowledged")


@rule(
    "DIRECT-NO-COPY", "warning",
    summary=N_("A request sent directly to a provider is not copied to the requested State"),
    message=N_("When you send a request straight to the provider, copy it to the requested State's "
               "investigating or prosecuting authority (add that authority to the copies)."),
    reference="CTOC/COP/WG.3/2015/2 ¶57",
    checklist="cheaper",
)
def direct_no_copy(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case):
        if req.channel in PROVIDER_CHANNELS and not [c for c in req.copy_to if c]:
            yield Hit(f"{path}.copy_to")


@rule(
    "CHANNEL-247-NO-CONTACT", "warning",
    summary=N_("A request goes through the 24/7 network but the requested State's 24/7 point is not given"),
    message=N_("Give the requested State's 24/7 point of contact: its name, e-mail address and phone number."),
    reference="Budapest art. 35; CTOC/COP/WG.3/2015/2 ¶23; A/74/130 ¶407",
    checklist="contacts",
)
def channel_247_no_contact(case: Case, ctx: Context) -> Iterator[Hit]:
    if any(r.channel == "24_7" for r in case.requests):
        poc = case.requested.point_of_contact_24_7
        if poc is None or (blank(poc.name) and blank(poc.email) and blank(poc.phone)):
            yield Hit("requested.point_of_contact_24_7")


@rule(
    "CHANNEL-MLA-NO-AUTHORITY", "warning",
    summary=N_("A formal request does not name the requested State's central or competent authority"),
    message=N_("Name the requested State's central (or competent) authority that receives mutual "
               "assistance requests."),
    reference="UNTOC art. 18(13); Fourteenth UN Congress (Kyoto, 2021), workshop 4 report ¶20",
    checklist="addressee",
)
def channel_mla_no_authority(case: Case, ctx: Context) -> Iterator[Hit]:
    if any(is_formal(r.channel) for r in case.requests):
        auth = case.requested.authority
        if auth is None or blank(auth.name):
            yield Hit("requested.authority")


@rule(
    "ADDRESSEE-MISSING", "warning",
    summary=N_("A request does not say who receives it"),
    message=N_("Say who receives this request (e.g. the central authority, the 24/7 point, or the "
               "provider's law-enforcement desk)."),
    reference="CCPCJ 27th session discussion guide (2018) ¶38; A/74/130 ¶268, ¶323, ¶365",
    checklist="addressee",
)
def addressee_missing(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case):
        if blank(req.addressee):
            yield Hit(f"{path}.addressee")
