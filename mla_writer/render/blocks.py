"""Template output (the document markup) -> a list of blocks, the same shape in every language.

The markup is a tiny subset of HTML, documented in ``templates/MARKUP.md``:

block elements   <h1> <h2> <h3>  <p class="...">  <np>  <ol>/<ul> with <li>  <check state="...">
                 <table> with <tr> and <th>/<td>   <pagebreak/>
inline elements  <b> <i> <br/> <t> <pending> <field name="PAGE|NUMPAGES"/>

Whitespace outside ``<t>`` is collapsed as in HTML, so templates can be indented. ``<t>`` holds
text the user typed (every ``{{ value }}`` is wrapped in it by the template environment) and keeps
it exactly as typed, line breaks included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from lxml import etree

BlockKind = Literal["heading", "para", "numbered", "item", "check", "table", "pagebreak"]
CheckState = Literal["yes", "no", "open"]

_SPACE = re.compile(r"\s+")
_PARA_CLASSES = {"", "quote", "small", "center", "right", "label", "signature", "note"}
_FIELDS = {"PAGE", "NUMPAGES"}


class MarkupError(ValueError):
    """The template produced markup outside the documented subset."""


class Run(NamedTuple):
    """A stretch of text of one formatting. A tuple, not a dataclass: a long table's cells are
    compared and looked up by their runs (docx.py), and a tuple hashes and compares in C."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    verbatim: bool = False  # typed by the user: never reflowed
    pending: bool = False  # a "translation pending" marker
    field: str | None = None  # PAGE or NUMPAGES
    brk: bool = False  # a line break


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    runs: tuple[Run, ...] = ()
    level: int = 0  # heading level
    style: str = ""  # paragraph class
    number: str = ""  # "1." for numbered paragraphs and list items
    state: CheckState = "open"  # checklist items
    rows: tuple[tuple[tuple[Run, ...], ...], ...] = ()  # tables: rows of cells of runs
    header_rows: int = 0
    widths: tuple[int, ...] = ()  # tables: relative column widths, from <table cols="1 3 2">

    @property
    def text(self) -> str:
        """Plain text of the block (for tests and error messages)."""
        if self.kind == "table":
            return "\n".join("\t".join(plain(c) for c in row) for row in self.rows)
        return plain(self.runs)

    def shape(self) -> tuple[object, ...]:
        """What must be equal for two languages' blocks to sit side by side."""
        cells = tuple(len(r) for r in self.rows)
        return (self.kind, self.level, self.style, self.number, self.state, cells, self.header_rows,
                self.widths)


def plain(runs: tuple[Run, ...]) -> str:
    return "".join("\n" if r.brk else (f"{{{r.field}}}" if r.field else r.text) for r in runs)


@dataclass
class _Inline:
    runs: list[Run] = field(default_factory=list)

    def add(self, text: str, *, bold: bool, italic: bool, verbatim: bool, pending: bool) -> None:
        if not text:
            return
        if not verbatim:
            text = _SPACE.sub(" ", text)
        self.runs.append(Run(text, bold, italic, verbatim, pending))

    def finish(self) -> tuple[Run, ...]:
        """Trim template whitespace at the ends and after line breaks; merge equal neighbours."""
        out: list[Run] = []
        for r in self.runs:
            if not r.verbatim and r.text and (not out or out[-1].brk):
                r = Run(r.text.lstrip(), r.bold, r.italic, r.verbatim, r.pending)
                if not r.text:
                    continue
            out.append(r)
        while out and not out[-1].verbatim and not out[-1].field and not out[-1].brk:
            stripped = out[-1].text.rstrip()
            if stripped:
                last = out[-1]
                out[-1] = Run(stripped, last.bold, last.italic, last.verbatim, last.pending)
                break
            out.pop()
        merged: list[Run] = []
        for r in out:
            if merged and not r.field and not r.brk and not merged[-1].field and not merged[-1].brk and (
                (merged[-1].bold, merged[-1].italic, merged[-1].verbatim, merged[-1].pending)
                == (r.bold, r.italic, r.verbatim, r.pending)
            ):
                merged[-1] = Run(merged[-1].text + r.text, r.bold, r.italic, r.verbatim, r.pending)
            else:
                merged.append(r)
        return tuple(merged)


def _inline(el: etree._Element, acc: _Inline, *, bold: bool = False, italic: bool = False,
            verbatim: bool = False, pending: bool = False, where: str = "") -> None:
    acc.add(el.text or "", bold=bold, italic=italic, verbatim=verbatim, pending=pending)
    for child in el:
        tag = child.tag
        if tag == "b":
            _inline(child, acc, bold=True, italic=italic, verbatim=verbatim, pending=pending, where=where)
        elif tag == "i":
            _inline(child, acc, bold=bold, italic=True, verbatim=verbatim, pending=pending, where=where)
        elif tag == "t":
            _inline(child, acc, bold=bold, italic=italic, verbatim=True, pending=pending, where=where)
        elif tag == "pending":
            _inline(child, acc, bold=bold, italic=True, verbatim=verbatim, pending=True, where=where)
        elif tag == "br":
            acc.runs.append(Run(brk=True))
        elif tag == "field":
            name = child.get("name", "")
            if name not in _FIELDS:
                raise MarkupError(f"{where}: <field name='{name}'>: use PAGE or NUMPAGES")
            acc.runs.append(Run(field=name, bold=bold, italic=italic))
        else:
            raise MarkupError(f"{where}: <{tag}> is not allowed inside a paragraph")
        acc.add(child.tail or "", bold=bold, italic=italic, verbatim=verbatim, pending=pending)


