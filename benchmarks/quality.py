"""The coach scorecard: would a coach sign these weeks? Program quality, measured.

    python benchmarks/quality.py            # examples + 40 seeded clients per catalog, 10 s
    python benchmarks/quality.py --quick    # examples + 10 clients per catalog, 3 s
    python benchmarks/quality.py --highs    # the same with HiGHS racing CP-SAT (solver.highs)
    python benchmarks/quality.py --count 0  # the examples alone

The solver proves weeks best by its objective; this asks whether that objective is a coach's.
Each client is planned as `plan` does (one worker, warm start), then, when proven, again with
another seed. Per group of clients (the examples and the coach files of examples/coach/ on the
bundled catalog; the seeded benchmark clients on each catalog) it prints one Markdown table,
each row a measure with the goal of issue 13 beside it:

- 2-set exercises: share of exercises with exactly 2 sets (fragments; goal at most 25%);
- sets per exercise: median (goal at least 3);
- exercises per session: median and most, sessions of up to 90 minutes (goal 7 and 9);
- sessions under 70% of their budget, counting only clients with a target still below its max
  (time the client gave that buys nothing; goal at most 10%); and, to tell the objective's
  choices from the file's structure, those of them "with room": a target below its max could
  take a set that day within the client's own limits (a candidate of the day works it as
  primary, and one more set keeps every muscle it credits within its weekly max and session
  cap, fits the minutes left and no close day trains its primary muscles);
- sessions with 3 or more heavy spine-loaded lifts (intensity 5 squats, hinges and lifts that
  load the lower back; goal none);
- band, suspension and bodyweight-only exercises for commercial-gym clients of intermediate or
  advanced experience (goal at most 10%); and the same share in the weeks that reach every
  min (attainment comes first: where the minimums do not fit the minutes, a faster light-kit
  set that reaches more of them beats a slower barbell set by design);
- targets worked as primary on 2 or more days, clients with 3 or more days (goal at least 70%);
  and, to tell the objective's choices from the file's structure, the same share among the
  targets the hard rules let train on two days (two days not too close for `recovery_hours`,
  each with a candidate working the muscle as primary: a split's push day has no squat), and
  among those, in the weeks that reach every min (where the minimums do not fit the minutes,
  a second day's setup time is a set of a minimum lost, and attainment comes first);
- weekly sets against each target: below the min, at the min, between, at the max;
- seed stability: share of (day, exercise, sets) entries unchanged when only the seed changes,
  proven weeks only (goal at least 90%).

The measures read only the Program, the client's constraints and the catalog, like the
validator. Raw rows go to benchmarks/results/quality.jsonl (gitignored), the tables to
benchmarks/results/quality.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import statistics
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ortools

sys.path.insert(0, str(Path(__file__).resolve().parent))

import instances as instance_set

from optimizer import Catalog, Constraints, Program, load_catalog, plan, taste, validate
from optimizer.constraints import load_constraints, parse_constraints
from optimizer.errors import PreExhaustError
from optimizer.ordering import pair_count
from optimizer.problem import ProblemData, build_problem
from optimizer.program import DayPlan, ProgramExercise

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
RESULTS = HERE / "results"
LIGHT_KIT = frozenset({"resistance_band", "suspension_trainer", "bodyweight"})
SPINE_PATTERNS = frozenset({"squat", "hip_hinge"})
SHORT_SESSION_MINUTES = 90
CATALOGS = ("default", "free_exercise_db")


@dataclass
class Week:
    """One client's week and what the scorecard needs to read it."""

    group: str
    client: str
    status: str
    program: Program | None
    constraints: Constraints
    catalog: Catalog
    stability: float | None = None  # share of entries unchanged with another seed (proven)
    error: str = ""
    seconds: float = 0.0
    data: ProblemData | None = None  # candidates and close days, for the "room" diagnostic

    def problem(self) -> ProblemData:
        if self.data is None:
            self.data = build_problem(self.constraints, self.catalog)
        return self.data


