"""Authority profiles: who asks (the requesting authority, its officers, who signs, its contacts,
with their translations) saved once and reused for the next case, and the addressees and
providers a user has written to before.

One JSON file per profile in mla-writer's data folder (``profiles/NAME.json``, 0600), written
through ``files.write_file``. Saving a case into an existing profile updates who asks and adds the
case's addressee and providers to those already known.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from pydantic import Field, ValidationError

from .errors import UsageError
from .files import data_dir, printable, write_file
from .model import Case, Contact, Provider, RequestedParty, RequestingParty, Signature
from .model.common import MAX_ENTRIES, Str, Strict, empty_list

PROFILE_FOLDER = "profiles"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


class Profile(Strict):
    name: Str
    requesting: RequestingParty = Field(default_factory=RequestingParty)
    signature: Signature = Field(default_factory=Signature)
    contacts: list[Contact] = Field(default_factory=empty_list, max_length=MAX_ENTRIES)
    addressees: list[RequestedParty] = Field(default_factory=empty_list, max_length=MAX_ENTRIES)
    providers: list[Provider] = Field(default_factory=empty_list, max_length=MAX_ENTRIES)


def profiles_dir() -> Path:
    return data_dir() / PROFILE_FOLDER


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise UsageError(f"'{printable(name, 80)}' cannot name a profile: use letters, digits, - and _ "
                         "(up to 64), e.g. lyon-prosecutor")
    return name


def profile_path(name: str, folder: Path | None = None) -> Path:
    return (folder or profiles_dir()) / f"{check_name(name)}.json"


def _add(known: list, new: object) -> None:
    """Add `new` to `known` unless an equal one is there; the newest goes first."""
    if new in known:
        known.remove(new)
    known.insert(0, new)
    del known[MAX_ENTRIES:]


def from_case(case: Case, name: str, previous: Profile | None = None) -> Profile:
    """The profile `name` with who asks taken from `case` and its addressee and providers added to
    those of `previous`."""
    addressees = list(previous.addressees) if previous else []
    providers = list(previous.providers) if previous else []
    if case.requested.state or case.requested.authority is not None:
        _add(addressees, case.requested)
    for request in reversed(case.requests):
        if request.provider.name.strip():
            _add(providers, request.provider)
    return Profile(name=name, requesting=case.requesting,
                   signature=case.signature.model_copy(update={"date": None}), contacts=list(case.contacts),
                   addressees=addressees, providers=providers)


def load_profile(name: str, folder: Path | None = None) -> Profile:
    from .store import parse_case_json, read_case_bytes

    path = profile_path(name, folder)
    if not path.exists():
        known = ", ".join(list_profiles(folder)) or "none yet: 'mla-writer profile save CASE --name NAME'"
        raise UsageError(f"no profile named '{name}' (profiles: {known})")
    try:
        return Profile.model_validate(parse_case_json(read_case_bytes(path), path))
    except ValidationError as e:
        from .store import format_validation_error

        raise UsageError(f"{path}: " + "; ".join(format_validation_error(e)[:3])) from None


def save_profile(case: Case, name: str, *, folder: Path | None = None, force: bool = False) -> tuple[Path, bool]:
    """Save who asks in `case` as profile `name`; (its path, whether it existed). A profile of
    another requesting authority is replaced only with `force`."""
    path = profile_path(name, folder)
    previous = load_profile(name, folder) if path.exists() else None
    if previous is not None and not force:
        theirs, ours = previous.requesting.authority.name.text.strip(), case.requesting.authority.name.text.strip()
        if theirs and ours and theirs != ours:
            raise UsageError(f"the profile '{name}' is for another requesting authority; use --force to replace "
                             "it, or save under another --name")
    profile = from_case(case, name, previous)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_file(path, profile.model_dump_json(indent=2) + "\n", force=True)
    return path, previous is not None


def list_profiles(folder: Path | None = None) -> list[str]:
    folder = folder or profiles_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.json") if _NAME.fullmatch(p.stem))


def new_case(profile: Profile, *, requested_state: str | None = None) -> Case:
    """A new case that starts from `profile`: who asks, who signs, the contacts, and, given a
    requested State, the addressee last written to there."""
    data: dict = {"requesting": profile.requesting.model_dump(mode="json"),
                  "signature": profile.signature.model_dump(mode="json"),
                  "contacts": [c.model_dump(mode="json") for c in profile.contacts]}
    if requested_state is not None:
        state = requested_state.strip().upper()
        known = next((a for a in profile.addressees if a.state == state), None)
        data["requested"] = known.model_dump(mode="json") if known else {"state": state}
    return Case.model_validate(data)


def known_providers(profile: Profile) -> list[Provider]:
    """Providers written to before, the most recent first (the wizard offers them)."""
    return list(profile.providers)


# --- the commands -------------------------------------------------------------------------------


def main(args: argparse.Namespace) -> int:
    """`mla-writer profile save|list`."""
    if args.profile_command == "list":
        names = list_profiles()
        if not names:
            print("no profiles yet: mla-writer profile save CASE --name NAME")
        for name in names:
            p = load_profile(name)
            who = p.requesting.authority.name.text or "(no authority named)"
            print(printable(f"{name}: {who}; {len(p.addressees)} addressee(s), {len(p.providers)} provider(s) "
                            "written to before"))
        return 0
    from .store import load_case

    case = load_case(args.case)
    path, existed = save_profile(case, check_name(args.name), force=args.force)
    print(printable(f"{'updated' if existed else 'saved'} profile '{args.name}' ({path})"))
    return 0


def new_command(args: argparse.Namespace) -> int:
    """`mla-writer new CASE [--profile NAME] [--requested-state CC]`."""
    from .store import check_new_case_target, save_case

    out: Path = args.case
    check_new_case_target(out, force=args.force)
    try:
        if args.profile is not None:
            case = new_case(load_profile(args.profile), requested_state=args.requested_state)
        else:
            case = Case.model_validate({"requested": {"state": args.requested_state}} if args.requested_state else {})
    except ValidationError as e:
        from .store import format_validation_error

        raise UsageError("; ".join(format_validation_error(e)[:3])) from None
    save_case(case, out, overwrite=args.force)
    print(printable(f"wrote {out}" + (f" from profile '{args.profile}'" if args.profile else "")
                    + f"; open it with: mla-writer wizard {out}"))
    return 0
