"""One point of the case-size suite, measured in a process of its own.

    python -m benchmarks.point CASE.json [--runs 3] [--today 2026-10-01]

Prints one JSON object: time to load and check the case; the first render in this process (the
templates compiled or read from the cache) and the median of the next `runs` renders (the
document and its spreadsheet annexes); the document builder alone (blocks to .docx) against the
raw-XML limit writing the same text, alternating, and their ratio, both for the document as
rendered and with every identifier in its table (no spreadsheet annex); Python's peak allocations
during one render (tracemalloc, in a last run of its own since tracing slows everything down);
the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import resource
import statistics
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

MIN_BUILDER_PAIRS = 7


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def measure(path: Path, runs: int, today: dt.date) -> dict:
    from mla_writer.checks import Context, run_checks
    from mla_writer.render import build_docx, render_blocks, render_bytes
    from mla_writer.render.spreadsheet import annexes
    from mla_writer.store import load_case

    from . import rawxml, tooltext

    load_s, case = _timed(lambda: load_case(path))
    check_s, _findings = _timed(lambda: run_checks(case, Context(today=today)))
    langs = list(case.languages)

    when = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)

    def render() -> bytes:
        """What `render` does in process: the document and its spreadsheet annexes, if any."""
        sheets = annexes(case, langs, when=when)
        data = render_bytes(case, languages=langs, today=today)
        return data + b"".join(sheets.values())

    first_s, data = _timed(render)
    walls = [_timed(render)[0] for _ in range(runs)]
    parts = render_blocks(case, langs)
    items = tooltext.document_text(case, langs, today)
    builds, raws = [], []
    # Alternating, so that both see the same load; at least seven pairs, since the builder goals
    # are judged on these medians and three pairs moved the 1,000-identifier ratio by 0.2x.
    for _ in range(max(runs, MIN_BUILDER_PAIRS)):
        builds.append(_timed(lambda: build_docx(parts, langs, when=when, title="t", subject="s"))[0])
        raws.append(_timed(lambda: rawxml.write_raw(items, io.BytesIO()))[0])
    data = render_bytes(case, languages=langs, today=today)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml_bytes = z.getinfo("word/document.xml").file_size
    # The builder against the limit with every identifier in the document's table (no annex):
    # what the builder's speed decides at 1,000 and 5,000 identifiers.
    from mla_writer.render import spreadsheet

    spreadsheet.THRESHOLD, threshold = 10**9, spreadsheet.THRESHOLD
    full_parts = render_blocks(case, langs)
    full_items = tooltext.document_text(case, langs, today)
    spreadsheet.THRESHOLD = threshold
    full_builds, full_raws = [], []
    for _ in range(max(runs, MIN_BUILDER_PAIRS)):
        full_builds.append(_timed(lambda: build_docx(full_parts, langs, when=when, title="t", subject="s"))[0])
        full_raws.append(_timed(lambda: rawxml.write_raw(full_items, io.BytesIO()))[0])
    tracemalloc.start()
    render()
    alloc_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    identifiers = sum(len(r.items) for r in case.requests)
    return {"identifiers": identifiers, "requests": len(case.requests), "load_s": round(load_s, 4),
            "check_s": round(check_s, 4), "first_render_s": round(first_s, 4),
            "render_s": round(statistics.median(walls), 4), "raw_s": round(statistics.median(raws), 5),
            "builder_s": round(statistics.median(builds), 4),
            "ratio_raw": round(statistics.median(b / r for b, r in zip(builds, raws, strict=True)), 2),
            "render_ratio_raw": round(statistics.median(walls) / statistics.median(raws), 2),
            "annexes": len(annexes(case, langs, when=when)),
            "full_table_builder_s": round(statistics.median(full_builds), 4),
            "full_table_raw_s": round(statistics.median(full_raws), 4),
            "full_table_ratio_raw": round(statistics.median(b / r for b, r in zip(full_builds, full_raws, strict=True)), 2),
            "alloc_peak_kb": alloc_peak // 1024, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "docx_bytes": len(data), "document_xml_bytes": xml_bytes, "strings": tooltext.count_strings(items)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.point")
    p.add_argument("case", type=Path)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 10, 1))
    a = p.parse_args(argv)
    print(json.dumps(measure(a.case, a.runs, a.today)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
