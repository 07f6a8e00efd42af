"""The same model as a mixed-integer program, solved by HiGHS through OR-Tools MathOpt.

This is the baseline a PuLP / HiGHS user would write: one binary `use` and one integer `sets`
per (day, candidate exercise), the same linear rules as `optimizer/cpsat/rules/` (linking,
no repeat, time budget, per-session caps, weekly maximums and strict minimums, recovery with
"trained as primary" flags, required exercises), the same optional dominance cuts, and the
same weighted objective (coverage capped at each min, pair flags, minus exercise seconds).

HiGHS runs inside the ortools wheel (`mathopt.SolverType.HIGHS`), so no second package is
needed. `highspy` 1.15.x cannot be imported beside ortools 9.15 (undefined symbols, both
orders); 1.16.0 can (checked here, see the README's benchmark section). We do not depend on it.

Tolerances: HiGHS stops by default at a 0.01 % relative gap, which on this objective (up to
~1e10, where one saved second is worth 1) would call "optimal" a week that is several pairs
short. So the relative gap is 0 and the absolute gap 0.999: every objective coefficient is an
integer, so a gap below 1 proves optimality, the same proof CP-SAT gives.
"""

from __future__ import annotations

import datetime
import time
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.math_opt.python import mathopt
from ortools.math_opt.solvers import highs_pb2

from optimizer.catalog import Exercise
from optimizer.cpsat.dominance import dominators
from optimizer.problem import ProblemData


@dataclass
class MipModel:
    """A built MathOpt model plus the variables needed to read a week back."""

    model: mathopt.Model
    items: list[tuple[str, Exercise, mathopt.Variable, mathopt.Variable]]
    build_seconds: float

    @property
    def size(self) -> dict[str, int]:
        return {
            "variables": len(list(self.model.variables())),
            "constraints": len(list(self.model.linear_constraints())),
        }


@dataclass
class MipResult:
    status: str  # optimal | feasible | infeasible | unknown
    chosen: dict[str, list[tuple[Exercise, int]]] = field(default_factory=dict)
    objective: float | None = None
    best_bound: float | None = None
    solve_seconds: float = 0.0
    detail: str = ""


def build(data: ProblemData, *, cuts: bool = True) -> MipModel:
    """The MIP of `data` (filtered problem), rule for rule as the CP-SAT model."""
    started = time.perf_counter()
    m = mathopt.Model(name=data.constraints.client)
    items: list[tuple[str, Exercise, mathopt.Variable, mathopt.Variable]] = []
    by_day: dict[str, list[tuple[Exercise, mathopt.Variable, mathopt.Variable]]] = {}
    by_ex: dict[str, list[mathopt.Variable]] = defaultdict(list)
    for day in data.days:
        by_day[day] = []
        for ex in data.candidates[day]:
            use = m.add_binary_variable(name=f"use[{day},{ex.id}]")
            sets = m.add_integer_variable(lb=0, ub=data.sets_max, name=f"sets[{day},{ex.id}]")
            items.append((day, ex, use, sets))
            by_day[day].append((ex, use, sets))
            by_ex[ex.id].append(use)
    # selection: sets follow use; no exercise twice a week
    for _, _, use, sets in items:
        m.add_linear_constraint(sets <= data.sets_max * use)
        m.add_linear_constraint(sets >= data.sets_min * use)
    for uses in by_ex.values():
        if len(uses) > 1:
            m.add_linear_constraint(mathopt.fast_sum(uses) <= 1)
    # time budget
    for day in data.days:
        if by_day[day]:
            m.add_linear_constraint(_seconds(by_day[day]) <= data.budget_seconds[day])
    # volume: per-session cap, weekly max, strict min (half-sets)
    cap = data.session_cap_half_sets
    for day in data.days:
        for muscle in data.muscles:
            credited = [(ex.credit(muscle), s) for ex, _, s in by_day[day] if ex.credit(muscle)]
            if sum(c for c, _ in credited) * data.sets_max > cap:
                m.add_linear_constraint(mathopt.fast_sum(c * s for c, s in credited) <= cap)
    half: dict[str, mathopt.LinearExpression] = {}
    for muscle in data.muscles:
        credited = [(ex.credit(muscle), s) for _, ex, _, s in items if ex.credit(muscle)]
        if credited:
            half[muscle] = mathopt.fast_sum(c * s for c, s in credited)
            reach = sum(c for c, _ in credited) * data.sets_max
            spec = data.targets.get(muscle)
            if spec and spec.max_half_sets is not None and reach > spec.max_half_sets:
                m.add_linear_constraint(half[muscle] <= spec.max_half_sets)
    for muscle, spec in data.targets.items():
        if spec.strict and spec.min_half_sets > 0:
            # no credited candidate: a constraint with no terms and lb > 0 (infeasible, as in
            # the CP-SAT model)
            m.add_linear_constraint(lb=spec.min_half_sets, expr=half.get(muscle, 0))
    # recovery: trained[m, d] >= use of every item with m primary; close days exclude each other
    close_days = {d for pair in data.close_pairs for d in pair}
    trained: dict[tuple[str, str], mathopt.Variable] = {}
    for day in sorted(close_days):
        for ex, use, _ in by_day[day]:
            for muscle in ex.primary:
                if (muscle, day) not in trained:
                    trained[(muscle, day)] = m.add_binary_variable(name=f"trained[{muscle},{day}]")
                m.add_linear_constraint(use <= trained[(muscle, day)])
    for a, b in data.close_pairs:
        for muscle in data.muscles:
            if (muscle, a) in trained and (muscle, b) in trained:
                m.add_linear_constraint(trained[(muscle, a)] + trained[(muscle, b)] <= 1)
    # required
    for ex_id in data.required:
        m.add_linear_constraint(mathopt.fast_sum(by_ex.get(ex_id, [])) >= 1)
    if cuts:
        _dominance(m, data, by_ex)
    _objective(m, data, by_day, half)
    return MipModel(m, items, time.perf_counter() - started)


