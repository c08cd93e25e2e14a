"""What happened to a request after it was drafted, for the events no other field holds.

A request's dated facts each have one home. The sending date (``sent_on``), the confirmation of a
preservation (``confirmed_on``, ``expires_on``, ``reference``), its extensions (``extensions``)
and the formal request that follows it (``follow_up``) keep the fields they always had; the other
events (acknowledged, clarification asked and answered, executed, refused, and the drafting date
when it differs from the case's) are entries of ``history``. status.py reads them all as one
timeline.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import Field

from .common import Str, Strict

HistoryEvent = Literal[
    "drafted", "acknowledged", "clarification_asked", "clarification_answered", "executed", "refused",
]
HISTORY_EVENTS: tuple[str, ...] = get_args(HistoryEvent)


class StatusEvent(Strict):
    """One dated event in the life of a request."""

    event: HistoryEvent
    on: dt.date
    note: Str | None = Field(default=None, description="e.g. what the clarification asked for")
