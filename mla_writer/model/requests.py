"""The five kinds of request, a union tagged by `kind`; each holds data items to disclose."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union, get_args

from pydantic import Field, StrictBool, StrictInt, field_validator, model_validator

from .common import MAX_ENTRIES, MAX_ITEMS, Str, Strict, Text, empty_list
from .history import StatusEvent
from .identifiers import Identifier, zone
from .legal import LegalBasisId
from .parties import Contact, Provider

# Data categories, grouped as the requested State's law usually grades them: subscriber
# information (Budapest art. 18(3)) is least intrusive, content most.
SubscriberCategory = Literal["service", "identity", "billing", "installation_site", "registration_record"]
TrafficCategory = Literal[
    "connection_logs", "ip_history", "message_headers", "call_records", "location_data",
    "device_info", "linked_accounts",
]
ContentCategory = Literal["messages", "mailbox", "files", "posts", "media", "contacts_list", "drafts"]
Category = Literal[SubscriberCategory, TrafficCategory, ContentCategory]

SUBSCRIBER_CATEGORIES: tuple[str, ...] = get_args(SubscriberCategory)
TRAFFIC_CATEGORIES: tuple[str, ...] = get_args(TrafficCategory)
CONTENT_CATEGORIES: tuple[str, ...] = get_args(ContentCategory)
CATEGORIES: tuple[str, ...] = get_args(Category)

CATEGORIES_BY_KIND: dict[str, tuple[str, ...]] = {
    "preservation": CATEGORIES,
    "subscriber": SUBSCRIBER_CATEGORIES,
    "traffic": TRAFFIC_CATEGORIES,
    "content": CONTENT_CATEGORIES,
    "emergency": CATEGORIES,
}

Channel = Literal["mla", "24_7", "police", "provider_direct", "provider_emergency"]
CHANNELS: tuple[str, ...] = get_args(Channel)
FORMAL_CHANNELS: tuple[str, ...] = ("mla",)
# The channels that reach the provider itself rather than a State.
PROVIDER_CHANNELS: tuple[str, ...] = ("provider_direct", "provider_emergency")
# Everything but formal MLA. Many States bar evidence obtained this way from court
# (CTOC/COP/WG.3/2015/2 ¶33; A/74/130 ¶192 MY, ¶336 ZA, ¶376 TH): treat what comes back as
# intelligence until a formal request obtains it again.
INFORMAL_CHANNELS: tuple[str, ...] = tuple(c for c in CHANNELS if c not in FORMAL_CHANNELS)


def is_formal(channel: str) -> bool:
    """True for the formal mutual-assistance channel, whose results are usable as evidence."""
    return channel in FORMAL_CHANNELS


class DateRange(Strict):
    start: dt.date
    end: dt.date
    timezone: Str | None = Field(default=None, description="IANA zone the dates are given in")

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str | None) -> str | None:
        # The same rule as an IP address's zone: a name the provider can look up, or nothing.
        if v is None or not v.strip():
            return None
        zone(v.strip())
        return v.strip()

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.start > self.end:
            raise ValueError(
                f"start {self.start.isoformat()} is after end {self.end.isoformat()}; swap them"
            )
        return self

    @property
    def days(self) -> int:
        """Length in days, both ends included."""
        return (self.end - self.start).days + 1


class DataItem(Strict):
    """One identifier, the data wanted about it, for when, and why it matters."""

    identifier: Identifier
    categories: list[Category] = Field(default_factory=empty_list, max_length=MAX_ENTRIES)
    date_range: DateRange | None = None
    nexus: Text = Field(
        default_factory=Text, description="Why this data is linked to the offence and what it should show"
    )


class PreservationReference(Strict):
    """An earlier preservation (or 24/7) request this one builds on."""

    reference: Str = Field(default="", description="Provider's or requested State's reference number")
    channel: Channel = "24_7"
    requested_on: dt.date | None = None
    confirmed: StrictBool = False
    expires_on: dt.date | None = None
    extended_to: dt.date | None = None


class PreservationExtension(Strict):
    """A request to keep preserved data longer, and what the provider or State confirmed."""

    requested_on: dt.date | None = None
    confirmed_on: dt.date | None = Field(default=None, description="When the extension was confirmed")
    extended_to: dt.date | None = Field(default=None, description="New expiry date, once confirmed")
    reference: Str | None = None


class FollowUp(Strict):
    filed_on: dt.date | None = None
    reference: Str | None = None


class _Request(Strict):
    id: Str = Field(default="R1", description="Short label used in the document, e.g. R1")
    channel: Channel = "mla"
    legal_bases: list[LegalBasisId] | None = Field(
        default=None, max_length=MAX_ENTRIES,
        description="The case's legal bases this request relies on, by basis id. Not given: all of "
                    "them; an empty list: none (a provider asked to cooperate voluntarily)",
    )
    addressee: Text = Field(default_factory=Text, description="Who receives this request")
    copy_to: list[Text] = Field(default_factory=empty_list, max_length=MAX_ENTRIES)
    provider: Provider = Field(default_factory=Provider)
    items: list[DataItem] = Field(default_factory=empty_list, max_length=MAX_ITEMS)
    procedures: Text = Field(
        default_factory=Text, description="Any particular procedure to follow when executing"
    )
    respond_by: dt.date | None = None
    sent_on: dt.date | None = None
    reference: Str | None = Field(
        default=None, description="Reference number the provider or requested State gave on receipt or confirmation"
    )
    history: list[StatusEvent] = Field(
        default_factory=empty_list, max_length=MAX_ENTRIES,
        description="Dated events besides sending and preservation: acknowledged, clarification, executed, refused",
    )
    preservation_refs: list[PreservationReference] = Field(default_factory=empty_list, max_length=MAX_ENTRIES)
    follow_up_planned: StrictBool = Field(
        default=False, description="A formal MLA request will follow (needed for informal channels)"
    )
    admissibility_acknowledged: StrictBool = Field(
        default=False,
        description="For an informal channel: the drafter knows the data may not be admissible as "
                    "evidence and will treat it as intelligence until obtained formally "
                    "(CTOC/COP/WG.3/2015/2 ¶33)",
    )
    respond_by_reason: Text = Field(
        default_factory=Text, description="Why a reply is needed by respond_by (trial date, retention, custody)"
    )

    @field_validator("items")
    @classmethod
    def _categories_fit(cls, items: list[DataItem], info) -> list[DataItem]:
        kind = cls.model_fields["kind"].default
        allowed = CATEGORIES_BY_KIND[kind]
        for i, item in enumerate(items):
            for c in item.categories:
                if c not in allowed:
                    raise ValueError(
                        f"item {i + 1}: category '{c}' does not belong in a {kind} request; "
                        f"use one of {', '.join(allowed)} or add a request of another kind"
                    )
        return items


# A preservation asked for the first time, or the extension of one already in place.
PreservationStatus = Literal["new", "extension"]


class PreservationRequest(_Request):
    """Expedited preservation of stored computer data (Budapest art. 29; art. 30)."""

    kind: Literal["preservation"] = "preservation"
    status: PreservationStatus = "new"
    necessity: Text = Field(
        default_factory=Text, description="Why the data may be lost or changed without preservation"
    )
    mla_to_follow: StrictBool = Field(
        default=False, description="The requesting State intends to send an MLA request for the data"
    )
    period_days: StrictInt = Field(default=90, ge=1, le=3650, description="How long to preserve (art. 29(7): at least 60)")
    partial_disclosure: StrictBool = Field(
        default=False, description="Ask for enough traffic data to identify other providers (art. 30)"
    )
    expires_on: dt.date | None = Field(default=None, description="Expiry confirmed by the provider or State")
    confirmed_on: dt.date | None = None
    extensions: list[PreservationExtension] = Field(default_factory=empty_list, max_length=MAX_ENTRIES)
    follow_up: FollowUp | None = Field(default=None, description="The mutual assistance request, once filed")

    def effective_expiry(self) -> dt.date | None:
        """The date the preservation lapses: the latest confirmed extension, else the confirmed
        expiry, else (for a request already sent) the sending date plus the period asked for."""
        extended = [e.extended_to for e in self.extensions if e.extended_to is not None]
        if extended:
            return max(extended)
        if self.expires_on is not None:
            return self.expires_on
        if self.sent_on is not None:
            return self.sent_on + dt.timedelta(days=self.period_days)
        return None


class SubscriberRequest(_Request):
    """Subscriber information (the lighter regime of Budapest art. 18(3))."""

    kind: Literal["subscriber"] = "subscriber"


class TrafficRequest(_Request):
    """Stored traffic data: connection logs, IP history, headers, call records."""

    kind: Literal["traffic"] = "traffic"
    real_time: StrictBool = False


class ContentRequest(_Request):
    """Stored content: messages, mailbox, files, posts."""

    kind: Literal["content"] = "content"
    least_intrusive: Text = Field(
        default_factory=Text, description="Why subscriber or traffic data would not be enough"
    )


HarmKind = Literal["death", "serious_injury", "child_safety", "other"]


class Authenticity(Strict):
    """How a provider can tell the request is genuine: forged emergency requests are a known fraud."""

    official_email_domain: Str | None = Field(default=None, description="e.g. police.example.gov")
    sent_from: Str | None = Field(
        default=None, description="The address the request is sent from; it should be on the official domain"
    )
    reference_number: Str | None = None
    callback: Text = Field(
        default_factory=Text, description="How to call back through an independently listed number"
    )
    verifying_contact: Contact | None = None


class EmergencyRequest(_Request):
    """Emergency disclosure where there is an imminent risk to life or of serious harm."""

    kind: Literal["emergency"] = "emergency"
    channel: Channel = "24_7"
    harm: HarmKind = "death"
    threat: Text = Field(default_factory=Text, description="The threat: who is at risk, of what, how soon")
    why_urgent: Text = Field(default_factory=Text, description="Why normal process would be too slow")
    authenticity: Authenticity = Field(default_factory=Authenticity)


Request = Annotated[
    Union[PreservationRequest, SubscriberRequest, TrafficRequest, ContentRequest, EmergencyRequest],
    Field(discriminator="kind"),
]

# Each kind of request and its class, read from the union above so that a new kind is declared once.
REQUEST_CLASSES: dict[str, type[_Request]] = {
    cls.model_fields["kind"].default: cls for cls in get_args(get_args(Request)[0])
}
REQUEST_KINDS: tuple[str, ...] = tuple(REQUEST_CLASSES)