def _seconds(day_items: list[tuple[Exercise, mathopt.Variable, mathopt.Variable]]):
    return mathopt.fast_sum(
        ex.set_seconds * sets + ex.setup_seconds * use for ex, use, sets in day_items
    )


def _dominance(m: mathopt.Model, data: ProblemData, by_ex: dict[str, list]) -> None:
    """The valid cuts of cpsat/dominance.py: a dominated exercise only with its dominator."""
    for b, a in dominators(data, by_ex).items():
        m.add_linear_constraint(mathopt.fast_sum(by_ex[b]) <= mathopt.fast_sum(by_ex[a]))


def _objective(m: mathopt.Model, data: ProblemData, by_day: dict, half: dict) -> None:
    attain = []
    for muscle, spec in data.targets.items():
        goal = spec.min_half_sets
        if goal <= 0 or spec.priority <= 0 or muscle not in half:
            continue
        covered = m.add_integer_variable(lb=0, ub=goal, name=f"covered[{muscle}]")
        m.add_linear_constraint(covered <= half[muscle])
        attain.append(spec.priority * covered)
    pairs = []
    if data.reward_pairs:
        wanted = [mu for mu, spec in data.targets.items() if spec.priority > 0]
        for day in data.days:
            for muscle in wanted:
                iso = [
                    u
                    for ex, u, _ in by_day[day]
                    if ex.mechanic == "isolation" and muscle in ex.primary
                ]
                comp = [
                    u
                    for ex, u, _ in by_day[day]
                    if ex.mechanic == "compound" and muscle in ex.primary
                ]
                if not iso or not comp:
                    continue
                pair = m.add_binary_variable(name=f"pair[{day},{muscle}]")
                m.add_linear_constraint(pair <= mathopt.fast_sum(iso))
                m.add_linear_constraint(pair <= mathopt.fast_sum(comp))
                pairs.append(pair)
    seconds = mathopt.fast_sum(_seconds(by_day[day]) for day in data.days)
    pair_weight = data.pair_weight
    attainment_weight = pair_weight * (len(pairs) + 1)
    m.maximize(
        attainment_weight * mathopt.fast_sum(attain)
        + pair_weight * mathopt.fast_sum(pairs)
        - seconds
    )


def solve(built: MipModel, time_limit: float) -> MipResult:
    """Solve with HiGHS, one thread, a wall-clock limit, and an exact (integer) optimality gap."""
    highs = highs_pb2.HighsOptionsProto()
    highs.int_options["threads"] = 1
    highs.bool_options["output_flag"] = False  # HiGHS prints some MIP debug lines otherwise
    params = mathopt.SolveParameters(
        time_limit=datetime.timedelta(seconds=time_limit),
        relative_gap_tolerance=0.0,
        absolute_gap_tolerance=0.999,
        highs=highs,
    )
    started = time.perf_counter()
    result = mathopt.solve(built.model, mathopt.SolverType.HIGHS, params=params)
    wall = time.perf_counter() - started
    reason = result.termination.reason
    out = MipResult(status="unknown", solve_seconds=wall, detail=str(result.termination.detail))
    if reason == mathopt.TerminationReason.INFEASIBLE:
        out.status = "infeasible"
        return out
    if not result.has_primal_feasible_solution():
        return out
    out.status = "optimal" if reason == mathopt.TerminationReason.OPTIMAL else "feasible"
    values = result.variable_values()
    chosen: dict[str, list[tuple[Exercise, int]]] = {}
    for day, ex, use, sets in built.items:
        chosen.setdefault(day, [])
        if values[use] > 0.5:
            chosen[day].append((ex, round(values[sets])))
    out.chosen = chosen
    out.objective = result.objective_value()
    out.best_bound = result.termination.objective_bounds.dual_bound
    return out
