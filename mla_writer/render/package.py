"""A Word file (an OPC zip package) read as untrusted input, and written back byte for byte the same
for the same parts.

A draft comes back from someone else's machine: it may be any file renamed .docx, a zip bomb,
or XML that declares entities. :func:`read_package` refuses all of these before any part is
handed to python-docx, each with one line that says which (:class:`DraftError`):

- not a zip archive, or a damaged one;
- more than :data:`MAX_ENTRIES` entries, or declared uncompressed sizes over
  :data:`MAX_PART_BYTES` for one entry or :data:`MAX_TOTAL_BYTES` in all (checked on the
  declarations, before anything is inflated; the zip module then stops each entry at its declared
  size, so a lying declaration cannot inflate more);
- a missing ``[Content_Types].xml`` or ``word/document.xml`` (not a Word document);
- an XML part that is not well-formed or carries a document type declaration (DTD): Word never
  writes one, and it is how entity expansion attacks start. Parsing never resolves entities nor
  reaches the network.

:func:`write_package` is the other way: parts -> zip bytes with fixed dates and system bytes, as
``oxml.save_deterministic`` does for python-docx's own output; the renderer writes every
document through it, from python-docx's parts (oxml.package_parts).
"""

from __future__ import annotations

import io
import stat
import struct
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .oxml import FIXED_ZIP_TIME, Writer

__all__ = ["DraftError", "Package", "parse_xml", "read_draft_bytes", "read_package", "rezip", "with_parts",
           "write_package"]

MAX_FILE_BYTES = 64 * 1024 * 1024  # the .docx file itself
MAX_ENTRIES = 2000
MAX_PART_BYTES = 128 * 1024 * 1024  # one entry, uncompressed, as declared
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all entries, uncompressed, as declared
REQUIRED = ("[Content_Types].xml", "word/document.xml")

# No entity is ever expanded, no DTD loaded, nothing fetched; huge_tree off keeps libxml2's own
# limits on depth and text size.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False)


class DraftError(Exception):
    """The file cannot be read as a draft; the message is one line that says why."""


@dataclass(frozen=True)
class Package:
    """The parts of a package by name, in the archive's order."""

    parts: dict[str, bytes]

    def xml(self, name: str) -> etree._Element:
        return parse_xml(self.parts[name], name)


def parse_xml(data: bytes, name: str) -> etree._Element:
    """A part's XML root, refusing malformed XML and any DTD (DraftError naming the part)."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        raise DraftError(f"its part {name} is not well-formed XML: the file is damaged") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise DraftError(f"its part {name} declares a DTD (entities), which Word never writes: refused as unsafe")
    return root


def read_draft_bytes(path: Path | str) -> bytes:
    """The bytes of the .docx at `path`, refusing a folder, a device or pipe, a file over
    MAX_FILE_BYTES (DraftError)."""
    path = Path(path)
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise DraftError("is a folder, not a Word document")
        if not stat.S_ISREG(st.st_mode):
            raise DraftError("is not a regular file (a device or a pipe?)")
        if st.st_size > MAX_FILE_BYTES:
            raise DraftError(f"is {st.st_size // 1_048_576} MB; a draft is at most {MAX_FILE_BYTES // 1_048_576} MB")
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise DraftError("no such file") from None
    except PermissionError:
        raise DraftError("permission denied: you cannot read this file") from None
    except OSError as e:
        raise DraftError(f"cannot be read ({e.strerror or e})") from None
    if len(data) > MAX_FILE_BYTES:
        raise DraftError(f"is over {MAX_FILE_BYTES // 1_048_576} MB; a draft is at most that")
    return data


def read_package(data: bytes) -> Package:
    """The parts of the Word package `data`, checked as the module docstring says (DraftError)."""
    if not data.startswith(b"PK"):
        raise DraftError("is not a Word document (.docx): it is not a zip package")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if len(infos) > MAX_ENTRIES:
                raise DraftError(f"holds {len(infos)} entries (at most {MAX_ENTRIES}): refused as a possible zip bomb")
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
                    raise DraftError(f"declares {max(total, info.file_size) // 1_048_576} MB once unpacked (at most "
                                     f"{MAX_TOTAL_BYTES // 1_048_576} MB): refused as a possible zip bomb")
            names = {i.filename for i in infos}
            missing = [n for n in REQUIRED if n not in names]
            if missing:
                raise DraftError(f"is a zip package but not a Word document (no {missing[0]})")
            parts = {i.filename: z.read(i) for i in infos if not i.is_dir()}
    except DraftError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError, OSError):
        raise DraftError("is not a Word document (.docx): the zip package is damaged or of an unknown kind") from None
    for name, body in parts.items():
        if name.endswith((".xml", ".rels")):
            parse_xml(body, name)
    return Package(parts)


def write_package(parts: Mapping[str, bytes | Writer]) -> bytes:
    """Zip bytes holding `parts` in the order given, each compressed once, with every entry dated
    FIXED_ZIP_TIME and made on MS-DOS: the same parts give the same bytes on any machine. A part
    given as a writer (oxml.Writer) is streamed into its entry, so that a long document.xml is
    never held whole beside its compressed form."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.create_system = 0
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0
            if isinstance(body, bytes):
                z.writestr(info, body)
                continue
            with z.open(info, "w") as f:

                def write(piece: str, f=f) -> None:
                    f.write(piece.encode("utf-8"))

                body(write)
    return out.getvalue()


