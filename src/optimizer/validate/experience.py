"""No exercise above the client's experience level."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog import LEVELS
from .context import Violation, Week


def check_experience(week: Week) -> Iterator[Violation]:
    experience = week.constraints.experience
    for item in week.items:
        level = item.exercise.level
        if LEVELS.index(level) > LEVELS.index(experience):
            yield Violation("experience", item.where, f"{level} exercise for a {experience}")
