"""Write mla_writer/render/word-template.docx again from the installed python-docx's template
(after upgrading python-docx, when tests/render/test_word_template.py says so):

    .venv/bin/python scripts/word-template.py
"""

from __future__ import annotations

import sys

from mla_writer.files import write_file
from mla_writer.render.word_template import TEMPLATE, source_template, trimmed


def main(argv: list[str]) -> int:
    if argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    write_file(TEMPLATE, trimmed(source_template()), force=True, public=True)
    print(f"wrote {TEMPLATE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
