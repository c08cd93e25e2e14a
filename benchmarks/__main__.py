"""`python -m benchmarks [--quick] [--output FILE]`: measure, print a table, write JSON.

Figures are medians of repeated runs; whole-process comparisons alternate A B A B so that both
sides see the same drift of a shared machine. The floor is python-docx alone and the limit a
raw-XML writer (strings and zipfile), both writing the tool's own text (benchmarks.tooltext).
The goals (see README "Performance"):

- whole-process render within 1.3x of the floor process on the example;
- in-process render within 3x of the raw-XML limit at 1,000 and 5,000 identifiers;
- at 5,000 identifiers, under 0.5 ms and 20 KB (Python allocations) per identifier;
- the first render on a fresh machine (empty cache) within 1.5x of a warm one;
- `mla-writer --version` within 5x of bare `python -c pass`;
- the wizard's first screen in under 1 s headless;
- the wizard: under 16 ms CPU per keystroke at 1,000 identifiers; opening a 5,000-identifier
  case and switching to its requests step each under 1 s (benchmarks.wizard_typing);
- a batch of N cases costs about N times one (time(100)/time(10) ~ 10);
- `mla-writer register` on a folder of 1,000 cases in under 10 s.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import suites

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results.json"
# A quick run measures less and on smaller cases: it never replaces the tracked full results.
QUICK_OUTPUT = Path(__file__).resolve().parent.parent / "build" / "benchmarks-quick.json"
SIZES = [(1, 1), (100, 1), (1000, 1), (5000, 1), (1000, 10), (1000, 40)]
QUICK_SIZES = [(1, 1), (100, 1), (100, 10)]
PAIRS = [("en", "fr"), ("ar", "en"), ("zh", "ru"), ("en",)]


def _goals(r: dict) -> list[dict]:
    goals = []

    def goal(name: str, value: float | None, limit: float, unit: str = "x") -> None:
        goals.append({"goal": name, "value": value, "limit": limit, "unit": unit,
                      "pass": value is not None and value <= limit})
        if value is None and r.get("quick"):
            goals[-1]["not_measured"] = "not measured in a quick run"

    wp = r.get("whole_process_render", {})
    goal("whole-process render / floor process (example)", wp.get("ratio_median"), 1.3)
    points = {(p["identifiers"], p["requests"]): p for p in r.get("case_sizes", []) if "error" not in p}
    for ids in (1000, 5000):
        goal(f"document builder in process / raw-XML limit, {ids:,} identifiers in the table",
             points.get((ids, 1), {}).get("full_table_ratio_raw"), 3.0)
    big = points.get((5000, 1))
    goal("render time per identifier, 5,000 identifiers",
         round(big["render_s"] * 1000 / 5000, 3) if big else None, 0.5, " ms")
    goal("render memory (Python allocations) per identifier, 5,000 identifiers",
         round(big["alloc_peak_kb"] / 5000, 1) if big else None, 20.0, " KB")
    goal("cold-cache render / warm render, whole process", r.get("cold_warm", {}).get("ratio_median"), 1.5)
    goal("mla-writer --version / python -c pass", r.get("cli_start", {}).get("ratio_median"), 5.0)
    wiz = r.get("wizard_first_screen", {})
    goal("wizard first screen, headless", wiz.get("first_screen_median_s"), 1.0, "s")
    typing = {p["identifiers"]: p for p in r.get("wizard_typing", {}).get("points", [])}
    goal("wizard CPU per keystroke, 1,000 identifiers", typing.get(1000, {}).get("keystroke_cpu_ms_median"),
         16.0, " ms")
    big = typing.get(5000)
    goal("wizard opening / switching steps, 5,000 identifiers",
         max(big["open_s"], big["to_requests_step_s"]) if big else None, 1.0, " s")
    rg = r.get("register_folder", {})
    if rg:
        goal(f"register of {rg['cases']:,} cases, whole process", rg.get("median_s"), 10.0, "s")
    sc = r.get("batch_scaling", {})
    if sc.get("expected_ratio"):
        # Linear or better: a little slack above N for noise, none for quadratic growth.
        goal(f"batch time({sc['big']}) / time({sc['small']})", sc.get("ratio"), round(sc["expected_ratio"] * 1.2, 1))
    return goals


def _table(r: dict) -> str:
    lines = []
    add = lines.append
    add(f"mla-writer benchmarks ({'quick' if r['quick'] else 'full'} run, Python {r['machine']['python']}, "
        f"{r['machine']['cpus']} CPUs)")
    add("")
    add("Render per document (in process, median s)   strings   floor    render   ratio")
    for row in r.get("render_per_document", []):
        label = f"  {row['kind']:<13} {row['languages']:<6} ({row['example']})"
        if "error" in row:
            add(f"{label:<46} {row['strings']:>6}  {row['floor_s']:>7.4f}  ERROR {row['error'][:60]}")
        else:
            add(f"{label:<46} {row['strings']:>6}  {row['floor_s']:>7.4f}  {row['render_s']:>7.4f}  {row['ratio']:>5.2f}x")
    add("")

    def ab(name: str, d: dict, a: str, b: str) -> None:
        if not d:
            return
        add(f"{name:<46} {d[a]['median_s']:>8.4f} s vs {d[b]['median_s']:.4f} s  = {d['ratio_median']:.2f}x "
            f"(median of pairwise ratios, {d[a]['runs']} runs)")

    ab("Whole process: render vs floor", r.get("whole_process_render", {}), "render", "floor")
    model_alone = r.get("whole_process_render", {}).get("model_alone", {})
    if "error" in model_alone:
        add(f"{'  the case model alone vs floor':<46} ERROR {model_alone['error'][:80]}")
    else:
        ab("  the case model alone vs floor", model_alone, "model", "floor")
    cw = r.get("cold_warm", {})
    if cw:
        add(f"{'Whole process: cold cache vs warm':<46} {cw['cold_median_s']:>8.4f} s vs {cw['warm_median_s']:.4f} s  "
            f"= {cw['ratio_median']:.2f}x ({cw['runs']} pairs)")
    if r.get("case_sizes"):
        add("")
        add("Case sizes (own process, warm cache)  check s  1st render s  render s  builder/raw  "
            "full table builder/raw  ms/id  alloc MB  KB/id  RSS MB  document.xml MB")
        for p in r["case_sizes"]:
            label = f"  {p['identifiers']:>5,} identifiers, {p['requests']:>2} req."
            if "error" in p:
                add(f"{label:<38} ERROR {p['error'][:80]}")
                continue
            n = max(p["identifiers"], 1)
            full = f"{p['full_table_builder_s']:.3f}/{p['full_table_raw_s']:.3f} s = {p['full_table_ratio_raw']:.1f}x"
            add(f"{label:<38} {p['check_s']:>7.3f}  {p['first_render_s']:>12.3f}  {p['render_s']:>8.3f}  "
                f"{p['ratio_raw']:>10.1f}x  {full:>22}  {p['render_s'] * 1000 / n:>5.2f}  "
                f"{p['alloc_peak_kb'] / 1024:>8.1f}  {p['alloc_peak_kb'] / n:>5.1f}  {p['maxrss_kb'] / 1024:>6.0f}  "
                f"{p['document_xml_bytes'] / 1e6:>8.2f}")
        add("")
    ab("CLI start: --version vs python -c pass", r.get("cli_start", {}), "version", "bare_python")
    be = r.get("batch_examples", {})
    if be:
        add(f"{'Batch: every example in one process':<46} {be['median_s']:>8.4f} s for {be['cases']} cases "
            f"({be['per_case_s']:.4f} s each){'; failures: ' + ', '.join(be['failures']) if be['failures'] else ''}")
        if "render_all_process_s" in be:
            add(f"{'Batch: examples render-all, whole process':<46} {be['render_all_process_s']:>8.4f} s")
    sc = r.get("batch_scaling", {})
    if sc:
        add(f"{'Batch scaling (CPU time)':<46} {sc['small']} cases {sc['small_cpu_s']:.3f} s, {sc['big']} cases {sc['big_cpu_s']:.3f} s "
            f"= {sc['ratio']:.2f}x (linear: {sc['expected_ratio']:.0f}x)")
    rg = r.get("register_folder", {})
    if rg:
        add(f"{'register: a folder of ' + format(rg['cases'], ',') + ' cases':<46} {rg['median_s']:>8.4f} s "
            f"({rg['files']} files, {rg['runs']} runs)")
    ck = r.get("check", {})
    if ck:
        add(f"{'check: whole process':<46} {ck['process']['median_s']:>8.4f} s; "
            f"load_case {ck['load_case']['median_s'] * 1000:.1f} ms, run_checks {ck['run_checks']['median_s'] * 1000:.1f} ms")
    wiz = r.get("wizard_first_screen", {})
    if "skipped" in wiz:
        add(f"{'Wizard first screen (headless)':<46} skipped: {wiz['skipped']}")
    elif wiz:
        add(f"{'Wizard first screen (headless)':<46} {wiz['first_screen_median_s']:>8.4f} s "
            f"(imports {wiz['import_median_s']:.3f} s, screen {wiz['screen']})")
    wt = r.get("wizard_typing", {})
    if "skipped" in wt:
        add(f"{'Wizard on large cases':<46} skipped: {wt['skipped']}")
    for p in wt.get("points", []):
        add(f"{'Wizard, ' + format(p['identifiers'], ',') + ' identifiers':<46} key {p['keystroke_cpu_ms_median']:.1f} ms CPU "
            f"(pilot {p['pilot_keystroke_cpu_ms_median']:.1f}, bare input "
            f"{wt['bare_textual_input'].get('keystroke_cpu_ms_median', 0):.1f}); open {p['open_s']:.2f} s, "
            f"to requests {p['to_requests_step_s']:.2f} s, checks {p['checks_after_pause_cpu_ms'] / 1000:.2f} s CPU")
    mem = r.get("memory", {})
    if mem:
        add("Peak memory: " + ", ".join(f"{k.removesuffix('_kb')} {v // 1024} MB" if isinstance(v, int) else f"{k} {v}"
                                        for k, v in mem.items()))
    add("")
    for g in r["goals"]:
        value = "n/a" if g["value"] is None else f"{g['value']}{g['unit']}"
        verdict = "n/a " if g.get("not_measured") else "PASS" if g["pass"] else "FAIL"
        add(f"  {verdict}  {g['goal']}: {value} (goal <= {g['limit']}{g['unit']})")
    return "\n".join(lines)


def output_path(given: Path | None, *, quick: bool) -> Path:
    """Where the results go: as given, else the tracked results.json for a full run only."""
    return given or (QUICK_OUTPUT if quick else DEFAULT_OUTPUT)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer runs and smaller batches (about a minute)")
    p.add_argument("--output", type=Path, help=f"JSON results (default: {DEFAULT_OUTPUT.name} for a full run, "
                   f"build/{QUICK_OUTPUT.name} for a quick one)")
    p.add_argument("--profile", type=Path, metavar="DIR",
                   help="only write pyinstrument profiles of a render and a check into DIR")
    args = p.parse_args(argv)
    if args.profile:
        for name, where in suites.profiles(args.profile).items():
            print(f"{name}: {where}")
        return 0
    q = args.quick
    n = 3 if q else 9
    steps = [
        ("cli_start", lambda: suites.cli_start(5 if q else 15)),
        ("check", lambda: suites.check_time(n)),
        # The headline goal: more pairs, since on a shared machine one pair can be far off.
        ("whole_process_render", lambda: suites.whole_process_render(5 if q else 21)),
        ("render_per_document", lambda: suites.render_per_document(n, PAIRS, 1 if q else 5)),
        ("case_sizes", lambda: suites.case_sizes(QUICK_SIZES if q else SIZES, 2 if q else 3)),
        ("cold_warm", lambda: suites.cold_warm(3 if q else 7)),
        ("batch_examples", lambda: suites.batch_examples(n)),
        ("batch_scaling", lambda: suites.batch_scaling(4 if q else 10, 40 if q else 100, 2 if q else 3)),
        ("register_folder", lambda: suites.register_folder(1 if q else 3)),
        ("wizard_first_screen", lambda: suites.wizard_first_screen(3 if q else 7)),
        ("wizard_typing", lambda: suites.wizard_typing([1000] if q else [1000, 5000])),
        ("memory", suites.memory),
    ]
    results: dict = {"quick": q, "machine": suites.machine(), "byte_compiled": suites.byte_compile()}
    for name, step in steps:
        print(f"... {name}", file=sys.stderr, flush=True)
        try:
            results[name] = step()
        except Exception as e:  # a part still being written must not stop the rest
            results[name] = {}
            results.setdefault("errors", {})[name] = f"{type(e).__name__}: {e}"[:300]
    results["goals"] = _goals(results)
    print(_table(results))
    for name, err in results.get("errors", {}).items():
        print(f"  error in {name}: {err}")
    output = output_path(args.output, quick=q)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
