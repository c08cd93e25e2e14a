"""Who asks, who is asked, who holds the data, and who the request concerns."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, StrictBool, field_validator

from .common import MAX_ENTRIES, CountryCode, Str, Strict, Text, empty_list
from .email_address import normalize_email
from .values import LanguageCode

AuthorityKind = Literal[
    "police", "prosecutor", "investigating_judge", "court", "central_authority", "ministry", "other"
]


class Contact(Strict):
    name: Str = ""
    role: Text | None = None
    organisation: Text | None = None
    phone: Str | None = None
    email: Str | None = None
    available_24_7: StrictBool = False
    office_hours: Str | None = Field(default=None, description="e.g. 08:00-18:00 Europe/Paris")
    languages: list[LanguageCode] = Field(
        default_factory=empty_list, max_length=MAX_ENTRIES,
        description="Languages the contact can work in, as ISO 639 codes (fr, en, kk)")

    @field_validator("email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        if v is None or not v.strip():
            return None
        return normalize_email(v)


class Authority(Strict):
    name: Text = Field(default_factory=Text)
    kind: AuthorityKind = "other"
    address: Str | None = None
    competence: Text = Field(
        default_factory=Text, description="The domestic law that makes this authority competent"
    )
    email: Str | None = None
    phone: Str | None = None
    reference: Str | None = Field(default=None, description="The authority's own file number")


class RequestingParty(Strict):
    state: CountryCode | None = None
    authority: Authority = Field(default_factory=Authority)
    central_authority: Authority | None = None
    case_officer: Contact = Field(default_factory=Contact)
    cybercrime_unit: Contact | None = Field(
        default=None, description="The unit consulted on the technical aspects of the request"
    )
    technical_review_done: StrictBool = False


class RequestedParty(Strict):
    state: CountryCode | None = None
    authority: Authority | None = Field(default=None, description="Central or competent authority")
    point_of_contact_24_7: Contact | None = None


# "unknown" first: the honest answer until the drafter knows.
Unknownable = Literal["unknown", "yes", "no"]


class Provider(Strict):
    """The custodian. Each location field may be unknown: say so rather than guess."""

    name: Str = Field(default="", description="Trade name, e.g. ExampleMail")
    legal_entity: Str | None = Field(default=None, description="e.g. ExampleMail Ltd.")
    establishment: CountryCode | None = Field(default=None, description="Country where the entity is established")
    local_presence: Unknownable = Field(
        default="unknown", description="A subsidiary or legal representative in the requesting State?"
    )
    data_location: Text | None = Field(default=None, description="Where the data is believed to be held, or 'unknown'")
    services: list[Text] = Field(default_factory=empty_list, max_length=MAX_ENTRIES, description="What the provider offers, e.g. webmail, hosting")
    le_contact: Str | None = Field(default=None, description="Law-enforcement portal or address of the provider")
    retention_note: Text | None = Field(default=None, description="Known retention period, with its source")


PersonRole = Literal["suspect", "victim", "witness", "account_holder", "other"]


class Person(Strict):
    role: PersonRole = "suspect"
    name: Str = Field(default="", description="Name or 'unknown'")
    description: Text | None = Field(
        default=None, description="Who the person is when the name alone does not say it, translated like any "
                                  "text (e.g. 'unknown user of the account jo_reveal_2026'); printed after the name")
    aliases: list[Str] = Field(default_factory=empty_list, max_length=MAX_ENTRIES)
    date_of_birth: dt.date | None = None
    nationality: CountryCode | None = None
    location: Text | None = None
    identity_verified: StrictBool = Field(
        default=False, description="False when the identity only comes from an online profile, which may be fake"
    )
    note: Text = Field(default_factory=Text)


class Signature(Strict):
    name: Str = ""
    title: Text = Field(default_factory=Text)
    place: Text = Field(default_factory=Text)
    date: dt.date | None = None