def _runs(el: etree._Element, where: str) -> tuple[Run, ...]:
    acc = _Inline()
    _inline(el, acc, where=where)
    return acc.finish()


def _table(el: etree._Element, where: str) -> Block:
    rows: list[tuple[tuple[Run, ...], ...]] = []
    header_rows = 0
    for tr in el:
        if tr.tag != "tr":
            raise MarkupError(f"{where}: <table> holds <{tr.tag}>; only <tr> rows are allowed")
        cells = []
        heads = 0
        for cell in tr:
            if cell.tag not in ("th", "td"):
                raise MarkupError(f"{where}: <tr> holds <{cell.tag}>; only <th> and <td> are allowed")
            heads += cell.tag == "th"
            cells.append(_runs(cell, where))
        if heads and heads == len(cells) and header_rows == len(rows):
            header_rows += 1
        rows.append(tuple(cells))
    widths: tuple[int, ...] = ()
    if el.get("cols"):
        try:
            widths = tuple(int(x) for x in el.get("cols", "").split())
        except ValueError:
            raise MarkupError(f"{where}: <table cols='{el.get('cols')}'>: give whole numbers, e.g. cols=\"1 3 2\"") from None
        if any(w <= 0 for w in widths) or any(len(r) != len(widths) for r in rows):
            raise MarkupError(f"{where}: <table cols='{el.get('cols')}'>: one positive number per column")
    return Block("table", rows=tuple(rows), header_rows=header_rows, widths=widths)


def parse_blocks(markup: str, where: str = "template") -> list[Block]:
    """Parse template output into blocks. ``where`` names the template in error messages."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True,
                             huge_tree=False, recover=False)
    try:
        root = etree.fromstring(f"<doc>{markup}</doc>".encode(), parser)
    except etree.XMLSyntaxError as e:
        raise MarkupError(f"{where}: the template output is not well-formed markup ({e})") from None
    if (root.text or "").strip():
        raise MarkupError(f"{where}: text outside a paragraph: {root.text.strip()[:40]!r}")
    blocks: list[Block] = []
    numbered = 0
    for el in root:
        tag = el.tag
        if tag in ("h1", "h2", "h3"):
            blocks.append(Block("heading", _runs(el, where), level=int(tag[1])))
        elif tag == "p":
            cls = el.get("class", "")
            if cls not in _PARA_CLASSES:
                raise MarkupError(f"{where}: <p class='{cls}'>: use one of {sorted(_PARA_CLASSES)}")
            blocks.append(Block("para", _runs(el, where), style=cls))
        elif tag == "np":
            numbered += 1
            blocks.append(Block("numbered", _runs(el, where), number=f"{numbered}."))
        elif tag in ("ol", "ul"):
            for i, li in enumerate(el, start=1):
                if li.tag != "li":
                    raise MarkupError(f"{where}: <{tag}> holds <{li.tag}>; only <li> items are allowed")
                number = f"({chr(ord('a') + i - 1)})" if tag == "ol" and i <= 26 else (
                    f"({i})" if tag == "ol" else "•")
                blocks.append(Block("item", _runs(li, where), number=number))
        elif tag == "check":
            state = el.get("state", "open")
            if state not in ("yes", "no", "open"):
                raise MarkupError(f"{where}: <check state='{state}'>: use yes, no or open")
            blocks.append(Block("check", _runs(el, where), state=state))
        elif tag == "table":
            blocks.append(_table(el, where))
        elif tag == "pagebreak":
            blocks.append(Block("pagebreak"))
        else:
            raise MarkupError(f"{where}: <{tag}> is not part of the document markup (see templates/MARKUP.md)")
        if (el.tail or "").strip():
            raise MarkupError(f"{where}: text outside a paragraph after <{tag}>: {el.tail.strip()[:40]!r}")
    return blocks


def pair_blocks(first: list[Block], second: list[Block], where: str = "template") -> list[tuple[Block, Block]]:
    """Zip two languages' blocks; they must have the same shape, or the columns would drift."""
    if len(first) != len(second) or any(a.shape() != b.shape() for a, b in zip(first, second, strict=False)):
        for i, (a, b) in enumerate(zip(first, second, strict=False)):
            if a.shape() != b.shape():
                raise MarkupError(f"{where}: block {i + 1} differs between languages "
                                  f"({a.kind} {a.text[:30]!r} / {b.kind} {b.text[:30]!r}); "
                                  "a template must not branch on the language")
        raise MarkupError(f"{where}: the languages produced {len(first)} and {len(second)} blocks; "
                          "a template must not branch on the language")
    return list(zip(first, second, strict=True))
