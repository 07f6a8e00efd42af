"""The result: a weekly program as plain pydantic data, ready for JSON, tables and validation.

A Program carries everything a reader needs without the catalog: each exercise's muscles,
equipment, timing and which compound it pre-exhausts, plus the solver's proof status.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from .catalog import Exercise

#: The columns of `Program.exercise_rows`, in order: the per-exercise CSV's header and the
#: DataFrame's columns (the exports read them from here, one list for both).
EXERCISE_ROW_FIELDS: tuple[str, ...] = (
    "client",
    "day",
    "focus",
    "order",
    "id",
    "name",
    "mechanic",
    "intensity",
    "sets",
    "reps_min",
    "reps_max",
    "rest_seconds",
    "rir_min",
    "rir_max",
    "minutes",
    "primary",
    "secondary",
    "equipment",
    "pre_exhausts",
    "superset",
    "notes",
)


class ProgramExercise(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    mechanic: Literal["isolation", "compound"]
    intensity: int
    sets: int
    reps: tuple[int, int]
    rest_seconds: int
    minutes: float = Field(description="Sets, rest and setup at the top of the rep range.")
    primary: list[str]
    secondary: list[str]
    equipment: list[str]
    pre_exhausts: str | None = Field(
        default=None, description="The later compound this isolation pre-exhausts, if any."
    )
    rir: tuple[int, int] | None = Field(
        default=None,
        description=(
            "Target reps in reserve for the working sets, [fewest, most]: how close to failure "
            "each set ends (the goal's table in models/goals.yaml, by intensity tier)."
        ),
    )
    notes: str = Field(default="", description="The catalog's coaching cues for this exercise.")
    superset: str | None = Field(
        default=None,
        description=(
            "The superset's label (A, B, ...) shared by its two members, the isolation listed "
            "first (A1) and its compound right after (A2), done alternately; null when "
            "standalone. The isolation's `rest_seconds` is then the transition to the compound."
        ),
    )

    @classmethod
    def of(
        cls,
        ex: Exercise,
        sets: int,
        equipment: list[str],
        pre_exhausts: str | None,
        rir: tuple[int, int] | None = None,
        superset: str | None = None,
        rest_seconds: int | None = None,
    ) -> ProgramExercise:
        """A chosen catalog exercise as the program lists it (its facts copied, its minutes
        at the top of the rep range): one definition for every engine's weeks. `rest_seconds`
        replaces the rest after each set (a superset's isolation: the transition)."""
        rest = ex.rest_seconds if rest_seconds is None else rest_seconds
        seconds = ex.seconds(sets) - sets * (ex.rest_seconds - rest)
        return cls(
            id=ex.id,
            name=ex.name,
            mechanic=ex.mechanic,
            intensity=ex.intensity,
            sets=sets,
            reps=ex.reps,
            rest_seconds=rest,
            minutes=round(seconds / 60, 2),
            primary=list(ex.primary),
            secondary=list(ex.secondary),
            equipment=equipment,
            pre_exhausts=pre_exhausts,
            rir=rir,
            notes=ex.notes,
            superset=superset,
        )


class DayPlan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: str
    focus: str
    minutes: float = Field(description="Warm-up plus every exercise.")
    budget_minutes: int
    warmup_minutes: int
    exercises: list[ProgramExercise]

    def muscle_sets(self) -> dict[str, float]:
        """Fractional sets per muscle in this session, read from the rows' own muscle lists
        (primary 1, secondary 0.5): what a reader of the handout can add up."""
        sets: dict[str, float] = {}
        for row in self.exercises:
            for muscle in row.primary:
                sets[muscle] = sets.get(muscle, 0.0) + row.sets
            for muscle in row.secondary:
                sets[muscle] = sets.get(muscle, 0.0) + 0.5 * row.sets
        return sets


class TargetReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min: float
    max: float | None
    priority: int
    sets: float
    met: bool
    days: int = Field(
        0,
        description="days of the week with 3 or more sets of the muscle as primary: what the "
        "objective's frequency part counts (two or more earn it)",
    )


class InjuryExpansion(BaseModel):
    """What one `injuries` entry ruled out."""

    model_config = ConfigDict(extra="forbid")

    tags: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)

    @property
    def text(self) -> str:
        """`tags overhead; patterns upright_row, dip`."""
        parts = [f"tags {', '.join(self.tags)}" if self.tags else ""]
        parts.append(f"patterns {', '.join(self.patterns)}" if self.patterns else "")
        return "; ".join(p for p in parts if p) or "nothing"


class PlanWarning(BaseModel):
    """A rule of the file that the week cannot keep as written, said once, in the file's words.

    Kept beside the Program (not in `clashes.py`, which finds them) so the JSON, the exports and
    the batch read it without importing the problem data: the exports depend on the Program
    only.
    """

    model_config = ConfigDict(extra="forbid")

    code: str = Field(description="What kind of clash, e.g. recovery_split; stable for apps.")
    fields: list[str] = Field(description="The file's field paths whose rules clash.")
    message: str = Field(description="One line naming those settings and what the plan does.")


