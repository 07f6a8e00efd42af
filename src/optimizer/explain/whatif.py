"""For a feasible file: which hard rules bind the best week, and what one step of each buys.

Each step is one edit of the file (10 more minutes on a day, 24 h less spacing, a level up,
2 more sets of a maximum at its limit, one avoid or require entry dropped), solved again with
the same optimizing model; "one more day", "one more item of equipment" and "another focus for
a day" are chosen by the solver itself from the full model with that group elastic and a
budget of one step. A rule binds when relaxing it improves the objective.
"""

from __future__ import annotations

from typing import Any

from ortools.sat.python import cp_model
from pydantic import BaseModel

from ..catalog import LEVELS, Catalog
from ..constraints import Constraints
from ..cpsat import solver as cpsat
from ..cpsat.relax import COST_ADD_DAY, COST_ADD_EQUIPMENT, COST_FOCUS_CHANGE
from ..errors import NoProgramError
from ..problem import build_problem
from ..program import Program
from .repairs import Edit, apply_edits, read_edits


class Terms(BaseModel):
    attainment: float
    pairs: int
    minutes: float
    status: str


class Relaxation(BaseModel):
    field: str
    step: str
    binding: bool
    gain_attainment: float
    gain_pairs: int
    gain_minutes: float
    status: str
    text: str


def terms_of(program: Program) -> Terms:
    t = program.objective_terms
    return Terms(
        attainment=t["attainment"],
        pairs=int(t["pairs"]),
        minutes=t["exercise_minutes"],
        status=program.status,
    )


def _better(new: Terms, base: Terms) -> bool:
    key_new = (new.attainment, new.pairs, -new.minutes)
    key_base = (base.attainment, base.pairs, -base.minutes)
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
    pairs = new.pairs - base.pairs
    minutes = round(new.minutes - base.minutes, 2)
    binding = _better(new, base)
    parts = []
    if gain:
        share = 100 * gain / attainment_max if attainment_max else 0
        parts.append(f"{gain:+g} weighted half-sets of target ({share:+.1f} points)")
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
        gain_pairs=pairs,
        gain_minutes=minutes,
        status=new.status,
        text=text,
    )


def _replan(c: Constraints, edits: list[Edit], catalog: Catalog, seconds: float) -> Terms | None:
    from ..planner import plan

    try:
        edited = apply_edits(c, edits, catalog.vocabulary)
        return terms_of(plan(edited, catalog, time_limit=seconds, workers=1))
    except NoProgramError:
        return None


def _best_step(
    c: Constraints, catalog: Catalog, group: str, budget: int, seconds: float
) -> tuple[list[Edit], Terms] | None:
    """The best single relaxation of `group`, chosen by the solver (full model, one step)."""
    data = build_problem(c, catalog, full=True)
    built = cpsat.build(data, elastic=frozenset({group}))
    built.model.add(built.relax.total_cost <= budget)
    solver = cp_model.CpSolver()
    cpsat.parameters(solver, c.solver.model_copy(update={"time_limit": seconds, "workers": 1}))
    status = solver.solve(built.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    edits = read_edits(c, built.relax, solver)
    if not edits:
        return None
    # score the chosen edit with the same optimizing model as the baseline
    terms = _replan(c, edits, catalog, seconds)
    return (edits, terms) if terms else None


def analyse(
    c: Constraints, catalog: Catalog, program: Program, seconds: float = 5.0
) -> list[Relaxation]:
    base = terms_of(program)
    top = program.objective_terms.get("attainment_max", 0) or 0
    out: list[Relaxation] = []

    def edit_step(field: str, step: str, edits: list[Edit]) -> None:
        out.append(_relaxation(field, step, _replan(c, edits, catalog, seconds), base, top))

    for day in c.days:
        minutes = c.session_minutes[day]
        if minutes + 10 <= 300:
            edit_step(
                f"session_minutes.{day}",
                f"session_minutes {minutes} -> {minutes + 10} on {day}",
                [
                    Edit(
                        field=f"session_minutes.{day}",
                        action="set",
                        value=minutes + 10,
                        before=minutes,
                        text="",
                    )
                ],
            )
    for group, budget, label in (
        ("days", COST_ADD_DAY, "one more training day"),
        ("equipment", COST_ADD_EQUIPMENT, "one more item of equipment"),
    ):
        if group == "days" and len(c.days) == 7:
            continue
        found = _best_step(c, catalog, group, budget, seconds)
        if found:
            edits, terms = found
            step = "; ".join(e.text for e in edits)
            out.append(_relaxation(group, f"{label} ({step})", terms, base, top))
        else:
            out.append(_relaxation(group, label, base, base, top))
    level = LEVELS.index(c.experience)
    if level + 1 < len(LEVELS):
        edit_step(
            "experience",
            f"experience {c.experience} -> {LEVELS[level + 1]}",
            [Edit(field="experience", action="set", value=LEVELS[level + 1], text="")],
        )
    if c.recovery_hours >= 24 and len(c.days) > 1:
        new = c.recovery_hours - 24
        edit_step(
            "recovery_hours",
            f"recovery_hours {c.recovery_hours} -> {new}",
            [Edit(field="recovery_hours", action="set", value=new, text="")],
        )
    for muscle, target in program.targets.items():
        if target.max is not None and target.sets >= target.max - 1e-9:
            edit_step(
                f"targets.{muscle}.max",
                f"targets.{muscle}.max {target.max:g} -> {target.max + 2:g}",
                [Edit(field=f"targets.{muscle}.max", action="set", value=target.max + 2, text="")],
            )
    if isinstance(c.split, dict):
        for day in c.days:
            if c.focus_of(day) == "full":
                continue
            key = f"split.{day}"
            found = _best_step(c, catalog, key, COST_FOCUS_CHANGE + 4, seconds)
            if found:
                edits, terms = found
                out.append(_relaxation(key, "; ".join(e.text for e in edits), terms, base, top))
    removable: list[tuple[str, Any]] = [
        *((f"require[{i}]", x) for i, x in enumerate(c.require)),
        *((f"avoid.exercises[{i}]", x) for i, x in enumerate(c.avoid.exercises)),
        *((f"avoid.muscles[{i}]", x) for i, x in enumerate(c.avoid.muscles)),
    ]
    for field, value in removable:
        name = field.split("[")[0]
        edit_step(
            field,
            f"remove {name}: {value}",
            [Edit(field=field, action="remove", value=value, text="")],
        )
    out.sort(key=lambda r: (not r.binding, -r.gain_attainment, -r.gain_pairs, r.gain_minutes))
    return out
