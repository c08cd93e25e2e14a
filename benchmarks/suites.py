"""The measurements. Each returns a plain dict for results.json; none prints."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from . import bigcase, floor, rawxml, tooltext
from .timing import PY, Runs, alternate, peak_memory_kb, repeat, run_process

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
MAIN_EXAMPLE = EXAMPLES / "bec-preservation.json"
TODAY = dt.date(2026, 4, 1)  # a fixed clock, as the tests use
FLOOR_SCRIPT = Path(floor.__file__).resolve()
RAW_SCRIPT = Path(rawxml.__file__).resolve()
MODEL_ALONE_SCRIPT = Path(__file__).resolve().with_name("model_alone.py")


def cli_command() -> list[str]:
    """What a user types: the installed console script, else python -m mla_writer."""
    script = Path(PY).with_name("mla-writer")
    return [str(script)] if script.exists() else [PY, "-m", "mla_writer"]


def byte_compile() -> bool:
    """Compile the package's modules as pip does when it installs a wheel, so that every run
    measures the installed tool and not Python compiling a checkout's sources (which it does at
    each start when it cannot write its cache: PYTHONDONTWRITEBYTECODE, a read-only checkout)."""
    import compileall

    import mla_writer

    return bool(compileall.compile_dir(str(Path(mla_writer.__file__).parent), quiet=1))


def example_paths() -> list[Path]:
    """Example cases, sound ones first: per-kind figures come from a complete document."""
    paths = [p for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json")]
    return sorted(paths, key=lambda p: (p.name.startswith("flawed-"), p.name))


def _load(path: Path):
    from mla_writer.store import load_case

    return load_case(path)


def _render_bytes(case, languages) -> bytes:
    """Every request of the case in one document (the review sheet apart; its findings are not run)."""
    from mla_writer.render import render_bytes

    return render_bytes(case, languages=languages, today=TODAY)


def _tool_text(case, languages) -> list[dict]:
    return tooltext.document_text(case, languages, TODAY)


def _floor_bytes(items: list[dict]) -> None:
    floor.write_floor(items, io.BytesIO())


def _one_request_cases() -> dict[str, object]:
    """For each request kind, an example case cut down to its first request of that kind."""
    out: dict[str, object] = {}
    for path in example_paths():
        try:
            case = _load(path)
        except Exception:  # an example being edited by its author; skip it
            continue
        for req in case.requests:
            if req.kind not in out:
                out[req.kind] = (path.stem, case.model_copy(update={"requests": [req]}))
    return dict(sorted(out.items()))


def render_per_document(runs: int, pairs: list[tuple[str, ...]], all_pairs_for: int) -> list[dict]:
    """In-process render of one document per kind and language pair, against the floor writing
    the same strings. The first `all_pairs_for` kinds get every pair, the rest the first pair."""
    rows = []
    for i, (kind, (source, case)) in enumerate(_one_request_cases().items()):
        for langs in pairs if i < all_pairs_for else pairs[:1]:
            try:
                items = _tool_text(case, langs)
            except Exception as e:  # report, keep measuring the rest
                rows.append({"kind": kind, "example": source, "languages": "+".join(langs), "strings": 0,
                             "floor_s": 0.0, "error": f"{type(e).__name__}: {e}"[:200]})
                continue
            floor_runs = repeat(lambda items=items: _floor_bytes(items), runs)
            row = {"kind": kind, "example": source, "languages": "+".join(langs),
                   "strings": tooltext.count_strings(items), "floor_s": round(floor_runs.median, 5)}
            try:
                r = repeat(lambda case=case, langs=langs: _render_bytes(case, langs), runs)
            except Exception as e:  # report, keep measuring the rest
                row["error"] = f"{type(e).__name__}: {e}"[:200]
            else:
                row |= {"render_s": round(r.median, 5), "ratio": round(r.median / floor_runs.median, 2)}
            rows.append(row)
    return rows


def write_tool_text(case_path: Path, out: Path) -> Path:
    """The tool's text of the case in its own languages, as the floor and limit scripts read it."""
    case = _load(case_path)
    out.write_text(json.dumps(_tool_text(case, list(case.languages)), ensure_ascii=False), "utf-8")
    return out


