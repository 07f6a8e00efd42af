"""The filters as rule groups, for the full model (explanations, repairs, what-if analysis).

The optimizing path applies these filters before the model is built (problem.py), which is
faster. The full model keeps every exercise on all seven days and states each filter here,
so a conflict can name `equipment`, `experience`, `avoid...`, `split.<day>` or `days`, and a
repair can relax exactly one of them: add an item, raise the level, change a day's focus,
add a training day.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from ...catalog import LEVELS
from ...problem import ProblemData
from ..relax import COST_ADD_DAY, COST_ADD_EQUIPMENT, COST_FOCUS_CHANGE, COST_LEVEL, Relax
from ..variables import Item, Variables

FOCUS_ORDER = ("lower", "push", "pull", "upper", "full")


def _forbid(model: cp_model.CpModel, items: list[Item], enforce: list[cp_model.IntVar]) -> None:
    for item in items:
        model.add(item.use == 0).only_enforce_if(enforce)


def add(model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
    if not data.full:
        return
    c = data.constraints
    vocab = data.catalog.vocabulary
    _equipment(model, data, v, relax)
    _experience(model, data, v, relax)
    for i, ex_id in enumerate(c.avoid.exercises):
        _forbid(model, v.by_exercise.get(ex_id, []), relax.on(f"avoid.exercises[{i}]"))
    for i, muscle in enumerate(c.avoid.muscles):
        hit = [it for it in v.items if muscle in (*it.exercise.primary, *it.exercise.secondary)]
        _forbid(model, hit, relax.on(f"avoid.muscles[{i}]"))
    for day in data.training_days:
        focus = data.focus[day]
        if focus == "full":
            continue
        key = f"split.{day}"
        if relax.is_elastic(key):
            rank = {f: n for n, f in enumerate(FOCUS_ORDER)}
            picks = relax.choice(
                key,
                FOCUS_ORDER,
                {f: 0 if f == focus else COST_FOCUS_CHANGE + rank[f] for f in FOCUS_ORDER},
            )
            for item in v.by_day[day]:
                allowed = [
                    picks[f] for f in FOCUS_ORDER if set(item.exercise.primary) <= vocab.focuses[f]
                ]
                model.add(item.use <= sum(allowed))
        else:
            outside = [
                it for it in v.by_day[day] if not set(it.exercise.primary) <= vocab.focuses[focus]
            ]
            _forbid(model, outside, relax.on(key))
    rest_days = [d for d in data.days if d not in data.training_days]
    if relax.is_elastic("days"):
        for day in rest_days:
            added = relax.flag("days", day, COST_ADD_DAY)
            for item in v.by_day[day]:
                model.add(item.use <= added)
    else:
        _forbid(model, [it for d in rest_days for it in v.by_day[d]], relax.on("days"))


def _equipment(model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
    owned = data.owned
    lacking = [it for it in v.items if not it.exercise.usable_with(owned)]
    if not relax.is_elastic("equipment"):
        _forbid(model, lacking, relax.on("equipment"))
        return
    for item in lacking:
        for group in item.exercise.equipment:
            if not any(i in owned for i in group):
                model.add(
                    item.use <= sum(relax.flag("equipment", i, COST_ADD_EQUIPMENT) for i in group)
                )


def _experience(model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
    level = LEVELS.index(data.constraints.experience)
    above = [it for it in v.items if LEVELS.index(it.exercise.level) > level]
    if not above:
        return
    if not relax.is_elastic("experience"):
        _forbid(model, above, relax.on("experience"))
        return
    options = LEVELS[level:]
    picks = relax.choice(
        "experience", options, {lv: (n) * COST_LEVEL for n, lv in enumerate(options)}
    )
    for item in above:
        ok = [picks[lv] for lv in options if LEVELS.index(lv) >= LEVELS.index(item.exercise.level)]
        model.add(item.use <= sum(ok))
