"""Every numeric limit of the constraints file, defined once.

The pydantic fields, the JSON Schema, the error messages and the model all read them from
here: a repair that relaxes a rule stays within the same limits the file is checked against
(a "raise session_minutes to 320" would be a repair no file can take), and a limit changed here
changes everywhere at once.
"""

from __future__ import annotations

from typing import NamedTuple


class Range(NamedTuple):
    """Inclusive bounds of one number in the file."""

    low: float
    high: float

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high

    @property
    def text(self) -> str:
        """`10 to 300`, for messages that tell the fix."""
        return f"{self.low:g} to {self.high:g}"


SESSION_MINUTES = Range(10, 300)
WARMUP_MINUTES = Range(0, 60)
RECOVERY_HOURS = Range(0, 168)
SETS_PER_EXERCISE = Range(1, 10)
EXERCISES_PER_SESSION = Range(1, 30)
HEAVY_PER_SESSION = Range(0, 10)  # intensity-5 lifts in one session
COMPOUNDS_PER_PATTERN = Range(1, 10)  # compounds of one movement pattern in one session
# fractional sets of one muscle in one session (max_muscle_sets_per_session: above 0)
MUSCLE_SETS_PER_SESSION = Range(0, 50)
# weekly fractional sets of a target's min and max
TARGET_SETS = Range(0, 200)
TARGET_PRIORITY = Range(0, 100)
CLIENT_NAME_LENGTH = 80

# the solver block
TIME_LIMIT_SECONDS = Range(0, 3600)  # above 0
SEED = Range(0, 2**31 - 1)
WORKERS = Range(1, 64)
RELATIVE_GAP = Range(0, 1)
# minutes; the objective's pair weight leaves room for this much (ProblemData.time_room)
TIME_TOLERANCE_MINUTES = Range(0, 60)
