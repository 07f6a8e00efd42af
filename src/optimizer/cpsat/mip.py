"""The CP-SAT model, translated constraint by constraint into a mixed-integer program for HiGHS.

Why translate instead of writing a second model: the rules are written once (`cpsat/rules/`),
so the MIP can never drift from them; the benchmark's HiGHS baseline and the second-core race
(`race.py`) solve exactly the model CP-SAT solves, cuts and objective included.

Our models use linear constraints, `bool_or`, `bool_and`, `at_most_one` and `exactly_one`, each
possibly with enforcement literals (written with big-M from the variables' bounds). Anything
else is refused (`Untranslatable`), so a new kind of constraint fails loudly in the tests.

HiGHS runs through `highspy` (not MathOpt's bundled copy): it can be stopped from another
thread (`cancelSolve`), which the race needs, and it takes the arrays directly, which builds
the model ~10x faster. Tolerances: the objective can reach ~1e12 (the tier weights), so a
relative gap means nothing; the relative gap is 0 and the absolute gap just under 1, since
every coefficient is an integer: a gap below 1 is a proof, the same one CP-SAT gives.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import numpy as np
from highspy import _core as highs
from ortools.sat.python import cp_model

from ..catalog import Exercise
from .variables import Item

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
ABSOLUTE_GAP = 0.999
INF = float("inf")


class Untranslatable(ValueError):
    """A constraint kind the translation does not cover."""


@dataclass
class Translated:
    """The MIP as HiGHS's arrays: columns are CP-SAT's variables, by index."""

    col_lower: np.ndarray
    col_upper: np.ndarray
    cost: np.ndarray  # minimised, as CP-SAT's proto stores it
    scale: float  # CP-SAT's objective = scale x (minimised sum + offset); -1 when maximising
    offset: float
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    index: list[int] = field(default_factory=list)
    value: list[float] = field(default_factory=list)

    @property
    def size(self) -> dict[str, int]:
        return {"variables": len(self.cost), "constraints": len(self.row_lower)}

    def add_row(self, terms: dict[int, float], low: float, high: float) -> None:
        self.starts.append(len(self.index))
        for var, coeff in terms.items():
            if coeff:
                self.index.append(var)
                self.value.append(coeff)
        self.row_lower.append(low)
        self.row_upper.append(high)


def _interval(domain: list[int], what: str) -> tuple[float, float]:
    if len(domain) != 2:
        raise Untranslatable(f"{what} has a domain with holes")
    low = -INF if domain[0] <= INT64_MIN else float(domain[0])
    high = INF if domain[1] >= INT64_MAX else float(domain[1])
    return low, high


class _Expr:
    """A linear expression: {variable: coefficient} + constant."""

    __slots__ = ("constant", "terms")

    def __init__(self) -> None:
        self.terms: dict[int, float] = {}
        self.constant = 0.0

    def add_var(self, var: int, coeff: float) -> None:
        self.terms[var] = self.terms.get(var, 0.0) + coeff

    def add_literal(self, ref: int, coeff: float) -> None:
        """coeff x literal (a negated literal is 1 - x)."""
        if ref >= 0:
            self.add_var(ref, coeff)
        else:
            self.add_var(-ref - 1, -coeff)
            self.constant += coeff

    def add_off(self, enforce: list[int], coeff: float) -> None:
        """coeff x (number of enforcement literals that do not hold): 0 when all hold."""
        for ref in enforce:
            self.constant += coeff
            self.add_literal(ref, -coeff)


def translate(cp: cp_model.CpModel) -> Translated:
    proto = cp.proto
    n = len(proto.variables)
    lower = np.empty(n)
    upper = np.empty(n)
    for k, var in enumerate(proto.variables):
        lower[k], upper[k] = _interval(list(var.domain), f"variable {k}")
    obj = proto.objective
    cost = np.zeros(n)
    for v, a in zip(obj.vars, obj.coeffs, strict=True):
        cost[v] += a
    t = Translated(lower, upper, cost, obj.scaling_factor or 1.0, float(obj.offset))

    def span(vars_: list[int], coeffs: list[int]) -> tuple[float, float]:
        low = high = 0.0
        for v, a in zip(vars_, coeffs, strict=True):
            low += min(a * lower[v], a * upper[v])
            high += max(a * lower[v], a * upper[v])
        return low, high

    def row(expr: _Expr, low: float, high: float) -> None:
        t.add_row(expr.terms, low - expr.constant, high - expr.constant)

    for k, c in enumerate(proto.constraints):
        enforce = list(c.enforcement_literal)
        if c.has_linear():
            vars_, coeffs = list(c.linear.vars), list(c.linear.coeffs)
            low, high = _interval(list(c.linear.domain), f"constraint {k}")
            least, most = span(vars_, coeffs)
            if low > -INF and least < low:  # expr + (low - least) x off >= low
                e = _Expr()
                for v, a in zip(vars_, coeffs, strict=True):
                    e.add_var(v, a)
                e.add_off(enforce, low - least)
                row(e, low, INF)
            if high < INF and most > high:  # expr - (most - high) x off <= high
                e = _Expr()
                for v, a in zip(vars_, coeffs, strict=True):
                    e.add_var(v, a)
                e.add_off(enforce, -(most - high))
                row(e, -INF, high)
        elif c.has_bool_or():
            e = _Expr()
            for r in c.bool_or.literals:
                e.add_literal(r, 1.0)
            e.add_off(enforce, 1.0)
            row(e, 1.0, INF)
        elif c.has_bool_and():
            for r in c.bool_and.literals:
                e = _Expr()
                e.add_literal(r, 1.0)
                e.add_off(enforce, 1.0)
                row(e, 1.0, INF)
        elif c.has_at_most_one() or c.has_exactly_one():
            literals = c.at_most_one.literals if c.has_at_most_one() else c.exactly_one.literals
            e = _Expr()
            for r in literals:
                e.add_literal(r, 1.0)
            most = _Expr()
            most.terms, most.constant = dict(e.terms), e.constant
            most.add_off(enforce, -float(len(literals)))
            row(most, -INF, 1.0)
            if c.has_exactly_one():
                e.add_off(enforce, 1.0)
                row(e, 1.0, INF)
        else:
            raise Untranslatable(f"constraint {k} is not linear or boolean")
    return t


@dataclass
class MipOutcome:
    status: str  # optimal | feasible | infeasible | unknown
    values: list[int] | None  # one per CP-SAT variable, by index
    objective: float | None  # on CP-SAT's scale (a maximised objective stays maximised)
    bound: float | None
    seconds: float
    detail: str = ""


#: The interrupt points HiGHS offers a callback at: `stop` is looked at in each.
INTERRUPTS = (
    highs.cb.HighsCallbackType.kCallbackSimplexInterrupt,
    highs.cb.HighsCallbackType.kCallbackIpmInterrupt,
    highs.cb.HighsCallbackType.kCallbackMipInterrupt,
)


def _interrupt(kind: object, message: str, out: object, data_in: object, stop: object) -> None:
    if stop is not None and stop.is_set():  # type: ignore[attr-defined]
        data_in.user_interrupt = True  # type: ignore[attr-defined]


def highs_model(
    t: Translated, time_limit: float, *, absolute_gap: float, seed: int
) -> highs._Highs:
    """The core class, not `highspy.Highs`: the wrapper prints HiGHS's banner on stdout when
    it installs its callbacks, which would corrupt the CLI's JSON output."""
    h = highs._Highs()
    h.setOptionValue("output_flag", False)
    for name, value in (
        ("threads", 1),
        ("time_limit", float(time_limit)),
        ("mip_rel_gap", 0.0),
        ("mip_abs_gap", float(absolute_gap)),
        ("random_seed", int(seed)),
    ):
        h.setOptionValue(name, value)
    n = len(t.cost)
    h.addCols(n, t.cost, t.col_lower, t.col_upper, 0, [], [], [])
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.ones(n, dtype=np.uint8))
    h.addRows(
        len(t.row_lower),
        np.array(t.row_lower),
        np.array(t.row_upper),
        len(t.index),
        np.array(t.starts, dtype=np.int32),
        np.array(t.index, dtype=np.int32),
        np.array(t.value),
    )
    h.changeObjectiveSense(highs.ObjSense.kMinimize)
    h.changeObjectiveOffset(t.offset)
    return h