def whole_process_render(runs: int) -> dict:
    """`mla-writer render` of the example against the floor (python-docx alone writing the same
    text, read from a file) as whole processes, alternating; then, against the same floor, the
    case model alone validating the example (benchmarks/model_alone.py): the least a render that
    validates with the model can cost, which the goal is read beside."""
    with tempfile.TemporaryDirectory() as d:
        out_a, out_b = Path(d) / "render.docx", Path(d) / "floor.docx"
        text = write_tool_text(MAIN_EXAMPLE, Path(d) / "text.json")
        a = [*cli_command(), "render", str(MAIN_EXAMPLE), "-o", str(out_a), "--force", "--today", TODAY.isoformat()]
        b = [PY, str(FLOOR_SCRIPT), str(text), str(out_b)]
        ra, rb, ratios = alternate(a, b, runs)
        sizes = {"render_bytes": out_a.stat().st_size, "floor_bytes": out_b.stat().st_size}
        # What the goal has to work with: the pydantic model validating the case, nothing else.
        # Its failure must not cost the render's figure, measured above.
        model = [PY, str(MODEL_ALONE_SCRIPT), str(MAIN_EXAMPLE)]
        try:
            subprocess.run(model, check=True, capture_output=True, timeout=120)  # a failed start is not a time
            rm, rf, model_ratios = alternate(model, b, runs)
            model_alone = {"model": rm.as_dict(), "floor": rf.as_dict(),
                           "ratio_median": round(statistics.median(model_ratios), 2)}
        except (subprocess.SubprocessError, OSError) as e:
            model_alone = {"error": f"{type(e).__name__}: {e}"[:200]}
    return {"case": MAIN_EXAMPLE.name, "render": ra.as_dict(), "floor": rb.as_dict(),
            "ratio_median": round(statistics.median(ratios), 2), **sizes, "model_alone": model_alone}


