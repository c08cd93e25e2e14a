"""Identifiers a provider can act on without a round of questions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

from ..labels import N_
from ..model import (
    SUBSCRIBER_CATEGORIES,
    URL,
    Account,
    Case,
    CryptoAddress,
    DataItem,
    DateRange,
    Domain,
    IPAddress,
    blank,
)
from ..model.identifiers import zone
from .engine import Context, Hit, rule
from .provider import gives_internet_access
from .walk import items

# Link shorteners hold only a redirect: the content and its uploader sit behind the target.
SHORTENERS = frozenset({
    "bit.ly", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "is.gd", "buff.ly", "cutt.ly", "rb.gy",
    "shorturl.at", "t.ly", "tiny.cc",
})


def _ips(case: Case) -> Iterator[tuple[str, DataItem, IPAddress]]:
    for path, _req, item in items(case):
        if isinstance(item.identifier, IPAddress):
            yield f"{path}.identifier", item, item.identifier


def _to_attribute(case: Case) -> Iterator[tuple[str, DataItem, IPAddress]]:
    """Each IP address a provider is asked to attribute to a subscriber: subscriber data asked of an
    access provider, or of a provider whose services are not described. Behind a shared address
    only the exact second and the source port tell its users apart; a platform asked for its own
    records of the address finds them by address and time."""
    for r, req in enumerate(case.requests):
        if gives_internet_access(req.provider.services) is False:
            continue
        for i, item in enumerate(req.items):
            if isinstance(item.identifier, IPAddress) and set(item.categories) & set(SUBSCRIBER_CATEGORIES):
                yield f"requests[{r}].items[{i}].identifier", item, item.identifier


def _of_type(case: Case, kind: type) -> Iterator[tuple[str, object]]:
    for path, _req, item in items(case):
        if isinstance(item.identifier, kind):
            yield f"{path}.identifier", item.identifier


def _day_in_range_zone(ip: IPAddress, rng: DateRange) -> date:
    """The calendar day of the IP timestamp, read in the date range's zone when both have one:
    09:00 in Tokyo on the 4th is still the 3rd in Dublin."""
    local = ip.local_time()
    if local is not None and rng.timezone:
        return local.astimezone(zone(rng.timezone)).date()
    assert ip.timestamp is not None
    return ip.timestamp.replace(tzinfo=None).date()


@rule(
    "IP-NO-TIME", "error",
    summary=N_("An IP address has no date and time"),
    message=N_("Give the exact date and time the address was seen in use: addresses are reassigned "
               "constantly, so a provider cannot attribute an address without it."),
    reference="CCPCJ 27th session discussion guide (2018) ¶16, ¶19; A/74/130 ¶198",
    checklist="identifiers",
)
def ip_no_time(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, _item, ip in _ips(case):
        if ip.timestamp is None:
            yield Hit(f"{path}.timestamp")


@rule(
    "IP-NO-TZ", "error",
    summary=N_("An IP timestamp has no time zone"),
    message=N_("Give the time zone of the timestamp (e.g. UTC or Europe/Paris); without it the "
               "time is ambiguous by up to a day and the provider may identify the wrong subscriber."),
    reference="CCPCJ 27th session discussion guide (2018) ¶19; A/74/130 ¶198",
    checklist="identifiers",
)
def ip_no_tz(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, _item, ip in _ips(case):
        if ip.timestamp is not None and ip.timezone is None:
            yield Hit(f"{path}.timezone")


@rule(
    "IP-NO-PORT", "warning",
    summary=N_("An IPv4 address a provider is asked to attribute has no source port"),
    message=N_("Add the source port from the log: behind carrier-grade NAT one address is shared by "
               "many subscribers and only the port tells them apart."),
    reference="CCPCJ 27th session discussion guide (2018) ¶16; A/74/130 ¶198",
    checklist="identifiers",
)
def ip_no_port(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, _item, ip in _to_attribute(case):
        if ip.ip.version == 4 and ip.port is None:
            yield Hit(f"{path}.port")


@rule(
    "IP-CGNAT", "warning",
    summary=N_("An IP address is in the carrier-grade NAT range (100.64.0.0/10)"),
    message=N_("This address is in the shared carrier-grade NAT range: it only means something inside "
               "one operator's network. Check where the log came from; ask that operator, with the "
               "exact time to the second and the source port."),
    reference="CCPCJ 27th session discussion guide (2018) ¶16; A/74/130 ¶198",
    checklist="identifiers",
)
def ip_cgnat(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, _item, ip in _ips(case):
        if ip.shared:
            yield Hit(f"{path}.address")


@rule(
    "IP-NOT-PUBLIC", "error",
    summary=N_("An IP address is private, loopback or otherwise not routable"),
    message=N_("This address is private or not routable on the internet (e.g. 10.x, 192.168.x, "
               "127.0.0.1): no provider abroad can attribute it. Take the public address from the "
               "log of the server that saw the connection."),
    reference="CCPCJ 27th session discussion guide (2018) ¶16",
    checklist="identifiers",
)
def ip_not_public(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, _item, ip in _ips(case):
        if ip.not_public:
            yield Hit(f"{path}.address")


@rule(
    "IP-TIME-FUTURE", "error",
    summary=N_("An IP timestamp is in the future"),
    message=N_("The timestamp is later than today: check the date (day and month swapped?)."),
    reference="CCPCJ 27th session discussion guide (2018) ¶19; A/74/130 ¶198",
    checklist="identifiers",
)
def ip_time_future(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, _item, ip in _ips(case):
        if ip.timestamp is not None and ip.timestamp.date() > ctx.today:
            yield Hit(f"{path}.timestamp")


@rule(
    "IP-TIME-OUTSIDE-RANGE", "warning",
    summary=N_("An IP timestamp falls outside the item's date range"),
    message=N_("The moment the address was seen is outside the date range asked for: widen the "
               "range to include it, or correct the timestamp."),
    reference="CCPCJ 27th session discussion guide (2018) ¶19; A/74/130 ¶198; CTOC/COP/WG.3/2015/2 ¶9",
    checklist="identifiers",
)
def ip_time_outside_range(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, item, ip in _ips(case):
        rng = item.date_range
        if ip.timestamp is None or rng is None:
            continue
        if not rng.start <= _day_in_range_zone(ip, rng) <= rng.end:
            yield Hit(f"{path}.timestamp")


@rule(
    "IP-TIME-NO-SECONDS", "advice",
    summary=N_("An IP address a provider is asked to attribute has a time without seconds"),
    message=N_("Give the time to the second, as in the log: behind shared addresses a provider "
               "matches the exact second and the port."),
    reference="A/74/130 ¶198",
    checklist="identifiers",
)
def ip_time_no_seconds(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, _item, ip in _to_attribute(case):
        ts = ip.timestamp
        if ts is not None and ts.second == 0 and ts.microsecond == 0:
            yield Hit(f"{path}.timestamp")


@rule(
    "ACCOUNT-NO-SERVICE", "error",
    summary=N_("An account is given without the service that holds it"),
    message=N_("Name the platform or service the account is on (e.g. ExampleChat): a username alone "
               "identifies nothing."),
    reference="A/74/130 ¶109, ¶200",
    checklist="identifiers",
)
def account_no_service(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, acc in _of_type(case, Account):
        assert isinstance(acc, Account)
        if blank(acc.service):
            yield Hit(f"{path}.service")


@rule(
    "ACCOUNT-NAME-ONLY", "advice",
    summary=N_("An account is given only by its display name"),
    message=N_("Add the stable user ID or the profile URL: usernames can be changed, user IDs cannot."),
    reference="A/74/130 ¶223",
    checklist="identifiers",
)
def account_name_only(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, acc in _of_type(case, Account):
        assert isinstance(acc, Account)
        if blank(acc.user_id) and blank(acc.profile_url):
            yield Hit(f"{path}.user_id")


@rule(
    "URL-SHORTENER", "warning",
    summary=N_("A URL is a link shortener"),
    message=N_("This is a short link: the shortener holds only a redirect. Open it safely, note where "
               "it leads, and ask for the destination (and ask the shortener only for who created it)."),
    reference="CCPCJ 27th session discussion guide (2018) ¶38",
    checklist="identifiers",
)
def url_shortener(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, u in _of_type(case, URL):
        assert isinstance(u, URL)
        host = (urlsplit(u.url).hostname or "").lower().removeprefix("www.")
        if host in SHORTENERS:
            yield Hit(f"{path}.url")


@rule(
    "URL-HAS-CREDENTIALS", "error",
    summary=N_("A URL contains a user name or password"),
    message=N_("Remove the user name and password from the URL (the part before '@'): they must not "
               "go into a request."),
    reference="good practice: credentials are not evidence to pass on",
    checklist="identifiers",
)
def url_has_credentials(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, u in _of_type(case, URL):
        assert isinstance(u, URL)
        parts = urlsplit(u.url)
        if parts.username or parts.password:
            yield Hit(f"{path}.url")


@rule(
    "URL-HOST-IS-IP", "advice",
    summary=N_("A URL points at a bare IP address"),
    message=N_("The URL names a server by its IP address: give the time it was seen and consider "
               "asking the hosting provider of that address instead of a platform."),
    reference="CCPCJ 27th session discussion guide (2018) ¶38",
    checklist="identifiers",
)
def url_host_is_ip(case: Case, ctx: Context) -> Iterator[Hit]:
    import ipaddress

    for path, u in _of_type(case, URL):
        assert isinstance(u, URL)
        host = (urlsplit(u.url).hostname or "").strip("[]")
        try:
            ipaddress.ip_address(host)
        except ValueError:
            continue
        yield Hit(f"{path}.url")


@rule(
    "DOMAIN-IS-SUBDOMAIN", "advice",
    summary=N_("A domain looks like a sub-domain, not the registered domain"),
    message=N_("Registrars hold data on the registered domain (e.g. example.com), not on sub-domains "
               "(www.shop.example.com): ask the registrar about the registered domain and the host "
               "about the sub-domain."),
    reference="A/74/130 ¶35",
    checklist="identifiers",
)
def domain_is_subdomain(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, d in _of_type(case, Domain):
        assert isinstance(d, Domain)
        labels = d.name.split(".")
        # Two-label public suffixes (co.uk, com.br...) are common; only flag four or more labels,
        # or three with a www.
        if len(labels) >= 4 or (len(labels) == 3 and labels[0] == "www"):
            yield Hit(f"{path}.name")


@rule(
    "CRYPTO-NO-CUSTODIAN", "advice",
    summary=N_("A wallet address is given without the exchange that holds it"),
    message=N_("A wallet address identifies no one by itself: name the exchange or custodian that "
               "holds the wallet, if tracing has shown it."),
    reference="CCPCJ 27th session discussion guide (2018) ¶72",
    checklist="addressee",
)
def crypto_no_custodian(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, c in _of_type(case, CryptoAddress):
        assert isinstance(c, CryptoAddress)
        if blank(c.exchange):
            yield Hit(f"{path}.exchange")


@rule(
    "IDENTIFIER-NO-SOURCE", "advice",
    summary=N_("An identifier does not say how it was obtained"),
    message=N_("Say where the identifier comes from (e.g. the header of the victim's e-mail, a bank "
               "statement): it shows the link to the facts."),
    reference="CTOC/COP/WG.3/2015/2 ¶9; A/74/130 ¶147",
    checklist="identifiers",
)
def identifier_no_source(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, _req, item in items(case):
        if blank(item.identifier.source):
            yield Hit(f"{path}.identifier.source")


@rule(
    "IDENTIFIER-DUPLICATE", "warning",
    summary=N_("The same identifier appears twice in one request"),
    message=N_("This identifier is already listed in the same request: merge the two items (one "
               "identifier, all its categories, one date range) so the provider searches once."),
    reference="A/74/130 ¶124, ¶380",
    checklist="identifiers",
)
def identifier_duplicate(case: Case, ctx: Context) -> Iterator[Hit]:
    for r, req in enumerate(case.requests):
        seen: set[tuple[str, ...]] = set()
        for i, item in enumerate(req.items):
            ident = item.identifier
            # Plain attribute values, not model_dump: serialising would build a serializer per
            # identifier class just for this key.
            key = (ident.type, *(repr(getattr(ident, f)) for f in _KEY_FIELDS[ident.type]))
            if key in seen:
                yield Hit(f"requests[{r}].items[{i}].identifier")
            seen.add(key)


# The fields that make two identifiers the same thing (an IP with another time is another use).
_KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "ip": ("address", "timestamp", "timezone", "port"),
    "email": ("address",),
    "phone": ("number",),
    "url": ("url",),
    "domain": ("name",),
    "account": ("service", "username", "user_id", "profile_url"),
    "imei": ("imei",),
    "crypto": ("currency", "address"),
    "device": ("manufacturer", "model", "serial"),
}
