"""For a feasible file: which hard rules bind the best week, and what one step of each buys.

Each rule group names its steps (cpsat/rules: `steps`). Most are one edit of the file (10
more minutes on a day, 24 h less spacing, a level up, 2 more sets of a maximum at its limit,
one avoid or require entry dropped), solved again with the same optimizing model; "one more
day", "one more item of equipment" and "another focus for a day" are chosen by the solver
itself from the full model with that group elastic and a budget of one step. A rule binds when
relaxing it improves the objective.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel

from ..catalog import Catalog
from ..constraints import Constraints
from ..cpsat import rules
from ..cpsat.diagnose import best_relaxation
from ..cpsat.rules import Step
from ..edits import Edit
from ..errors import NoProgramError
from ..problem import build_problem
from ..program import Program
from .repairs import apply_edits

if TYPE_CHECKING:
    from ..cpsat.solver import CancelEvent


class Terms(BaseModel):
    attainment: float
    value: int
    pairs: int
    minutes: float
    status: str


class Relaxation(BaseModel):
    field: str
    step: str
    binding: bool
    gain_attainment: float
    gain_value: int = 0  # coach-value points (README, The objective)
    gain_pairs: int
    gain_minutes: float
    status: str
    text: str


def terms_of(program: Program) -> Terms:
    t = program.objective_terms
    return Terms(
        attainment=t["attainment"],
        value=int(t.get("value", 0)),
        pairs=int(t["pairs"]),
        minutes=t["exercise_minutes"],
        status=program.status,
    )


def _better(new: Terms, base: Terms) -> bool:
    """Better in the objective's own order: attainment, then coach value, then time."""
    key_new = (new.attainment, new.value, -new.minutes)
    key_base = (base.attainment, base.value, -base.minutes)
    return key_new > key_base


def _relaxation(
    field: str, step: str, new: Terms | None, base: Terms, attainment_max: float
) -> Relaxation:
    if new is None:
        return Relaxation(
            field=field,
            step=step,
            binding=False,
            gain_attainment=0,
            gain_pairs=0,
            gain_minutes=0,
            status="no program",
            text=f"{step}: no program",
        )
    gain = new.attainment - base.attainment
    value = new.value - base.value
    pairs = new.pairs - base.pairs
    minutes = round(new.minutes - base.minutes, 2)
    binding = _better(new, base)
    parts = []
    if gain:
        share = 100 * gain / attainment_max if attainment_max else 0
        parts.append(f"{gain:+g} weighted half-sets of target ({share:+.1f} points)")
    if value:
        parts.append(f"{value:+d} coach-value points")
    if pairs:
        parts.append(f"{pairs:+d} pre-exhaust pair(s)")
    if minutes:
        parts.append(f"{minutes:+g} exercise minutes")
    text = f"{step}: " + (", ".join(parts) if binding and parts else "no gain")
    return Relaxation(
        field=field,
        step=step,
        binding=binding,
        gain_attainment=gain,
        gain_value=value,
        gain_pairs=pairs,
        gain_minutes=minutes,
        status=new.status,
        text=text,
    )


@dataclass
class Tally:
    """Solves run so far, and the time left: the explanation reports both (`solves`, and
    `complete` false when its `deadline`, a `time.perf_counter()` moment, cut it short)."""

    solves: int = 0
    deadline: float | None = None
    complete: bool = True
    #: set by the caller to stop (the service's, when the client has gone): as the deadline
    cancel: CancelEvent | None = None

    def out_of_time(self) -> bool:
        """The deadline has passed, or `cancel` is set: no further solve begins (the one
        running may overrun it)."""
        if self.deadline is not None and time.perf_counter() >= self.deadline:
            self.complete = False
        if self.cancel is not None and self.cancel.is_set():
            self.complete = False
        return not self.complete


def _replan(
    c: Constraints, edits: list[Edit], catalog: Catalog, seconds: float, tally: Tally
) -> Terms | None:
    from ..planner import plan

    tally.solves += 1
    try:
        edited = apply_edits(c, edits, catalog.vocabulary)
        return terms_of(plan(edited, catalog, time_limit=seconds, workers=1))
    except NoProgramError:
        return None


def _best_step(
    c: Constraints, catalog: Catalog, group: str, budget: int, seconds: float, tally: Tally
) -> tuple[list[Edit], Terms] | None:
    """The best single relaxation of `group`, chosen by the solver (full model, one step)."""
    data = build_problem(c, catalog, full=True)
    settings = c.solver.model_copy(update={"time_limit": seconds, "workers": 1})
    tally.solves += 1
    found = best_relaxation(data, group, budget, settings)
    if found is None:
        return None
    edits = rules.read_edits(c, found.relaxed)
    if not edits:
        return None
    # score the chosen edit with the same optimizing model as the baseline
    terms = _replan(c, edits, catalog, seconds, tally)
    return (edits, terms) if terms else None


def _try(
    step: Step,
    c: Constraints,
    catalog: Catalog,
    base: Terms,
    top: float,
    seconds: float,
    tally: Tally,
) -> Relaxation | None:
    """One step's relaxation: its fixed edits replanned, or the solver's best choice within
    its budget (a labelled step the solver cannot use is reported as no gain)."""
    if step.edits is not None:
        new = _replan(c, list(step.edits), catalog, seconds, tally)
        return _relaxation(step.field, step.text, new, base, top)
    found = _best_step(c, catalog, step.field, step.budget, seconds, tally)
    if found is None:
        return _relaxation(step.field, step.text, base, base, top) if step.text else None
    edits, terms = found
    chosen = "; ".join(e.text for e in edits)
    text = f"{step.text} ({chosen})" if step.text else chosen
    return _relaxation(step.field, text, terms, base, top)


def analyse(
    c: Constraints,
    catalog: Catalog,
    program: Program,
    seconds: float = 5.0,
    tally: Tally | None = None,
) -> list[Relaxation]:
    tally = tally if tally is not None else Tally()
    # every relaxation is replanned with `seconds`; the baseline too, so a gain is the rule's,
    # not a longer or polished first solve's (the file's own limit may be longer, and with 5 s
    # or more its week may have been polished, cpsat/polish.py)
    base = _replan(c, [], catalog, seconds, tally) or terms_of(program)
    top = program.objective_terms.get("attainment_max", 0) or 0
    out: list[Relaxation] = []
    for group in rules.GROUPS:
        for step in group.steps(c, program):
            if tally.out_of_time():
                break
            found = _try(step, c, catalog, base, top, seconds, tally)
            if found is not None:
                out.append(found)
    out.sort(key=lambda r: (not r.binding, -r.gain_attainment, -r.gain_value, r.gain_minutes))
    return out