@dataclass
class Card:
    """The scorecard of one group of clients."""

    group: str
    clients: int = 0
    planned: int = 0
    proven: int = 0
    measures: dict[str, Any] = field(default_factory=dict)


def entries(program: Program) -> set[tuple[str, str, int]]:
    return {(d.day, e.id, e.sets) for d in program.days for e in d.exercises}


def plan_week(
    group: str, c: Constraints, catalog: Catalog, limit: float, seed: int, highs: bool
) -> Week:
    started = time.perf_counter()
    try:
        program = plan(c, catalog, time_limit=limit, workers=1, seed=seed, highs=highs)
    except PreExhaustError as err:
        return Week(group, c.client, "failed", None, c, catalog, error=str(err).splitlines()[0])
    week = Week(group, c.client, program.status, program, c, catalog)
    week.seconds = time.perf_counter() - started
    solved = c.model_copy(update={"solver": c.solver.model_copy(update={"seed": seed})})
    violations = validate(program, solved, catalog)
    if violations:  # a bug, never a measure: the scorecard refuses to score invalid weeks
        raise SystemExit(f"{c.client}: invalid week: {violations[0]}")
    if program.status == "optimal":
        other = plan(c, catalog, time_limit=limit, workers=1, seed=seed + 1, highs=highs)
        if other.status == "optimal":
            mine = entries(program)
            week.stability = len(mine & entries(other)) / max(1, len(mine))
    return week


def heavy_spine(ex_id: str, catalog: Catalog) -> bool:
    ex = catalog[ex_id]
    loads_back = "lower_back" in (*ex.primary, *ex.secondary)
    return ex.intensity >= 5 and (ex.pattern in SPINE_PATTERNS or loads_back)


def targets(w: Week) -> dict[str, tuple[float, float | None, int, float]]:
    """muscle -> (min, max, priority, weekly sets) from the client's file and the week."""
    assert w.program is not None
    weekly = w.program.weekly_sets
    return {
        m: (t.min, t.max, t.priority, weekly.get(m, 0.0))
        for m, t in w.constraints.resolved_targets(w.catalog.vocabulary).items()
    }


def wants_more(w: Week) -> bool:
    """A target still below its max (or with none): spare minutes could buy useful sets."""
    return any(high is None or sets < high - 1e-9 for _, high, _, sets in targets(w).values())


def room(w: Week, day: DayPlan) -> list[str]:
    """The targets below their max that one more set could have served on `day` under the
    client's own limits, the week's other days as planned: a candidate of the day works the
    target as primary, and one more set of it (or `sets_min` sets, if not yet used that day)
    keeps every muscle it credits within its weekly max and its session cap, fits the minutes
    left in the session and the exercise's `sets_per_exercise` max, and no day too close to
    this one trains any of its primary muscles. Local, and blind to the other caps (exercises,
    heavy lifts, patterns per session): a day without room may still be short because of a
    choice on its neighbour (upper-body work next to a lower day)."""
    assert w.program is not None
    data = w.problem()
    close = {b for a, b in data.close_pairs if a == day.day} | {
        a for a, b in data.close_pairs if b == day.day
    }
    trained_near = {
        m for d in w.program.days if d.day in close for e in d.exercises for m in e.primary
    }
    today = day.muscle_sets()
    used = {e.id: e.sets for e in day.exercises}
    wanted = targets(w)
    cap = w.constraints.max_muscle_sets_per_session
    left = (day.budget_minutes - day.minutes) * 60
    out: list[str] = []
    for ex in data.candidates.get(day.day, []):
        now = used.get(ex.id, 0)
        more = 1 if now else data.sets_min
        if now + more > data.sets_max or trained_near & set(ex.primary):
            continue
        seconds = more * ex.set_seconds + (0 if now else ex.setup_seconds)
        if seconds > left + 1e-9:
            continue
        credited = [(m, ex.credit(m) / 2 * more) for m in (*ex.primary, *ex.secondary)]
        if any(today.get(m, 0.0) + add > cap + 1e-9 for m, add in credited):
            continue
        if any(
            m in wanted and wanted[m][1] is not None and wanted[m][3] + add > wanted[m][1] + 1e-9
            for m, add in credited
        ):
            continue
        out += [m for m in ex.primary if m in wanted and wanted[m][2] > 0 and m not in out]
    return out


