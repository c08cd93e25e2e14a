"""Identifiers a provider can act on without a round of questions."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Case, IPAddress
from .engine import Context, Hit, rule


def _ips(case: Case) -> Iterator[tuple[str, IPAddress]]:
    for r, req in enumerate(case.requests):
        for i, item in enumerate(req.items):
            if isinstance(item.identifier, IPAddress):
                yield f"requests[{r}].items[{i}].identifier", item.identifier


@rule(
    "IP-NO-TIME", "error",
    summary="An IP address has no date and time",
    message="Give the exact date and time the address was seen in use: addresses are reassigned "
            "constantly, so a provider cannot attribute an address without it.",
    reference="BRIEF §2.2 (seed 001 ¶16, ¶19; 000 ¶198)",
)
def ip_no_time(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, ip in _ips(case):
        if ip.timestamp is None:
            yield Hit(f"{path}.timestamp")


@rule(
    "IP-NO-TZ", "error",
    summary="An IP timestamp has no time zone",
    message="Give the time zone of the timestamp (e.g. UTC or Europe/Paris); without it the "
            "time is ambiguous by up to a day and the provider may identify the wrong subscriber.",
    reference="BRIEF §2.2 (seed 001 ¶19; 000 ¶198)",
)
def ip_no_tz(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, ip in _ips(case):
        if ip.timestamp is not None and ip.timezone is None:
            yield Hit(f"{path}.timezone")


@rule(
    "IP-NO-PORT", "warning",
    summary="An IPv4 address has no source port",
    message="Add the source port from the log: behind carrier-grade NAT one address is shared by "
            "many subscribers and only the port tells them apart.",
    reference="BRIEF §2.2 (seed 001 ¶16; 000 ¶198)",
)
def ip_no_port(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, ip in _ips(case):
        if ip.ip.version == 4 and ip.port is None:
            yield Hit(f"{path}.port")
