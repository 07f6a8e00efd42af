"""Training goals (`goal`, models/goals.yaml) and per-exercise `rep_ranges`: what each exercise
prescribes, that the time budget counts it, that the validator re-checks it, and that a bad
table or file is one clear line."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from test_properties import constraints_strategy, solve_valid
from typer.testing import CliRunner

from optimizer import load_catalog, validate
from optimizer.cli import app
from optimizer.constraints import parse_constraints
from optimizer.errors import EXIT_BAD_INPUT, InputError
from optimizer.goals import (
    DEFAULT_GOAL,
    default_goals,
    parse_goals,
    prescribe,
    prescribed_catalog,
    prescribed_for,
)

from helpers import SOLVING, solve_checked

CATALOG = load_catalog()
GOALS = default_goals()
STRENGTH = {
    "client": "lifter",
    "days": ["mon", "wed", "fri"],
    "session_minutes": 75,
    "equipment": ["commercial_gym"],
    "experience": "advanced",
    "goal": "strength",
    "require": ["barbell_back_squat", "barbell_bench_press", "barbell_deadlift"],
    "targets": {"quads": "6-12", "chest": "6-12", "hamstrings": "4-10", "lats": "6-12"},
    "solver": {"time_limit": 3, "workers": 1},
}


def test_the_bundled_table_has_every_goal_and_tier() -> None:
    assert set(GOALS) == {"hypertrophy", "strength", "powerbuilding", "endurance"}
    assert DEFAULT_GOAL == "hypertrophy"
    for goal in GOALS.values():
        assert sorted(goal.tiers) == [1, 2, 3, 4, 5]
        assert goal.description


def test_hypertrophy_keeps_the_catalog_as_written() -> None:
    # the catalog's ranges are its hypertrophy ranges: the default goal changes nothing
    assert prescribed_catalog(CATALOG, GOALS["hypertrophy"], {}) is CATALOG


def test_strength_prescribes_heavy_main_lifts_with_long_rest() -> None:
    squat = prescribe(CATALOG["barbell_back_squat"], GOALS["strength"])
    assert squat.reps == (3, 5) and squat.rest_seconds >= 180
    bench = prescribe(CATALOG["barbell_bench_press"], GOALS["strength"])
    assert 3 <= bench.reps[0] <= bench.reps[1] <= 6 and bench.rest_seconds >= 180
    # the time formula follows: fewer reps, longer rest
    assert squat.set_seconds == 5 * squat.seconds_per_rep + squat.rest_seconds


def test_timed_holds_keep_their_seconds_under_every_goal() -> None:
    plank = CATALOG["plank"]
    for goal in GOALS.values():
        assert prescribe(plank, goal).reps == plank.reps


def test_a_files_rep_range_beats_the_goal() -> None:
    c = parse_constraints({**STRENGTH, "rep_ranges": {"Barbell back squat": [1, 3]}})
    book = prescribed_for(CATALOG, c.goal, c.rep_ranges)
    assert book["barbell_back_squat"].reps == (1, 3)
    assert book["barbell_back_squat"].rest_seconds == 240  # rest still the goal's
    assert book["barbell_bench_press"].reps != CATALOG["barbell_bench_press"].reps


def test_a_strength_week_prints_what_it_prescribes_and_fits_its_minutes() -> None:
    program = solve_checked(STRENGTH)  # the validator re-checks reps, rest, RIR and minutes
    assert program.goal == "strength"
    rows = {r.id: r for d in program.days for r in d.exercises}
    for lift in ("barbell_back_squat", "barbell_deadlift", "barbell_bench_press"):
        row = rows[lift]
        assert 3 <= row.reps[0] <= row.reps[1] <= 6, row
        assert row.rest_seconds >= 180
        assert row.rir is not None and row.rir[0] >= 1
    for day in program.days:
        assert day.minutes <= day.budget_minutes + 1e-6


def test_every_row_carries_its_reps_in_reserve() -> None:
    program = solve_checked({**STRENGTH, "goal": None, "require": []})
    assert program.goal == "hypertrophy"
    for row in (r for d in program.days for r in d.exercises):
        assert row.rir == GOALS["hypertrophy"].tiers[row.intensity].rir


def test_the_validator_catches_a_row_not_as_prescribed() -> None:
    c = parse_constraints(STRENGTH)
    program = solve_checked(STRENGTH)
    row = program.days[0].exercises[-1]
    bad = program.model_copy(deep=True)
    bad.days[0].exercises[-1] = row.model_copy(update={"rir": (4, 5)})
    assert [v.rule for v in validate(bad, c, CATALOG)] == ["catalog"]
    bad.days[0].exercises[-1] = row.model_copy(update={"rest_seconds": row.rest_seconds - 30})
    assert "catalog" in {v.rule for v in validate(bad, c, CATALOG)}


@pytest.mark.parametrize(
    ("fields", "where", "words"),
    [
        ({"goal": "hypertrophyy"}, "goal", "hypertrophy"),
        ({"goal": "power"}, "goal", "powerbuilding"),
        ({"rep_ranges": {"barbell_back_squat": [6, 3]}}, "rep_ranges.barbell_back_squat", "[6, 3]"),
        ({"rep_ranges": {"barbell_back_squat": "heavy"}}, "rep_ranges.barbell_back_squat", "e.g."),
        ({"rep_ranges": [3, 5]}, "rep_ranges", "e.g."),
        ({"injuries": ["sholder"]}, "injuries[0]", "shoulder"),
        ({"avoid": {"tags": ["floor", "overheed"]}}, "avoid.tags[1]", "overhead"),
        ({"avoid": {"patterns": ["upright_rows"]}}, "avoid.patterns[0]", "upright_row"),
    ],
)
def test_bad_goal_fields_are_one_line_naming_the_field(fields, where, words) -> None:
    with pytest.raises(InputError) as err:
        parse_constraints({**STRENGTH, **fields})
    assert err.value.field == where
    assert words in str(err.value)


def test_an_unknown_exercise_in_rep_ranges_names_it(tmp_path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump({**STRENGTH, "rep_ranges": {"back_squatt": [3, 5]}}))
    result = CliRunner().invoke(app, ["plan", str(path)])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: rep_ranges.back_squatt") and "barbell_back_squat" in line


@pytest.mark.parametrize(
    ("table", "where"),
    [
        ({"goals": {}}, "goals"),
        ({"goals": {"hypertrophy": {"tiers": {1: {"rir": [0, 1]}}}}}, "goals.hypertrophy.tiers"),
        (
            {"goals": {"hypertrophy": {"tiers": {t: {"rir": [0, 1]} for t in range(1, 7)}}}},
            "goals.hypertrophy.tiers.6",
        ),
        (
            {
                "goals": {
                    "hypertrophy": {
                        "tiers": {t: {"reps": [9, 3], "rir": [0, 1]} for t in range(1, 6)}
                    }
                }
            },
            "goals.hypertrophy.tiers.1.reps",
        ),
        (
            {
                "goals": {
                    "hypertrophy": {"tiers": {t: {"rest": -5, "rir": [0, 1]} for t in range(1, 6)}}
                }
            },
            "goals.hypertrophy.tiers.1.rest",
        ),
        (
            {"goals": {"hypertrophy": {"tiers": {t: {"reps": [8, 12]} for t in range(1, 6)}}}},
            "goals.hypertrophy.tiers.1.rir",
        ),
        ({"goals": {"strength": {"tiers": {t: {"rir": [1, 2]} for t in range(1, 6)}}}}, "goals"),
    ],
)
def test_a_bad_goals_table_names_goal_tier_and_field(table, where) -> None:
    with pytest.raises(InputError) as err:
        parse_goals(table, "goals.yaml")
    assert err.value.field == f"goals.yaml {where}"


@settings(SOLVING, max_examples=4)
@given(constraints_strategy(require=False))
def test_a_shoulder_client_never_gets_overhead_upright_rows_or_dips(data) -> None:
    """Issue 14: with `injuries: [shoulder]`, or the same said as avoid tags and patterns, no
    week of a random client holds an arms-overhead, upright-row or dip exercise, read from the
    week and the catalog here (and by the validator in solve_valid)."""
    for fields in (
        {"injuries": ["shoulder"]},
        {"injuries": [], "avoid": {"tags": ["overhead"], "patterns": ["upright_row", "dip"]}},
    ):
        _, program = solve_valid(parse_constraints({**data, **fields}))
        for row in (r for d in program.days for r in d.exercises) if program else ():
            ex = CATALOG[row.id]
            assert "overhead" not in ex.tags and ex.pattern not in ("upright_row", "dip"), row.id
