"""Many cases at once, one per core: a process pool and a progress bar (rich).

`render CASES... -o OUTDIR/` and `examples render-all` hand each case to `run_jobs` as a job: a
name and the arguments of a worker function, which writes that case's files and returns them
with None, or no files and the reason (one line) the case could not be done. A failed case
never stops the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

# A worker's answer: the files it wrote, and None or why the case could not be done.
Outcome = tuple[list[Path], str | None]


def _pool(jobs: int) -> Executor | None:
    """A process pool with a worker per core (none for one job or one core: the work is done
    here). Forked where the system can, so that the workers start with everything this process
    has loaded; None if no pool can be made here (a sandbox without semaphores)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = min(jobs, os.cpu_count() or 1)
    if workers <= 1:
        return None
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    try:
        return ProcessPoolExecutor(max_workers=workers, mp_context=context)
    except (OSError, NotImplementedError, ImportError):
        return None


def unexpected(e: BaseException) -> str:
    return f"unexpected {type(e).__name__}: {e} (please report this)"


def run_jobs(worker: Callable[..., Outcome], jobs: Sequence[tuple[str, tuple[Any, ...]]], *, description: str,
             show_progress: bool = True) -> dict[str, Outcome]:
    """Run `worker(*args)` for each (name, args) of `jobs`, one per core at a time, with a
    progress bar on stderr; each job's outcome by name. `worker` is a module-level function (it
    crosses to the pool's processes) that catches its own expected errors."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    results: dict[str, Outcome] = {}
    pool = _pool(len(jobs))
    try:
        # Every job is handed out before the progress bar starts its thread: workers are forked
        # from a process holding no lock of that thread.
        pending = {pool.submit(worker, *args): name for name, args in jobs} if pool else {}
        with Progress(TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True, disable=not show_progress) as progress:
            task = progress.add_task(description, total=len(jobs))
            if pool is None:
                for name, args in jobs:
                    progress.update(task, description=name)
                    try:
                        results[name] = worker(*args)
                    except Exception as e:
                        results[name] = ([], unexpected(e))
                    progress.advance(task)
            else:
                from concurrent.futures import as_completed

                for future in as_completed(pending):
                    name = pending[future]
                    try:
                        results[name] = future.result()
                    except Exception as e:  # the worker itself died (memory, a signal)
                        results[name] = ([], unexpected(e))
                    progress.update(task, description=name)
                    progress.advance(task)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return results
