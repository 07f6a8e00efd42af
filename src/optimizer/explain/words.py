"""Rule groups in the client's own words: a field path -> a short sentence about their file.

Each rule group says how its own field paths read (cpsat/rules); this adds what is true of
every field: a value the file left to its default says so, since the client never wrote it.
"""

from __future__ import annotations

from ..constraints import Constraints
from ..cpsat import rules


def describe(field: str, c: Constraints) -> str:
    """`session_minutes.mon` -> `session_minutes: 20 on mon`."""
    text = rules.describe(field, c)
    top = field.split(".")[0].split("[")[0]
    if top in Constraints.model_fields and top not in c.model_fields_set:
        text += " (default)"
    return text
