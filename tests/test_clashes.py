"""Warnings: rules of one file that clash, so the week exists but not as the file asks.

The 72 h full-body week on Mon/Wed/Fri is the case from issue 13: it used to give a 28-minute
arms day without a word. Each warning kind has a file that raises it, and where a kind states
what the plan does (an empty day, a volume ceiling, no exercise for a muscle), the planned and
validated week is checked to do it: a warning must never be wrong.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import constraints_strategy
from typer.testing import CliRunner

from optimizer import Program, load_catalog, taste, validate
from optimizer.batch.results import ClientResult
from optimizer.clashes import clashes, short_of_minimums
from optimizer.cli import app
from optimizer.constraints import load_constraints, parse_constraints
from optimizer.explain import Explanation
from optimizer.explain.render import as_text
from optimizer.export import print_program, to_html, to_markdown
from optimizer.limits import MESSAGE_CHARS
from optimizer.problem import build_problem
from optimizer.program import PlanWarning, TargetReport

from helpers import EXAMPLES, solve_checked

CATALOG = load_catalog()
FULL_BODY_72H = EXAMPLES / "coach" / "full_body_72h.yaml"
ARTICLE = EXAMPLES / "article_week.yaml"
CODES = {
    "no_targets",
    "recovery_split",
    "recovery_idle_day",
    "target_out_of_reach",
    "max_below_sets_min",
    "no_exercise_for_day",
    "session_too_short",
    "pre_exhaust_unpaired",
}
#: what a warning states holds in any valid week, so the weeks need not be proven (2 s)
QUICK = {"time_limit": 2, "workers": 1}
FAST = ("--time-limit", "2")
runner = CliRunner()


def warnings_of(data: dict[str, Any]) -> list[PlanWarning]:
    constraints = parse_constraints({"client": "clash", **data}, CATALOG.vocabulary)
    return clashes(build_problem(constraints, CATALOG))


def only(data: dict[str, Any], code: str) -> PlanWarning:
    """The one warning of `code` the file raises (and no warning outside the known kinds)."""
    found = warnings_of(data)
    assert {w.code for w in found} <= CODES
    (warning,) = [w for w in found if w.code == code]
    assert len(warning.message) <= MESSAGE_CHARS
    return warning


def planned(data: dict[str, Any]) -> Program:
    """The validated week, carrying the same warnings `clashes` finds."""
    program = solve_checked({"client": "clash", **data, "solver": QUICK}, CATALOG)
    assert program.warnings == warnings_of(data)
    return program


# -- the case: full body on Mon/Wed/Fri with 72 h ----------------------------------------


def test_full_body_72h_warns_in_the_json_and_on_stderr(tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", str(FULL_BODY_72H), "--json", "--no-write", *FAST])
    assert result.exit_code == 0, result.output
    program = Program.model_validate_json(result.stdout)
    constraints = load_constraints(FULL_BODY_72H, CATALOG.vocabulary)
    assert validate(program, constraints, CATALOG) == []
    (warning,) = program.warnings
    assert warning.code == "recovery_split"
    assert warning.fields == ["split", "recovery_hours"]
    assert "split: full" in warning.message
    assert "recovery_hours: 72" in warning.message
    assert "wed" in warning.message
    assert json.loads(result.stdout)["warnings"][0]["message"] == warning.message
    assert result.stderr.splitlines() == [f"warning: {warning.message}"]


def test_full_body_72h_table_says_it_once() -> None:
    """Without --json the warning is on stderr, and the table on stdout does not repeat it."""
    result = runner.invoke(app, ["plan", str(FULL_BODY_72H), "--no-write", *FAST])
    assert result.exit_code == 0, result.output
    assert "warning:" not in result.stdout
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("warning:")]
    assert "split: full" in line and "recovery_hours: 72" in line


def test_check_prints_the_warning_and_passes() -> None:
    result = runner.invoke(app, ["check", str(FULL_BODY_72H)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.stdout
    (line,) = result.stderr.splitlines()
    assert line.startswith("warning: split: full on mon, wed and fri with recovery_hours: 72")


def test_the_72h_week_gives_wednesday_only_what_the_others_leave_out() -> None:
    """What the warning says the plan does: a target trained on wed is on neither mon nor fri."""
    data = yaml.safe_load(FULL_BODY_72H.read_text(encoding="utf-8"))
    trained = {
        day.day: {m for ex in day.exercises for m in ex.primary} & set(data["targets"])
        for day in planned(data).days
    }
    assert not trained["wed"] & (trained["mon"] | trained["fri"])


def test_a_clean_file_has_no_warning() -> None:
    constraints = load_constraints(ARTICLE, CATALOG.vocabulary)
    assert clashes(build_problem(constraints, CATALOG)) == []
    result = runner.invoke(app, ["check", str(ARTICLE)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


# -- one test per kind ---------------------------------------------------------------------------


def test_recovery_split_on_consecutive_full_body_days() -> None:
    data = {
        "days": ["mon", "tue", "thu", "fri"],
        "split": dict.fromkeys(["mon", "tue", "thu", "fri"], "full"),
        "targets": {"chest": 6, "quads": 6},
    }
    warning = only(data, "recovery_split")
    assert warning.fields == ["split", "recovery_hours"]
    assert "mon-tue and thu-fri are 24 h apart" in warning.message
    assert "only 2 of the 4 days" in warning.message
    assert "at most 2 of the 4 full days can train them all" in warning.message


def test_recovery_idle_day_with_split_auto() -> None:
    data = {"days": ["mon", "wed", "fri"], "recovery_hours": 72, "targets": {"chest": 6}}
    warning = only(data, "recovery_idle_day")
    assert warning.fields == ["days", "recovery_hours", "split"]
    assert warning.message.startswith(
        "days: [mon, wed, fri] with split: auto and recovery_hours: 72: wed is under 72 h"
    )
    assert "a muscle trained on wed skips mon and fri" in warning.message
    days = {d.day: {m for ex in d.exercises for m in ex.primary} for d in planned(data).days}
    assert "chest" not in days["wed"] or "chest" not in days["mon"] | days["fri"]


def test_target_out_of_reach_names_recovery_and_the_session_cap() -> None:
    data = {"days": ["mon", "wed", "fri"], "recovery_hours": 72, "targets": {"chest": 35}}
    warning = only(data, "target_out_of_reach")
    assert warning.fields == [
        "targets.chest.min",
        "recovery_hours",
        "max_muscle_sets_per_session",
    ]
    assert "at most 30 weekly sets of chest" in warning.message
    program = planned(data)
    assert program.weekly_sets["chest"] <= 30
    assert not program.targets["chest"].met


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (
            {"days": ["mon", "thu"], "split": {"mon": "lower", "thu": "lower"}},
            "split",
            "no day's focus allows an exercise that works chest",
        ),
        (
            {"days": ["mon", "thu"], "avoid": {"muscles": ["chest"]}},
            "avoid.muscles",
            "no exercise may work chest",
        ),
    ],
)
def test_target_out_of_reach_with_nothing_for_the_muscle(
    data: dict[str, Any], field: str, words: str
) -> None:
    data = {**data, "targets": {"chest": 8, "quads": 8}}
    warning = only(data, "target_out_of_reach")
    assert warning.fields == ["targets.chest.min", field]
    assert words in warning.message and "0 sets" in warning.message
    assert planned(data).weekly_sets.get("chest", 0) == 0


def test_max_below_sets_min() -> None:
    data = {
        "days": ["mon", "thu"],
        "sets_per_exercise": [3, 5],
        "targets": {"biceps": {"min": 0, "max": 2}, "lats": 8},
    }
    warning = only(data, "max_below_sets_min")
    assert warning.fields == ["targets.biceps.max", "sets_per_exercise"]
    assert "no exercise with biceps as a primary muscle" in warning.message
    program = planned(data)
    assert not any("biceps" in ex.primary for d in program.days for ex in d.exercises)


def test_a_max_of_zero_is_meant_and_no_clash() -> None:
    data = {"days": ["mon", "thu"], "targets": {"biceps": {"min": 0, "max": 0}, "lats": 8}}
    assert not [w for w in warnings_of(data) if w.code == "max_below_sets_min"]


@pytest.mark.parametrize(
    ("targets", "require", "words"),
    [
        ({}, [], "targets: {} names no muscle, so no set earns anything and the plan leaves every"),
        (
            {"chest": {"min": 8, "priority": 0}},
            ["barbell_back_squat"],
            "targets: every target has priority: 0, so no set earns anything and the plan holds "
            "only what require names (barbell_back_squat)",
        ),
    ],
)
def test_no_targets_says_why_the_week_is_empty(
    targets: dict[str, Any], require: list[str], words: str
) -> None:
    data = {"days": ["mon", "thu"], "targets": targets, "require": require}
    warning = only(data, "no_targets")
    assert warning.fields == ["targets"] and warning.message.startswith(words)
    used = [ex.id for d in planned(data).days for ex in d.exercises]
    assert used == require


def test_default_targets_are_no_clash() -> None:
    assert not [w for w in warnings_of({"days": ["mon", "thu"]}) if w.code == "no_targets"]


def test_no_exercise_for_day() -> None:
    data = {
        "days": ["mon", "thu"],
        "split": {"mon": "push", "thu": "pull"},
        "equipment": ["bodyweight_only"],
        "avoid": {"muscles": ["chest", "triceps", "front_delts", "abs", "obliques"]},
        "targets": {"lats": 8},
    }
    warning = only(data, "no_exercise_for_day")
    assert warning.fields == ["split", "equipment", "experience", "avoid.muscles"]
    assert warning.message.startswith("split: push on mon with equipment: [bodyweight_only]")
    mon = next(d for d in planned(data).days if d.day == "mon")
    assert mon.exercises == []


def test_session_too_short() -> None:
    data = {
        "days": ["mon", "thu"],
        "session_minutes": {"mon": 10, "thu": 60},
        "warmup_minutes": 5,
        "sets_per_exercise": [5, 6],
        "targets": {"lats": 8},
    }
    warning = only(data, "session_too_short")
    assert warning.fields == ["session_minutes.mon", "warmup_minutes", "sets_per_exercise"]
    assert "session_minutes: 10 on mon with warmup_minutes: 5" in warning.message
    mon = next(d for d in planned(data).days if d.day == "mon")
    assert mon.exercises == []


def test_pre_exhaust_unpaired() -> None:
    data = {
        "days": ["mon", "thu"],
        "equipment": ["dumbbells_only"],
        "targets": {"quads": 8, "chest": 8},
    }
    warning = only(data, "pre_exhaust_unpaired")
    assert warning.fields == ["ordering", "equipment"]
    assert "ordering: pre_exhaust with equipment: [dumbbells_only]" in warning.message
    assert "for quads" in warning.message and "chest" not in warning.message
    for day in planned(data).days:
        quads = {ex.mechanic for ex in day.exercises if "quads" in ex.primary}
        assert quads != {"isolation", "compound"}
    assert not [w for w in warnings_of({**data, "ordering": "free"}) if w.code == warning.code]


def test_a_max_below_a_pairs_sets_leaves_the_muscle_unpaired() -> None:
    """A pair is 3 isolation sets then 3 compound sets (README, The objective): a weekly max
    of 5 sets, or a session cap of 5, holds no pair, and the line names that setting."""
    data = {
        "days": ["mon", "thu"],
        "equipment": ["commercial_gym"],
        "targets": {"quads": {"min": 4, "max": 5}, "chest": 8},
    }
    warning = only(data, "pre_exhaust_unpaired")
    assert warning.fields == ["ordering", "targets.quads.max"]
    assert "targets.quads.max 5" in warning.message
    assert "3 isolation sets then 3 compound sets for quads" in warning.message
    assert "chest" not in warning.message
    assert planned(data).pre_exhaust_pairs <= 2  # chest on two days at most; quads none
    capped = {**data, "targets": {"quads": 8}, "max_muscle_sets_per_session": 5}
    warning = only(capped, "pre_exhaust_unpaired")
    assert warning.fields == ["ordering", "max_muscle_sets_per_session"]
    assert not [w for w in warnings_of({**data, "targets": {"quads": 8}}) if w.code == warning.code]


# -- where warnings appear -------------------------------------------------------------------------


@cache
def warned_program() -> Program:
    """The 72 h week, solved once for the tests of where warnings appear."""
    data = yaml.safe_load(FULL_BODY_72H.read_text(encoding="utf-8"))
    return planned(data)


def test_the_exports_show_the_warnings() -> None:
    from rich.console import Console

    program = warned_program()
    message = program.warnings[0].message
    assert f"- warning: {message}" in to_markdown(program)
    assert f'<p class="warning">warning: {message}</p>' in to_html(program)
    console = Console(width=400, record=True)
    print_program(program, console)
    assert f"warning: {message}" in console.export_text()
    console = Console(width=400, record=True)
    print_program(program, console, warnings=False)
    assert "warning:" not in console.export_text()


def test_the_batch_summary_counts_them() -> None:
    result = ClientResult.from_program(warned_program(), "full_body_72h.yaml")
    assert result.row()["warnings"] == 1
    assert result.record("x")["warnings"] == 1


def test_the_explanation_lists_them() -> None:
    warning = PlanWarning(code="recovery_split", fields=["split"], message="m")
    explanation = Explanation(
        client="c", status="feasible", program_status="optimal", warnings=[warning]
    )
    assert as_text(explanation).splitlines()[-1] == "warning: m"


# -- never raises, always short ------------------------------------------------------------------


@st.composite
def clashing_files(draw: st.DrawFn) -> dict[str, Any]:
    """The property tests' valid files, with the settings that make clashes drawn wide."""
    data = draw(constraints_strategy(require=False))
    low = draw(st.integers(1, 6))
    data["sets_per_exercise"] = [low, draw(st.integers(low, 10))]
    data["warmup_minutes"] = draw(st.sampled_from((0, 5, 15)))
    data["recovery_hours"] = draw(st.sampled_from((0, 24, 48, 72, 96, 168)))
    data["max_muscle_sets_per_session"] = draw(st.sampled_from((0.5, 2, 10, 50)))
    return data


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(clashing_files())
def test_clashes_never_raise_and_fit_one_line(data: dict[str, Any]) -> None:
    constraints = parse_constraints(data, CATALOG.vocabulary)
    for warning in clashes(build_problem(constraints, CATALOG)):
        assert warning.code in CODES
        assert warning.fields
        assert 0 < len(warning.message) <= MESSAGE_CHARS
        assert "\n" not in warning.message


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"injuries": ["shoulder"]}, "ordering: pre_exhaust with injuries: [shoulder]:"),
        ({"avoid": {"tags": ["overhead"]}}, "ordering: pre_exhaust with avoid.tags: [overhead]:"),
    ],
)
def test_an_injury_or_avoided_tag_is_named_when_it_leaves_a_muscle_unpaired(fields, words) -> None:
    """Issue 14's filters are blamed like equipment or avoid.muscles (the warning once read
    `pre_exhaust with :` for them)."""
    data = build_problem(parse_constraints({"client": "m", "days": ["mon"], **fields}), CATALOG)
    messages = [w.message for w in clashes(data) if w.code == "pre_exhaust_unpaired"]
    assert len(messages) == 1 and messages[0].startswith(words), messages