class Program(BaseModel):
    """One client's week. `status` is optimal (proven best, exactly or within the solver's
    `relative_gap` / `time_tolerance`; `gap` says what is left) or feasible (best found in
    time)."""

    model_config = ConfigDict(extra="forbid")

    client: str
    status: Literal["optimal", "feasible"]
    objective: float
    best_bound: float
    gap: float = Field(
        description="Relative distance to the best bound; 0 when proven exactly optimal."
    )
    solve_seconds: float
    build_seconds: float = 0.0
    ordering: str
    days: list[DayPlan]
    weekly_sets: dict[str, float] = Field(
        description="Fractional sets per muscle (primary 1, secondary 0.5), every muscle worked."
    )
    targets: dict[str, TargetReport] = Field(default_factory=dict)
    pre_exhaust_pairs: int = 0
    attainment: float = Field(
        default=1.0, description="Share of the weighted target minimums reached (1.0 = all)."
    )
    objective_terms: dict[str, float] = Field(
        default_factory=dict,
        description="The objective's tiers: weighted half-sets reached (and the most possible), "
        "pre-exhaust (day, muscle) pairs rewarded, exercise minutes.",
    )
    model_size: dict[str, int] = Field(default_factory=dict)
    solver: dict[str, Any] = Field(default_factory=dict)
    goal: str = Field(
        default="hypertrophy",
        description="The training goal whose rep ranges, rest and reps in reserve the week "
        "prescribes (models/goals.yaml).",
    )
    injuries: dict[str, InjuryExpansion] = Field(
        default_factory=dict,
        description="Each injury of the file and the movement tags and patterns it added to "
        "avoid (models/injuries.yaml), so the client sees what was ruled out and why.",
    )
    warnings: list[PlanWarning] = Field(
        default_factory=list,
        description="Rules of the file that clash, so the week cannot be what they ask in part "
        "(found without a solver, see optimizer.clashes); empty for a file without clashes.",
    )

    def exercise_rows(self) -> list[dict[str, Any]]:
        """One flat row per exercise, in session order, keyed by `EXERCISE_ROW_FIELDS`.

        Built here, not in the exports, so the data a DataFrame needs depends on nothing but the
        Program: the CSV export and `to_dataframe` read the same rows, and the exports depend
        on the Program, never the reverse. Lists are `;` joined, a missing `pre_exhausts` is "".
        """
        rows = []
        for day in self.days:
            for n, ex in enumerate(day.exercises, start=1):
                rows.append(
                    {
                        "client": self.client,
                        "day": day.day,
                        "focus": day.focus,
                        "order": n,
                        "id": ex.id,
                        "name": ex.name,
                        "mechanic": ex.mechanic,
                        "intensity": ex.intensity,
                        "sets": ex.sets,
                        "reps_min": ex.reps[0],
                        "reps_max": ex.reps[1],
                        "rest_seconds": ex.rest_seconds,
                        "rir_min": "" if ex.rir is None else ex.rir[0],
                        "rir_max": "" if ex.rir is None else ex.rir[1],
                        "minutes": ex.minutes,
                        "primary": ";".join(ex.primary),
                        "secondary": ";".join(ex.secondary),
                        "equipment": ";".join(ex.equipment),
                        "pre_exhausts": ex.pre_exhausts or "",
                        "superset": ex.superset or "",
                        "notes": ex.notes,
                    }
                )
        return rows

    def to_dataframe(self):  # -> pandas.DataFrame (imported lazily: pandas is slow to import)
        """One row per exercise, in session order, for analysis in pandas."""
        import pandas as pd

        return pd.DataFrame(self.exercise_rows())

    @property
    def absolute_gap(self) -> float:
        """What the bound still allows above this week, on the objective's scale. Under
        `solver.time_tolerance` it is seconds of exercise time: the pair weight leaves that
        room no way to hide a pair or a half-set (optimizer.taste.weights)."""
        return self.best_bound - self.objective

    @property
    def exercise_ids(self) -> list[str]:
        return [ex.id for day in self.days for ex in day.exercises]


def _muscle_words(muscles: list[str]) -> str:
    """`quads`, `chest and front delts`, `quads, glutes and adductors`: ids read as words."""
    words = [m.replace("_", " ").lower() for m in muscles]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _mid_sentence(name: str) -> str:
    """A catalog name inside a sentence: `Barbell back squat` -> `barbell back squat`, but an
    acronym such as `EZ-bar curl` or `RDL` keeps its capitals."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def pairing_reason(day: DayPlan, row: ProgramExercise) -> str | None:
    """Why an isolation sits before its compound, in the coach's words every handout shares.

    One function so the Markdown and HTML (and anything later) say it alike. The muscles named
    are the isolation's primary muscles that the compound also works; None when `row`
    pre-exhausts nothing or names a compound that is not in `day` (an edited or hand-built
    program), so a handout never fails over a missing pair.
    """
    if row.pre_exhausts is None:
        return None
    compound = next((ex for ex in day.exercises if ex.id == row.pre_exhausts), None)
    if compound is None or compound is row:
        return None
    worked = set(compound.primary) | set(compound.secondary)
    shared = [m for m in row.primary if m in worked] or list(row.primary)
    name = row.name.strip()
    first = name[:1].upper() + name[1:]
    then = _mid_sentence(compound.name.strip())
    if not shared:
        return f"{first} first: tires the shared muscles so the {then} works them harder."
    # every muscle id but chest, upper_back and lower_back is a plural (quads, front_delts)
    them = "them" if len(shared) > 1 or shared[0].endswith("s") else "it"
    return f"{first} first: tires the {_muscle_words(shared)} so the {then} works {them} harder."
