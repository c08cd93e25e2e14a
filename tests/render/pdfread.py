"""Read a LibreOffice PDF back as a reader's eye would: which font drew each character, and for
a Noto CJK collection, which of its regional faces.

pdffonts names the embedded fonts, but cannot tell a Chinese page set in Simplified Chinese forms
from one set in Japanese forms: the five faces of a Noto CJK collection (JP, KR, SC, TC, HK)
share one CFF table, so LibreOffice embeds each under the name of the first ("NotoSerifCJKjp-...")
whichever face it used. What differs is the glyph: each face's character map sends a character
to its own regional glyph. So this module reads, for each embedded font, the glyph each
character was drawn with (the font program's encoding and the ToUnicode map), and looks the
character up in every face of the collection file on this machine.

Written for what LibreOffice exports (numbered objects, Flate streams, no object streams); a PDF
it cannot read raises ``PdfReadError`` rather than reporting nothing.
"""

from __future__ import annotations

import re
import struct
import subprocess
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path


class PdfReadError(AssertionError):
    pass


@dataclass
class EmbeddedFont:
    name: str  # without the subset tag ("NotoSerifCJKjp-Regular-VKana")
    chars: dict[str, str] = field(default_factory=dict)  # character -> glyph name (Type 1 fonts)
    text: set[str] = field(default_factory=set)  # every character the font drew


_OBJ = re.compile(rb"(?:^|[\r\n])(\d+) 0 obj(.*?)endobj", re.S)


def _objects(data: bytes) -> dict[int, bytes]:
    if b"/ObjStm" in data:
        raise PdfReadError("the PDF packs its objects in object streams; this reader needs plain objects")
    return {int(m.group(1)): m.group(2) for m in _OBJ.finditer(data)}


def _stream(objs: dict[int, bytes], num: int) -> bytes:
    head, _, rest = objs[num].partition(b"stream")
    rest = rest[2:] if rest.startswith(b"\r\n") else rest[1:]
    length = re.search(rb"/Length\s+(\d+)(\s+0\s+R)?", head)
    if length is None:
        raise PdfReadError(f"object {num}: a stream without /Length")
    size = int(objs[int(length.group(1))].strip()) if length.group(2) else int(length.group(1))
    raw = rest[:size]
    return zlib.decompress(raw) if b"FlateDecode" in head else raw


def _ref(body: bytes, key: bytes) -> int | None:
    m = re.search(rb"/" + key + rb"\s+(\d+)\s+0\s+R", body)
    return int(m.group(1)) if m else None


