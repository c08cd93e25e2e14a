"""Word comments: the ones a reviewer left in a draft, and the ones `review` adds to a copy.

python-docx (1.2) writes each comment into ``word/comments.xml`` with its relationship and
content type, and marks its range in the body (``w:commentRangeStart``, ``w:commentRangeEnd``
and a run holding ``w:commentReference``). It dates a comment with the machine's clock; the
date a review is made as of is an input here, so the dates of the comments added are set to it
in the saved package.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run
from lxml import etree

from .package import write_package
from .wordtext import Paragraph, W, body_paragraphs, paragraph_text

__all__ = ["CommentedCopy", "ReviewerComment"]

_R, _COMMENT, _RANGE_START, _REFERENCE = (f"{{{W}}}{t}" for t in ("r", "comment", "commentRangeStart",
                                                                  "commentReference"))
_ID, _DATE = f"{{{W}}}id", f"{{{W}}}date"
COMMENTS_PART = "word/comments.xml"


@dataclass(frozen=True)
class ReviewerComment:
    """A comment found in a draft: who wrote it, when, what, and the paragraph it sits on."""

    author: str
    date: dt.datetime | None
    text: str
    paragraph: str  # the text of the paragraph its range starts in ("" when it has none)


class CommentedCopy:
    """A draft opened to add comments to; :meth:`save` gives the copy's bytes. The draft's
    bytes must have passed package.read_package first."""

    def __init__(self, data: bytes) -> None:
        self._doc = Document(io.BytesIO(data))
        self._added: list[int] = []
        self.paragraphs: list[Paragraph] = body_paragraphs(self._doc.element)

    def comments(self) -> list[ReviewerComment]:
        """The comments the draft already holds, in the document's order of their ranges."""
        where: dict[str, str] = {}
        for tag in (_RANGE_START, _REFERENCE):
            for mark in self._doc.element.body.iter(tag):
                p = next((a for a in mark.iterancestors(f"{{{W}}}p")), None)
                where.setdefault(mark.get(_ID, ""), paragraph_text(p) if p is not None else "")
        order = {cid: i for i, cid in enumerate(where)}
        found = sorted(self._doc.comments, key=lambda c: order.get(str(c.comment_id), len(order)))
        return [ReviewerComment(c.author, c.timestamp, " ".join(c.text.split()), where.get(str(c.comment_id), ""))
                for c in found]

    def add(self, first: Paragraph, last: Paragraph, text: str, *, author: str, initials: str) -> None:
        """A comment holding `text` on the range from the start of `first` to the end of `last`."""
        runs = [Run(r, DocxParagraph(p.element, self._doc)) for p, r in ((first, _runs(first)[0]), (last, _runs(last)[-1]))]
        comment = self._doc.add_comment(runs, text=text, author=author, initials=initials)
        self._added.append(comment.comment_id)

    def save(self, when: dt.datetime) -> bytes:
        """The copy's .docx bytes: the comments added dated `when`, every zip entry dated as the
        renderer dates them."""
        out = io.BytesIO()
        self._doc.save(out)
        with zipfile.ZipFile(io.BytesIO(out.getvalue())) as z:
            parts = {i.filename: z.read(i) for i in z.infolist()}
        if self._added and COMMENTS_PART in parts:
            root = etree.fromstring(parts[COMMENTS_PART])
            stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            added = {str(i) for i in self._added}
            for c in root.iter(_COMMENT):
                if c.get(_ID) in added:
                    c.set(_DATE, stamp)
            parts[COMMENTS_PART] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return write_package(parts)


def _runs(p: Paragraph) -> list[etree._Element]:
    """The runs a comment range can start before and end after: the paragraph's own runs, else
    any run inside it (in a content control or a hyperlink)."""
    own = p.element.findall(_R)
    return own or list(p.element.iter(_R))
