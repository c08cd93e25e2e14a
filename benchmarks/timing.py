"""Timing helpers: medians of repeated runs, A/B alternation, per-child peak memory."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

PY = sys.executable


@dataclass
class Runs:
    wall: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    def as_dict(self) -> dict:
        return {"median_s": round(self.median, 5), "min_s": round(min(self.wall), 5),
                "max_s": round(max(self.wall), 5), "runs": len(self.wall)}


def run_process(argv: Sequence[str], env: dict | None = None) -> tuple[float, int, int]:
    """Wall time, exit code and rusage peak memory (KB) of one child process.

    The peak counts the memory the child shared with this process before exec (the kernel keeps
    the larger of the two), so it is only right while this process is small: use peak_memory_kb
    for memory figures.
    """
    argv = list(argv)
    exe = argv[0] if os.sep in argv[0] else shutil.which(argv[0]) or argv[0]
    with tempfile.TemporaryFile() as err:
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
        ]
        start = time.perf_counter()
        pid = os.posix_spawn(exe, argv, {**os.environ, **(env or {})}, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            err.seek(0)
            raise RuntimeError(f"{' '.join(argv)} exited {code}: {err.read().decode('utf-8', 'replace').strip()[-300:]}")
    return wall, code, usage.ru_maxrss


# A small Python process forks and execs the command, then reports that child's peak: the child
# starts from the helper's few MB instead of the benchmark's hundred.
_PEAK_HELPER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
sys.stderr.write(f"peak_kb={usage.ru_maxrss} code={os.waitstatus_to_exitcode(status)}\\n")
"""


def peak_memory_kb(argv: Sequence[str]) -> int:
    """Peak resident memory of the command as a process of its own (the kernel's accounting)."""
    import subprocess

    p = subprocess.run([PY, "-c", _PEAK_HELPER, *argv], capture_output=True, text=True, timeout=300)
    last = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""
    if not last.startswith("peak_kb="):
        raise RuntimeError(f"{' '.join(argv)}: {p.stderr.strip()[-300:]}")
    fields = dict(x.split("=") for x in last.split())
    if fields["code"] not in ("0", "1"):
        raise RuntimeError(f"{' '.join(argv)} exited {fields['code']}: {p.stderr.strip()[-300:]}")
    return int(fields["peak_kb"])


def alternate(a: Sequence[str], b: Sequence[str], runs: int, warmup: int = 1) -> tuple[Runs, Runs, list[float]]:
    """A B A B ...: both see the same drift of a shared machine; also the ratio pair by pair."""
    ra, rb, ratios = Runs(), Runs(), []
    for i in range(warmup + runs):
        wa = run_process(a)[0]
        wb = run_process(b)[0]
        if i >= warmup:
            ra.wall.append(wa)
            rb.wall.append(wb)
            ratios.append(wa / wb)
    return ra, rb, ratios


def repeat(fn: Callable[[], object], runs: int, warmup: int = 1) -> Runs:
    r = Runs()
    for i in range(warmup + runs):
        start = time.perf_counter()
        fn()
        if i >= warmup:
            r.wall.append(time.perf_counter() - start)
    return r
