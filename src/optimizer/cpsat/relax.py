"""How each rule group is enforced: hard, switchable by an assumption, or elastic.

Rule groups are named by their field path in the constraints file (`session_minutes.mon`,
`targets.chest.max`, `require[0]`), so an explanation can blame the user's own words.

- hard (the optimizing path): no literal, no slack; every rule holds.
- guarded (the explanation path): one Boolean per group, passed to `only_enforce_if`, so the
  model can be solved with any subset of groups switched on through assumptions.
- elastic (repairs and "what if" analysis): the named groups may be relaxed at a cost, and the
  cost terms are collected so a model can minimise them or cap them at one step.

Each rule group picks the costs of its own relaxations (cpsat/rules); they share one scale, so
the combined repair prefers small, cheap edits: 5 minutes weigh as much as one extra set.
After a solve, `Relax.readout` gives the relaxation as plain values (`Relaxed`), which the
owning group turns back into edits of the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from ortools.sat.python import cp_model

# the price of switching a whole rule off (dropping a `require` entry): above every one-step
# change of a number, below adding a day
COST_DROP = 40


def matches(key: str, prefix: str) -> bool:
    """`session_minutes.mon`, `require[0]` and `days:thu` belong to `session_minutes`,
    `require` and `days`; `targets` also owns `targets.chest.max`."""
    return key == prefix or key.startswith((f"{prefix}.", f"{prefix}[", f"{prefix}:"))


@dataclass(frozen=True)
class Relaxed:
    """One relaxation in a solved elastic model, as plain values (no solver objects).

    kind: `slack` (value: units added to a limit), `choice` (value: the option chosen),
    `add` (key `group:name`, value: the name added), `drop` (value: the key switched off).
    """

    kind: Literal["slack", "choice", "add", "drop"]
    key: str
    value: int | str


@dataclass
class Relax:
    model: cp_model.CpModel
    guarded: bool = False
    elastic: frozenset[str] = frozenset()
    literals: dict[str, cp_model.IntVar] = field(default_factory=dict)
    costs: list[tuple[str, cp_model.LinearExprT]] = field(default_factory=list)
    slacks: dict[str, cp_model.IntVar] = field(default_factory=dict)
    choices: dict[str, dict[str, cp_model.IntVar]] = field(default_factory=dict)

    def is_elastic(self, key: str) -> bool:
        return any(matches(key, e) for e in self.elastic)

    def on(self, key: str) -> list[cp_model.IntVar]:
        """Literals for `only_enforce_if` of the group `key` (none when the rule is hard).

        An elastic group's literal is free, and switching it off costs `COST_DROP`.
        """
        if not (self.guarded or self.is_elastic(key)):
            return []
        if key not in self.literals:
            lit = self.model.new_bool_var(f"rule[{key}]")
            self.literals[key] = lit
            if self.is_elastic(key):
                self.costs.append((key, COST_DROP * (1 - lit)))
        return [self.literals[key]]

    def enforce(self, key: str) -> list[cp_model.IntVar]:
        """Literals for a rule that relaxes by a slack or a choice when elastic: none then
        (the slack does the relaxing), the group's assumption when guarded."""
        return [] if self.is_elastic(key) else self.on(key)

    def slack(self, key: str, upper: int, unit_cost: int) -> cp_model.LinearExprT:
        """A non-negative relaxation of a numeric limit when `key` is elastic, else 0."""
        if not self.is_elastic(key) or upper <= 0:
            return 0
        if key not in self.slacks:
            var = self.model.new_int_var(0, upper, f"slack[{key}]")
            self.slacks[key] = var
            self.costs.append((key, unit_cost * var))
        return self.slacks[key]

    def choice(
        self, key: str, options: Iterable[str], costs: dict[str, int]
    ) -> dict[str, cp_model.IntVar]:
        """Exactly one option of an elastic group (a focus, a level), each with its cost."""
        if key not in self.choices:
            picks = {o: self.model.new_bool_var(f"choice[{key}={o}]") for o in options}
            self.model.add_exactly_one(picks.values())
            self.costs.append((key, sum(costs.get(o, 0) * v for o, v in picks.items())))
            self.choices[key] = picks
        return self.choices[key]

    def flag(self, key: str, name: str, cost: int) -> cp_model.IntVar:
        """A Boolean addition (a day, an item of equipment) of an elastic group, with its cost."""
        full = f"{key}:{name}"
        if full not in self.literals:
            lit = self.model.new_bool_var(f"add[{full}]")
            self.literals[full] = lit
            self.costs.append((key, cost * lit))
        return self.literals[full]

    @property
    def total_cost(self) -> cp_model.LinearExprT:
        return sum(expr for _, expr in self.costs)

    def readout(self, value: Callable[[cp_model.IntVar], int]) -> list[Relaxed]:
        """What the solution relaxed, in a fixed order (slacks, choices, then additions and
        dropped rules, each in creation order), read with `value` (the solver's)."""
        out: list[Relaxed] = []
        for key, var in self.slacks.items():
            amount = int(value(var))
            if amount > 0:
                out.append(Relaxed("slack", key, amount))
        for key, picks in self.choices.items():
            chosen = next(option for option, var in picks.items() if value(var))
            out.append(Relaxed("choice", key, chosen))
        for key, lit in self.literals.items():
            on = bool(value(lit))
            if ":" in key:
                if on:
                    out.append(Relaxed("add", key, key.partition(":")[2]))
            elif not on and self.is_elastic(key):
                out.append(Relaxed("drop", key, key))
        return out
