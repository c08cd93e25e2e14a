"""A request's recorded history (sent, acknowledged, confirmed, executed...) must be possible.

`mla-writer status` refuses to record an impossible event (and one dated after the evaluation
date); this rule catches an impossible order, or an event dated after the date the case is
evaluated as of, typed into a case file by hand or into the wizard's fields. The timeline itself is read by model/status.py, which
says what is wrong as data (a `Problem`); the words for it, in the six languages, are here.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import labels
from ..labels import N_
from ..model import Case
from ..model.status import Problem, problems
from .engine import Context, Hit, rule
from .message import Date, Param, Term, say
from .walk import requests_of

# Each reason's message, and the names its placeholders give the conflicting event and date
# (``Problem.other``, ``Problem.other_on``). ``%(request)s`` is the request's id, ``%(event)s``
# the event at fault and ``%(date)s`` its date.
WORDING: dict[str, tuple[str, str | None, str | None]] = {
    "future": (N_("Request %(request)s: “%(event)s” is dated %(date)s, after %(today)s, the date the case is "
                  "evaluated as of. Record an event once it has happened."), None, "today"),
    "preservation_executed": (N_("Request %(request)s is a preservation: it is confirmed, not executed. Record "
                                 "it as confirmed."), None, None),
    "never_sent": (N_("Request %(request)s: “%(event)s” on %(date)s, but the request was never recorded as sent. "
                      "Give the date it was sent (Sent on)."), None, None),
    "before_sent": (N_("Request %(request)s: “%(event)s” on %(date)s, before it was sent (%(sent)s). Check both "
                       "dates."), None, "sent"),
    "drafted_twice": (N_("Request %(request)s is recorded as drafted twice (%(first)s and %(date)s). Keep one "
                         "date."), None, "first"),
    "drafted_after_sent": (N_("Request %(request)s: drafted on %(date)s, after it was sent (%(sent)s). Check both "
                              "dates."), None, "sent"),
    "ends_twice": (N_("Request %(request)s is recorded as “%(ended)s” and then “%(event)s”: a request ends once. "
                      "Keep the one that happened."), "ended", None),
    "after_end": (N_("Request %(request)s: “%(event)s” on %(date)s, after it was “%(ended)s” (%(end)s). Check the "
                     "dates."), "ended", "end"),
    "answer_without_question": (N_("Request %(request)s: a clarification answered on %(date)s, but none was asked "
                                   "before. Record the question first."), None, None),
    "expiry_before_confirmation": (N_("Request %(request)s expires on %(expiry)s, not after it was confirmed "
                                      "(%(date)s). Check both dates."), None, "expiry"),
    "extension_confirmed_before_asked": (N_("Request %(request)s: an extension confirmed on %(date)s, before it was "
                                            "asked for (%(asked)s). Check both dates."), None, "asked"),
    "extension_not_later": (N_("Request %(request)s: extended to %(date)s, not later than it already ran "
                               "(%(expiry)s). An extension moves the expiry later."), None, "expiry"),
}


def _event(code: str) -> Term:
    return Term(labels.STATUS_EVENT.short[code])


def wording(problem: Problem) -> tuple[str, dict[str, Param]]:
    """The catalog message of a problem and the values of its placeholders."""
    message, other, other_on = WORDING[problem.reason]
    params: dict[str, Param] = {"request": problem.request}
    if problem.event is not None:
        params["event"] = _event(problem.event)
    if problem.on is not None:
        params["date"] = Date(problem.on)
    if other is not None and problem.other is not None:
        params[other] = _event(problem.other)
    if other_on is not None and problem.other_on is not None:
        params[other_on] = Date(problem.other_on)
    return message, params


def say_problem(problem: Problem, lang: str) -> str:
    """A problem in one line, in one of the six languages."""
    message, params = wording(problem)
    return say(message, params, lang)


@rule(
    "STATUS-SEQUENCE", "error",
    summary=N_("A request's history is in an impossible order"),
    message=N_("Correct the dates of the request's history: nothing is acknowledged, confirmed or "
               "executed before the request was sent."),
    reference="good practice: a request's history, from sending to execution, kept in the order it happened",
    no_checklist="the checklist is confirmed before a request is sent; its history after sending is the register's",
)
def status_sequence(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case):
        for problem in problems(req, ctx.today):
            message, params = wording(problem)
            yield Hit.worded(f"{path}.{problem.path}", message, params)