def every_min(w: Week) -> bool:
    """The week reaches every min the client weighs (priority above 0)."""
    return all(
        sets >= low - 1e-9 or priority <= 0 for low, _, priority, sets in targets(w).values()
    )


def light(row: ProgramExercise) -> bool:
    """Band, suspension or bodyweight work only."""
    return set(row.equipment or ["bodyweight"]) <= LIGHT_KIT


def two_days_allowed(w: Week, muscle: str) -> bool:
    """Two of the client's days, not too close for `recovery_hours`, each with a candidate
    that works `muscle` as primary (the split, equipment and avoid lists decide the
    candidates): the hard rules let the target train on two days. The objective's frequency
    reward can only act on these ("when days and recovery allow", issue 13). The planner's
    own reading of the rules (`ProblemData.two_day_targets`), for targets with a priority."""
    return muscle in w.problem().two_day_targets


def pairs_today(w: Week, day: DayPlan) -> int:
    """The session's pre-exhaust pairs, as the program counts them (README, The objective)."""
    rows = [(w.catalog[e.id], e.sets) for e in day.exercises]
    return pair_count(rows, list(w.problem().valued), taste.pair_sets(w.problem()))


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def score(group: str, weeks: list[Week]) -> Card:
    card = Card(group, clients=len(weeks))
    done = [w for w in weeks if w.program is not None]
    card.planned = len(done)
    card.proven = sum(w.status == "optimal" for w in done)
    sets = [e.sets for w in done for d in w.program.days for e in d.exercises]  # type: ignore[union-attr]
    sessions = [(w, d) for w in done for d in w.program.days if d.exercises]  # type: ignore[union-attr]
    short = [len(d.exercises) for _, d in sessions if d.budget_minutes <= SHORT_SESSION_MINUTES]
    idle = [(w, d) for w, d in sessions if wants_more(w)]
    gym = [
        e
        for w in done
        if "commercial_gym" in w.constraints.equipment
        and w.constraints.experience in ("intermediate", "advanced")
        for d in w.program.days  # type: ignore[union-attr]
        for e in d.exercises
    ]
    # attainment comes first (issue 13): where the minimums do not fit, a faster light-kit
    # set that reaches more of them wins over a slower barbell set; where they all fit,
    # quality alone decides
    gym_met = [
        e
        for w in done
        if "commercial_gym" in w.constraints.equipment
        and w.constraints.experience in ("intermediate", "advanced")
        and every_min(w)
        for d in w.program.days  # type: ignore[union-attr]
        for e in d.exercises
    ]
    spread: list[bool] = []
    spread_allowed: list[bool] = []  # the targets the hard rules let train on 2+ days
    spread_met: list[bool] = []  # and of those, in weeks reaching every min
    volume = {"below min": 0, "at min": 0, "between": 0, "at max": 0}
    reached = indirect = 0  # targets at or above a min > 0; of them, with no direct set
    for w in done:
        assert w.program is not None
        met = every_min(w)
        for muscle, (low, high, priority, weekly) in targets(w).items():
            if low <= 0 and high is None:
                continue
            # the days the week trains the muscle as primary: none means indirect sets only
            days = {d.day for d in w.program.days for e in d.exercises if muscle in e.primary}
            if low > 0 and priority > 0 and weekly >= low - 1e-9:
                reached += 1
                indirect += not days
                if not days:
                    print(
                        f"  indirect only: {group} {w.client} ({w.status}) {muscle} "
                        f"{weekly:g}/{low:g}",
                        file=sys.stderr,
                    )
            if weekly < low - 1e-9:
                volume["below min"] += 1
            elif abs(weekly - low) < 1e-9:
                volume["at min"] += 1
            elif high is not None and weekly >= high - 1e-9:
                volume["at max"] += 1
            else:
                volume["between"] += 1
            if len(w.constraints.days) >= 3 and priority > 0 and low > 0:
                spread.append(len(days) >= 2)
                if two_days_allowed(w, muscle):
                    spread_allowed.append(len(days) >= 2)
                    if met:
                        spread_met.append(len(days) >= 2)
    stable = [w.stability for w in done if w.stability is not None]
    paired = [pairs_today(w, d) for w, d in sessions if w.constraints.ordering == "pre_exhaust"]
    m = card.measures
    m["2-set exercises"] = share(sum(s == 2 for s in sets), len(sets))
    m["sets per exercise (median)"] = statistics.median(sets) if sets else None
    m["exercises per session (median)"] = (
        statistics.median(len(d.exercises) for _, d in sessions) if sessions else None
    )
    m["exercises per session (most, <= 90 min)"] = max(short) if short else None
    under = [(w, d) for w, d in idle if d.minutes < 0.7 * d.budget_minutes]
    m["sessions under 70% of budget"] = share(len(under), len(idle))
    roomy = 0
    for w, d in under:  # the sessions behind the measure, to read on stderr
        free = room(w, d)
        roomy += bool(free)
        print(
            f"  under 70%: {group} {w.client} ({w.status}) {d.day} "
            f"{d.minutes:g}/{d.budget_minutes} min: "
            + ", ".join(f"{e.id} x{e.sets}" for e in d.exercises)
            + (f"; room for {', '.join(free)}" if free else "; no target had room"),
            file=sys.stderr,
        )
    m["  of them with room for a wanted set"] = share(roomy, len(idle))
    m["sessions with 3+ heavy spine-loaded lifts"] = sum(
        sum(heavy_spine(e.id, w.catalog) for e in d.exercises) >= 3 for w, d in sessions
    )
    m["pre-exhaust sessions with a pair"] = share(sum(n > 0 for n in paired), len(paired))
    m["band/suspension/bodyweight (gym clients)"] = share(sum(map(light, gym)), len(gym))
    m["  of those in weeks reaching every min"] = share(sum(map(light, gym_met)), len(gym_met))
    m["targets on 2+ days (3+ day clients)"] = share(sum(spread), len(spread))
    m["  of those the rules allow on 2+ days"] = share(sum(spread_allowed), len(spread_allowed))
    m["  of those, in weeks reaching every min"] = share(sum(spread_met), len(spread_met))
    total = sum(volume.values())
    for name, count in volume.items():
        m[f"targets {name}"] = share(count, total)
    m["targets reached on indirect sets only"] = share(indirect, reached)
    m["seed stability (proven weeks)"] = statistics.mean(stable) if stable else None
    return card


