"""The case a request document carries: put into the finished .docx, read back from a draft.

Every request document mla-writer renders holds, as a custom XML part of its package (the kind
of part Word and LibreOffice keep when they save), the validated case it was made from (a final
document, the one sent abroad, only with its own requests: render.render_bytes)::

    <case xmlns="urn:mla-writer:embedded-case:1" version="0.1.0" languages="en,fr"
          as-of="2026-06-11" requests='["R1","R3"]' final="false" text-sha256="..."
          seal="..."><json>{ the case file's JSON</json>
          <json>in pieces of at most a million characters }</json></case>

- ``version``: the mla-writer that rendered it; ``languages`` and ``as-of``: what it was rendered
  in and evaluated as of, ``requests`` (the ids of the requests this document holds, as a JSON
  list: a package has one document per addressee and channel) and ``final`` (whether it went
  without the DRAFT marking), so `review` can render the same document the same way again;
- ``text-sha256``: the fingerprint of the body's text as rendered (wordtext.fingerprint), so a
  reviewer learns whether anyone edited the text since;
- ``seal``: the SHA-256 of all of the above and the JSON. An embedded part edited by hand (or by
  a script that did not know the rule) no longer matches it and is refused. It is a check
  against mistakes, not a signature: whoever knows this rule can write a matching seal.

:func:`embed_case` is a post-processing step on the bytes the renderer produced: the other parts
stay as they are, and the result is as deterministic as its input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json as jsonlib
import re
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .. import __version__
from ..errors import CaseFileError
from ..model import Case
from .package import DraftError, Package, read_draft_bytes, read_package, with_parts
from .wordtext import body_paragraphs, fingerprint

__all__ = ["Embedded", "case_from_draft", "embed_case", "read_draft", "read_embedded", "rendered_texts", "seal_of"]

NS = "urn:mla-writer:embedded-case:1"
ROOT = f"{{{NS}}}case"
JSON = f"{{{NS}}}json"
CHUNK = 1_000_000  # characters of JSON per element
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
RT_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
RT_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
CT_CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
RELATIONSHIP_ID = "rIdMlaWriterCase"
_ITEM = re.compile(r"customXml/item(\d+)\.xml")


@dataclass(frozen=True)
class Embedded:
    """What a draft carries: the case (validated), its JSON as embedded, and how it was rendered."""

    case: Case
    json: str
    version: str
    languages: tuple[str, ...]
    as_of: dt.date | None
    text_sha256: str
    requests: tuple[str, ...]  # the ids of the requests the document holds, in its order
    final: bool


def seal_of(version: str, languages: str, as_of: str, requests: str, final: str, text_sha256: str,
            json: str) -> str:
    """The seal over everything the part says (see the module docstring)."""
    joined = "\n".join((NS, version, languages, as_of, requests, final, text_sha256, json))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def embed_case(data: bytes, case: Case, *, languages: Sequence[str], as_of: dt.date | None,
               requests: Sequence[str], final: bool) -> bytes:
    """The .docx `data` (as the renderer wrote it) with `case` embedded as its own part, saying
    which of its `requests` (ids) the document holds and whether it was rendered `final`."""
    from ..store import case_json

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        parts = {name: z.read(name) for name in ("word/document.xml", "[Content_Types].xml", DOCUMENT_RELS)}
    text = fingerprint(_texts(parts))
    json = case_json(case)
    langs, day = ",".join(languages), as_of.isoformat() if as_of else ""
    ids, done = jsonlib.dumps(list(requests), ensure_ascii=False), "true" if final else "false"
    seal = seal_of(__version__, langs, day, ids, done, text, json)

    root = etree.Element(ROOT, nsmap={None: NS})
    for name, value in (("version", __version__), ("languages", langs), ("as-of", day), ("requests", ids),
                        ("final", done), ("text-sha256", text), ("seal", seal)):
        root.set(name, value)
    # In pieces: an XML parser that keeps its limits (ours, package.parse_xml) refuses a text
    # node over 10 MB, and a case file may hold 20.
    for at in range(0, len(json), CHUNK):
        etree.SubElement(root, JSON).text = json[at:at + CHUNK]
    n = 1 + max((int(m.group(1)) for name in names if (m := _ITEM.fullmatch(name))), default=0)
    item, props = f"customXml/item{n}.xml", f"customXml/itemProps{n}.xml"
    # Word keeps a custom XML part only with its properties part (a data store item with an id).
    ds = etree.Element(f"{{{DS_NS}}}datastoreItem", nsmap={"ds": DS_NS})
    ds.set(f"{{{DS_NS}}}itemID", "{" + str(uuid.UUID(seal[:32])).upper() + "}")
    etree.SubElement(ds, f"{{{DS_NS}}}schemaRefs")
    return with_parts(data, {
        "[Content_Types].xml": _with_override(parts["[Content_Types].xml"], f"/{props}"),
        DOCUMENT_RELS: _with_relationship(parts[DOCUMENT_RELS], RELATIONSHIP_ID, RT_CUSTOM_XML, f"../{item}"),
        item: _xml(root),
        props: _xml(ds),
        f"customXml/_rels/item{n}.xml.rels": _relationships([("rId1", RT_CUSTOM_XML_PROPS, f"itemProps{n}.xml")]),
    })


def _parts(data: bytes) -> dict[str, bytes]:
    """The parts of a package mla-writer itself just wrote (trusted: no limits needed)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _texts(parts: dict[str, bytes]) -> list[str]:
    return [p.text for p in body_paragraphs(etree.fromstring(parts["word/document.xml"]))]


