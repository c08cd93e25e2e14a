"""A request's recorded history (sent, acknowledged, confirmed, executed...) must be possible.

`mla-writer status` refuses to record an impossible event (and one dated after the evaluation
date); this rule catches an impossible order typed into a case file by hand. Dates in the future
are not a finding yet: the wizard, which evaluates every case as of a date of its own, has no
field for most events to lead the user to. The timeline itself is read by model/status.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Case
from ..model.status import sequence_problems
from .engine import Context, Hit, rule
from .walk import requests_of


@rule(
    "STATUS-SEQUENCE", "error",
    summary="A request's history is in an impossible order",
    message="Correct the dates of the request's history: nothing is acknowledged, confirmed or "
            "executed before the request was sent.",
    reference="mla-writer request status",
)
def status_sequence(case: Case, ctx: Context) -> Iterator[Hit]:
    for path, req in requests_of(case):
        for where, message in sequence_problems(req):
            yield Hit(f"{path}.{where}", message)
