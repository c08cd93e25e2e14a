"""Legal basis, offences, domestic authorisation and safeguards."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, StrictBool

from .common import Str, Strict, Text
from .values import PenaltyOrText

# The treaties of the reference data (mla_writer/data/treaties.toml); the ids of the legal bases
# that rest on one begin with its key ("budapest-29", "uncc-mla").
TreatyKey = Literal["untoc", "budapest", "sap", "uncc"]

# Ids of the legal bases described (with citation text) in mla_writer/data/legal_bases.toml.
LegalBasisId = Literal[
    "untoc-18",
    "budapest-25-27",
    "budapest-29",
    "budapest-30",
    "budapest-31",
    "budapest-33",
    "budapest-35",
    "sap-6",
    "sap-7",
    "sap-8",
    "sap-9",
    "sap-10",
    "uncc-mla",
    "uncc-24-7",
    "uncc-preservation",
    "uncc-traffic-disclosure",
    "uncc-stored-data",
    "bilateral",
    "regional",
    "reciprocity",
    "domestic-requested",
    "provider-law",
]


class LegalBasis(Strict):
    basis: LegalBasisId
    name: Text | None = Field(default=None, description="Treaty title for a bilateral or regional treaty")
    articles: Text | None = Field(default=None, description="Articles relied on, as the user cites them")
    citation: Text = Field(
        default_factory=Text, description="Text to quote; empty to use the reference wording of the data file"
    )


class Offence(Strict):
    name: Text = Field(default_factory=Text, description="e.g. Fraud by false representation")
    provision: Text = Field(default_factory=Text, description="e.g. Criminal Code, art. 313-1")
    provision_text: Text = Field(default_factory=Text, description="Text of the provision (or annex it)")
    max_penalty: PenaltyOrText = Field(
        default_factory=Text,
        description='e.g. {"years": 5, "fine": {"amount": 375000, "currency": "EUR"}}; words (with '
                    'translations) for what the structured form cannot say',
    )
    dual_criminality: Text = Field(
        default_factory=Text,
        description="The conduct and, if known, the equivalent offence in the requested State",
    )
    convention_category: Str | None = Field(default=None, description="e.g. Budapest art. 7 computer-related forgery")


AuthorisationKind = Literal["court_order", "warrant", "prosecutor_order", "other"]


class Authorisation(Strict):
    kind: AuthorisationKind = "court_order"
    issued_by: Text = Field(default_factory=Text)
    date: dt.date | None = None
    reference: Str | None = None
    annexed: StrictBool = False


ProceedingsStage = Literal["investigation", "prosecution", "trial", "other"]


class Proceedings(Strict):
    stage: ProceedingsStage = "investigation"
    subject: Text = Field(default_factory=Text, description="Subject and nature of the investigation")
    conducting_authority: Text = Field(default_factory=Text, description="Authority conducting the proceedings")
    reference: Str | None = None


class Safeguards(Strict):
    proportionality: Text = Field(default_factory=Text)
    data_protection: Text = Field(
        default_factory=Text, description="Purpose limitation, retention and deletion, safeguards"
    )
    use_limitation: StrictBool = Field(default=True, description="Data used only for these proceedings")
    assurances: Text = Field(default_factory=Text, description="Assurances the requested State may require")
