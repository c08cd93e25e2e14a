"""Expedited preservation (Budapest art. 29) and its follow-up."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Case, PreservationRequest, blank
from .engine import Context, Hit, rule


def _preservations(case: Case) -> Iterator[tuple[str, PreservationRequest]]:
    for r, req in enumerate(case.requests):
        if isinstance(req, PreservationRequest):
            yield f"requests[{r}]", req


@rule(
    "PRES-NO-NECESSITY", "error",
    summary="A preservation request does not say why preservation is necessary",
    message="Say why the data may be lost or changed without preservation (e.g. the provider "
            "keeps connection logs for 90 days only).",
    reference="Budapest art. 29(2)(e)",
)
def pres_no_necessity(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in _preservations(case):
        if blank(req.necessity):
            yield Hit(f"{path}.necessity")


@rule(
    "PRES-NO-MLA-INTENT", "error",
    summary="A preservation request does not state that an MLA request will follow",
    message="State that a mutual assistance request for the search, seizure or disclosure of the "
            "data will follow (set mla_to_follow).",
    reference="Budapest art. 29(2)(f)",
)
def pres_no_mla_intent(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in _preservations(case):
        if not req.mla_to_follow:
            yield Hit(f"{path}.mla_to_follow")