# -- after the solve: minimums that compete for the same minutes ---------------------------------

COMPETING = {
    "days": ["mon"],
    "session_minutes": 14,
    "warmup_minutes": 0,
    "equipment": ["commercial_gym"],
    "targets": {
        "chest": {"min": 6, "priority": 3},
        "quads": {"min": 6, "priority": 2},
        "lats": {"min": 6, "priority": 1},
    },
}


def test_minimums_that_fit_alone_but_not_together_are_said_once_with_the_proof() -> None:
    """Each min fits 14 minutes on its own (no rule-alone warning), the three together do
    not: the proven week names every target it leaves short, and the settings that make room."""
    assert warnings_of(COMPETING) == []
    program = solve_checked({"client": "clash", **COMPETING, "solver": QUICK}, CATALOG)
    assert program.status == "optimal"
    short = [m for m, t in program.targets.items() if not t.met]
    assert short  # 18 sets of minimums cannot fit 14 minutes
    (warning,) = program.warnings
    assert warning.code == "minimums_short"
    assert warning.fields == [f"targets.{m}.min" for m in short] + ["session_minutes", "days"]
    assert "(proven;" in warning.message and len(warning.message) <= MESSAGE_CHARS
    for m in short:
        assert f"{m} {program.targets[m].sets:g} of 6" in warning.message


