"""Case + findings -> the plain data the templates read (the same for every language).

Templates get dictionaries, lists, strings, dates and numbers, never model objects: what a
template can reach is exactly what is built here. Free text stays a ``{"text", "translations"}``
mapping; the template's ``L.free()`` picks the language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from ..checks import Finding
from ..model import Case
from .checklist import checklist

TEXT_KEYS = {"text", "translations"}


def _blank_text_to_none(value: Any) -> Any:
    """Empty free text becomes None, so that ``{% if case.purpose %}`` means "was it written"."""
    if isinstance(value, dict):
        if set(value) == TEXT_KEYS:
            return value if (value["text"] or "").strip() else None
        return {k: _blank_text_to_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_blank_text_to_none(v) for v in value]
    return value


def fingerprint(case: Case) -> str:
    """Short SHA-256 of the canonical case JSON: tells a reviewer two versions apart."""
    canonical = json.dumps(case.model_dump(mode="json"), ensure_ascii=False, sort_keys=True,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _legal_basis(item: dict[str, Any]) -> dict[str, Any]:
    """Add the reference data (instrument, verified citations) to a legal basis the user chose."""
    from .. import refdata

    info = refdata.legal_bases().get(item["basis"])
    item["instrument"] = info.instrument if info else ""
    item["short"] = info.short if info else item["basis"]
    item["article"] = info.article if info and info.treaty else ""
    citation = item.get("citation") or {"text": "", "translations": {}}
    if citation and not (citation.get("text") or "").strip() and info is not None and info.verified and info.citation_en:
        # The verified treaty wording from the data file, in the languages it exists in.
        text = info.citation_en
        if info.elements and info.elements_verbatim and text.rstrip().endswith(":"):
            # The quoted paragraph ends "shall specify:"; its lettered items are verbatim too.
            text = text.rstrip() + "\n" + "\n".join(f"{letter}. {label}" for letter, label in info.elements)
        citation = {"text": text, "translations": {"fr": info.citation_fr} if info.citation_fr else {},
                    "source_language": "en"}
    item["quote"] = citation if (citation.get("text") or "").strip() else None
    return item


def _identifier(ident: Any, d: dict[str, Any]) -> dict[str, Any]:
    """`d` is the identifier's part of the case's dump; add what the template prints."""
    d["display"] = ident.display()
    if d["type"] == "ip":
        d["display"] = ident.address  # the port has its own line, worded per language
        d["local"] = ident.local_time()
        d["utc"] = ident.utc()
    return d


def request_context(request: Any, dumped: dict[str, Any]) -> dict[str, Any]:
    """`dumped` is the request's part of the case's dump (one serializer, built for the Case,
    serves the whole tree; dumping a request on its own would build another for its class)."""
    for item, model_item in zip(dumped["items"], request.items, strict=True):
        item["identifier"] = _identifier(model_item.identifier, item["identifier"])
    return _blank_text_to_none(dumped)


def shared_context(case: Case, findings: Sequence[Finding]) -> dict[str, Any]:
    """What every part of the document shows alike (computed once per document)."""
    return {
        "fingerprint": fingerprint(case),
        "final": case.status == "final",
        "findings": [f.as_dict() for f in findings],
        "checklist": checklist(case, findings),
    }


def build_context(case: Case, request: Any, shared: dict[str, Any]) -> dict[str, Any]:
    d = case.model_dump(mode="python", exclude={"training"})
    index = case.requests.index(request)
    dumped_request = d.pop("requests")[index]
    d["legal_bases"] = [_legal_basis(lb) for lb in d["legal_bases"]]
    d = _blank_text_to_none(d)
    return {
        "case": d,
        "request": request_context(request, dumped_request),
        "request_number": index + 1,
        "request_count": len(case.requests),
        **shared,
    }


def annex_context(case: Case, shared: dict[str, Any]) -> dict[str, Any]:
    return {
        "case": case.model_dump(mode="python", include={"reference", "status", "date", "classification"}),
        **shared,
    }


def extension_context(case: Case, request: Any, shared: dict[str, Any], *, letter_date: Any, expires_on: Any,
                      days: int) -> dict[str, Any]:
    """What extension.html.j2 reads: the preservation being extended, the case as of the letter's
    date (its date and the signature's), and only the legal bases that fit a preservation."""
    from .. import refdata

    ctx = build_context(case, request, shared)
    d = ctx["case"]
    d["date"] = letter_date
    d["signature"]["date"] = letter_date
    bases = refdata.legal_bases()
    d["legal_bases"] = [lb for lb in d["legal_bases"]
                        if lb["basis"] not in bases or bases[lb["basis"]].fits("preservation")]
    filed = getattr(request, "follow_up", None)
    ctx["extension"] = {
        "expires_on": expires_on,
        "until": expires_on + dt.timedelta(days=days),
        "days": days,
        "follow_up_filed_on": filed.filed_on if filed else None,
        "follow_up_reference": filed.reference if filed else None,
    }
    ctx["request_number"] = ctx["request_count"] = 1
    return ctx

