"""The errors the two faces (command line and wizard) report, and the exit codes they end with.

At the bottom of the package: it imports nothing of mla-writer, so any module may raise these
without pulling in the model, the store or a face.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: the CLI imports this module before anything else
if TYPE_CHECKING:
    from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1  # `check` found errors; `schema --check` found the schema out of date
EXIT_INPUT = 2  # the input, the command line or the environment is wrong: one line says why
EXIT_INTERNAL = 70  # EX_SOFTWARE (sysexits.h): the wizard met an internal error; the work was kept
EXIT_INTERRUPTED = 130  # Ctrl+C, as a shell reports SIGINT
EXIT_BROKEN_PIPE = 128 + 13  # the reader went away, as if killed by SIGPIPE

# Set (to anything but 0) by a developer, or by `--traceback`: errors then also show their full
# traceback, which may quote the case (names, addresses): never the default.
DEBUG_VARIABLE = "MLA_WRITER_DEBUG"


def debugging() -> bool:
    """Whether a developer asked for full tracebacks (`--traceback` or MLA_WRITER_DEBUG=1)."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


class UsageError(Exception):
    """A problem with what the user asked for: printed as one line, exit code 2."""


class CaseFileError(Exception):
    """A case file that cannot be read or does not validate. `problems` are readable lines."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        from pathlib import Path

        self.path = Path(path)
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))