def solve(
    t: Translated,
    time_limit: float,
    *,
    absolute_gap: float = ABSOLUTE_GAP,
    seed: int = 0,
    stop: threading.Event | None = None,
) -> MipOutcome:
    """Solve with HiGHS, one thread, a wall-clock limit and an exact (integer) gap. `stop`:
    an event another thread sets to end the search (the best week so far is kept)."""
    started = time.perf_counter()
    h = highs_model(t, time_limit, absolute_gap=absolute_gap, seed=seed)
    if stop is not None:
        h.setCallback(_interrupt, stop)
        for kind in INTERRUPTS:
            h.startCallback(kind)
    h.run()
    seconds = time.perf_counter() - started
    status = h.getModelStatus()
    detail = h.modelStatusToString(status)
    if status == highs.HighsModelStatus.kInfeasible:
        return MipOutcome("infeasible", None, None, None, seconds, detail)
    info = h.getInfo()
    if info.primal_solution_status != 2:  # kSolutionStatusFeasible
        return MipOutcome("unknown", None, None, None, seconds, detail)
    values = [round(x) for x in h.getSolution().col_value]
    obj = t.scale * info.objective_function_value
    bound = t.scale * info.mip_dual_bound
    optimal = status == highs.HighsModelStatus.kOptimal
    return MipOutcome("optimal" if optimal else "feasible", values, obj, bound, seconds, detail)


def chosen(items: list[Item], values: list[int]) -> dict[str, list[tuple[Exercise, int]]]:
    """The week a MIP solution holds, read through the CP-SAT variables' indices."""
    out: dict[str, list[tuple[Exercise, int]]] = {}
    for item in items:
        out.setdefault(item.day, [])
        if values[item.use.index] > 0:
            out[item.day].append((item.exercise, values[item.sets.index]))
    return out
