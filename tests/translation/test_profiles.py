"""Authority profiles: who asks, saved once from a case, and a new case started from it."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from mla_writer.cli import main
from mla_writer.profiles import list_profiles, load_profile, profiles_dir
from mla_writer.store import load_case
from tests.conftest import EXAMPLE


def test_save_then_start_a_new_case_from_the_profile(tmp_path: Path, capsys) -> None:
    assert main(["profile", "save", str(EXAMPLE), "--name", "lyon"]) == 0
    path = profiles_dir() / "lyon.json"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert list_profiles() == ["lyon"]
    profile = load_profile("lyon")
    assert profile.signature.name == "Anne-Sophie Roussel" and profile.signature.date is None
    assert [p.name for p in profile.providers] == ["ExampleMail"]
    assert profile.addressees[0].state == "IE"

    new = tmp_path / "next.json"
    assert main(["new", str(new), "--profile", "lyon", "--requested-state", "ie"]) == 0
    case = load_case(new)
    example = load_case(EXAMPLE)
    assert case.requesting == example.requesting  # officers, contact details, translations
    assert case.requesting.authority.competence.translations["fr"].startswith("Articles 41 et 706-72")
    assert case.signature.title.text == "Deputy Public Prosecutor" and case.signature.date is None
    assert case.requested == example.requested
    assert case.contacts == example.contacts and case.requests == [] and case.facts.summary.text == ""
    assert stat.S_IMODE(os.stat(new).st_mode) == 0o600

    capsys.readouterr()
    assert main(["profile", "list"]) == 0
    assert "lyon: Public Prosecutor's Office at the Lyon Judicial Court" in capsys.readouterr().out


def test_saving_again_adds_the_addressees_and_providers_written_to(tmp_path: Path) -> None:
    main(["profile", "save", str(EXAMPLE), "--name", "lyon"])
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["requested"] = {"state": "BR", "authority": {"name": "Ministry of Justice, DRCI", "kind": "central_authority"}}
    data["requests"][0]["provider"]["name"] = "ExampleChat"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    assert main(["profile", "save", str(other), "--name", "lyon"]) == 0
    profile = load_profile("lyon")
    assert [a.state for a in profile.addressees] == ["BR", "IE"]
    assert [p.name for p in profile.providers] == ["ExampleChat", "ExampleMail"]


def test_a_profile_of_another_authority_is_replaced_only_with_force(tmp_path: Path, capsys) -> None:
    main(["profile", "save", str(EXAMPLE), "--name", "lyon"])
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["requesting"]["authority"]["name"] = "Parquet de Paris"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    before = (profiles_dir() / "lyon.json").read_bytes()
    capsys.readouterr()
    assert main(["profile", "save", str(other), "--name", "lyon"]) == 2
    assert "another requesting authority" in capsys.readouterr().err
    assert (profiles_dir() / "lyon.json").read_bytes() == before
    assert main(["profile", "save", str(other), "--name", "lyon", "--force"]) == 0


def test_unknown_profile_bad_name_and_existing_case(tmp_path: Path, capsys) -> None:
    assert main(["new", str(tmp_path / "x.json"), "--profile", "nobody"]) == 2
    assert "no profile named 'nobody'" in capsys.readouterr().err
    assert main(["profile", "save", str(EXAMPLE), "--name", "../escape"]) == 2
    assert "cannot name a profile" in capsys.readouterr().err
    existing = tmp_path / "mine.json"
    existing.write_text("{}")
    assert main(["new", str(existing)]) == 2
    assert existing.read_text() == "{}"
