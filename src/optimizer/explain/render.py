"""Explanations as text for a terminal and as the JSON shape apps read."""

from __future__ import annotations

from typing import Any

from . import Explanation


def as_json(explanation: Explanation, error: str | None = None) -> dict[str, Any]:
    data = explanation.model_dump()
    if error:
        data["error"] = error
    return data


def as_text(explanation: Explanation) -> str:
    lines: list[str] = []
    if explanation.status == "infeasible":
        qualifier = (
            "drop any one and the rest can hold"
            if explanation.minimal
            else "not proven minimal in the time limit"
        )
        lines.append(
            f"No week for {explanation.client} satisfies these rules together ({qualifier}):"
        )
        lines += [f"  - {c.text}    [{c.field}]" for c in explanation.conflicts]
        if explanation.repairs:
            lines.append("Smallest changes that make a week possible:")
            lines += [f"  - {r.text}: {r.effect}" for r in explanation.repairs]
        else:
            lines.append("No single change was found in the time limit; relax the rules above.")
    elif explanation.status == "feasible" and explanation.relaxations is not None:
        lines.append(
            f"{explanation.client}: a week exists ({explanation.program_status}, "
            f"{(explanation.attainment or 0):.0%} of weighted target minimums)."
        )
        binding = [r for r in explanation.relaxations if r.binding]
        loose = [r for r in explanation.relaxations if not r.binding]
        if binding:
            lines.append("Binding rules, with what relaxing each by one step would gain:")
            lines += [f"  - {r.text}    [{r.field}]" for r in binding]
        elif explanation.complete:
            lines.append("No rule binds: relaxing any one by a step gains nothing.")
        else:
            lines.append("No rule binds among those tried.")
        if loose:
            lines.append("Not binding: " + ", ".join(r.step for r in loose))
        lines += [f"warning: {w.message}" for w in explanation.warnings]
    else:
        lines.append(f"{explanation.client}: no conflict could be proven in the time limit.")
    if not explanation.complete:
        lines.append(
            f"(the time budget ran out after {explanation.solves} solves: "
            "some changes were not tried)"
        )
    return "\n".join(lines)