def rendered_texts(data: bytes) -> list[str]:
    """The body's paragraph texts of a document mla-writer just rendered (wordtext)."""
    return _texts(_parts(data))


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _relationships(rels: list[tuple[str, str, str]]) -> bytes:
    root = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    for rid, kind, target in rels:
        etree.SubElement(root, f"{{{REL_NS}}}Relationship", Id=rid, Type=kind, Target=target)
    return _xml(root)


def _with_override(content_types: bytes, part_name: str) -> bytes:
    root = etree.fromstring(content_types)
    etree.SubElement(root, f"{{{CT_NS}}}Override", PartName=part_name, ContentType=CT_CUSTOM_XML_PROPS)
    return _xml(root)


def _with_relationship(rels: bytes, rid: str, kind: str, target: str) -> bytes:
    root = etree.fromstring(rels)
    etree.SubElement(root, f"{{{REL_NS}}}Relationship", Id=rid, Type=kind, Target=target)
    return _xml(root)


def read_embedded(package: Package) -> Embedded:
    """The case `package` carries, sealed and valid; DraftError saying what is wrong if not."""
    from ..store import MAX_FILE_BYTES, parse_case

    found = [root for name in package.parts if _ITEM.fullmatch(name)
             and (root := package.xml(name)).tag == ROOT]
    if not found:
        raise DraftError("carries no case: it was not rendered by mla-writer (or its case part was removed); "
                         "ask for the case file, or a document rendered from it")
    if len(found) > 1:
        raise DraftError(f"carries {len(found)} embedded cases where a rendered document has one: "
                         "it was assembled by hand; ask for the document as rendered")
    root = found[0]
    version, langs, day, ids, done, text = (root.get(k, "") for k in ("version", "languages", "as-of", "requests",
                                                                       "final", "text-sha256"))
    json = "".join(piece.text or "" for piece in root.iter(JSON))
    if root.get("seal") != seal_of(version, langs, day, ids, done, text, json):
        raise DraftError("its embedded case was edited after the document was rendered (its seal does not "
                         "match): ask for the case file, or a document rendered from it again")
    data = json.encode("utf-8")
    if len(data) > MAX_FILE_BYTES:  # what a case file may hold on disk, it may hold here
        raise DraftError(f"its embedded case is {len(data) // 1_048_576} MB; a case file is at most "
                         f"{MAX_FILE_BYTES // 1_048_576} MB")
    try:
        case = parse_case(data, "embedded case")
        as_of = dt.date.fromisoformat(day) if day else None
    except CaseFileError as e:
        more = f" (and {len(e.problems) - 1} more problem(s))" if len(e.problems) > 1 else ""
        raise DraftError(f"its embedded case (rendered by mla-writer {version or '?'}) does not validate with "
                         f"mla-writer {__version__}: {e.problems[0] if e.problems else 'invalid'}{more}") from None
    except ValueError:
        raise DraftError(f"its embedded case gives the date it was rendered as of as '{day}', not YYYY-MM-DD") from None
    known = [r.id for r in case.requests]
    try:
        held = jsonlib.loads(ids)
    except ValueError:
        held = None
    if not (isinstance(held, list) and held and all(isinstance(i, str) and i in known for i in held)):
        raise DraftError(f"its embedded case names the requests the document holds as '{ids[:80]}', "
                         "not a list of the case's request ids")
    return Embedded(case, json, version, tuple(x for x in langs.split(",") if x), as_of, text, tuple(held),
                    done == "true")


def read_draft(path: Path | str) -> tuple[Package, Embedded]:
    """The package of the draft at `path` and the case it carries (DraftError without the path)."""
    package = read_package(read_draft_bytes(path))
    return package, read_embedded(package)


def case_from_draft(path: Path | str) -> Case:
    """The case a rendered Word document carries, validated: what the wizard opens for "Open a
    draft (.docx)". Raises DraftError whose message, after the path, says what is wrong."""
    return read_draft(path)[1].case
