"""Ways through a case that many rules share, each yielding the path of what it visits.

Paths use the same syntax as store.field_path: ``requests[0].items[1].identifier.timezone``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TypeVar, overload

from pydantic import BaseModel

from ..model import Account, Case, DataItem, Identifier, Request, Text

R = TypeVar("R")


@overload
def requests_of(case: Case) -> Iterator[tuple[str, Request]]: ...


@overload
def requests_of(case: Case, *kinds: type[R]) -> Iterator[tuple[str, R]]: ...


def requests_of(case: Case, *kinds: type[object]) -> Iterator[tuple[str, object]]:
    """Each request of the given model classes (all requests when none given), with its path."""
    for r, req in enumerate(case.requests):
        if not kinds or isinstance(req, kinds):
            yield f"requests[{r}]", req


def items(case: Case) -> Iterator[tuple[str, Request, DataItem]]:
    """Each data item of each request, with its path."""
    for r, req in enumerate(case.requests):
        for i, item in enumerate(req.items):
            yield f"requests[{r}].items[{i}]", req, item


def texts(model: BaseModel, path: str = "") -> Iterator[tuple[str, Text]]:
    """Every free-text field (Text) in a model, depth first, in field order."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = f"{path}.{name}" if path else name
        yield from _texts_in(value, here)


def _texts_in(value: object, path: str) -> Iterator[tuple[str, Text]]:
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        yield from texts(value, path)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts_in(v, f"{path}[{i}]")


def never_given(model: BaseModel, field: str) -> bool:
    """True when the case file never gave `field`: the model filled in its default, which a document
    would print as a fact the drafter never stated (a stage, a period, a harm). The wizard writes
    every field it shows, so there the value on screen counts as given."""
    return field not in model.model_fields_set


def reference_date(case: Case, today: dt.date) -> dt.date:
    """The day the request speaks from: its document date if set, else today."""
    return case.date or today


# The field that names what an identifier of each type points at.
_SUBJECT_FIELD = {"ip": "address", "email": "address", "phone": "number", "url": "url", "domain": "name",
                  "imei": "imei", "crypto": "address", "device": "serial"}


def subjects(identifier: Identifier) -> set[tuple[str, str]]:
    """What an identifier points at, so that two items about the same account, address or number
    can be told from items about different ones (an IP seen at another time is the same address).
    Two identifiers are about the same thing when their sets meet."""
    values: list[str | None]
    if isinstance(identifier, Account):
        service = (identifier.service or "").strip().lower()
        values = [f"{service}|{v.strip()}" for v in (identifier.username, identifier.user_id, identifier.profile_url)
                  if v and v.strip()]
    else:
        values = [getattr(identifier, _SUBJECT_FIELD[identifier.type])]
    return {(identifier.type, v.strip().lower()) for v in values if v and v.strip()}
