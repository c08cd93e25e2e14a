"""Request status: each request's history read as one timeline, recorded by `mla-writer status`,
refused with one line when it would be impossible; old case files load as they are."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest

from mla_writer import asof, examples, locks, tracking
from mla_writer.checks import Context, run_checks
from mla_writer.cli import main as cli_main
from mla_writer.model import PreservationRequest, StatusEvent, SubscriberRequest
from mla_writer.model.status import (
    StatusError,
    current,
    future_dates,
    record,
    sequence_problems,
    timeline,
)
from mla_writer.store import load_case
from mla_writer.tracking import refusal, state

D = dt.date
AS_OF = D(2026, 12, 20)


def _lapsing(tmp_path: Path) -> Path:
    """A private copy of the lapsing-preservation exercise (R1 preservation sent and confirmed
    2026-08-21, R2 subscriber draft); training case as of 2026-11-05."""
    assert cli_main(["examples", "copy", "flawed-preservation-lapsing", str(tmp_path)]) == 0
    return tmp_path / "flawed-preservation-lapsing.json"


def test_an_old_case_file_reads_as_one_timeline() -> None:
    pres = examples.load_example("grooming-child-exploitation").requests[0]
    assert [(e.event, e.on) for e in timeline(pres)] == [
        ("sent", D(2026, 7, 29)), ("confirmed", D(2026, 7, 30)), ("extension_asked", D(2026, 9, 21)),
        ("follow_up_filed", D(2026, 9, 21)),
    ]
    assert timeline(pres)[1].until == D(2026, 10, 27)
    assert current(pres) == "follow_up_filed" and state(pres) == "formal request filed"


@pytest.mark.parametrize("name", examples.example_names())
def test_every_example_has_a_possible_history(name: str) -> None:
    case = examples.load_example(name)
    for req in case.requests:
        assert sequence_problems(req) == []
        assert future_dates(req, case.training.as_of) == []


def test_record_puts_each_event_in_its_one_home() -> None:
    req = SubscriberRequest(id="R2")
    req = record(req, "sent", D(2026, 12, 1), as_of=AS_OF, reference="CA-2026/118")
    assert req.sent_on == D(2026, 12, 1) and req.reference == "CA-2026/118" and req.history == []
    req = record(req, "acknowledged", D(2026, 12, 3), as_of=AS_OF)
    req = record(req, "clarification_asked", D(2026, 12, 10), as_of=AS_OF, note="which time zone?")
    req = record(req, "clarification_answered", D(2026, 12, 11), as_of=AS_OF)
    req = record(req, "executed", D(2026, 12, 19), as_of=AS_OF)
    assert [h.event for h in req.history] == ["acknowledged", "clarification_asked", "clarification_answered",
                                              "executed"]
    assert current(req) == "executed"

    pres = PreservationRequest(id="R1", sent_on=D(2026, 8, 1))
    pres = record(pres, "confirmed", D(2026, 8, 2), as_of=AS_OF, until=D(2026, 10, 31), reference="P-7")
    assert (pres.confirmed_on, pres.expires_on, pres.reference) == (D(2026, 8, 2), D(2026, 10, 31), "P-7")
    pres = record(pres, "extension_asked", D(2026, 10, 1), as_of=AS_OF)
    pres = record(pres, "extended", D(2026, 10, 3), as_of=AS_OF, until=D(2027, 1, 29))
    assert len(pres.extensions) == 1 and pres.extensions[0].extended_to == D(2027, 1, 29)
    assert pres.effective_expiry() == D(2027, 1, 29)
    pres = record(pres, "follow_up_filed", D(2026, 11, 2), as_of=AS_OF, reference="MLA-9")
    assert pres.follow_up is not None and pres.follow_up.reference == "MLA-9"


@pytest.mark.parametrize(("start", "event", "on", "kw", "says"), [
    ({}, "executed", D(2026, 12, 1), {}, "never recorded as sent"),
    ({"sent_on": D(2026, 12, 5)}, "executed", D(2026, 12, 1), {}, "before it was sent"),
    ({"sent_on": D(2026, 12, 5)}, "acknowledged", D(2026, 12, 21), {},
     "is dated 21 December 2026, after 20 December 2026, the date the case is evaluated as of"),
    ({"sent_on": D(2026, 12, 5)}, "clarification_answered", D(2026, 12, 6), {}, "none was asked"),
    ({"sent_on": D(2026, 12, 5)}, "sent", D(2026, 12, 6), {}, "already recorded as sent on 2026-12-05"),
    ({"sent_on": D(2026, 12, 5)}, "confirmed", D(2026, 12, 6), {}, "preservation request only"),
    ({"sent_on": D(2026, 12, 5)}, "drafted", D(2026, 12, 6), {}, "after it was sent"),
    ({"sent_on": D(2026, 12, 5), "history": [StatusEvent(event="refused", on=D(2026, 12, 9))]},
     "executed", D(2026, 12, 10), {}, "a request ends once"),
    ({"sent_on": D(2026, 12, 5), "reference": "A-1"}, "acknowledged", D(2026, 12, 6), {"reference": "B-2"},
     "already has the reference 'A-1'"),
    ({}, "bogus", D(2026, 12, 6), {}, "unknown event"),
])
def test_impossible_events_are_refused(start: dict, event: str, on: dt.date, kw: dict, says: str) -> None:
    req = SubscriberRequest(id="R2", **start)
    with pytest.raises(StatusError) as refused:
        record(req, event, on, as_of=AS_OF, **kw)
    assert says in refusal(refused.value)


def test_preservation_sequences() -> None:
    pres = PreservationRequest(id="R1", sent_on=D(2026, 8, 1), confirmed_on=D(2026, 8, 2), expires_on=D(2026, 10, 31))
    with pytest.raises(StatusError) as refused:
        record(pres, "extended", D(2026, 10, 3), as_of=AS_OF, until=D(2026, 10, 1))
    assert "not later than it already ran" in refusal(refused.value)
    with pytest.raises(StatusError, match="--until"):
        record(pres, "extended", D(2026, 10, 3), as_of=AS_OF)
    with pytest.raises(StatusError) as refused:
        record(pres, "executed", D(2026, 10, 3), as_of=AS_OF)
    assert "confirmed, not executed" in refusal(refused.value)
    with pytest.raises(StatusError) as refused:
        record(PreservationRequest(id="R1", sent_on=D(2026, 8, 5)), "confirmed", D(2026, 8, 2), as_of=AS_OF)
    assert "before it was sent" in refusal(refused.value)


def test_the_check_rule_reports_a_history_typed_out_of_order(tmp_path: Path) -> None:
    path = _lapsing(tmp_path)
    data = json.loads(path.read_text("utf-8"))
    data["requests"][1]["history"] = [{"event": "executed", "on": "2026-10-01"}]
    path.write_text(json.dumps(data), "utf-8")
    findings = [f for f in run_checks(load_case(path), Context(today=D(2026, 11, 5))) if f.code == "STATUS-SEQUENCE"]
    assert [f.path for f in findings] == ["requests[1].history[0].on"]
    # Said in the reader's language, the event and the date included.
    assert "« exécution » le 1 octobre 2026" in findings[0].message_in("fr")
    assert "«исполнение» 1 октября 2026" in findings[0].message_in("ru")


# --- the command ------------------------------------------------------------------------------

def test_status_records_an_event_atomically_and_privately(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _lapsing(tmp_path)
    capsys.readouterr()
    assert cli_main(["status", str(path), "R2", "sent", "--on", "2026-11-05", "--reference", "CA-2026/118"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "training case: evaluated as of 2026-11-05"
    assert out[1].startswith("recorded: R2 sent on 2026-11-05")
    case = load_case(path)
    assert case.requests[1].sent_on == D(2026, 11, 5) and case.requests[1].reference == "CA-2026/118"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind
    # --on defaults to the evaluation date: the training case's own
    assert cli_main(["status", str(path), "R2", "acknowledged"]) == 0
    assert load_case(path).requests[1].history[0].on == D(2026, 11, 5)


@pytest.mark.parametrize(("args", "says"), [
    (["R2", "executed", "--on", "2026-10-01"],
     "Request R2: “executed” on 1 October 2026, but the request was never recorded as sent"),
    (["R1", "extended", "--on", "2026-12-01", "--until", "2027-02-01"], "the date the case is evaluated as of"),
    (["R9", "sent"], "the case has no request 'R9' (its requests: R1, R2)"),
    (["R1", "posted"], "unknown event 'posted'"),
    (["R2", "confirmed"], "applies to a preservation request only"),
])
def test_status_refuses_with_one_line_and_leaves_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          args: list[str], says: str) -> None:
    path = _lapsing(tmp_path)
    before = path.read_bytes()
    capsys.readouterr()
    assert cli_main(["status", str(path), *args]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and says in err, err
    assert path.read_bytes() == before


def test_status_does_not_write_while_a_wizard_has_the_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _lapsing(tmp_path)
    before = path.read_bytes()
    locks.acquire(path, "the-wizard")  # this process stands for the wizard: it is alive
    try:
        capsys.readouterr()
        assert cli_main(["status", str(path), "R2", "sent"]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "open in another wizard" in err and "nothing was recorded" in err
        assert path.read_bytes() == before
    finally:
        locks.release(path, "the-wizard")


def test_status_keeps_a_change_made_meanwhile_and_its_own_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = _lapsing(tmp_path)
    theirs = json.loads(path.read_text("utf-8"))
    theirs["title"] = "saved by someone else meanwhile"
    real_record = tracking.record

    def record_while_someone_saves(*args, **kwargs):
        path.write_text(json.dumps(theirs), "utf-8")
        return real_record(*args, **kwargs)

    monkeypatch.setattr(tracking, "record", record_while_someone_saves)
    capsys.readouterr()
    assert cli_main(["status", str(path), "R2", "sent"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "changed on disk" in err, err
    assert load_case(path).title == "saved by someone else meanwhile"
    [kept] = [p for p in tmp_path.iterdir() if ".conflict-" in p.name]
    assert load_case(kept).requests[1].sent_on == D(2026, 11, 5)


def test_status_with_the_clock_years_ahead_accepts_what_a_real_case_did(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = _lapsing(tmp_path)
    data = json.loads(path.read_text("utf-8"))
    del data["training"]
    path.write_text(json.dumps(data), "utf-8")
    monkeypatch.setattr(asof, "clock_today", lambda: D(2027, 3, 1))
    assert cli_main(["status", str(path), "R1", "follow-up-filed", "--on", "2026-11-10", "--reference", "MLA-1"]) == 0
    assert cli_main(["status", str(path), "R2", "sent"]) == 0  # today, by the clock
    assert load_case(path).requests[1].sent_on == D(2027, 3, 1)


def test_status_without_an_event_shows_the_histories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _lapsing(tmp_path)
    capsys.readouterr()
    assert cli_main(["status", str(path)]) == 0
    out = capsys.readouterr().out
    assert "R1 preservation: confirmed (their reference INTERPOL-WI-2026-33871)" in out
    assert "2026-08-21  confirmed  (until 2026-11-19)" in out
    assert "R2 subscriber: draft" in out
    assert cli_main(["status", str(path), "R1", "--on", "2026-11-01"]) == 2
