"""The shape of a rule group: everything about one rule of the client's file, in one place.

A rule group owns field paths of the constraints file (`session_minutes` owns
`session_minutes.mon`) and says, beside its model code:

- `add`: its constraints, in whichever mode the `Relax` asks for (hard; guarded by an
  assumption literal so a conflict can name it; elastic, relaxed by a slack, a choice, an
  addition or a drop at a cost, so a repair can be read back);
- `describe`: how one of its field paths reads in an explanation, in the file's own words;
- `edit`: which edit of the file a relaxation found by the solver stands for;
- `apply`: how that edit changes the file (the default sets a top-level field);
- `steps`: the one-step relaxations a "what if" analysis tries on a feasible file.

`relax.py`, `explain/words.py`, `explain/repairs.py`, `explain/conflicts.py` and
`explain/whatif.py` iterate over the registered groups (`rules/__init__.py`) instead of
branching on field names. The validator checks each group independently (validate/).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

from ortools.sat.python import cp_model

from ...constraints import Constraints
from ...edits import Edit
from ...problem import ProblemData
from ...program import Program
from ...vocabulary import Vocabulary
from ..relax import Relax, Relaxed, matches
from ..variables import Variables

# conflict search deletes low ranks first, so what is left leans towards the rules a client
# most readily changes (session length, required exercises, equipment)
LAST = 100


@dataclass(frozen=True)
class Step:
    """One relaxation a "what if" analysis tries: fixed `edits`, or (edits None) the best
    relaxation of the group `field` the solver finds within `budget` of relaxation cost."""

    field: str
    text: str
    edits: tuple[Edit, ...] | None = None
    budget: int = 0


class RuleGroup(ABC):
    """One rule of the constraints file, in every form the product needs it."""

    #: the group's name: its module, validator check and test file are named after it
    name: ClassVar[str]
    #: field paths (prefixes) of the constraints file this group owns
    fields: ClassVar[tuple[str, ...]]
    #: where the group is added to the model (rules/__init__.py): a new group goes last
    position: ClassVar[int]
    #: order of deletion when a conflict is shrunk (lower first); see LAST
    deletion_rank: ClassVar[int] = LAST

    def owns(self, key: str) -> bool:
        return any(matches(key.partition(":")[0], f) for f in self.fields)

    @abstractmethod
    def add(self, model: cp_model.CpModel, data: ProblemData, v: Variables, relax: Relax) -> None:
        """Add the group's constraints in the mode `relax` asks for, and nothing else."""

    def describe(self, key: str, c: Constraints) -> str:
        """`key` in the client's words, e.g. `session_minutes: 20 on mon`."""
        return key

    def edit(self, relaxed: Relaxed, c: Constraints) -> Edit | None:
        """The file edit a relaxation of this group stands for (None: nothing changed)."""
        return None

    def apply(self, edit: Edit, data: dict[str, Any], c: Constraints, vocab: Vocabulary) -> None:
        """Change the file's fields (`data`, a dump of `c`) as `edit` says."""
        data[edit.field] = edit.value

    def steps(self, c: Constraints, program: Program) -> list[Step]:
        """One-step relaxations worth trying on a feasible file whose best week is `program`."""
        return []


def set_edit(field: str, before: Any, after: Any, text: str) -> Edit:
    return Edit(field=field, action="set", before=before, value=after, text=text)


def forbid(model: cp_model.CpModel, items: list[Any], enforce: list[cp_model.IntVar]) -> None:
    """No item of `items` is used (while `enforce` holds)."""
    for item in items:
        model.add(item.use == 0).only_enforce_if(enforce)
