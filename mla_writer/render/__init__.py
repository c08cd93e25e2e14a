"""Render a case as a Word document: one or two languages, one part per request, then the annex.

    case + findings ──context──> Jinja template × each language ──blocks──> docx (aligned rows)

The public entry point is :func:`render_docx`; ``render.pdf.to_pdf`` converts the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..checks import Finding
from ..files import write_file
from ..model import Case, PreservationRequest
from ..resources import resource_dir
from .blocks import Block, MarkupError, pair_blocks, parse_blocks
from .context import annex_context, build_context, extension_context, shared_context
from .docx import Part, build_docx
from .templates import TemplateRenderError, render_template

__all__ = ["RenderError", "render_blocks", "render_docx", "render_bytes", "render_extension", "template_dir",
           "write_annexes"]

ANNEX_TEMPLATE = "annex.html.j2"
HEADER_TEMPLATE = "header.html.j2"
FOOTER_TEMPLATE = "footer.html.j2"
EXTENSION_TEMPLATE = "extension.html.j2"


class RenderError(Exception):
    """The document cannot be produced; the message says why and what to do."""


def template_dir(templates: Path | None = None) -> Path:
    folder = templates if templates is not None else resource_dir("templates")
    if not folder.is_dir():
        raise RenderError(f"{folder}: no such templates folder")
    return folder.resolve()


def _blocks(name: str, langs: Sequence[str], drafting: str, folder: Path,
            context: dict[str, Any]) -> list[list[Block]]:
    if not (folder / name).is_file():
        raise RenderError(f"{folder}: no template {name}; the folder must hold one template per "
                          "request kind (see templates/MARKUP.md)")
    per_lang = []
    try:
        for lang in langs:
            markup = render_template(name, lang, drafting, folder, context)
            per_lang.append(parse_blocks(markup, where=f"{name} ({lang})"))
        if len(per_lang) == 2:
            pair_blocks(per_lang[0], per_lang[1], where=name)
    except (TemplateRenderError, MarkupError) as e:
        raise RenderError(str(e)) from None
    return per_lang


def render_blocks(case: Case, languages: Sequence[str], findings: Sequence[Finding],
                  templates: Path | None = None) -> list[Part]:
    """Every part of the document as blocks per language (what build_docx lays out)."""
    langs = list(languages)
    if not 1 <= len(langs) <= 2 or len(set(langs)) != len(langs):
        raise RenderError(f"give one or two different languages, not {','.join(langs)}")
    if not case.requests:
        raise RenderError("the case holds no request: add a request (preservation, subscriber, traffic, "
                          "content or emergency) before rendering")
    folder = template_dir(templates)
    drafting = case.drafting_language
    parts = []
    shared = shared_context(case, findings, langs)
    for request in case.requests:
        ctx = build_context(case, request, shared)
        parts.append(Part(
            header=_blocks(HEADER_TEMPLATE, langs, drafting, folder, ctx),
            footer=_blocks(FOOTER_TEMPLATE, langs, drafting, folder, ctx),
            body=_blocks(f"{request.kind}.html.j2", langs, drafting, folder, ctx),
        ))
    actx = annex_context(case, shared)
    actx["request"] = None
    parts.append(Part(
        header=_blocks(HEADER_TEMPLATE, langs, drafting, folder, actx),
        footer=_blocks(FOOTER_TEMPLATE, langs, drafting, folder, actx),
        body=_blocks(ANNEX_TEMPLATE, langs, drafting, folder, actx),
    ))
    return parts


def _document_time(case: Case, today: dt.date | None) -> dt.datetime:
    """The package timestamp: the case's own date, so the bytes depend on the case alone."""
    day = case.date or case.signature.date or today or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


# python-docx refuses a core property (title, subject...) over 255 characters.
PROPERTY_MAX = 255


def _property(text: str) -> str:
    """`text` as a document property: within python-docx's limit, cut with an ellipsis (the
    full text is in the body; the property is only what a file browser shows)."""
    return text if len(text) <= PROPERTY_MAX else text[: PROPERTY_MAX - 1] + "…"


