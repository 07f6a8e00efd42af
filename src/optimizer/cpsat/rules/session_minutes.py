"""session_minutes: each session fits its minutes, sets x (reps x seconds per rep + rest) +
setup + warm-up."""

from __future__ import annotations

from ortools.sat.python import cp_model

from ... import limits
from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData
from ...program import Program
from ..relax import Relax, Relaxed
from ..variables import Variables
from .base import RuleGroup, Step, set_edit

COST_PER_MINUTE = 1
WHAT_IF_MINUTES = 10  # the "what if" step: this many more minutes on one day


class SessionMinutes(RuleGroup):
    name = "session_minutes"
    position = 30
    fields = ("session_minutes",)

    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        for day in data.days:
            if not v.by_day[day]:
                continue
            if day not in data.training_days:
                # a day a repair may add: its length is ours (the client's longest), not a rule
                # of the file, so it is neither blamed nor stretched
                model.add(v.session_seconds(day) <= data.budget_seconds[day])
                continue
            key = f"{self.name}.{day}"
            # whole minutes added to the session, up to the file's limit (a repair must stay
            # valid)
            room = int(limits.SESSION_MINUTES.high) - data.constraints.session_minutes[day]
            extra = relax.slack(key, room, COST_PER_MINUTE)
            model.add(
                v.session_seconds(day) <= data.budget_seconds[day] + 60 * extra
            ).only_enforce_if(relax.enforce(key))

    def describe(self, key: str, c: Constraints) -> str:
        day = key.partition(".")[2]
        return f"session_minutes: {c.session_minutes[day]} on {day}"

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        day = relaxed.key.partition(".")[2]
        before = c.session_minutes[day]
        after = before + int(relaxed.value)
        return set_edit(relaxed.key, before, after, f"session_minutes {before} -> {after} on {day}")

    def apply(self, edit: Edit, data: dict, c: Constraints, vocab) -> None:
        data["session_minutes"][edit.field.partition(".")[2]] = edit.value

    def steps(self, c: Constraints, program: Program) -> list[Step]:
        out = []
        for day in c.days:
            minutes = c.session_minutes[day]
            if limits.SESSION_MINUTES.holds(minutes + WHAT_IF_MINUTES):
                after = minutes + WHAT_IF_MINUTES
                key = f"{self.name}.{day}"
                edit = set_edit(key, minutes, after, "")
                out.append(Step(key, f"session_minutes {minutes} -> {after} on {day}", (edit,)))
        return out


GROUP = SessionMinutes()
