"""The floor: python-docx alone writing a case's text into a two-column table.

Run as a process (`python -m benchmarks.floor CASE.json OUT.docx`) it imports nothing but json
and python-docx, so it is the cheapest whole-process way to turn the same text into a .docx.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def case_texts(data: object) -> list[str]:
    """Every string value in a case file, in document order (keys and codes included: a
    generous floor, since the real document prints a little less than that)."""
    out: list[str] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if node.strip():
                out.append(node)
        elif isinstance(node, dict):
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
    return out


def write_floor(texts: list[str], out: Path | str) -> None:
    import docx

    doc = docx.Document()
    doc.add_heading("Request", level=1)
    table = doc.add_table(rows=0, cols=2)
    for text in texts:
        left, right = table.add_row().cells
        left.text = text
        right.text = text
    doc.save(str(out))


def main(argv: list[str]) -> int:
    case, out = argv
    write_floor(case_texts(json.loads(Path(case).read_text("utf-8"))), out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
