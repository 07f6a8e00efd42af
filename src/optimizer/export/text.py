"""Plain-text pieces every output shares: numbers, rep ranges, the proof status, targets and the
weekly volume rows.

Pure functions of a Program and its parts, with no format of their own, so the Markdown, HTML
and terminal renderers word the same facts the same way. Depends on `optimizer.program` only.
"""

from __future__ import annotations

from ..program import Program, TargetReport


def reps_text(reps: tuple[int, int]) -> str:
    """`8-12`, or `10` for a fixed count."""
    return str(reps[0]) if reps[0] == reps[1] else f"{reps[0]}-{reps[1]}"


def number_text(x: float) -> str:
    """Shortest form: 10.0 -> `10`, 10.75 -> `10.75`."""
    return f"{x:g}"


def proof_text(program: Program) -> str:
    """What the solver proved, in words (see `Program.absolute_gap` for the minutes)."""
    if program.status != "optimal":
        return f"best found, gap {program.gap:.2%}"
    left = program.absolute_gap
    if left <= 0:
        return "proven optimal"
    if left <= 60 * program.solver.get("time_tolerance", 0):
        return (
            f"targets and pairs proven best, exercise time within {left / 60:.1f} min of the "
            f"shortest"
        )
    return f"proven within the gap limit ({program.gap:.2%})"


def status_line(program: Program) -> str:
    """The one-line verdict under every rendering's title: proof, time, pairs, targets."""
    proof = proof_text(program)
    return (
        f"{proof} in {program.solve_seconds:.2f} s; {program.pre_exhaust_pairs} pre-exhaust "
        f"pair(s); {program.attainment:.0%} of weighted target minimums reached"
    )


def target_text(target: TargetReport) -> str:
    """`10-20`, `8+` (no maximum), with the priority when it is not the default 1."""
    upper = f"-{number_text(target.max)}" if target.max is not None else "+"
    text = number_text(target.min) + upper
    return text + (f" (priority {target.priority})" if target.priority != 1 else "")


def volume_rows(program: Program) -> list[tuple[str, float]]:
    """(muscle, weekly sets): every muscle worked, then targeted muscles the week missed."""
    muscles = list(program.weekly_sets) + [
        m for m in program.targets if m not in program.weekly_sets
    ]
    return [(m, program.weekly_sets.get(m, 0.0)) for m in muscles]