GOALS = {
    "2-set exercises": ("<= 25%", lambda v: v <= 0.25),
    "sets per exercise (median)": (">= 3", lambda v: v >= 3),
    "exercises per session (median)": ("<= 7", lambda v: v <= 7),
    "exercises per session (most, <= 90 min)": ("<= 9", lambda v: v <= 9),
    "sessions under 70% of budget": ("<= 10%", lambda v: v <= 0.10),
    "sessions with 3+ heavy spine-loaded lifts": ("0", lambda v: v == 0),
    "band/suspension/bodyweight (gym clients)": ("<= 10%", lambda v: v <= 0.10),
    "targets on 2+ days (3+ day clients)": (">= 70%", lambda v: v >= 0.70),
    "seed stability (proven weeks)": (">= 90%", lambda v: v >= 0.90),
}
SHARES = {
    "2-set exercises",
    "sessions under 70% of budget",
    "pre-exhaust sessions with a pair",
    "  of them with room for a wanted set",
    "band/suspension/bodyweight (gym clients)",
    "  of those in weeks reaching every min",
    "targets on 2+ days (3+ day clients)",
    "  of those the rules allow on 2+ days",
    "  of those, in weeks reaching every min",
    "seed stability (proven weeks)",
    "targets below min",
    "targets at min",
    "targets between",
    "targets at max",
    "targets reached on indirect sets only",
}


