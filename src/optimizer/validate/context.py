"""What every check reads: the `Violation` it reports and the `Week` built once per call.

`Week` holds the inputs (program, constraints, catalog, vocabulary, owned equipment, targets
in force) and the facts several checks need, recomputed from the program's own listing with
the validator's own arithmetic, never taken from the program's reported numbers or from the
model: each exercise's seconds, each session's minutes and fractional sets per muscle, the
weekly sets and the days each muscle is primary on.

A superset is read from the listing too: an isolation carrying a label (`superset`) rests
only the transition to its compound between sets, so its seconds count that transition in
place of its prescribed rest (its compound's are unchanged). Whether the labels form proper
supersets is `check_superset_labels`'s question, not a condition of the time: the time follows
what the program declares, so a malformed label is reported once, by the supersets checks,
rather than again as misreported minutes.

An exercise the catalog does not know has no facts to check against: `check_catalog` reports
it once, and it is left out of `Day.items`, so the other per-exercise checks skip it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog, Exercise
from ..constraints import Constraints, TargetSpec
from ..goals import Goal, default_goals, prescribe
from ..program import DayPlan, Program, ProgramExercise
from ..vocabulary import BODYWEIGHT, Vocabulary

TOLERANCE = 0.02  # minutes; outputs are rounded to 0.01
EPSILON = 1e-9  # slack for comparing sums of sets and minutes with the limits


@dataclass(frozen=True)
class Violation:
    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.where}: {self.message}"


def where(day: DayPlan, index: int, row: ProgramExercise) -> str:
    """How a violation names one listed exercise: `mon #2 leg_extension` (1-based)."""
    return f"{day.day} #{index + 1} {row.id}"


@dataclass(frozen=True)
class Item:
    """One listed exercise the catalog knows, with its catalog facts and recomputed seconds."""

    day: DayPlan
    index: int  # 0-based position in the session as listed
    row: ProgramExercise
    exercise: Exercise
    seconds: int  # sets x (reps_max x seconds_per_rep x sides + rest or transition) + setup
    # a superset's isolation: the seconds from its set to its compound's, which replace its
    # rest (in `seconds` and in what `rest_seconds` must say); None for every other row
    transition: int | None = None

    @property
    def where(self) -> str:
        return where(self.day, self.index, self.row)


@dataclass(frozen=True)
class Day:
    """One listed session: its known exercises and what they add up to."""

    plan: DayPlan
    items: tuple[Item, ...]
    minutes: float  # warm-up plus the known exercises' seconds / 60
    sets: dict[str, float]  # fractional sets per muscle: primary 1, secondary 0.5 per set


@dataclass(frozen=True)
class Week:
    """The inputs and the recomputed facts of one `validate` call."""

    program: Program
    constraints: Constraints
    catalog: Catalog
    vocabulary: Vocabulary
    owned: frozenset[str]
    targets: dict[str, TargetSpec]
    days: tuple[Day, ...]  # in the program's order, one per listed DayPlan
    weekly_sets: dict[str, float]  # summed over the sessions
    primary_days: dict[str, tuple[str, ...]]  # muscle -> days it is primary on, as listed
    goal: Goal  # the file's training goal, read from models/goals.yaml

    @property
    def items(self) -> tuple[Item, ...]:
        """Every known exercise of the week, in listed order."""
        return tuple(item for day in self.days for item in day.items)


def exercise_seconds(exercise: Exercise, sets: int, rest: int | None = None) -> int:
    """Session time of `sets` sets, at the top of the rep range, with the one-off setup.

    `rest` replaces the prescribed rest after each set: a superset's isolation rests only the
    transition to its compound, which is what makes a superset save time."""
    sides = 2 if exercise.unilateral else 1
    pause = exercise.rest_seconds if rest is None else rest
    per_set = exercise.reps_max * exercise.seconds_per_rep * sides + pause
    return sets * per_set + exercise.setup_seconds


def stations(row: ProgramExercise) -> frozenset[str]:
    """The equipment a row is done at; bodyweight is left out because it needs no station, so
    it never makes two exercises sit apart (or together)."""
    return frozenset(row.equipment) - {BODYWEIGHT}


def transition_seconds(
    constraints: Constraints, isolation: ProgramExercise, compound: ProgramExercise | None
) -> int:
    """The seconds from a superset's isolation set to its compound's set: the file's
    transition, twice that when the two are at different stations (both need equipment and
    share none), as the client then walks between them. Without a compound to walk to (a
    malformed superset, reported by the supersets checks) there is nothing to double."""
    seconds = constraints.superset_transition_seconds
    if compound is None:
        return seconds
    mine, theirs = stations(isolation), stations(compound)
    return 2 * seconds if mine and theirs and not mine & theirs else seconds


def superset_partner(rows: list[ProgramExercise], index: int) -> ProgramExercise | None:
    """The compound `rows[index]` is supersetted with, by its label: the first compound
    carrying the same label listed after it, else the first before it (so a superset listed
    the wrong way round or apart is still timed as one, and reported only for its shape)."""
    label = rows[index].superset
    if label is None:
        return None
    mates = [
        k
        for k, row in enumerate(rows)
        if k != index and row.superset == label and row.mechanic == "compound"
    ]
    after = [k for k in mates if k > index]
    return rows[(after or mates)[0]] if mates else None


def superset_transition(
    constraints: Constraints, rows: list[ProgramExercise], index: int
) -> int | None:
    """The transition `rows[index]` rests between sets when it is a superset's isolation (an
    isolation carrying a label); None otherwise, when its prescribed rest stands."""
    row = rows[index]
    if row.superset is None or row.mechanic != "isolation":
        return None
    return transition_seconds(constraints, row, superset_partner(rows, index))


def build_week(program: Program, constraints: Constraints, catalog: Catalog) -> Week:
    vocabulary = catalog.vocabulary
    # the facts to check against are the exercise as the file's goal prescribes it
    goal = default_goals()[constraints.goal]
    days: list[Day] = []
    weekly: dict[str, float] = {}
    primary_days: dict[str, list[str]] = {}
    for plan in program.days:
        items: list[Item] = []
        sets: dict[str, float] = {}
        for index, row in enumerate(plan.exercises):
            if row.id not in catalog:
                continue
            ex = prescribe(catalog[row.id], goal, constraints.rep_ranges.get(row.id))
            transition = superset_transition(constraints, plan.exercises, index)
            seconds = exercise_seconds(ex, row.sets, transition)
            items.append(Item(plan, index, row, ex, seconds, transition))
            for muscle in ex.primary:
                sets[muscle] = sets.get(muscle, 0) + row.sets
                listed = primary_days.setdefault(muscle, [])
                if plan.day not in listed:
                    listed.append(plan.day)
            for muscle in ex.secondary:
                sets[muscle] = sets.get(muscle, 0) + 0.5 * row.sets
        minutes = constraints.warmup_minutes + sum(i.seconds for i in items) / 60
        days.append(Day(plan, tuple(items), minutes, sets))
        for muscle, value in sets.items():
            weekly[muscle] = weekly.get(muscle, 0.0) + value
    return Week(
        program=program,
        constraints=constraints,
        catalog=catalog,
        vocabulary=vocabulary,
        owned=vocabulary.resolve_equipment(constraints.equipment, "equipment"),
        targets=constraints.resolved_targets(vocabulary),
        days=tuple(days),
        weekly_sets=weekly,
        primary_days={m: tuple(d) for m, d in primary_days.items()},
        goal=goal,
    )