def _to_unicode(cmap: bytes) -> dict[int, str]:
    """Character code -> text, from a ToUnicode CMap's bfchar and bfrange sections."""
    out: dict[int, str] = {}

    def text(hexa: bytes) -> str:
        return bytes.fromhex(hexa.decode()).decode("utf-16-be", "replace")

    for section in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
            out[int(code, 16)] = text(uni)
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
            start = int(uni, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(start + i)
    return out


def embedded_fonts(pdf: Path) -> list[EmbeddedFont]:
    """Every font of the PDF with the characters it drew (and their glyph names, Type 1)."""
    objs = _objects(Path(pdf).read_bytes())
    fonts = []
    for body in objs.values():
        if not re.search(rb"/Type\s*/Font\b", body) or b"/BaseFont" not in body:
            continue
        base = re.search(rb"/BaseFont\s*/([^\s/<>\[\]()]+)", body).group(1).decode()
        font = EmbeddedFont(base.split("+", 1)[-1])
        tounicode = _ref(body, b"ToUnicode")
        codes = _to_unicode(_stream(objs, tounicode)) if tounicode is not None else {}
        font.text = set("".join(codes.values()))
        descriptor = _ref(body, b"FontDescriptor")
        program = _ref(objs[descriptor], b"FontFile") if descriptor is not None else None
        if program is not None:  # a Type 1 program: its encoding names each code's glyph
            encoding = dict(re.findall(rb"dup (\d+) /(\S+) put", _stream(objs, program)))
            for code, uni in codes.items():
                glyph = encoding.get(str(code).encode())
                if glyph is not None and len(uni) == 1:
                    font.chars[uni] = glyph.decode()
        fonts.append(font)
    if not fonts:
        raise PdfReadError(f"{pdf}: no fonts found")
    return fonts


# --------------------------------------------------------------------------- font files on disk

@cache
def _installed() -> tuple[tuple[str, str], ...]:
    """(PostScript name, file) of every installed face, from fontconfig."""
    out = subprocess.run(["fc-list", "--format", "%{postscriptname}\t%{file}\n"], capture_output=True,
                         text=True, check=True).stdout
    return tuple(tuple(line.split("\t", 1)) for line in out.splitlines() if "\t" in line)  # type: ignore[misc]


def font_file(embedded_name: str) -> Path | None:
    """The installed file of an embedded font (its name may carry a suffix, as "-VKana")."""
    best = max(((ps, f) for ps, f in _installed() if ps and embedded_name.startswith(ps)),
               key=lambda x: len(x[0]), default=None)
    return Path(best[1]) if best else None


@cache
def collection_cmaps(path: Path) -> dict[str, dict[int, int]]:
    """PostScript name -> (code point -> glyph id) of every face in a font file or collection."""
    data = path.read_bytes()
    if data[:4] == b"ttcf":
        count = struct.unpack(">I", data[8:12])[0]
        offsets = struct.unpack(f">{count}I", data[12:12 + 4 * count])
    else:
        offsets = (0,)
    faces = {}
    for base in offsets:
        tables = {}
        for i in range(struct.unpack(">H", data[base + 4:base + 6])[0]):
            tag, _, off, length = struct.unpack(">4sIII", data[base + 12 + 16 * i:base + 28 + 16 * i])
            tables[tag] = off
        faces[_ps_name(data, tables[b"name"])] = _cmap(data, tables[b"cmap"])
    return faces


def _ps_name(data: bytes, at: int) -> str:
    _, count, strings = struct.unpack(">HHH", data[at:at + 6])
    for i in range(count):
        platform, _, _, name_id, length, off = struct.unpack(">6H", data[at + 6 + 12 * i:at + 18 + 12 * i])
        if name_id == 6 and platform == 3:
            return data[at + strings + off:at + strings + off + length].decode("utf-16-be")
    return ""


def _cmap(data: bytes, at: int) -> dict[int, int]:
    """The face's Unicode map: format 12 (full repertoire) where present, else format 4."""
    subtables = []
    for i in range(struct.unpack(">H", data[at + 2:at + 4])[0]):
        _, _, off = struct.unpack(">HHI", data[at + 4 + 8 * i:at + 12 + 8 * i])
        fmt = struct.unpack(">H", data[at + off:at + off + 2])[0]
        subtables.append((fmt, at + off))
    out: dict[int, int] = {}
    for fmt, st in sorted(subtables, key=lambda x: x[0] != 12):
        if fmt == 12:
            for g in range(struct.unpack(">I", data[st + 12:st + 16])[0]):
                start, end, glyph = struct.unpack(">III", data[st + 16 + 12 * g:st + 28 + 12 * g])
                out.update((c, glyph + c - start) for c in range(start, end + 1))
            return out
        if fmt == 4:
            segs = struct.unpack(">H", data[st + 6:st + 8])[0] // 2
            ends = struct.unpack(f">{segs}H", data[st + 14:st + 14 + 2 * segs])
            p = st + 16 + 2 * segs
            starts = struct.unpack(f">{segs}H", data[p:p + 2 * segs])
            deltas = struct.unpack(f">{segs}h", data[p + 2 * segs:p + 4 * segs])
            ranges_at = p + 4 * segs
            ranges = struct.unpack(f">{segs}H", data[ranges_at:ranges_at + 2 * segs])
            for k in range(segs):
                for c in range(starts[k], ends[k] + 1):
                    if ranges[k] == 0:
                        out[c] = (c + deltas[k]) & 0xFFFF
                    else:
                        gp = ranges_at + 2 * k + ranges[k] + 2 * (c - starts[k])
                        g = struct.unpack(">H", data[gp:gp + 2])[0]
                        out[c] = (g + deltas[k]) & 0xFFFF if g else 0
            return out
    return out


def cjk_faces(pdf: Path) -> dict[str, set[str]]:
    """For each CJK character drawn from a font collection: the faces whose own glyph it is.

    Glyph names in LibreOffice's Type 1 embedding of a CID font are "cid" + the glyph id.
    A character whose glyph is the same in the SC and the JP face says nothing; one whose SC
    and JP glyphs differ names the face that was used.
    """
    faces: dict[str, set[str]] = {}
    for font in embedded_fonts(pdf):
        if "CJK" not in font.name:
            continue
        path = font_file(font.name)
        if path is None:
            raise PdfReadError(f"{font.name}: the font file is not installed here, the glyphs cannot be told apart")
        cmaps = collection_cmaps(path)
        for ch, glyph in font.chars.items():
            if not glyph.startswith("cid") or not _is_han(ch):
                continue
            gid = int(glyph[3:])
            faces.setdefault(ch, set()).update(ps for ps, cmap in cmaps.items() if cmap.get(ord(ch)) == gid)
    return faces


def _is_han(ch: str) -> bool:
    return 0x3400 <= ord(ch) <= 0x9FFF or 0xF900 <= ord(ch) <= 0xFAFF or 0x20000 <= ord(ch) <= 0x3FFFF