def cell(name: str, value: Any) -> str:
    if value is None:
        return "-"
    if name in SHARES:
        return f"{value:.0%}"
    return f"{value:g}"


def table(cards: list[Card]) -> str:
    head = "| measure | " + " | ".join(c.group for c in cards) + " | goal |"
    lines = [head, "|---" * (len(cards) + 2) + "|"]
    counts = " | ".join(f"{c.planned}/{c.clients} planned, {c.proven} proven" for c in cards)
    lines.append(f"| clients | {counts} | |")
    for name in cards[0].measures:
        goal, test = GOALS.get(name, ("", None))
        values = []
        for c in cards:
            v = c.measures[name]
            mark = "" if test is None or v is None else (" ok" if test(v) else " **no**")
            text = cell(name, v)
            if mark == " **no**" and name in SHARES and test(round(v, 2)):
                text = f"{v:.1%}"  # 10.4% shown as "10%" would read as meeting "<= 10%"
            values.append(text + mark)
        lines.append(f"| {name} | " + " | ".join(values) + f" | {goal} |")
    return "\n".join(lines)


def example_clients(catalog: Catalog) -> list[Constraints]:
    files = sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "coach").glob("*.yaml"))
    return [load_constraints(p, catalog.vocabulary) for p in files]


def benchmark_clients(name: str, count: int) -> tuple[Catalog, list[Constraints]]:
    catalog = instance_set.named_catalog(name)
    raw = instance_set.load_or_generate(name, catalog)[:count]
    return catalog, [parse_constraints(c, catalog.vocabulary) for c in raw]


def run(
    groups: Iterable[tuple[str, Catalog, list[Constraints]]], limit: float, highs: bool
) -> list[Week]:
    weeks = []
    for group, catalog, clients in groups:
        for c in clients:
            week = plan_week(group, c, catalog, limit, c.solver.seed, highs)
            print(f"{group} {c.client}: {week.status} {week.seconds:.1f} s", file=sys.stderr)
            weeks.append(week)
    return weeks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 clients per catalog, 3 s")
    parser.add_argument("--count", type=int, help="benchmark clients per catalog")
    parser.add_argument("--time-limit", type=float, help="seconds per solve")
    parser.add_argument("--highs", action="store_true", help="race HiGHS (solver.highs)")
    args = parser.parse_args()
    count = args.count if args.count is not None else (10 if args.quick else 40)
    limit = args.time_limit or (3.0 if args.quick else 10.0)
    bundled = load_catalog()
    groups: list[tuple[str, Catalog, list[Constraints]]] = [
        ("examples", bundled, example_clients(bundled))
    ]
    for name in CATALOGS if count else ():  # --count 0: the examples alone
        try:
            catalog, clients = benchmark_clients(name, count)
        except instance_set.CatalogUnavailable as err:
            print(f"skipping {name}: {err}", file=sys.stderr)
            continue
        groups.append((f"{name} x{count}", catalog, clients))
    started = time.perf_counter()
    weeks = run(groups, limit, args.highs)
    cards = [score(g, [w for w in weeks if w.group == g]) for g, _, _ in groups]
    stamp = datetime.date.today().isoformat()
    text = (
        f"Coach scorecard, {stamp}: one worker{' and HiGHS racing' if args.highs else ''}, "
        f"{limit:g} s per solve, warm start, "
        f"ortools {ortools.__version__}, {platform.machine()}, "
        f"{time.perf_counter() - started:.0f} s in all.\n\n{table(cards)}\n"
    )
    print(text)
    RESULTS.mkdir(exist_ok=True)
    name = "quality" + ("-quick" if args.quick else "") + ("-highs" if args.highs else "")
    (RESULTS / f"{name}.md").write_text(text)
    with (RESULTS / "quality.jsonl").open("w", encoding="utf-8") as out:
        for w in weeks:
            row = {
                "group": w.group,
                "client": w.client,
                "status": w.status,
                "stability": w.stability,
                "seconds": round(w.seconds, 3),
                "error": w.error,
                "week": sorted(entries(w.program)) if w.program else None,
            }
            out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
