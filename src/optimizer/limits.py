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
SUPERSET_TRANSITION_SECONDS = Range(0, 120)  # isolation set -> compound set in a superset
REPS = Range(1, 100)  # reps per working set (a rep range's ends; timed holds: seconds)
REST_SECONDS = Range(0, 600)  # rest after a working set
SET_POINTS = Range(-20, 20)  # a goal tier's coach-value points per working set (goals.yaml)
EXERCISES_PER_SESSION = Range(1, 30)
DAYS_PER_EXERCISE = Range(1, 7)  # training days of the week one exercise may be on
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

# -- input: what a file, a mapping or a batch row may hold ------------------------------------
# Read by `optimizer.safe_input`, which every entry point goes through (CLI, `plan()`,
# `load_constraints`, batch rows). A real constraints file is under 5 KB, 3 levels deep and
# under 200 values; these caps are one to three orders of magnitude above that, and low enough
# that a hostile input is refused in milliseconds and a few MB of memory.
#: Bytes of one constraints file (or one JSON Lines row). Override with the environment
#: variable PREEXHAUST_MAX_INPUT_BYTES (bytes).
INPUT_FILE_BYTES = 1_000_000
#: Bytes of a batch source (JSON Lines or sheet) and of a catalog file: many clients or
#: exercises. Override with PREEXHAUST_MAX_BATCH_BYTES.
BATCH_FILE_BYTES = 64_000_000
CATALOG_FILE_BYTES = 64_000_000
#: Levels of nesting (a map or list inside another); the file's deepest field is 3.
INPUT_DEPTH = 20
#: Values (maps, lists, strings, numbers) in one client's constraints, counted as read,
#: so a shared sub-list passed from Python counts every time it appears.
INPUT_VALUES = 10_000
#: Entries of one list or map; `days` and `targets` have their own.
INPUT_LIST_ITEMS = 500
INPUT_DAYS = 7
INPUT_TARGETS = 100
#: Characters of a name (a list entry or a map key) and of any other text value (a list
#: given as one comma-separated string).
INPUT_NAME_CHARS = 100
INPUT_TEXT_CHARS = 2_000
#: Digits of a number in a file, and the magnitude of any integer: every field's range is far
#: below, so a larger one is refused before anything converts it to text.
INPUT_NUMBER_DIGITS = 30
INPUT_INTEGER = 10**15
#: Characters of a path the user gave.
INPUT_PATH_CHARS = 4_096
#: Characters of a value echoed in a message (then an ellipsis), and of a whole message.
ECHO_CHARS = 80
MESSAGE_CHARS = 300
#: Characters of a field path in a message (an unknown field's name, a file's path).
FIELD_CHARS = 120

# -- the HTTP service (`preexhaust serve`) ----------------------------------------------------
# A request body is capped like the file it stands for: one client's constraints by
# INPUT_FILE_BYTES, a batch by BATCH_FILE_BYTES (with the same environment overrides, read
# through `safe_input`). These bound what the service holds for requests in flight.
#: Solve requests (plan, explain) that may wait for a worker beyond those running; one more
#: is refused with 503 and Retry-After, so a burst costs memory in proportion to this, not to
#: the burst.
SERVICE_QUEUE = 32
#: Seconds a request's solve may run, by default and at most (`--max-time-limit`); the
#: input's `solver.time_limit` and the request's `time_limit` are capped by it.
SERVICE_MAX_TIME_LIMIT = 60.0
#: Batch jobs waiting beyond the running one; one more is refused with 503.
SERVICE_BATCH_JOBS = 16
#: Clients in one batch job.
SERVICE_BATCH_CLIENTS = 10_000
#: Seconds a Retry-After may say (a guess from the recent solve times, at least 1).
SERVICE_RETRY_AFTER = Range(1, 60)
#: Seconds one explanation may take in all (`/explain`, and the conflict a 409 carries): it
#: runs a solve per rule it relaxes, each capped by `--max-time-limit`, so a 6-day client
#: took 86 s, past a proxy's usual 60-120 s; what is not tried by then is reported as such.
SERVICE_EXPLAIN_SECONDS = 45.0
