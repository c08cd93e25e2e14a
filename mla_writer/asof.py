"""The date a case is evaluated as of: what its checks, deadlines and documents count from.

A training case carries its own date (``training.as_of``), so that a workshop run next year gets
the answers its handouts give; a real case is evaluated as of today; ``--today`` overrides both.

:func:`clock_today` (and :func:`clock_now`, for stamps) is the one place the package reads the
machine's clock. Everything else takes the date as a parameter, and the commands call
:func:`clock_today` only to pass it on, so a test can set the clock years ahead by replacing that
one function.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

TYPE_CHECKING = False
if TYPE_CHECKING:  # the clock alone (store, locks) needs no model
    from .model import Case

Source = Literal["clock", "training", "option"]


def clock_today() -> dt.date:
    """The machine's date."""
    return dt.date.today()


def clock_now() -> dt.datetime:
    """The machine's time, in UTC: for stamps (when a lock was taken, a conflict copy's name),
    never for what a case is evaluated as of."""
    return dt.datetime.now(dt.UTC)


def evaluation_date(case: Case, today: dt.date) -> dt.date:
    """The day `case` is evaluated as of when nothing overrides it: a training case's own date,
    else `today`."""
    if case.training is not None and case.training.as_of is not None:
        return case.training.as_of
    return today


@dataclass(frozen=True)
class AsOf:
    """The evaluation date and where it comes from, so a command can say so."""

    date: dt.date
    source: Source
    training_date: dt.date | None = None  # a training case's own date, also when --today overrides it

    @property
    def training(self) -> bool:
        return self.training_date is not None

    def note(self, verb: str = "checked") -> str | None:
        """One line for a command's output, e.g. "training case: checked as of 2026-11-05";
        None for a real case evaluated as of today."""
        if self.source == "training":
            return f"training case: {verb} as of {self.date.isoformat()}"
        if self.training_date is not None:
            return (f"training case: {verb} as of {self.date.isoformat()} (--today; "
                    f"its own date is {self.training_date.isoformat()})")
        return None


def as_of(case: Case, *, option: dt.date | None, today: dt.date) -> AsOf:
    """The evaluation date of `case`: `option` (``--today``) if given, else the training case's
    own date, else `today` (the clock)."""
    return resolve(case.training.as_of if case.training is not None else None, option=option, today=today)


def resolve(own: dt.date | None, *, option: dt.date | None, today: dt.date) -> AsOf:
    """As :func:`as_of`, given the case's own date `own` (the wizard reads it from a case being
    edited, which may not validate yet)."""
    if option is not None and option != own:
        return AsOf(option, "option", own)
    if own is not None:
        return AsOf(own, "training", own)
    return AsOf(today, "clock")
