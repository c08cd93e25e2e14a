"""The limit: the tool's text written as WordprocessingML with strings and zipfile, no formatting.

    python -m benchmarks.rawxml TEXT.json OUT.docx      (TEXT.json from benchmarks.tooltext)

The smallest sound .docx holding the same paragraphs, tables, rows and cells as the tool's
document: a content-types part, the package relationship and document.xml, deflated. Nothing
faster writes the same text into a Word package from Python, so the builder is judged against it.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>')


def _paragraphs(text: str) -> str:
    return "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
                   for line in text.split("\n")) or "<w:p/>"


def document_xml(items: list[dict]) -> str:
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}"><w:body>']
    for item in items:
        if "p" in item:
            out.append(_paragraphs(item["p"]))
            continue
        out.append("<w:tbl>")
        for row in item["table"]:
            out.append("<w:tr>")
            out.extend(f"<w:tc>{_paragraphs(cell)}</w:tc>" for cell in row)
            out.append("</w:tr>")
        out.append("</w:tbl><w:p/>")
    out.append("</w:body></w:document>")
    return "".join(out)


def write_raw(items: list[dict], out) -> None:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document_xml(items))


def main(argv: list[str]) -> int:
    text, out = argv
    write_raw(json.loads(Path(text).read_text("utf-8")), out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
