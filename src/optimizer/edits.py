"""Edits to a constraints file: what a repair or a "what if" step changes, in the file's terms.

Solver-neutral on purpose: the rule groups (cpsat/rules) write them when they read a
relaxation back, the explanation (explain/) shows and applies them, and apps read them as JSON.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel


class Edit(BaseModel):
    """One change to one field of the constraints file."""

    field: str
    action: Literal["set", "add", "remove"]
    value: Any
    before: Any = None
    text: str
