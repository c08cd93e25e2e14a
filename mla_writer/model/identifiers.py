"""Identifiers of the data sought, one model per `type`, validated and normalised."""

from __future__ import annotations

import ipaddress
import re
from datetime import UTC, datetime
from typing import Annotated, Literal, Union, get_args
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import Field, StrictInt, field_validator, model_validator

from .common import Str, Strict, Text
from .email_address import normalize_email

# An IPv4 address already written as ipaddress writes it (no leading zeros): taken as it is, since
# parsing it to write it again is most of validating a case of thousands of addresses.
_IPV4 = re.compile(r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])")

# Carrier-grade NAT space (RFC 6598): one public address shared by many subscribers.
CGNAT = ipaddress.ip_network("100.64.0.0/10")


def zone(name: str) -> ZoneInfo:
    """The IANA time zone `name`, or a ValueError that says what to write instead."""
    try:
        return ZoneInfo(name)
    # OSError: with the tzdata package installed (icalendar needs it), a folder of zones such as
    # "Europe", typed on the way to "Europe/Paris", is opened as a file and fails that way.
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"'{name}' is not an IANA time zone; use a name such as Europe/Paris, "
            "America/Sao_Paulo or UTC"
        ) from None


class _Identifier(Strict):
    source: Text | None = Field(
        default=None, description="How the identifier was obtained (e.g. victim's mail server logs)."
    )
    note: Str | None = None

    def display(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError


class IPAddress(_Identifier):
    """An IP address is only meaningful with an exact time, its zone and, behind NAT, the port."""

    type: Literal["ip"] = "ip"
    address: str
    timestamp: datetime | None = Field(
        default=None, description="Local date and time of the observed use, e.g. 2026-03-14T09:42:17"
    )
    timezone: str | None = Field(default=None, description="IANA time zone of the timestamp")
    port: StrictInt | None = Field(default=None, ge=0, le=65535, description="Source port (needed behind CGNAT)")

    @field_validator("address")
    @classmethod
    def _addr(cls, v: str) -> str:
        if _IPV4.fullmatch(v):
            return v
        try:
            return str(ipaddress.ip_address(v.strip()))
        except ValueError:
            raise ValueError(
                f"'{v}' is not an IPv4 or IPv6 address; write it as 203.0.113.7 or 2001:db8::1"
            ) from None

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str | None) -> str | None:
        if v is None or not v.strip():
            return None
        v = v.strip()
        zone(v)
        return v

    @model_validator(mode="after")
    def _aware_consistent(self) -> IPAddress:
        ts = self.timestamp
        if ts is not None and ts.tzinfo is not None and self.timezone is None:
            raise ValueError(
                "timestamp carries a UTC offset but no time zone name; put the local time in "
                "'timestamp' without an offset and the zone (e.g. Europe/Paris) in 'timezone'"
            )
        return self

    @property
    def ip(self) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
        return ipaddress.ip_address(self.address)

    @property
    def shared(self) -> bool:
        """True when the address is in the CGNAT range, where many users share one address."""
        return _shared(self.ip)

    @property
    def not_public(self) -> bool:
        """Private, loopback, link-local or reserved: no provider can attribute it abroad."""
        ip = self.ip  # parsed once: the checks ask this of thousands of addresses
        return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_unspecified) and not _shared(ip) and not _documentation(ip)

    def local_time(self) -> datetime | None:
        if self.timestamp is None or self.timezone is None:
            return None
        ts = self.timestamp
        if ts.tzinfo is not None:
            return ts.astimezone(zone(self.timezone))
        return ts.replace(tzinfo=zone(self.timezone))

    def utc(self) -> datetime | None:
        local = self.local_time()
        return local.astimezone(UTC) if local else None

    def display(self) -> str:
        return self.address + (f" port {self.port}" if self.port is not None else "")


