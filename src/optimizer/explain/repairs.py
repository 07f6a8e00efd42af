"""Repairs: the smallest edits to the file that make a week possible, found by the solver.

For one rule group at a time (or several), the full model is rebuilt with that group elastic
(relax.py: extra minutes, added days or items, a lower spacing, a different focus, a dropped
requirement) and everything else hard, and the solver minimises the cost of the relaxation.
The owning rule group reads the solution back as edits to the constraints file, which
`apply_edits` applies.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from ..constraints import Constraints, parse_constraints
from ..cpsat import rules
from ..cpsat.diagnose import cheapest_relaxation
from ..edits import Edit
from ..problem import ProblemData
from ..vocabulary import Vocabulary, default_vocabulary

__all__ = ["Edit", "Repair", "apply_edits", "solve_elastic"]


class Repair(BaseModel):
    edits: list[Edit]
    text: str
    effect: str = ""
    verified: bool = False
    cost: int = 0


def solve_elastic(data: ProblemData, elastic: set[str], seconds: float) -> Repair | None:
    """Minimise the cost of relaxing the `elastic` groups, all other rules hard."""
    found = cheapest_relaxation(data, elastic, seconds)
    if found is None:
        return None
    edits = rules.read_edits(data.constraints, found.relaxed)
    if not edits:
        return None
    return Repair(edits=edits, text="; ".join(e.text for e in edits), cost=found.cost)


def apply_edits(
    c: Constraints, edits: list[Edit], vocabulary: Vocabulary | None = None
) -> Constraints:
    """The constraints with the edits applied, validated like a file."""
    vocab = vocabulary or default_vocabulary()
    data = c.model_dump()
    removals: dict[str, set[int]] = {}
    for edit in edits:
        if edit.action == "remove":  # list entries go last, so earlier indexes stay valid
            match = re.fullmatch(r"(.+)\[(\d+)\]", edit.field)
            if match:
                removals.setdefault(match[1], set()).add(int(match[2]))
            continue
        group = rules.owner(edit.field)
        if group is None:
            data[edit.field] = edit.value
        else:
            group.apply(edit, data, c, vocab)
    for name, indexes in removals.items():
        *parents, last = name.split(".")
        holder = data
        for part in parents:
            holder = holder[part]
        holder[last] = [x for i, x in enumerate(holder[last]) if i not in indexes]
    return parse_constraints(data, vocabulary)
