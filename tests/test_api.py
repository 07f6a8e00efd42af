"""The embedding API: typed in and out, deterministic, no global state, JSON shape and schema."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from optimizer import Program, constraints_schema, load_constraints, plan
from optimizer.export import to_csv, to_markdown, write_outputs

from helpers import EXAMPLES, solve_checked

# proves in about a second on one core (two threads at once must both prove within the limit)
SMALL = {
    "client": "alex",
    "days": ["mon", "thu"],
    "session_minutes": 30,
    "equipment": ["home_gym"],
    "targets": {"chest": "6-10", "quads": "6-10"},
    "solver": {"time_limit": 10, "seed": 3, "workers": 1},
}


@pytest.fixture(scope="module")
def program(catalog) -> Program:
    return solve_checked(SMALL, catalog)


def _stable(p: Program) -> dict:
    data = p.model_dump()
    for key in ("solve_seconds", "build_seconds"):
        data.pop(key)
    return data


@pytest.mark.parametrize(
    "name", ["article_week", "home_dumbbells", "busy_beginner", "six_day_advanced"]
)
def test_examples_solve_and_validate(catalog, name: str) -> None:
    p = solve_checked(load_constraints(EXAMPLES / f"{name}.yaml"), catalog, time_limit=3)
    assert p.status in ("optimal", "feasible")
    assert all(d.minutes <= d.budget_minutes for d in p.days)


def test_json_shape(program: Program) -> None:
    data = json.loads(program.model_dump_json())
    for key in (
        "client",
        "status",
        "objective",
        "best_bound",
        "solve_seconds",
        "days",
        "weekly_sets",
    ):
        assert key in data
    day = data["days"][0]
    assert set(day) >= {"day", "focus", "minutes", "exercises"}
    ex = day["exercises"][0]
    assert set(ex) >= {
        "id",
        "name",
        "mechanic",
        "intensity",
        "sets",
        "reps",
        "rest_seconds",
        "minutes",
        "primary",
        "secondary",
        "equipment",
        "pre_exhausts",
    }
    assert isinstance(ex["reps"], list) and len(ex["reps"]) == 2
    assert Program.model_validate_json(program.model_dump_json()) == program


def test_same_input_seed_workers_same_program(catalog, program: Program) -> None:
    again = solve_checked(SMALL, catalog)
    assert _stable(again) == _stable(program)


def test_no_global_state_threads(catalog, program: Program) -> None:
    """Solves in parallel threads share nothing: each gives the sequential answer."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: plan(SMALL, catalog), range(2)))
    for result in results:
        assert _stable(result) == _stable(program)


def test_overrides_replace_file_settings(catalog) -> None:
    p = plan(SMALL, catalog, time_limit=3, seed=7, workers=1)
    assert p.solver["seed"] == 7 and p.solver["time_limit"] == 3


def test_dataframe_and_exports(program: Program, tmp_path) -> None:
    df = program.to_dataframe()
    assert len(df) == sum(len(d.exercises) for d in program.days)
    assert list(df["client"].unique()) == ["alex"]
    assert to_csv(program).splitlines()[0].startswith("client,day,focus,order,id")
    md = to_markdown(program)
    assert "# Week for alex" in md and "Weekly sets per muscle" in md
    paths = write_outputs(program, tmp_path)
    assert sorted(p.name for p in paths) == ["alex.csv", "alex.html", "alex.json", "alex.md"]
    assert json.loads((tmp_path / "alex.json").read_text())["client"] == "alex"


def test_schema_lists_the_fields() -> None:
    schema = constraints_schema()
    for field in (
        "client",
        "days",
        "session_minutes",
        "equipment",
        "targets",
        "experience",
        "avoid",
        "require",
        "split",
        "ordering",
        "recovery_hours",
        "solver",
        "goal",
        "rep_ranges",
        "injuries",
    ):
        assert field in schema["properties"], field
    assert schema["additionalProperties"] is False


def test_schema_lists_the_tables_names() -> None:
    """Goals, injuries, movement tags and patterns come from models/ tables: the schema lists
    them as enums, so an editor completes them and an app validates before sending."""
    schema = constraints_schema()
    props = schema["properties"]
    assert set(props["goal"]["enum"]) >= {"hypertrophy", "strength", "powerbuilding", "endurance"}
    assert "shoulder" in props["injuries"]["items"]["enum"]
    avoid = schema["$defs"]["Avoid"]["properties"]
    assert "overhead" in avoid["tags"]["items"]["enum"]
    assert "upright_row" in avoid["patterns"]["items"]["enum"]


def test_weekly_sets_count_secondary_as_half(program: Program) -> None:
    recount: dict[str, float] = {}
    for day in program.days:
        for ex in day.exercises:
            for m in ex.primary:
                recount[m] = recount.get(m, 0) + ex.sets
            for m in ex.secondary:
                recount[m] = recount.get(m, 0) + ex.sets / 2
    assert recount == program.weekly_sets


def test_targets_met_when_time_allows(program: Program) -> None:
    for muscle in ("chest", "quads"):
        assert program.targets[muscle].met, muscle
    assert program.attainment == 1.0


def test_compound_first_has_no_pairs(catalog) -> None:
    p = solve_checked({**SMALL, "ordering": "compound_first"}, catalog)
    assert p.pre_exhaust_pairs == 0
    for day in p.days:
        intensities = [e.intensity for e in day.exercises]
        assert intensities == sorted(intensities, reverse=True)


def test_same_program_in_every_process() -> None:
    """String hashing differs per process; the model must not depend on it, or equally good
    weeks would differ between batch workers (a recovery rule once iterated over a set)."""
    import os
    import subprocess
    import sys

    code = (
        "import json; from optimizer import plan; "
        "p = plan('examples/coach/bodyweight_traveller.yaml'); d = p.model_dump(); "
        "[d.pop(k) for k in ('solve_seconds', 'build_seconds')]; "
        "print(p.status, json.dumps(d, sort_keys=True))"
    )
    outputs = set()
    for seed in ("0", "1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        src = str(EXAMPLES.parent / "src")
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=EXAMPLES.parent,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        status, _, payload = done.stdout.strip().partition(" ")
        assert status == "optimal"
        outputs.add(payload)
    assert len(outputs) == 1
