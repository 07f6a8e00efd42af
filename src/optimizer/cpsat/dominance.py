"""Dominance breaking between interchangeable exercises; valid cuts, not user rules.

Two exercises with the same mechanic, primary and secondary muscles are indistinguishable to
every rule and to the objective except through their time. If A is no slower than B (per set
and in setup), any week using B but not A can swap B for A on the same day and lose nothing,
so we may require "B used => A used". That removes most of the symmetry between the catalog's
many equivalent curls, raises and rows, which otherwise makes proving optimality slow.
Candidate days depend only on primary muscles, so A can always take B's day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container

from ortools.sat.python import cp_model

from ..catalog import Exercise
from ..problem import ProblemData
from .variables import Variables


def profile(ex: Exercise) -> tuple[str, frozenset[str], frozenset[str]]:
    return (ex.mechanic, frozenset(ex.primary), frozenset(ex.secondary))


def dominates(a: Exercise, b: Exercise) -> bool:
    return a.set_seconds <= b.set_seconds and a.setup_seconds <= b.setup_seconds


def dominators(data: ProblemData, present: Container[str]) -> dict[str, str]:
    """{B: A} for each dominated exercise B among `present` ids and the nearest exercise A that
    dominates it. Shared by the cuts, the warm start (hint.py), which must respect them, and
    the MIP baseline (benchmarks/mip.py), which adds the same cuts."""
    groups: dict[tuple, list[Exercise]] = defaultdict(list)
    for ex in data.usable:
        if ex.id in present:
            groups[profile(ex)].append(ex)
    out: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda e: (e.set_seconds + e.setup_seconds, e.set_seconds, e.id))
        for k, b in enumerate(members):
            if b.id in data.required:
                continue
            a = next((m for m in reversed(members[:k]) if dominates(m, b)), None)
            if a is not None:
                out[b.id] = a.id
    return out


def add(model: cp_model.CpModel, data: ProblemData, v: Variables) -> int:
    """Add `B used => A used` for each dominated B; returns how many were added."""
    pairs = dominators(data, v.by_exercise)
    for b, a in pairs.items():
        used_a = sum(i.use for i in v.by_exercise[a])
        used_b = sum(i.use for i in v.by_exercise[b])
        model.add(used_b <= used_a)
    return len(pairs)
