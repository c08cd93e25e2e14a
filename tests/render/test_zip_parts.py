"""Word packages as raw zips: parts put into a finished document without compressing the others
again, and the result a sound, deterministic zip."""

from __future__ import annotations

import io
import zipfile

from mla_writer.render.package import with_parts, write_package


def _zip(parts: dict[str, bytes]) -> bytes:
    return write_package(parts)


def test_with_parts_replaces_in_place_adds_at_the_end_and_copies_the_rest():
    big = b"<a>" + b"x" * 100_000 + b"</a>"
    data = _zip({"[Content_Types].xml": b"<T/>", "word/document.xml": big, "docProps/core.xml": b"<c/>"})
    out = with_parts(data, {"[Content_Types].xml": b"<T><O/></T>", "customXml/item2.xml": b"<case/>"})
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert z.testzip() is None
        assert z.namelist() == ["[Content_Types].xml", "word/document.xml", "docProps/core.xml",
                                "customXml/item2.xml"]
        assert z.read("[Content_Types].xml") == b"<T><O/></T>"
        assert z.read("word/document.xml") == big
        assert z.read("customXml/item2.xml") == b"<case/>"
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.create_system for i in z.infolist()} == {0}
        copied = z.getinfo("word/document.xml")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.getinfo("word/document.xml").compress_size == copied.compress_size
    # The same parts give the same bytes: the result is what writing them all at once gives.
    assert out == _zip({"[Content_Types].xml": b"<T><O/></T>", "word/document.xml": big,
                        "docProps/core.xml": b"<c/>", "customXml/item2.xml": b"<case/>"})
