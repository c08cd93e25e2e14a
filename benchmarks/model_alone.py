"""The case model alone: import pydantic and mla-writer's case model, validate one case file.

Run as a process (`python -m benchmarks.model_alone CASE.json`), it is the least a whole-process
`mla-writer render` can cost while it validates the case with its pydantic model: no checks, no
templates, no translations, no document. Measured against the floor, it shows how much of the
whole-process goal the model alone uses up.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from mla_writer.model import Case

    (case,) = argv
    Case.model_validate_json(Path(case).read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
