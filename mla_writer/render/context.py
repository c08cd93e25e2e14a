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
from functools import cache
from typing import Any

from ..checks import Finding
from ..checks.walk import never_given
from ..labels import CLASSIFICATION
from ..model import Case, is_formal
from .checklist import checklist, finding_data

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


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def _marking_names() -> dict[str, str]:
    """Each known marking's name in each of the six languages -> the marking."""
    from .. import i18n

    return {_fold(i18n.translations(lang).gettext(msgid)): code
            for lang in i18n.LANGUAGES for code, msgid in CLASSIFICATION.items()}


def marking(value: str) -> str:
    """A known security marking typed in any of the six languages ("سري", "CONFIDENTIEL") as the
    marking the templates translate, so that each column's header says it in its own language.
    Any other marking is the requesting State's own and stays as typed."""
    if value.strip().upper() in CLASSIFICATION:
        return value
    return _marking_names().get(_fold(value), value)


def fingerprint(case: Case) -> str:
    """Short SHA-256 of the canonical case JSON: tells a reviewer two versions apart."""
    canonical = json.dumps(case.model_dump(mode="json"), ensure_ascii=False, sort_keys=True,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _legal_basis(item: dict[str, Any]) -> dict[str, Any]:
    """Add the reference data to a legal basis the user chose: the instrument, the article, and
    the treaty wording the data file quotes (each quotation proved against its shipped source)."""
    from .. import refdata

    info = refdata.legal_bases().get(item["basis"])
    treaty = refdata.treaties().get(info.treaty) if info is not None and info.treaty else None
    item["instrument"] = (treaty.title if treaty else info.instrument) if info else ""
    item["short"] = info.short if info else item["basis"]
    item["article"] = info.article if info is not None and treaty is not None else ""
    citation = item.get("citation") or {"text": "", "translations": {}}
    # The drafter's own citation wins; it is their text, with their translations.
    item["quote"] = citation if (citation.get("text") or "").strip() else None
    item["treaty_text"] = {q.lang: q.text for q in info.quotes} if info is not None and not item["quote"] else {}
    # A treaty article with no wording to print: the document says its text is to be attached.
    item["attach"] = treaty is not None and not item["quote"] and not item["treaty_text"]
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


def shared_context(case: Case, *, final: bool) -> dict[str, Any]:
    """What every part of a request document shows alike: the case's fingerprint, and whether the
    case is final (a final document carries neither the DRAFT marking nor the fingerprint)."""
    return {"fingerprint": fingerprint(case), "final": final}


def _unset_to_none(model: Any, dumped: dict[str, Any], fields: Sequence[str]) -> None:
    """A field the case file never gave holds the model's default (a stage, a period, a harm):
    printed, it would state a fact nobody chose, so the template gets None and prints the
    "to be completed" marker instead (checks report the same fields)."""
    for name in fields:
        if name in dumped and never_given(model, name):
            dumped[name] = None


# The request fields whose model default would otherwise be printed as the drafter's choice.
UNSET_REQUEST_FIELDS = ("period_days", "harm")


def build_context(case: Case, request: Any, shared: dict[str, Any], *,
                  together: Sequence[Any] | None = None) -> dict[str, Any]:
    """What a request's template reads. `together`: the requests of the same document (the
    request is numbered among them); by default the request alone."""
    d = case.model_dump(mode="python", exclude={"training"})
    dumped_request = d.pop("requests")[case.requests.index(request)]
    _unset_to_none(request, dumped_request, UNSET_REQUEST_FIELDS)
    _unset_to_none(case.proceedings, d["proceedings"], ("stage",))
    # Each request document shows only the bases that request relies on.
    d["legal_bases"] = [_legal_basis(d["legal_bases"][b]) for b, _lb in case.bases_for(request)]
    d["classification"] = marking(d["classification"])
    d = _blank_text_to_none(d)
    siblings = list(together) if together else [request]
    return {
        "case": d,
        "request": request_context(request, dumped_request),
        "request_number": next(i for i, r in enumerate(siblings, 1) if r is request),
        "request_count": len(siblings),
        # Through a central authority a request carries all of UNTOC art. 18(15), whatever its
        # kind; a provider or a 24/7 point gets the short form its channel calls for.
        "formal": is_formal(request.channel),
        **shared,
    }


def review_context(case: Case, findings: Sequence[Finding], language: str,
                   documents: Sequence[dict[str, Any]], *, final: bool) -> dict[str, Any]:
    """What the review sheet reads: the findings (message in `language`), the central
    authority's checklist, and the request documents of the package with their SHA-256."""
    d = case.model_dump(mode="python", include={"reference", "status", "date", "classification"})
    d["classification"] = marking(d["classification"])
    return {
        "case": d, "request": None, "fingerprint": fingerprint(case), "final": final,
        "findings": [finding_data(f, [language]) for f in findings],
        "checklist": checklist(case, findings, [language]),
        "documents": list(documents),
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

