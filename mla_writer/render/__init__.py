"""Render a case as a package: one request document per addressee, and a review sheet.

    case ──context──> Jinja template × each language ──blocks──> docx (aligned rows)

A request document holds only what its addressee is to read: the requests sent to that
addressee through that channel, each a section of its own. Everything for the reviewer at the
requesting State's central authority (findings with their codes, paths and references, the
checklist, the SHA-256 of each request document) is in the review sheet, which is never sent.
Each request document carries its case (render.embed, for `review` and `import`), the sheet's
SHA-256 being of the documents as written, case included; the review sheet carries none.

:func:`render_package` builds the package in memory, :func:`write_package` writes it into a
folder; :func:`render_docx` writes one document (some or all of the requests);
``render.pdf.to_pdf`` converts a document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files import check_target, name_piece, short_name, write_file
from ..model import PROVIDER_CHANNELS, Case, PreservationRequest
from ..model.requests import Request
from ..resources import resource_dir
from .blocks import Block, MarkupError, pair_blocks, parse_blocks
from .context import build_context, extension_context, review_context, shared_context
from .docx import Part, build_docx, collector_paused
from .embed import embed_case
from .spreadsheet import annex_names

if TYPE_CHECKING:
    from ..checks import Finding  # loaded by the checks' caller: a request document needs none
from .templates import TemplateRenderError, render_template

__all__ = [
    "REVIEW_SHEET", "RenderError", "RequestDocument", "check_package_targets", "document_groups", "document_name",
    "is_final", "package_names", "package_targets", "prepare_package_folder", "render_blocks", "render_bytes",
    "render_docx", "render_extension", "render_package", "render_review_sheet", "review_language",
    "select_requests", "template_dir", "write_annexes", "write_package",
]

REVIEW_TEMPLATE = "review_sheet.html.j2"
HEADER_TEMPLATE = "header.html.j2"
FOOTER_TEMPLATE = "footer.html.j2"
EXTENSION_TEMPLATE = "extension.html.j2"
REVIEW_SHEET = "review-sheet.docx"


class RenderError(Exception):
    """The document cannot be produced; the message says why and what to do."""


def template_dir(templates: Path | None = None) -> Path:
    folder = templates if templates is not None else resource_dir("templates")
    if not folder.is_dir():
        raise RenderError(f"{folder}: no such templates folder")
    return folder.resolve()


def is_final(case: Case) -> bool:
    """Whether the case says it is final: its documents then go without DRAFT or fingerprint."""
    return case.status == "final"


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


def _part(body: str, langs: Sequence[str], drafting: str, folder: Path, ctx: dict[str, Any]) -> Part:
    return Part(header=_blocks(HEADER_TEMPLATE, langs, drafting, folder, ctx),
                footer=_blocks(FOOTER_TEMPLATE, langs, drafting, folder, ctx),
                body=_blocks(body, langs, drafting, folder, ctx))


def _languages(languages: Sequence[str]) -> list[str]:
    langs = list(languages)
    if not 1 <= len(langs) <= 2 or len(set(langs)) != len(langs):
        raise RenderError(f"give one or two different languages, not {','.join(langs)}")
    return langs


def select_requests(case: Case, ids: Sequence[str] | None = None) -> list[Request]:
    """The requests named by `ids` (all of the case's when None), in the case's order."""
    if not case.requests:
        raise RenderError("the case holds no request: add a request (preservation, subscriber, traffic, "
                          "content or emergency) before rendering")
    if ids is None:
        return list(case.requests)
    known = [r.id for r in case.requests]
    for wanted in ids:
        if wanted not in known:
            raise RenderError(f"--request {wanted}: the case has no such request (its requests: {', '.join(known)})")
    return [r for r in case.requests if r.id in set(ids)]


def render_blocks(case: Case, languages: Sequence[str], templates: Path | None = None, *,
                  requests: Sequence[Request] | None = None, final: bool | None = None) -> list[Part]:
    """Every part of one request document as blocks per language (what build_docx lays out):
    one part per request, for `requests` (default: all of the case's)."""
    langs = _languages(languages)
    chosen = list(requests) if requests is not None else select_requests(case)
    if not chosen:
        raise RenderError("the case holds no request: add a request (preservation, subscriber, traffic, "
                          "content or emergency) before rendering")
    folder = template_dir(templates)
    shared = shared_context(case, final=is_final(case) if final is None else final)
    return [_part(f"{r.kind}.html.j2", langs, case.drafting_language, folder,
                  build_context(case, r, shared, together=chosen))
            for r in chosen]


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


def render_bytes(case: Case, *, languages: Sequence[str], requests: Sequence[Request] | None = None,
                 templates: Path | None = None, today: dt.date | None = None, final: bool | None = None) -> bytes:
    """One request document holding `requests` (default: all of the case's), as .docx bytes,
    carrying its case (embed.embed_case: with which requests it holds and whether final).
    `final` (default: the case's status) drops the DRAFT marking and the fingerprint."""
    with collector_paused():  # the blocks of a long case too
        return _render_bytes(case, languages=languages, requests=requests, templates=templates, today=today,
                             final=final)


def _render_bytes(case: Case, *, languages: Sequence[str], requests: Sequence[Request] | None,
                  templates: Path | None, today: dt.date | None, final: bool | None) -> bytes:
    chosen = list(requests) if requests is not None else select_requests(case)
    final = is_final(case) if final is None else final
    parts = render_blocks(case, languages, templates, requests=chosen, final=final)
    kinds = ", ".join(dict.fromkeys(r.kind for r in chosen))  # each kind once, in order
    data = build_docx(parts, languages, when=_document_time(case, today),
                      title=_property(case.reference or case.title), subject=_property(kinds))
    # The case travels with its document, with what this document holds of it (review renders
    # the same document again to find hand edits). A draft carries the whole case, for the review
    # loop at home; a final document goes abroad, so it carries only its own requests: what one
    # State or provider is asked must not ride along, unseen, in what another receives.
    ids = [r.id for r in chosen]
    carried = case.model_copy(update={"requests": [r for r in case.requests if r.id in ids]}) if final else case
    return embed_case(data, carried, languages=languages, as_of=today, requests=ids, final=final)


def render_docx(case: Case, out: Path, *, languages: Sequence[str], requests: Sequence[Request] | None = None,
                templates: Path | None = None, today: dt.date | None = None, final: bool | None = None,
                force: bool = False) -> Path:
    """Write one request document (render_bytes) to `out` and return the path: whole or not at
    all, owner-only (it holds the case's personal data), never over an existing file unless
    `force` (files.write_file). A request with many identifiers also gets its spreadsheet annex
    beside the document (spreadsheet.py); if the document or an annex would be refused, nothing
    is written."""
    chosen = list(requests) if requests is not None else select_requests(case)
    out = Path(out)
    names = annex_names(chosen)
    for target in [out, *(_parent(out) / n for n in names)] if names else []:
        check_target(target, force=force)  # refused before any is written
    data = render_bytes(case, languages=languages, requests=chosen, templates=templates, today=today, final=final)
    write_annexes(case, _parent(out), languages=languages, requests=chosen, today=today, force=force)
    return write_file(out, data, force=force)


def write_annexes(case: Case, folder: Path, *, languages: Sequence[str], requests: Sequence[Request] | None = None,
                  today: dt.date | None = None, force: bool = False) -> list[Path]:
    """Write the spreadsheet annex of each of `requests` (default: all of the case's) that has
    one (spreadsheet.annexes) into `folder`."""
    from .spreadsheet import annexes

    return [write_file(folder / name, data, force=force)
            for name, data in annexes(case, languages, requests=requests, when=_document_time(case, today)).items()]


# --- the package -----------------------------------------------------------------------------


def _addressee_key(request: Request) -> tuple[str, str]:
    """Who receives the request, as compared between requests: the addressee as written, with
    case and spacing ignored. A request that names no addressee has a document of its own."""
    name = " ".join(request.addressee.text.split()).casefold()
    return (name, "") if name else ("", request.id)


def document_groups(case: Case, requests: Sequence[Request] | None = None) -> list[list[Request]]:
    """The requests grouped into documents: those to the same addressee through the same channel
    share one, in the order of their first request."""
    groups: dict[tuple[str, tuple[str, str]], list[Request]] = {}
    for r in (list(requests) if requests is not None else select_requests(case)):
        groups.setdefault((r.channel, _addressee_key(r)), []).append(r)
    return list(groups.values())


def _country(case: Case, requests: Sequence[Request]) -> str | None:
    """The requested country a document goes to: for a request to a provider, the provider's
    country of establishment when known; else the requested State."""
    first = requests[0]
    if first.channel in PROVIDER_CHANNELS and first.provider.establishment:
        return first.provider.establishment
    return case.requested.state


def document_name(case: Case, requests: Sequence[Request], languages: Sequence[str]) -> str:
    """What the file of a request document is called: its request ids, kinds, requested country
    and languages, e.g. ``R1-preservation-IE-en-fr.docx``, ``R2+R3-subscriber+traffic-US-zh-en.docx``."""
    ids = "+".join(name_piece(r.id) for r in requests)
    kinds = "+".join(dict.fromkeys(r.kind for r in requests))
    country = _country(case, requests)
    stem = "-".join([ids, kinds, *([country] if country else []), *languages])
    return short_name(stem, len(".docx") + len(".pdf")) + ".docx"


@dataclass(frozen=True)
class RequestDocument:
    """One request document of a package: its file name, the requests it holds, its bytes, and
    the spreadsheet annexes (file name, bytes) it names, written beside it."""

    name: str
    requests: tuple[Request, ...]
    data: bytes
    annexes: tuple[tuple[str, bytes], ...] = ()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _unique_names(names: list[str]) -> list[str]:
    """Two ids that differ only in characters a file name cannot hold would give one name twice."""
    seen: set[str] = set()
    out = []
    for name in names:
        stem, n, candidate = name[: -len(".docx")], 2, name
        while candidate in seen or candidate == REVIEW_SHEET:
            candidate, n = f"{stem}-{n}.docx", n + 1
        seen.add(candidate)
        out.append(candidate)
    return out


def _named_groups(case: Case, languages: Sequence[str]) -> list[tuple[str, list[Request]]]:
    """Each request document's file name and requests."""
    groups = document_groups(case)
    return list(zip(_unique_names([document_name(case, g, languages) for g in groups]), groups, strict=True))


def package_names(case: Case, languages: Sequence[str]) -> list[str]:
    """The file names of the package: each request document followed by its spreadsheet annexes,
    then the review sheet."""
    return [*(n for name, g in _named_groups(case, languages) for n in (name, *annex_names(g))), REVIEW_SHEET]


def render_package(case: Case, *, languages: Sequence[str], findings: Sequence[Finding] = (),
                   templates: Path | None = None, today: dt.date | None = None,
                   final: bool | None = None) -> tuple[list[RequestDocument], bytes]:
    """The request documents (one per addressee and channel) and the review sheet's bytes."""
    from .spreadsheet import annexes

    langs = _languages(languages)
    when = _document_time(case, today)
    documents = [RequestDocument(name, tuple(g), render_bytes(case, languages=langs, requests=g, templates=templates,
                                                               today=today, final=final),
                                 tuple(annexes(case, langs, requests=g, when=when).items()))
                 for name, g in _named_groups(case, langs)]
    sheet = render_review_sheet(case, documents, findings=findings, templates=templates, today=today, final=final)
    return documents, sheet


def review_language(case: Case) -> str:
    """The review sheet is read at the requesting State's central authority: in the language
    the case is drafted in."""
    return case.drafting_language


def render_review_sheet(case: Case, documents: Sequence[RequestDocument], *, findings: Sequence[Finding] = (),
                        templates: Path | None = None, today: dt.date | None = None,
                        final: bool | None = None) -> bytes:
    """The review sheet as .docx bytes: the findings with their codes, fields and references,
    the central authority's checklist, and the SHA-256 of each request document."""
    lang = review_language(case)
    listed = [{"name": d.name, "sha256": d.sha256,
               "requests": [{"id": r.id, "kind": r.kind, "channel": r.channel, "addressee": r.addressee}
                            for r in d.requests]}
              for d in documents]
    ctx = review_context(case, findings, lang, listed, final=is_final(case) if final is None else final)
    part = _part(REVIEW_TEMPLATE, [lang], case.drafting_language, template_dir(templates), ctx)
    return build_docx([part], [lang], when=_document_time(case, today),
                      title=_property(case.reference or case.title), subject="review sheet")


def package_targets(case: Case, outdir: Path, languages: Sequence[str], *, pdf: bool = False) -> list[Path]:
    """Every file write_package would write into `outdir` (with `pdf`, the PDFs too)."""
    names = package_names(case, _languages(languages))
    paths = [Path(outdir) / n for n in names]
    return paths + ([p.with_suffix(".pdf") for p in paths if p.suffix == ".docx"] if pdf else [])


def check_package_targets(targets: Sequence[Path], *, force: bool = False) -> None:
    """Refuse the package before any work when a target would be refused: one already there
    (without `force`, named, with how many more are there), a folder in the way, a folder that
    cannot be written in: files.check_target's rules, for the package as a whole."""
    there = [t for t in targets if os.path.lexists(t)]
    if there and not force:
        more = f" (and {len(there) - 1} more)" if len(there) > 1 else ""
        check_target(there[0], exists_hint=f"nothing was written{more}; use --force to replace the package")
    for target in targets:
        check_target(target, force=True)


def write_package(case: Case, outdir: Path, *, languages: Sequence[str], findings: Sequence[Finding] = (),
                  templates: Path | None = None, today: dt.date | None = None, final: bool | None = None,
                  force: bool = False) -> list[Path]:
    """Write the package into the folder `outdir` (made if missing; its parent must exist) and
    return the paths written, request documents first (each followed by its spreadsheet
    annexes), the review sheet last. Every file is
    written by files.write_file; if any would be refused, none is written."""
    outdir = Path(outdir)
    prepare_package_folder(outdir)
    if outdir.is_dir():
        check_package_targets(package_targets(case, outdir, languages), force=force)
    documents, sheet = render_package(case, languages=languages, findings=findings, templates=templates,
                                      today=today, final=final)
    if not outdir.is_dir():
        try:
            outdir.mkdir(mode=0o700)
        except OSError as e:
            raise RenderError(f"{outdir}: cannot create the folder ({e.strerror})") from None
    written = [write_file(outdir / name, data, force=force)
               for d in documents for name, data in ((d.name, d.data), *d.annexes)]
    written.append(write_file(outdir / REVIEW_SHEET, sheet, force=force))
    return written


def prepare_package_folder(outdir: Path) -> None:
    """Refuse a package folder that is not one (a file, a symbolic link) or whose parent is
    missing; a folder that does not exist yet is made when the package is written."""
    if outdir.is_symlink() or (os.path.lexists(outdir) and not outdir.is_dir()):
        raise RenderError(f"{outdir}: not a folder; give a folder to write the package into")
    if not outdir.exists() and not _parent(outdir).is_dir():
        raise RenderError(f"{outdir}: the folder {_parent(outdir)} does not exist; create it first")


def _parent(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


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
    ctx = extension_context(case, req, shared_context(case, final=is_final(case)), letter_date=letter_date,
                            expires_on=expiry, days=days)
    part = _part(EXTENSION_TEMPLATE, langs, case.drafting_language, folder, ctx)
    when = dt.datetime(letter_date.year, letter_date.month, letter_date.day, tzinfo=dt.UTC)
    data = build_docx([part], langs, when=when, title=f"{case.reference or case.title} {req.id}",
                      subject="preservation extension")
    return write_file(out, data, force=force)

