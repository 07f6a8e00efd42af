"""Named enforcement literals, one per rule group as the user wrote it (a field path).

In a normal solve no literal is created and every rule is hard. The explanation path asks for
guards, so each group can be switched off by an assumption and blamed by its field path.
"""

from __future__ import annotations

from ortools.sat.python import cp_model


class Guards:
    def __init__(self, model: cp_model.CpModel, enabled: bool = False) -> None:
        self.model = model
        self.enabled = enabled
        self.literals: dict[str, cp_model.IntVar] = {}

    def __call__(self, key: str) -> list[cp_model.IntVar]:
        """Literals to pass to `only_enforce_if` for the rule group `key` (none when disabled)."""
        if not self.enabled:
            return []
        if key not in self.literals:
            self.literals[key] = self.model.new_bool_var(f"guard[{key}]")
        return [self.literals[key]]
