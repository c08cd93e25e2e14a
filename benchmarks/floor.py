"""The floor: python-docx alone writing the tool's text, paragraph for paragraph, cell for cell.

Run as a process (`python -m benchmarks.floor TEXT.json OUT.docx`, TEXT.json from
benchmarks.tooltext) it imports nothing but json and python-docx, so it is the cheapest
whole-process way to turn the document's own text into a .docx with python-docx.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import BinaryIO


def write_floor(items: list[dict], out: Path | str | BinaryIO) -> None:
    import docx

    doc = docx.Document()
    for item in items:
        if "p" in item:
            doc.add_paragraph(item["p"])
            continue
        rows = item["table"]
        cols = max((len(r) for r in rows), default=1)
        table = doc.add_table(rows=0, cols=cols)
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=False):
                cell.text = text
    doc.save(str(out) if isinstance(out, (str, Path)) else out)


def main(argv: list[str]) -> int:
    text, out = argv
    write_floor(json.loads(Path(text).read_text("utf-8")), out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
