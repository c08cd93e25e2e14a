"""Read a .docx back the way Word would have to: a sound zip of well-formed XML parts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def assert_valid_docx(data: bytes | Path) -> dict[str, bytes]:
    """Every part parses with a strict XML parser and python-docx opens the package."""
    import docx

    raw = data.read_bytes() if isinstance(data, Path) else data
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        assert z.testzip() is None, "a damaged zip member"
        parts = {n: z.read(n) for n in z.namelist()}
    assert "word/document.xml" in parts and "[Content_Types].xml" in parts
    strict = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
    for name, body in parts.items():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(body, strict)  # raises on any malformed part
    docx.Document(io.BytesIO(raw))
    return parts


def paragraphs(parts: dict[str, bytes]) -> list[str]:
    """The text of every paragraph in the body, headers and footers, in order (tabs and
    breaks as whitespace)."""
    out = []
    for name in sorted(parts):
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        root = etree.fromstring(parts[name])
        for p in root.iter(f"{W}p"):
            bits = []
            for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
                bits.append(el.text or "" if el.tag == f"{W}t" else "\n")
            out.append("".join(bits))
    return out


# Direction marks, word joiners and isolates the renderer may add around values (so that Arabic
# in an English column reads correctly); they are dropped from both sides of a comparison. The
# embeddings and overrides (U+202A-U+202E) are kept: a user's U+202E must reach the page.
_ADDED_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u2060\u2066\u2067\u2068\u2069"))


def squash(text: str) -> str:
    """Whitespace runs as one space (the document may turn a line break into a new paragraph),
    without direction marks the renderer may add."""
    return " ".join(text.translate(_ADDED_MARKS).split())


def document_text(parts: dict[str, bytes]) -> str:
    return squash("\n".join(paragraphs(parts)))
