"""`mla-writer register`: every case under a folder by next deadline, its statistics, and its
calendar, read as a user would (the table, the JSON, the CSV, the .ics in two readers)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import stat
from pathlib import Path

import icalendar
import pytest
import vobject

from mla_writer import asof, examples
from mla_writer.cli import main as cli_main
from mla_writer.model import PreservationRequest, SubscriberRequest
from mla_writer.model.status import record
from mla_writer.store import load_case, save_case

D = dt.date
TODAY = D(2026, 12, 1)


def _real(name: str, reference: str, **changes):
    """An example made a real case (no training date) with its own reference."""
    case = examples.load_example(name)
    return case.model_copy(update={"training": None, "reference": reference, **changes})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three real cases in two subfolders, a broken file, and what is not a case file."""
    root = tmp_path / "register"
    (root / "unit-a").mkdir(parents=True)
    (root / "unit-b").mkdir()
    # A preservation confirmed until 2026-11-19, nothing filed: lapsed by TODAY.
    save_case(_real("flawed-preservation-lapsing", "LAPSED-1"), root / "unit-a" / "lapsed.json")
    # A preservation confirmed until 2026-12-20, no follow-up: ask for an extension by 2026-11-20.
    lapsing = _real("flawed-preservation-lapsing", "SOON-2")
    pres = lapsing.requests[0].model_copy(update={"expires_on": D(2026, 12, 20)})
    sub = record(lapsing.requests[1], "sent", D(2026, 11, 2), as_of=TODAY)
    sub = record(sub, "clarification_asked", D(2026, 11, 20), as_of=TODAY)
    save_case(lapsing.model_copy(update={"requests": [pres, sub]}), root / "unit-a" / "soon.json")
    # Everything executed: nothing due.
    done = _real("flawed-phishing-ip-addresses", "DONE-3")
    req = record(done.requests[0], "sent", D(2026, 9, 10), as_of=TODAY)
    req = record(req, "executed", D(2026, 11, 9), as_of=TODAY)
    save_case(done.model_copy(update={"requests": [req]}), root / "unit-b" / "done.json")
    (root / "unit-b" / "broken.json").write_text('{"reference": "X", "colour": "blue"}', "utf-8")
    (root / "unit-b" / ".done.json.autosave").write_text("{}", "utf-8")
    (root / "answers.expected.json").write_text('{"codes": []}', "utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "x.json").write_text("{}", "utf-8")
    return root


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli_main(["register", *args, "--today", TODAY.isoformat()])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_table_sorted_by_next_deadline_with_the_broken_file_first(folder: Path, capsys) -> None:
    code, out, _ = _run(capsys, str(folder))
    assert code == 1  # a file could not be read
    lines = out.splitlines()
    assert lines[0] == f"3 case(s) in {folder} as of 2026-12-01; 1 file(s) that cannot be read, listed first"
    assert lines[1] == "CANNOT READ unit-b/broken.json: colour: unknown field: remove it or check its spelling"
    rows = lines[3:]
    assert [r.split()[0] for r in rows] == ["2026-11-19", "2026-11-20", "-"]
    assert "R1 preservation lapsed" in rows[0] and "LAPSED-1" in rows[0] and "-12" in rows[0]
    assert "R1 extension to ask for" in rows[1] and "R2 subscriber (clarification asked)" in rows[1]
    assert "nothing due" in rows[2] and "R1 subscriber (executed)" in rows[2]
    assert ".autosave" not in out and "answers" not in out and ".git" not in out


def test_json_and_csv(folder: Path, capsys) -> None:
    _, out, _ = _run(capsys, str(folder), "--format", "json")
    data = json.loads(out)
    first, soon = data["cases"][0], data["cases"][2]
    assert first["file"] == "unit-b/broken.json" and "unknown field" in first["error"]
    assert soon["reference"] == "SOON-2" and soon["days_open"] == 102  # since 2026-08-21
    assert soon["next_deadline"] == {"date": "2026-11-20", "kind": "extension", "what": "extension to ask for",
                                     "requests": ["R1"], "detail": "lapses 2026-12-20", "days_left": -11}
    assert [d["kind"] for d in soon["deadlines"]] == ["extension", "reply", "lapse"]
    _, out, _ = _run(capsys, str(folder), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["reference"] for r in rows] == ["", "LAPSED-1", "SOON-2", "DONE-3"]
    assert rows[3]["days_open"] == "68" and rows[3]["next_deadline"] == ""  # 2026-09-02 (drafted) to 2026-11-09


def test_a_training_case_in_a_register_counts_as_of_its_own_date(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(asof, "clock_today", lambda: D(2031, 1, 1))
    cli_main(["examples", "copy", "flawed-preservation-lapsing", str(tmp_path)])
    capsys.readouterr()
    assert cli_main(["register", str(tmp_path), "--format", "json"]) == 0
    case = json.loads(capsys.readouterr().out)["cases"][0]
    assert case["as_of"] == "2026-11-05" and case["training"] is True
    assert case["next_deadline"]["days_left"] == -16 and case["days_open"] == 76


def test_register_reads_only(folder: Path, capsys) -> None:
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*") if p.is_file()}
    folder.chmod(0o555)
    for sub in folder.iterdir():
        if sub.is_dir():
            sub.chmod(0o555)
    try:
        _run(capsys, str(folder))
    finally:
        for sub in [folder, *folder.iterdir()]:
            if sub.is_dir():
                sub.chmod(0o755)
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*") if p.is_file()} == before


def test_a_folder_that_cannot_be_listed_is_an_error_not_a_gap(folder: Path, monkeypatch, capsys) -> None:
    from mla_writer import register

    def walk(top, onerror=None):  # as os.walk meets a folder it may not read
        onerror(PermissionError(13, "Permission denied", str(folder / "unit-a")))
        return iter(())

    monkeypatch.setattr(register.os, "walk", walk)
    code, _, err = _run(capsys, str(folder))
    assert code == 2 and err.strip() == f"error: {folder / 'unit-a'}: cannot be listed (Permission denied); " \
                                         "the register would be incomplete"


def test_missing_folder(tmp_path: Path, capsys) -> None:
    code, _, err = _run(capsys, str(tmp_path / "nope"))
    assert code == 2 and err.strip() == f"error: {tmp_path / 'nope'}: no such folder"


# --- statistics -------------------------------------------------------------------------------

def test_stats(folder: Path, capsys) -> None:
    _, out, _ = _run(capsys, str(folder), "--stats", "--format", "json")
    s = json.loads(out)
    assert s["cases"] == 3 and s["files_not_read"] == 1 and s["requests"] == 5
    assert s["by_requested_state"] == {"DE": 4, "SG": 1}
    assert s["by_kind"] == {"preservation": 2, "subscriber": 3}
    assert s["by_channel"] == {"mla": 3, "police": 2}
    assert s["days_sent_to_executed"] == {"count": 1, "median": 60, "p90": 60.0}
    assert s["clarification"] == {"needed": 1, "of_sent": 4, "share": 0.25}
    assert s["preservations"] == {"sent": 2, "lapsed": 1, "share_lapsed": 0.5}
    _, out, _ = _run(capsys, str(folder), "--stats")
    assert "Days from sending to execution: median 60, 90th percentile 60 (1 executed request(s))" in out
    assert "Needed clarification: 1 of 4 sent request(s) (25.0%)" in out
    assert "Preservations that lapsed without a formal request: 1 of 2 sent (50.0%)" in out
    _, out, _ = _run(capsys, str(folder), "--stats", "--format", "csv")
    assert "preservations,lapsed,1" in out.splitlines()


def test_percentiles() -> None:
    from mla_writer.stats import _percentile

    assert _percentile([10], 90) == 10
    assert _percentile(list(range(1, 11)), 90) == pytest.approx(9.1)


# --- the calendar -----------------------------------------------------------------------------

def _events(path: Path) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_ics_parses_in_two_readers_with_reminders_and_utc(folder: Path, tmp_path: Path, capsys) -> None:
    ics = tmp_path / "deadlines.ics"
    code, out, _ = _run(capsys, str(folder), "--ics", str(ics))
    assert code == 1 and f"wrote {ics}" in out
    assert stat.S_IMODE(ics.stat().st_mode) == 0o600
    events = _events(ics)
    pending = [e for e in events if e["status"] == "CONFIRMED"]
    summaries = sorted(str(e["summary"]) for e in pending)
    assert summaries == [
        "Ask for an extension of a preservation: R1, SOON-2",
        "Preservation lapses: R1, LAPSED-1",
        "Preservation lapses: R1, SOON-2",
        "Reply due: R2, LAPSED-1",
        "Reply due: R2, SOON-2",
    ]
    for e in pending:
        alarms = e.walk("VALARM")
        assert len(alarms) == 1 and alarms[0]["action"] == "DISPLAY"
        assert alarms[0]["trigger"].dt < dt.timedelta(0)  # before the deadline
        assert e["dtstamp"].dt.utcoffset() == dt.timedelta(0)  # every date-time in UTC
        assert isinstance(e["dtstart"].dt, dt.date) and not isinstance(e["dtstart"].dt, dt.datetime)
    lapse = next(e for e in pending if str(e["summary"]) == "Preservation lapses: R1, SOON-2")
    assert lapse["dtstart"].dt == D(2026, 12, 20) and lapse.walk("VALARM")[0]["trigger"].dt == -dt.timedelta(days=14)
    assert "TZID" not in ics.read_text("utf-8")

    parsed = vobject.readOne(ics.read_text("utf-8"))  # the second, independent reader
    second = {str(v.uid.value): v for v in parsed.vevent_list}
    assert set(second) == {str(e["uid"]) for e in events}
    v_lapse = second[str(lapse["uid"])]
    assert v_lapse.dtstart.value == D(2026, 12, 20) and v_lapse.valarm.trigger.value == -dt.timedelta(days=14)
    assert v_lapse.dtstamp.value.utcoffset() == dt.timedelta(0)


def test_ics_re_export_updates_rather_than_duplicates(folder: Path, tmp_path: Path, capsys) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    _run(capsys, str(folder), "--ics", str(first))
    soon = folder / "unit-a" / "soon.json"
    case = load_case(soon)
    pres: PreservationRequest = case.requests[0]  # type: ignore[assignment]
    case.requests[0] = record(pres, "extended", D(2026, 11, 25), as_of=TODAY, until=D(2027, 3, 20))
    save_case(case, soon)
    code = cli_main(["register", str(folder), "--today", "2026-12-02", "--ics", str(second)])
    assert code == 1
    before = {str(e["uid"]): e for e in _events(first)}
    after = {str(e["uid"]): e for e in _events(second)}
    lapse = next(u for u, e in before.items() if str(e["summary"]) == "Preservation lapses: R1, SOON-2")
    assert after[lapse]["dtstart"].dt == D(2027, 3, 20)  # the same event, moved
    assert after[lapse]["sequence"] > before[lapse]["sequence"]
    assert sum(str(e["summary"]) == "Preservation lapses: R1, SOON-2" for e in after.values()) == 1


def test_ics_cancels_a_deadline_a_request_no_longer_has(folder: Path, tmp_path: Path, capsys) -> None:
    soon = folder / "unit-a" / "soon.json"
    case = load_case(soon)
    case.requests[0] = record(case.requests[0], "follow_up_filed", D(2026, 11, 30), as_of=TODAY, reference="MLA-1")
    save_case(case, soon)
    ics = tmp_path / "c.ics"
    _run(capsys, str(folder), "--ics", str(ics))
    cancelled = [str(e["summary"]) for e in _events(ics) if e["status"] == "CANCELLED"]
    assert cancelled == ["Preservation lapses: R1, SOON-2"]  # its extension date has passed: left out


def test_ics_refuses_to_overwrite_without_force(folder: Path, tmp_path: Path, capsys) -> None:
    ics = tmp_path / "d.ics"
    ics.write_text("mine", "utf-8")
    code, _, err = _run(capsys, str(folder), "--ics", str(ics))
    assert code == 2 and "already exists" in err and ics.read_text("utf-8") == "mine"
    code, _, _ = _run(capsys, str(folder), "--ics", str(ics), "--force")
    assert code == 1 and ics.read_text("utf-8").startswith("BEGIN:VCALENDAR")
    code, _, err = _run(capsys, str(folder), "--ics", str(tmp_path / "d.txt"))
    assert code == 2 and "ends in .ics" in err


def test_ics_of_a_single_case(tmp_path: Path, capsys) -> None:
    case = tmp_path / "one.json"
    save_case(_real("ddos-for-hire", "ONE-1"), case)
    ics = tmp_path / "one.ics"
    assert cli_main(["register", str(case), "--ics", str(ics), "--today", "2026-10-20"]) == 0
    capsys.readouterr()
    assert {str(e["summary"]).split(":")[0] for e in _events(ics)} >= {"Preservation lapses", "Reply due"}


def test_uids_stay_put_when_nothing_else_changes() -> None:
    from mla_writer.calendar_export import uid
    from mla_writer.deadlines import Deadline

    a = Deadline(D(2026, 1, 1), "lapse", ("R1",), "R1:lapse", "")
    b = Deadline(D(2027, 5, 5), "lapse", ("R1",), "R1:lapse", "P-1")
    assert uid("CASE-1", a) == uid("CASE-1", b) != uid("CASE-2", a)


def test_deadline_rules() -> None:
    from mla_writer.deadlines import deadlines

    case = _real("flawed-preservation-lapsing", "X")
    kinds = [(d.kind, d.requests, d.date) for d in deadlines(case, D(2026, 11, 5))]
    # The subscriber request cites the case's own preservation: listed once, under R1.
    assert kinds == [("extension", ("R1",), D(2026, 10, 20)), ("lapse", ("R1",), D(2026, 11, 19)),
                     ("reply", ("R2",), D(2026, 12, 15))]
    asked = case.model_copy(update={"requests": [
        record(case.requests[0], "extension_asked", D(2026, 11, 5), as_of=D(2026, 11, 5)), case.requests[1]]})
    assert [d.kind for d in deadlines(asked, D(2026, 11, 5))] == ["lapse", "reply"]  # awaiting the answer
    sub = SubscriberRequest(id="R1", respond_by=D(2026, 5, 1))
    executed = record(record(sub, "sent", D(2026, 1, 1), as_of=TODAY), "executed", D(2026, 2, 1), as_of=TODAY)
    assert deadlines(case.model_copy(update={"requests": [executed]}), TODAY) == []
