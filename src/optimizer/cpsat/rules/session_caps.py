"""What the session-count rules share: at most N chosen exercises of a kind in one session."""

from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from ... import limits
from ...edits import Edit
from ...problem import ProblemData
from ..relax import Relax
from ..variables import Item, Variables
from .base import Step, set_edit

COST_PER_STEP = 10  # one more of the kind in every session: about one more set's worth


def add_caps(
    model: cp_model.CpModel,
    v: Variables,
    data: ProblemData,
    relax: Relax,
    key: str,
    cap: int,
    bound: limits.Range,
    groups: Callable[[list[Item]], list[list[Item]]],
) -> None:
    """`sum(use) <= cap` over each group of each day's items (a slack up to the field's own
    limit when elastic, so a repair stays a valid file)."""
    extra = relax.slack(key, int(bound.high) - cap, COST_PER_STEP)
    enforce = relax.enforce(key)
    for day in data.days:
        for items in groups(v.by_day[day]):
            if len(items) > cap:  # fewer candidates than the cap: it cannot bind
                model.add(sum(i.use for i in items) <= cap + extra).only_enforce_if(enforce)


def raised(field: str, before: int | None, amount: int) -> Edit | None:
    """The repair of a cap the solver raised by `amount`: "field 4 -> 6"."""
    if before is None:
        return None
    after = before + amount
    return set_edit(field, before, after, f"{field} {before} -> {after}")


def one_more(field: str, cap: int | None, bound: limits.Range, reached: bool) -> list[Step]:
    """The "what if" step: the cap one higher, when some session is at it."""
    if cap is None or cap >= bound.high or not reached:
        return []
    edit = set_edit(field, cap, cap + 1, "")
    return [Step(field, f"{field} {cap} -> {cap + 1}", (edit,))]