def render_bytes(case: Case, *, languages: Sequence[str], findings: Sequence[Finding] = (),
                 templates: Path | None = None, today: dt.date | None = None) -> bytes:
    parts = render_blocks(case, languages, findings, templates)
    kinds = ", ".join(dict.fromkeys(r.kind for r in case.requests))  # each kind once, in order
    return build_docx(parts, languages, when=_document_time(case, today),
                      title=_property(case.reference or case.title), subject=_property(kinds))


def render_docx(case: Case, out: Path, *, languages: Sequence[str], findings: Sequence[Finding] = (),
                templates: Path | None = None, today: dt.date | None = None, force: bool = False) -> Path:
    """Write the Word document for the case to `out` and return the path: whole or not at all,
    owner-only (it holds the case's personal data), never over an existing file unless `force`
    (files.write_file). A request with many identifiers also gets its spreadsheet annex beside
    the document (spreadsheet.py), written first: the document names it."""
    data = render_bytes(case, languages=languages, findings=findings, templates=templates, today=today)
    write_annexes(case, out.parent, languages=languages, today=today, force=force)
    return write_file(out, data, force=force)


def write_annexes(case: Case, folder: Path, *, languages: Sequence[str], today: dt.date | None = None,
                  force: bool = False) -> list[Path]:
    """Write each request's spreadsheet annex (spreadsheet.annexes) into `folder`."""
    from .spreadsheet import annexes

    return [write_file(folder / name, data, force=force)
            for name, data in annexes(case, languages, when=_document_time(case, today)).items()]


def extension_request(case: Case, request_id: str, letter_date: dt.date) -> tuple[PreservationRequest, dt.date]:
    """The preservation `request_id` names and the date it lapses, if an extension can still be
    asked for it on `letter_date`; else RenderError saying why."""
    ids = [r.id for r in case.requests]
    req = next((r for r in case.requests if r.id == request_id), None)
    if req is None:
        raise RenderError(f"--extension {request_id}: the case has no such request (its requests: {', '.join(ids) or 'none'})")
    if not isinstance(req, PreservationRequest):
        raise RenderError(f"--extension {request_id}: it is a {req.kind} request; only a preservation is extended")
    expiry = req.effective_expiry()
    if req.sent_on is None or expiry is None:
        raise RenderError(f"--extension {request_id}: the preservation has not been sent; record when it was sent "
                          f"and confirmed first (mla-writer status CASE {request_id} sent --on YYYY-MM-DD)")
    if expiry < letter_date:
        raise RenderError(f"--extension {request_id}: the preservation lapsed on {expiry.isoformat()}; an extension can "
                          "no longer be asked: ask whether the data is still held, and preserve it again")
    return req, expiry


def render_extension(case: Case, request_id: str, out: Path, *, languages: Sequence[str], letter_date: dt.date,
                     days: int | None = None, templates: Path | None = None, force: bool = False) -> Path:
    """Write the request to extend the preservation `request_id` (Budapest art. 29(7)), dated
    `letter_date`, asking for `days` more (default: the period first asked for), as
    render_docx writes a document (files.write_file)."""
    req, expiry = extension_request(case, request_id, letter_date)
    days = days or req.period_days
    langs = list(languages)
    if not 1 <= len(langs) <= 2 or len(set(langs)) != len(langs):
        raise RenderError(f"give one or two different languages, not {','.join(langs)}")
    folder = template_dir(templates)
    ctx = extension_context(case, req, shared_context(case, ()), letter_date=letter_date, expires_on=expiry,
                            days=days)
    drafting = case.drafting_language
    part = Part(header=_blocks(HEADER_TEMPLATE, langs, drafting, folder, ctx),
                footer=_blocks(FOOTER_TEMPLATE, langs, drafting, folder, ctx),
                body=_blocks(EXTENSION_TEMPLATE, langs, drafting, folder, ctx))
    when = dt.datetime(letter_date.year, letter_date.month, letter_date.day, tzinfo=dt.UTC)
    data = build_docx([part], langs, when=when, title=f"{case.reference or case.title} {req.id}",
                      subject="preservation extension")
    return write_file(out, data, force=force)