def batch_examples(runs: int) -> dict:
    """Every example in one process, as `examples render-all` does."""
    cases = []
    for path in example_paths():
        try:
            cases.append(_load(path))
        except Exception:
            continue
    failures: list[str] = []

    def all_of_them() -> None:
        for case in cases:
            try:
                _render_bytes(case, list(case.languages))
            except Exception as e:
                failures.append(f"{case.reference}: {type(e).__name__}")

    r = repeat(all_of_them, runs)
    # The same as a trainer runs it: one fresh process, templates compiled for every language pair.
    walls = []
    with tempfile.TemporaryDirectory() as d:
        for i in range(max(1, runs // 3)):
            walls.append(run_process([*cli_command(), "examples", "render-all", f"{d}/run{i}"])[0])
    return {"cases": len(cases), **r.as_dict(), "per_case_s": round(r.median / max(len(cases), 1), 5),
            "render_all_process_s": round(statistics.median(walls), 4), "failures": sorted(set(failures))}


def batch_scaling(small: int, big: int, runs: int) -> dict:
    """Render `small` then `big` distinct cases in one process, alternating; linear means the
    time ratio is about big/small. CPU time, so that other work on a shared machine counts less."""
    base = _load(MAIN_EXAMPLE)
    many = [base.model_copy(update={"reference": f"BENCH-{i:04d}"}) for i in range(big)]
    langs = list(base.languages)
    _render_bytes(many[0], langs)  # warm: templates compiled, catalogs loaded

    def batch(n: int) -> float:
        start = time.process_time()
        for case in many[:n]:
            _render_bytes(case, langs)
        return time.process_time() - start

    smalls, bigs = [], []
    for _ in range(runs):
        smalls.append(batch(small))
        bigs.append(batch(big))
    t_small, t_big = statistics.median(smalls), statistics.median(bigs)
    return {"small": small, "big": big, "small_cpu_s": round(t_small, 4), "big_cpu_s": round(t_big, 4),
            "ratio": round(t_big / t_small, 2), "expected_ratio": big / small, "runs": runs}


def register_folder(runs: int, count: int = 1000) -> dict:
    """`mla-writer register` over a generated folder of `count` cases (and two broken files), as a
    whole process, as a user runs it on a shared folder."""
    from .register_folder import AS_OF, generate

    with tempfile.TemporaryDirectory() as d:
        folder = Path(d) / "cases"
        files = len(generate(folder, count))
        argv = [*cli_command(), "register", str(folder), "--today", AS_OF.isoformat(), "--format", "json"]
        r = Runs()
        for i in range(runs + 1):
            wall = run_process(argv)[0]  # exit 1: the broken files are listed
            if i:
                r.wall.append(wall)
    return {"cases": count, "files": files, **r.as_dict()}


def cli_start(runs: int) -> dict:
    ra, rb, ratios = alternate([*cli_command(), "--version"], [PY, "-c", "pass"], runs)
    return {"version": ra.as_dict(), "bare_python": rb.as_dict(), "ratio_median": round(statistics.median(ratios), 2)}


def check_time(runs: int) -> dict:
    from mla_writer.checks import Context, run_checks

    proc = Runs()
    for i in range(runs + 1):
        wall = run_process([*cli_command(), "check", str(MAIN_EXAMPLE), "--today", TODAY.isoformat()])[0]
        if i:
            proc.wall.append(wall)
    case = _load(MAIN_EXAMPLE)
    ctx = Context(today=TODAY)
    inproc = repeat(lambda: run_checks(case, ctx), runs * 4)
    load = repeat(lambda: _load(MAIN_EXAMPLE), runs * 4)
    return {"process": proc.as_dict(), "run_checks": inproc.as_dict(), "load_case": load.as_dict()}


WIZARD_PROBE = r"""
import asyncio, gc, json, os, sys, time
from pathlib import Path
t_start = time.time()
gc.disable()  # as `mla-writer wizard` does; the wizard resumes the collector at its first step
from mla_writer.tui import app as tui_app
t_import = time.time() - t_start
async def main():
    app = tui_app.WizardApp(tui_app.open_document(Path(sys.argv[1])) if len(sys.argv) > 1 else None)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        shown = time.time()
        screen = type(app.screen).__name__
        print(json.dumps({"import_s": t_import, "shown_at": shown, "screen": screen}), flush=True)
        os._exit(0)  # the first screen is what is measured: counting instructions, leave out the exit
asyncio.run(main())
"""


def wizard_first_screen(runs: int) -> dict:
    """From starting the process to the first screen drawn, headless (App.run_test), opening a
    copy of the example case as `mla-writer wizard case.json` would."""
    try:
        import mla_writer.tui.app  # noqa: F401
    except Exception as e:
        return {"skipped": f"mla_writer.tui.app not importable: {type(e).__name__}: {e}"[:200]}
    import subprocess

    firsts, imports, screen = [], [], ""
    with tempfile.TemporaryDirectory() as d:
        for i in range(runs + 1):
            case = Path(d) / f"case-{i}.json"
            shutil.copyfile(MAIN_EXAMPLE, case)
            started = time.time()
            p = subprocess.run([PY, "-c", WIZARD_PROBE, str(case)], capture_output=True, text=True,
                               timeout=120, cwd=d, env={**os.environ, "HOME": d, "XDG_DATA_HOME": d})
            if p.returncode != 0:
                return {"skipped": f"wizard did not start headless: {p.stderr.strip().splitlines()[-1:]}"}
            data = json.loads(p.stdout.strip().splitlines()[-1])
            if i:
                firsts.append(data["shown_at"] - started)
                imports.append(data["import_s"])
                screen = data["screen"]
    return {"first_screen_median_s": round(statistics.median(firsts), 4), "import_median_s":
            round(statistics.median(imports), 4), "screen": screen, "runs": runs}


def wizard_typing(sizes: list[int]) -> dict:
    """The wizard on large cases (benchmarks.wizard_typing), in a process of its own: CPU per
    keystroke, opening the case and switching steps, for each number of identifiers."""
    p = subprocess.run([PY, "-m", "benchmarks.wizard_typing", "--identifiers", *map(str, sizes)],
                       capture_output=True, text=True, timeout=900, cwd=Path(__file__).resolve().parent.parent)
    rows = [json.loads(line) for line in p.stdout.splitlines() if line.startswith("{")]
    if not rows:
        return {"skipped": f"wizard_typing failed: {p.stderr.strip().splitlines()[-1:]}"}
    return {"bare_textual_input": rows[0].get("bare_textual_input", {}), "points": rows[1:]}


def memory() -> dict:
    """Peak memory: whole processes (from the kernel) and Python allocations of one render."""
    out: dict = {}
    with tempfile.TemporaryDirectory() as d:
        for name, argv in {
            "render_process": [*cli_command(), "render", str(MAIN_EXAMPLE), "-o", f"{d}/a.docx", "--today", TODAY.isoformat()],
            "floor_process": [PY, str(FLOOR_SCRIPT), str(write_tool_text(MAIN_EXAMPLE, Path(d) / "t.json")),
                              f"{d}/b.docx"],
            "check_process": [*cli_command(), "check", str(MAIN_EXAMPLE), "--today", TODAY.isoformat()],
            "bare_python": [PY, "-c", "pass"],
        }.items():
            try:
                out[f"{name}_peak_rss_kb"] = peak_memory_kb(argv)
            except RuntimeError as e:
                out[f"{name}_error"] = str(e)[:200]
    case = _load(MAIN_EXAMPLE)
    try:
        _render_bytes(case, list(case.languages))
        tracemalloc.start()
        _render_bytes(case, list(case.languages))
        out["render_python_alloc_peak_kb"] = tracemalloc.get_traced_memory()[1] // 1024
    except Exception as e:
        out["render_python_alloc_error"] = f"{type(e).__name__}: {e}"[:200]
    finally:
        tracemalloc.stop()
    return out


def case_sizes(points: list[tuple[int, int]], runs: int) -> list[dict]:
    """Each (identifiers, requests) point: a generated case (benchmarks.bigcase) checked and
    rendered in a fresh process of its own (benchmarks.point), with a warm cache."""
    rows = []
    with tempfile.TemporaryDirectory() as d:
        env = {"XDG_CACHE_HOME": f"{d}/cache"}
        for ids, reqs in points:
            path = Path(d) / f"case-{ids}-{reqs}.json"
            path.write_text(json.dumps(bigcase.make_case(ids, reqs), ensure_ascii=False), "utf-8")
            argv = [PY, "-m", "benchmarks.point", str(path), "--runs", str(runs)]
            p = subprocess.run(argv, capture_output=True, text=True, timeout=1800, cwd=ROOT,
                               env={**os.environ, **env})
            if p.returncode != 0:
                rows.append({"identifiers": ids, "requests": reqs,
                             "error": (p.stderr.strip().splitlines() or ["?"])[-1][:200]})
                continue
            rows.append(json.loads(p.stdout.strip().splitlines()[-1]))
    return rows


def cold_warm(runs: int) -> dict:
    """Whole-process render of the example with an empty cache folder (a fresh machine: templates
    compiled, catalogs and locale data built) against one the previous runs filled, alternating."""
    walls_cold, walls_warm, ratios = [], [], []
    with tempfile.TemporaryDirectory() as d:
        warm_env = {"XDG_CACHE_HOME": f"{d}/warm"}
        argv = [*cli_command(), "render", str(MAIN_EXAMPLE), "-o", f"{d}/out.docx", "--force", "--today",
                TODAY.isoformat()]
        run_process(argv, env=warm_env)  # fills the warm cache
        for i in range(runs):
            cold = run_process(argv, env={"XDG_CACHE_HOME": f"{d}/cold{i}"})[0]
            warm = run_process(argv, env=warm_env)[0]
            walls_cold.append(cold)
            walls_warm.append(warm)
            ratios.append(cold / warm)
    return {"cold_median_s": round(statistics.median(walls_cold), 4),
            "warm_median_s": round(statistics.median(walls_warm), 4),
            "ratio_median": round(statistics.median(ratios), 2), "runs": runs}


def machine() -> dict:
    import os
    import platform

    return {"python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count(),
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "libreoffice": bool(shutil.which("soffice") or shutil.which("libreoffice"))}


def profiles(folder: Path) -> dict:
    """pyinstrument text profiles of a whole-process render and check, for reading where the time
    goes (python -m benchmarks --profile DIR)."""
    import subprocess

    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    with tempfile.TemporaryDirectory() as d:
        big = Path(d) / "case-1000.json"
        big.write_text(json.dumps(bigcase.make_case(1000, 1), ensure_ascii=False), "utf-8")
        for name, args in {
            "render-1000-identifiers": ["render", str(big), "-o", f"{d}/b.docx", "--today", "2026-10-01"],
            "render": ["render", str(MAIN_EXAMPLE), "-o", f"{d}/p.docx", "--today", TODAY.isoformat()],
            "check": ["check", str(MAIN_EXAMPLE), "--today", TODAY.isoformat()],
        }.items():
            out = folder / f"{name}.txt"
            p = subprocess.run([PY, "-m", "pyinstrument", "-o", str(out), "-m", "mla_writer", *args],
                               capture_output=True, text=True, timeout=300)
            if p.returncode not in (0, 1):
                written[name] = f"failed: {p.stderr.strip()[-200:]}"
            elif not out.is_file() or "cmd_" not in out.read_text("utf-8"):  # the command itself was sampled
                written[name] = f"empty profile: {out}"
            else:
                written[name] = str(out)
    return written
