"""free-exercise-db's 17 muscles -> our 19.

fedb has one `shoulders` and one `abdominals`; we split the deltoid into three heads and the
trunk into abs and obliques because a pre-exhaust pair is per head (a lateral raise does not
pre-exhaust a press). The head is read from the exercise's name and force, the only cues fedb
gives; the choices are counted in the import report.
"""

from __future__ import annotations

from .defaults import has

DIRECT = {
    "chest": "chest",
    "biceps": "biceps",
    "triceps": "triceps",
    "forearms": "forearms",
    "lats": "lats",
    "middle back": "upper_back",
    "traps": "traps",
    "lower back": "lower_back",
    "glutes": "glutes",
    "quadriceps": "quads",
    "hamstrings": "hamstrings",
    "adductors": "adductors",
    "abductors": "abductors",
    "calves": "calves",
}
DROPPED_MUSCLES = frozenset({"neck"})  # not in our vocabulary: no hypertrophy template targets it

REAR_CUES = (
    "rear",
    "reverse fly",
    "reverse machine fly",
    "back fly",
    "face pull",
    "pull apart",
    "external rotation",
)
SIDE_CUES = ("lateral", "side lateral", "deltoid raise", "upright", "row to neck", "scaption")
FRONT_CUES = ("front", "press", "jerk", "military", "arnold", "internal rotation", "jammer")
OBLIQUE_CUES = (
    "twist",
    "side bend",
    "wood chop",
    "woodchop",
    "oblique",
    "windmill",
    "side jackknife",
    "side bridge",
    "side plank",
    "heel touch",
    "russian",
    "rotation",
    "pallof",
    "judo flip",
    "cross body",
    "elbow to knee",
    "bicycle",
    "air bike",
)


def deltoid_head(text: str, force: str | None) -> tuple[str, str]:
    """(head, why) for fedb `shoulders` in the exercise named `text` (see `defaults.words`).

    Rear cues win (a "rear lateral raise" is a rear-delt move), then side, then front; with no
    cue a push works the front head and a pull the rear one.
    """
    if has(text, *REAR_CUES) or (has(text, "bent over") and has(text, "lateral", "raise", "fly")):
        return "rear_delts", "name"
    if has(text, *SIDE_CUES):
        return "side_delts", "name"
    if has(text, *FRONT_CUES):
        return "front_delts", "name"
    if force == "pull":
        return "rear_delts", "force"
    return "front_delts", "force"


def trunk_muscle(text: str) -> str:
    """fedb `abdominals`: obliques for twists, side bends, woodchops and the like, else abs."""
    return "obliques" if has(text, *OBLIQUE_CUES) else "abs"


def map_muscle(name: str, text: str, force: str | None) -> tuple[str | None, str]:
    """One fedb muscle -> (our muscle or None when dropped, the decision to report or "")."""
    key = name.strip().lower()
    if key in DIRECT:
        return DIRECT[key], ""
    if key == "shoulders":
        head, why = deltoid_head(text, force)
        return head, f"shoulders -> {head} (by {why})"
    if key == "abdominals":
        muscle = trunk_muscle(text)
        return muscle, "abdominals -> obliques" if muscle == "obliques" else ""
    if key in DROPPED_MUSCLES:
        return None, f"{key} dropped"
    return None, f"unknown muscle {key!r} dropped"
