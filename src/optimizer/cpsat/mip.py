"""The CP-SAT model, translated constraint by constraint into a mixed-integer program for HiGHS.

Why translate instead of writing a second model: the rules are written once (`cpsat/rules/`),
so the MIP can never drift from them; the benchmark's HiGHS baseline and the second-core race
(`race.py`) solve exactly the model CP-SAT solves, cuts and objective included.

Our models use linear constraints, `bool_or`, `bool_and`, `at_most_one` and `exactly_one`, each
possibly with enforcement literals (written with big-M from the variables' bounds). Anything
else is refused (`Untranslatable`), so a new kind of constraint fails loudly in the tests.

HiGHS runs inside the ortools wheel (MathOpt), so no second package is needed. Tolerances: the
objective can reach ~1e12 (the tier weights), so a relative gap means nothing; the relative gap
is 0 and the absolute gap just under 1, since every coefficient is an integer: a gap below 1 is
a proof, the same one CP-SAT gives.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from ortools.math_opt.python import mathopt
from ortools.math_opt.solvers import highs_pb2
from ortools.sat.python import cp_model

from ..catalog import Exercise
from .variables import Item

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
ABSOLUTE_GAP = 0.999


class Untranslatable(ValueError):
    """A constraint kind the translation does not cover."""


@dataclass
class Translated:
    model: mathopt.Model
    variables: list[mathopt.Variable]
    scale: float  # CP-SAT's objective = scale x (minimised sum + offset); -1 when maximising
    offset: float


def _interval(domain: list[int], what: str) -> tuple[float, float]:
    if len(domain) != 2:
        raise Untranslatable(f"{what} has a domain with holes")
    low = -float("inf") if domain[0] <= INT64_MIN else float(domain[0])
    high = float("inf") if domain[1] >= INT64_MAX else float(domain[1])
    return low, high


def translate(cp: cp_model.CpModel) -> Translated:
    proto = cp.proto
    m = mathopt.Model(name="pre-exhaust")
    xs: list[mathopt.Variable] = []
    bounds: list[tuple[float, float]] = []
    for k, var in enumerate(proto.variables):
        low, high = _interval(list(var.domain), f"variable {k}")
        bounds.append((low, high))
        xs.append(m.add_integer_variable(lb=low, ub=high, name=f"x{k}"))

    def lit(ref: int) -> mathopt.LinearExpression:
        return xs[ref] if ref >= 0 else 1 - xs[-ref - 1]

    def span(vars_: list[int], coeffs: list[int]) -> tuple[float, float]:
        low = high = 0.0
        for v, a in zip(vars_, coeffs, strict=True):
            lo, hi = bounds[v]
            low += min(a * lo, a * hi)
            high += max(a * lo, a * hi)
        return low, high

    for k, c in enumerate(proto.constraints):
        enforce = list(c.enforcement_literal)
        off = sum(1 - lit(e) for e in enforce) if enforce else 0  # 0 when all hold
        if c.has_linear():
            vars_, coeffs = list(c.linear.vars), list(c.linear.coeffs)
            low, high = _interval(list(c.linear.domain), f"constraint {k}")
            expr = mathopt.fast_sum(a * xs[v] for v, a in zip(vars_, coeffs, strict=True))
            least, most = span(vars_, coeffs)
            if low > -float("inf") and least < low:
                m.add_linear_constraint(
                    expr >= low - (low - least) * off if enforce else expr >= low
                )
            if high < float("inf") and most > high:
                m.add_linear_constraint(
                    expr <= high + (most - high) * off if enforce else expr <= high
                )
        elif c.has_bool_or():
            m.add_linear_constraint(mathopt.fast_sum(lit(r) for r in c.bool_or.literals) + off >= 1)
        elif c.has_bool_and():
            for r in c.bool_and.literals:
                m.add_linear_constraint(lit(r) + off >= 1)
        elif c.has_at_most_one() or c.has_exactly_one():
            literals = c.at_most_one.literals if c.has_at_most_one() else c.exactly_one.literals
            total = mathopt.fast_sum(lit(r) for r in literals)
            n = len(literals)
            m.add_linear_constraint(total <= 1 + n * off if enforce else total <= 1)
            if c.has_exactly_one():
                m.add_linear_constraint(total + off >= 1)
        else:
            raise Untranslatable(f"constraint {k} is not linear or boolean")
    obj = proto.objective
    scale = obj.scaling_factor or 1.0
    if len(obj.vars):
        m.minimize(
            mathopt.fast_sum(
                a * xs[v] for v, a in zip(list(obj.vars), list(obj.coeffs), strict=True)
            )
        )
    return Translated(m, xs, scale, float(obj.offset))


@dataclass
class MipOutcome:
    status: str  # optimal | feasible | infeasible | unknown
    values: list[int] | None  # one per CP-SAT variable, by index
    objective: float | None  # on CP-SAT's scale (a maximised objective stays maximised)
    bound: float | None
    seconds: float
    detail: str = ""


def solve(t: Translated, time_limit: float, *, hint: list[int] | None = None) -> MipOutcome:
    highs = highs_pb2.HighsOptionsProto()
    highs.int_options["threads"] = 1
    highs.bool_options["output_flag"] = False  # HiGHS prints some MIP debug lines otherwise
    params = mathopt.SolveParameters(
        time_limit=datetime.timedelta(seconds=time_limit),
        relative_gap_tolerance=0.0,
        absolute_gap_tolerance=ABSOLUTE_GAP,
        highs=highs,
    )
    model_params = None
    if hint is not None:
        model_params = mathopt.ModelSolveParameters(
            solution_hints=[
                mathopt.SolutionHint(
                    variable_values={x: float(v) for x, v in zip(t.variables, hint, strict=True)}
                )
            ]
        )
    started = time.perf_counter()
    result = mathopt.solve(
        t.model, mathopt.SolverType.HIGHS, params=params, model_params=model_params
    )
    seconds = time.perf_counter() - started
    reason = result.termination.reason
    detail = str(result.termination.detail)
    if reason == mathopt.TerminationReason.INFEASIBLE:
        return MipOutcome("infeasible", None, None, None, seconds, detail)
    if not result.has_primal_feasible_solution():
        return MipOutcome("unknown", None, None, None, seconds, detail)
    values = [round(result.variable_values(x)) for x in t.variables]
    obj = t.scale * (result.objective_value() + t.offset)
    bound = t.scale * (result.termination.objective_bounds.dual_bound + t.offset)
    optimal = reason == mathopt.TerminationReason.OPTIMAL
    return MipOutcome("optimal" if optimal else "feasible", values, obj, bound, seconds, detail)


def chosen(items: list[Item], values: list[int]) -> dict[str, list[tuple[Exercise, int]]]:
    """The week a MIP solution holds, read through the CP-SAT variables' indices."""
    out: dict[str, list[tuple[Exercise, int]]] = {}
    for item in items:
        out.setdefault(item.day, [])
        if values[item.use.index] > 0:
            out[item.day].append((item.exercise, values[item.sets.index]))
    return out
