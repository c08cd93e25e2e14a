"""The case: shared facts and parties, and the requests that build on them."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, StrictBool, field_validator, model_validator

from .common import MAX_ENTRIES, MAX_ITEMS, MAX_REQUESTS, Lang, Str, Strict, Text, empty_list
from .legal import Authorisation, LegalBasis, Offence, Proceedings, Safeguards
from .parties import Contact, Person, RequestedParty, RequestingParty, Signature
from .requests import DateRange, Request
from .values import PeriodOrText

SCHEMA_VERSION: Literal[1] = 1

CaseStatus = Literal["draft", "reviewed", "final"]
UrgencyLevel = Literal["normal", "urgent", "emergency"]
# The form in which the provider's staff may have to confirm the data at trial.
Testimony = Literal["none", "written", "video", "in_person"]


class Facts(Strict):
    summary: Text = Field(default_factory=Text, description="What happened, when, where, to whom, the harm")
    connection: Text = Field(
        default_factory=Text, description="Why the requested State or its provider holds the evidence"
    )
    period: DateRange | None = Field(
        default=None,
        description="When the conduct took place, as far as known; each data item's date range is compared with it",
    )
    open_sources_checked: StrictBool = False
    open_sources: Text = Field(default_factory=Text, description="Open sources checked and what they showed")


class Urgency(Strict):
    level: UrgencyLevel = "normal"
    reasons: Text = Field(default_factory=Text)
    respond_by: dt.date | None = None
    data_at_risk_from: dt.date | None = Field(default=None, description="When the data may be deleted")


class Confidentiality(Strict):
    requested: StrictBool = False
    no_notification: StrictBool = Field(default=False, description="Do not notify the account holder")
    reasons: Text = Field(default_factory=Text)
    until: PeriodOrText | None = Field(
        default=None, description='How long, e.g. {"months": 12}, or until when, in words')


class Delivery(Strict):
    """How the evidence should come back so that it is usable in court."""

    format: Text = Field(default_factory=Text, description="e.g. native files plus a PDF export")
    certificate_of_authenticity: StrictBool = False
    business_records_declaration: StrictBool = False
    hash_algorithm: Str | None = Field(default=None, description="e.g. SHA-256")
    chain_of_custody: Text = Field(default_factory=Text)
    electronic_transmission: StrictBool = True
    testimony: Testimony = "none"
    receiving_unit: Text | None = Field(default=None, description="Who handles the data on receipt")


class Annex(Strict):
    title: Text = Field(default_factory=Text)
    description: Text = Field(default_factory=Text)


class Training(Strict):
    """Trainer's note for workshop cases: what the case teaches, and the date it is set on."""

    crime: Str = ""
    teaches: Str = ""
    flawed: StrictBool = False
    as_of: dt.date | None = Field(
        default=None,
        description="The day the case is checked and rendered as of, whatever the real date: "
                    "its deadlines and its answer key stay as the trainer wrote them",
    )


def _english_and_french() -> list[Lang]:
    return ["en", "fr"]


class Case(Strict):
    schema_version: Literal[1] = SCHEMA_VERSION
    reference: Str = Field(default="", description="Internal case reference")
    title: Str = ""
    status: CaseStatus = "draft"
    date: dt.date | None = Field(default=None, description="Date of the document")
    classification: Str = "CONFIDENTIAL"
    drafting_language: Lang = "en"
    languages: list[Lang] = Field(
        default_factory=_english_and_french, min_length=1, max_length=2,
        description="Document languages: one, or two side by side",
    )
    requesting: RequestingParty = Field(default_factory=RequestingParty)
    requested: RequestedParty = Field(default_factory=RequestedParty)
    legal_bases: list[LegalBasis] = Field(default_factory=empty_list, max_length=MAX_ENTRIES)
    authorisations: list[Authorisation] = Field(default_factory=empty_list, max_length=MAX_ENTRIES)
    proceedings: Proceedings = Field(default_factory=Proceedings)
    facts: Facts = Field(default_factory=Facts)
    offences: list[Offence] = Field(default_factory=empty_list, max_length=MAX_ENTRIES)
    persons: list[Person] = Field(default_factory=empty_list, max_length=MAX_ENTRIES)
    purpose: Text = Field(default_factory=Text, description="How the evidence will be used")
    urgency: Urgency = Field(default_factory=Urgency)
    confidentiality: Confidentiality = Field(default_factory=Confidentiality)
    safeguards: Safeguards = Field(default_factory=Safeguards)
    delivery: Delivery = Field(default_factory=Delivery)
    contacts: list[Contact] = Field(default_factory=empty_list, max_length=MAX_ENTRIES)
    annexes: list[Annex] = Field(default_factory=empty_list, max_length=MAX_ENTRIES)
    signature: Signature = Field(default_factory=Signature)
    requests: list[Request] = Field(default_factory=empty_list, max_length=MAX_REQUESTS)
    training: Training | None = None

    def bases_for(self, request: Request) -> list[tuple[int, LegalBasis]]:
        """The legal bases a request relies on, each with its index in ``legal_bases``: those the
        request lists by basis id, or all of the case's when it lists none."""
        if request.legal_bases is None:
            return list(enumerate(self.legal_bases))
        wanted = set(request.legal_bases)
        return [(i, lb) for i, lb in enumerate(self.legal_bases) if lb.basis in wanted]

    @field_validator("schema_version", mode="before")
    @classmethod
    def _version_number(cls, value: object) -> object:
        # Literal[1] alone takes true and 1.0 for 1 (they are equal in Python).
        if type(value) is not int:
            raise ValueError(f"must be the number {SCHEMA_VERSION}, written without quotes")
        return value

    @field_validator("requests")
    @classmethod
    def _renderable(cls, requests: list[Request]) -> list[Request]:
        # Each data item is rows in every document language: past this the render takes minutes.
        total = sum(len(r.items) for r in requests)
        if total > MAX_ITEMS:
            raise ValueError(f"the requests hold {total} data items in all; a case holds at most {MAX_ITEMS}: "
                             "split it into several cases")
        return requests

    @model_validator(mode="after")
    def _consistent(self) -> Case:
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("languages lists the same language twice; give two different languages or one")
        ids = [r.id for r in self.requests]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"request id {sorted(dup)[0]!r} is used twice; give each request its own id")
        return self