def _shared(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return ip.version == 4 and ip in CGNAT


# Parsed once: the checks ask this of every address of a case, thousands in a botnet case.
_DOCUMENTATION = tuple(ipaddress.ip_network(n)
                       for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"))


def _documentation(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return any(ip.version == net.version and ip in net for net in _DOCUMENTATION)


class EmailAddress(_Identifier):
    type: Literal["email"] = "email"
    address: str
    service: Str | None = Field(default=None, description="Mail service, if not obvious from the domain")

    @field_validator("address")
    @classmethod
    def _email(cls, v: str) -> str:
        try:
            return normalize_email(v)
        except ValueError as e:
            raise ValueError(f"{e}; write it as name@example.com") from None

    def display(self) -> str:
        return self.address


class PhoneNumber(_Identifier):
    type: Literal["phone"] = "phone"
    number: str = Field(description="International format, e.g. +33 6 12 34 56 78")
    region: str | None = Field(default=None, description="Country code to read a national number, e.g. FR")

    @model_validator(mode="after")
    def _e164(self) -> PhoneNumber:
        import phonenumbers  # lazy: only cases with phone numbers pay for it

        raw = self.number.strip()
        try:
            parsed = phonenumbers.parse(raw, (self.region or "").upper() or None)
        except phonenumbers.NumberParseException:
            raise ValueError(
                f"number '{raw}' cannot be read; write it in international format with the "
                "country code, e.g. +33 6 12 34 56 78, or set 'region'"
            ) from None
        if not phonenumbers.is_possible_number(parsed):
            raise ValueError(f"number '{raw}' has the wrong length for its country; check the digits")
        e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        if e164 != self.number:
            object.__setattr__(self, "number", e164)
        return self

    def display(self) -> str:
        import phonenumbers

        return phonenumbers.format_number(phonenumbers.parse(self.number), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class URL(_Identifier):
    type: Literal["url"] = "url"
    url: str

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        return web_address(v)

    def display(self) -> str:
        return self.url


def web_address(v: str) -> str:
    """`v` as a full web address (scheme and host, no space), or ValueError saying what to add."""
    v = v.strip()
    parts = urlsplit(v)
    if parts.scheme.lower() not in ("http", "https", "ftp", "ftps") or not parts.hostname:
        raise ValueError(f"'{v}' is not a full web address; include the scheme, e.g. https://example.com/page")
    if any(c.isspace() for c in v):
        raise ValueError(f"'{v}' contains spaces; a URL cannot contain spaces (encode them as %20)")
    _hostname(parts.hostname)
    return v


_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _hostname(name: str) -> str:
    name = name.strip().rstrip(".").lower()
    try:
        ipaddress.ip_address(name.strip("[]"))
        return name
    except ValueError:
        pass
    try:
        ascii_name = name.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"'{name}' is not a valid domain name") from None
    labels = ascii_name.split(".")
    if len(labels) < 2 or not all(_LABEL.match(lab) for lab in labels) or len(ascii_name) > 253:
        raise ValueError(f"'{name}' is not a valid domain name; write it as example.com")
    return name


class Domain(_Identifier):
    type: Literal["domain"] = "domain"
    name: str

    @field_validator("name")
    @classmethod
    def _domain(cls, v: str) -> str:
        return _hostname(v)

    def display(self) -> str:
        return self.name


class Account(_Identifier):
    """An account is only an identifier together with the service that holds it."""

    type: Literal["account"] = "account"
    service: Str = Field(description="The platform, e.g. ExampleChat")
    username: Str | None = None
    user_id: Str | None = None
    profile_url: str | None = None

    @field_validator("profile_url")
    @classmethod
    def _profile(cls, v: str | None) -> str | None:
        return web_address(v) if v else None

    @model_validator(mode="after")
    def _something(self) -> Account:
        if not ((self.username or "").strip() or (self.user_id or "").strip() or self.profile_url):
            raise ValueError("give at least one of username, user_id or profile_url for the account")
        return self

    def display(self) -> str:
        who = self.username or self.user_id or self.profile_url or ""
        return f"{who} ({self.service})"


class IMEI(_Identifier):
    type: Literal["imei"] = "imei"
    imei: str

    @field_validator("imei")
    @classmethod
    def _imei(cls, v: str) -> str:
        from stdnum import imei

        try:
            return imei.validate(v)
        except Exception:
            raise ValueError(
                f"'{v}' is not a valid IMEI: it needs 14-16 digits and a correct check digit "
                "(dial *#06# on the phone to read it)"
            ) from None

    def display(self) -> str:
        return self.imei


class CryptoAddress(_Identifier):
    type: Literal["crypto"] = "crypto"
    currency: Str = Field(description="Ticker, e.g. BTC, ETH, USDT")
    address: str
    exchange: Str | None = Field(default=None, description="Exchange or custodian holding the wallet, if known")

    @model_validator(mode="after")
    def _addr(self) -> CryptoAddress:
        cur = self.currency.strip().upper()
        a = self.address.strip()
        if cur == "BTC":
            from stdnum import bitcoin

            try:
                a = bitcoin.validate(a)
            except Exception:
                raise ValueError(f"'{self.address}' is not a valid Bitcoin address (checksum fails)") from None
        elif cur in ("ETH", "USDT-ERC20", "USDC"):
            if not re.fullmatch(r"0x[0-9a-fA-F]{40}", a):
                raise ValueError(f"'{self.address}' is not an Ethereum-style address (0x and 40 hex digits)")
        elif not a or any(c.isspace() for c in a):
            raise ValueError("the wallet address is empty or contains spaces")
        object.__setattr__(self, "currency", cur)
        object.__setattr__(self, "address", a)
        return self

    def display(self) -> str:
        return f"{self.address} ({self.currency})"


class DeviceSerial(_Identifier):
    type: Literal["device"] = "device"
    manufacturer: Str | None = None
    model: Str | None = None
    serial: Str

    @field_validator("serial")
    @classmethod
    def _serial(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("the serial number is empty")
        return v.strip()

    def display(self) -> str:
        what = " ".join(x for x in (self.manufacturer, self.model) if x)
        return f"{self.serial} ({what})" if what else self.serial


Identifier = Annotated[
    Union[IPAddress, EmailAddress, PhoneNumber, URL, Domain, Account, IMEI, CryptoAddress, DeviceSerial],
    Field(discriminator="type"),
]

# Each type of identifier and its class, read from the union above so that a type is declared once.
IDENTIFIER_CLASSES: dict[str, type[_Identifier]] = {
    cls.model_fields["type"].default: cls for cls in get_args(get_args(Identifier)[0])
}
IDENTIFIER_TYPES: tuple[str, ...] = tuple(IDENTIFIER_CLASSES)


def all_timezones() -> list[str]:
    return sorted(available_timezones())
