"""A folder of many generated case files, as a central authority's shared folder holds them.

    python -m benchmarks.register_folder FOLDER [--count 1000] [--seed 0]

Each case is an example case made real (its trainer's note removed) with its own reference,
requested State, dates moved and a history recorded through the status model: drafts, requests
sent, acknowledged, executed or refused, preservations confirmed, extended, followed up or left to
lapse. Files are spread over subfolders, one per unit, and two broken files are added (one not
JSON, one that does not validate), which the register must list with their errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
STATES = ("US", "IE", "DE", "FR", "GB", "SG", "CA", "ES", "NL", "BR", "IN", "JP")
AS_OF = dt.date(2026, 12, 1)  # the date the benchmark evaluates the folder as of (--today)
BROKEN = {"broken-not-json.json": "{ this is not JSON",
          "broken-unknown-field.json": '{"reference": "X-1", "colour": "blue"}'}


def _history(req, rng: random.Random, sent: dt.date):  # a model request
    """The request with a plausible history recorded from `sent` on (never after AS_OF)."""
    from mla_writer.model import PreservationRequest
    from mla_writer.model.status import record

    def at(days: int) -> dt.date:
        return min(sent + dt.timedelta(days=days), AS_OF)

    if rng.random() < 0.15:
        return req  # still a draft
    req = record(req, "sent", sent, as_of=AS_OF, reference=f"IN-{rng.randrange(10**6):06d}")
    if isinstance(req, PreservationRequest):
        confirmed = at(rng.randint(0, 3))
        req = record(req, "confirmed", confirmed, as_of=AS_OF, until=confirmed + dt.timedelta(days=90))
        roll = rng.random()
        if roll < 0.3:
            asked = at(70)
            req = record(req, "extension_asked", asked, as_of=AS_OF)
            if asked + dt.timedelta(days=3) <= AS_OF:
                req = record(req, "extended", asked + dt.timedelta(days=3), as_of=AS_OF,
                             until=confirmed + dt.timedelta(days=180))
        elif roll < 0.7 and at(40) < AS_OF:
            req = record(req, "follow_up_filed", at(40), as_of=AS_OF, reference=f"MLA-{rng.randrange(10**5)}")
        return req  # the rest lapse, or will
    if rng.random() < 0.7 and at(10) < AS_OF:
        req = record(req, "acknowledged", at(10), as_of=AS_OF)
    if rng.random() < 0.25 and at(40) < AS_OF:
        req = record(req, "clarification_asked", at(40), as_of=AS_OF, note="which time zone?")
        if at(55) < AS_OF:
            req = record(req, "clarification_answered", at(55), as_of=AS_OF)
    end = at(rng.randint(60, 300))
    if end < AS_OF:
        req = record(req, "executed" if rng.random() < 0.85 else "refused", end, as_of=AS_OF)
    return req


def generate(folder: Path, count: int = 1000, *, seed: int = 0) -> list[Path]:
    """Write `count` valid case files (and the broken ones) under `folder`; return their paths."""
    from mla_writer.model import Case
    from mla_writer.store import load_case, save_case

    rng = random.Random(seed)
    bases = [load_case(p) for p in sorted(EXAMPLES.glob("*.json")) if not p.name.endswith(".expected.json")]
    written: list[Path] = []
    for i in range(count):
        base = rng.choice(bases)
        start = AS_OF - dt.timedelta(days=rng.randint(5, 400))
        requests = []
        for req in base.requests:
            sent = start + dt.timedelta(days=rng.randint(0, 20))
            fresh = type(req).model_validate(req.model_dump(exclude={"sent_on", "reference", "history", "confirmed_on",
                                                                     "expires_on", "extensions", "follow_up"}))
            requests.append(_history(fresh, rng, min(sent, AS_OF)))
        case = Case.model_validate({
            **base.model_dump(exclude={"training", "requests"}),
            "reference": f"GEN-{i:05d}", "date": start,
            "requested": {**base.requested.model_dump(), "state": rng.choice(STATES)},
            "requests": [r.model_dump() for r in requests],
        })
        unit = folder / f"unit-{i % 20:02d}"
        unit.mkdir(parents=True, exist_ok=True)
        written.append(save_case(case, unit / f"case-{i:05d}.json"))
    for name, text in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.register_folder", description=__doc__.splitlines()[0])
    p.add_argument("folder", type=Path)
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    paths = generate(args.folder, args.count, seed=args.seed)
    print(f"wrote {len(paths)} files under {args.folder} (evaluate them with --today {AS_OF.isoformat()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