def reports(weekly: dict[str, float]) -> dict[str, TargetReport]:
    """The week's target reports for COMPETING's three targets (each min 6)."""
    return {
        m: TargetReport(min=6, max=None, priority=1, sets=sets, met=sets >= 6)
        for m, sets in weekly.items()
    }


def test_an_unproven_shortfall_says_so_and_a_ruled_one_is_not_repeated() -> None:
    data = build_problem(
        parse_constraints({"client": "c", **COMPETING}, CATALOG.vocabulary), CATALOG
    )
    weekly = reports({"chest": 6.0, "quads": 2.0, "lats": 0.0})
    (warning,) = short_of_minimums(data, weekly, False, [])
    assert warning.fields == ["targets.quads.min", "targets.lats.min", "solver.time_limit"]
    assert "not proven" in warning.message and "longer solver.time_limit" in warning.message
    # a rule-alone warning already explains quads: only lats is left to say
    said = [PlanWarning(code="target_out_of_reach", fields=["targets.quads.min"], message="")]
    (warning,) = short_of_minimums(data, weekly, True, said)
    assert warning.fields == ["targets.lats.min", "session_minutes", "days"]
    assert short_of_minimums(data, reports({"chest": 6, "quads": 6, "lats": 6}), True, []) == []


def test_a_bound_that_rules_out_the_minimums_proves_the_shortfall_of_an_unproven_week(
    tmp_path: Path,
) -> None:
    """The default targets (about 80 sets of minimums) in 2 x 40 minutes. The week is far from
    proven at 2 s, but the bound already rules out every week with all minimums reached
    (taste.minimums_out_of_reach), so the line says it is proven and names the minutes and
    days, not a longer time limit, which would never reach them."""
    path = tmp_path / "short.yaml"
    path.write_text("client: short\ndays: [mon, thu]\nsession_minutes: 40\n", encoding="utf-8")
    constraints = load_constraints(path, CATALOG.vocabulary)
    program = solve_checked(constraints, CATALOG, time_limit=2)
    assert program.status == "feasible"  # the path under test: no proof of the week
    data = build_problem(constraints, CATALOG)
    assert taste.minimums_out_of_reach(data, program.best_bound)
    (warning,) = [w for w in program.warnings if w.code == "minimums_short"]
    assert "(proven;" in warning.message and "time_limit" not in warning.message
    assert warning.fields[-2:] == ["session_minutes", "days"]
    # a bound above every full-attainment week proves nothing, and no bound proves nothing
    w = taste.weights(data)
    assert not taste.minimums_out_of_reach(data, w.value * w.value_min - data.week_seconds)
    assert not taste.minimums_out_of_reach(data, None)