def rezip(data: bytes, streamed: Mapping[str, Writer]) -> bytes:
    """The zip archive `data` (another library's, trusted: no limits) written again by
    write_package, the entries named in `streamed` written by their writer instead of copied."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        parts = {info.filename: streamed.get(info.filename) or src.read(info) for info in src.infolist()}
    return write_package(parts)


# Fields of the ZIP format's headers (PKWARE's APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16).
_LOCAL, _CENTRAL, _END = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"


def _entries(data: bytes) -> list[tuple[str, bytes, bytes]]:
    """(name, central directory record, local record: header, data and any data descriptor) of
    each entry of a zip written by Python's zipfile (no archive comment, no zip64)."""
    end = data.rfind(_END)
    if end < 0 or len(data) - end != 22:
        raise ValueError("not a zip archive as zipfile writes it")
    count, _size, at = struct.unpack_from("<HII", data, end + 10)
    out = []
    for _ in range(count):
        if data[at:at + 4] != _CENTRAL:
            raise ValueError(f"no central directory entry at byte {at}")
        flags, = struct.unpack_from("<H", data, at + 8)
        csize, = struct.unpack_from("<I", data, at + 20)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, at + 28)
        local, = struct.unpack_from("<I", data, at + 42)
        central = data[at:at + 46 + name_len + extra_len + comment_len]
        name = data[at + 46:at + 46 + name_len].decode("utf-8" if flags & 0x800 else "cp437")
        if data[local:local + 4] != _LOCAL:
            raise ValueError(f"no local header at byte {local}")
        l_name, l_extra = struct.unpack_from("<HH", data, local + 26)
        stop = local + 30 + l_name + l_extra + csize
        if flags & 0x08:  # a data descriptor follows the data, with or without its signature
            stop += 16 if data[stop:stop + 4] == b"PK\x07\x08" else 12
        out.append((name, central, data[local:stop]))
        at += len(central)
    return out


def with_parts(data: bytes, parts: Mapping[str, bytes]) -> bytes:
    """The zip `data` with `parts` put in (replacing entries of the same name, where they were;
    new ones at the end). The other entries' compressed bytes are copied as they are, not
    inflated and compressed again; the new ones are written as write_package writes them."""
    new = {name: (central, local) for name, central, local in _entries(write_package(parts))}
    entries = [(name, *new.pop(name, (central, local))) for name, central, local in _entries(data)]
    entries += [(name, *record) for name, record in new.items()]
    out = bytearray()
    directory = bytearray()
    for _name, central, local in entries:
        record = bytearray(central)
        struct.pack_into("<I", record, 42, len(out))
        out += local
        directory += record
    start = len(out)
    out += directory
    out += _END + struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries), len(directory), start, 0)
    return bytes(out)
