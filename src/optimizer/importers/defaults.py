"""Defaults an importer fills in when the source does not say: intensity, reps, rest, setup,
ids. They follow `models/exercises.csv` so imported and bundled exercises plan alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Rest, reps and tempo by intensity tier, as in the bundled catalog (`domain-facts.md` 2.3, 2.4).
REST_SECONDS = {1: 60, 2: 75, 3: 90, 4: 120, 5: 180}
REPS = {1: (10, 20), 2: (10, 15), 3: (8, 12), 4: (8, 12), 5: (5, 10)}
SECONDS_PER_REP = 3
HOLD_REPS = (20, 45)  # a timed hold: "reps" are seconds at 1 s each, like the bundled plank
HOLD_NOTE = "timed hold: reps are seconds (1 s each)"

FREE_WEIGHTS = frozenset(
    {"barbell", "ez_bar", "trap_bar", "dumbbell", "kettlebell", "weight_plate"}
)
GUIDED = frozenset(
    {
        "cable_station",
        "lat_pulldown_machine",
        "cable_row_station",
        "smith_machine",
        "leg_press_machine",
        "hack_squat_machine",
        "leg_extension_machine",
        "leg_curl_machine",
        "chest_press_machine",
        "pec_deck_machine",
        "shoulder_press_machine",
        "row_machine",
        "calf_raise_machine",
        "hip_abduction_machine",
        "hip_adduction_machine",
        "hip_thrust_machine",
        "resistance_band",
    }
)
# A bodyweight compound on a bar or dip station lifts the whole body: tier 4 in the bundled
# catalog and in vocabulary.md (pull-up, dip), not 3 like a push-up.
BODYWEIGHT_HEAVY = frozenset({"pull_up_bar", "dip_station"})
BARS = frozenset({"barbell", "ez_bar", "trap_bar", "landmine"})
BENCH_OR_RACK = frozenset(
    {"squat_rack", "flat_bench", "adjustable_bench", "decline_bench", "preacher_bench"}
)
HEAVY_BARS = frozenset({"barbell", "trap_bar"})

Groups = tuple[tuple[str, ...], ...]


def items(groups: Groups) -> set[str]:
    return {item for group in groups for item in group}


def load_kind(groups: Groups) -> str:
    """`free` (any free weight), `guided` (machine, cable, Smith, band) or `bodyweight`."""
    kinds = set()
    for group in groups:  # a requirement is free weight only if every alternative is one
        if all(item in FREE_WEIGHTS for item in group):
            kinds.add("free")
        elif any(item in GUIDED for item in group):
            kinds.add("guided")
    return next((k for k in ("free", "guided") if k in kinds), "bodyweight")


# Spine-loaded barbell lifts: tier 5 (vocabulary.md), unless done seated or one side at a time.
HEAVY_CUES = (
    "squat",
    "deadlift",
    "rack pull",
    "good morning",
    "military press",
    "overhead press",
    "shoulder press",
    "press behind",
    "push press",
    "bent over row",
    "bent over barbell row",
    "bent over two arm",
    "pendlay",
    "t bar row",
)
NOT_HEAVY_CUES = (
    "seated",
    "one arm",
    "one leg",
    "single leg",
    "split",
    "sissy",
    "jump",
    "kneeling",
)


def intensity_for(mechanic: str, groups: Groups, heavy: bool = False) -> int:
    """The tier of `vocabulary.md`, always inside the mechanic's range (isolation 1-2, compound
    3-5), so a source that calls a single-joint move compound still loads.

    `heavy` marks a spine-loaded barbell lift (squat, deadlift, ...): tier 5 if it is one.
    """
    kind = load_kind(groups)
    if mechanic == "isolation":
        return 1 if kind == "guided" else 2
    if kind == "free":
        return 5 if heavy and {g[0] for g in groups} & HEAVY_BARS else 4
    if kind == "bodyweight" and items(groups) & BODYWEIGHT_HEAVY:
        return 4
    return 3


def setup_seconds(groups: Groups) -> int:
    """Loading a bar in a rack or on a bench costs the most, a machine less, a dumbbell little."""
    needed = items(groups)
    if needed & BARS:
        return 120 if needed & BENCH_OR_RACK else 90
    if needed & (GUIDED - {"resistance_band"}):
        return 45
    if needed & FREE_WEIGHTS:
        return 30
    return 15


def slug(name: str) -> str:
    """A snake_case id from a display name: `3/4 Sit-Up` -> `ex_3_4_sit_up` (ids start with a
    letter)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "exercise"
    return text if text[0].isalpha() else f"ex_{text}"


def unique_ids(names: Iterable[str], taken: set[str] | None = None) -> list[str]:
    """Ids in order, a repeat (or one in `taken`) getting `_2`, `_3`, ... so all are unique."""
    seen: set[str] = set(taken or ())
    out: list[str] = []
    for name in names:
        base = slug(name)
        candidate, n = base, 1
        while candidate in seen:
            n += 1
            candidate = f"{base}_{n}"
        seen.add(candidate)
        out.append(candidate)
    return out


def clean_text(value: object) -> str:
    """One line of text: the catalog is CSV read line by line, so no embedded newlines."""
    return " ".join(str(value or "").split())


UNILATERAL_CUES = (
    "one arm",
    "single arm",
    "one leg",
    "single leg",
    "one legged",
    "alternating",
    "alternate",
    "lunge",
    "split squat",
    "step up",
)


def words(name: str) -> str:
    """Lower case with punctuation as spaces, so cues match `Pull-Up` and `pull up` alike."""
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split()) + " "


def has(text: str, *cues: str) -> bool:
    """Whether any cue starts a word of `text` (from `words`): `fly` matches `flyes`."""
    return any(f" {cue}" in text for cue in cues)


def unilateral(text: str) -> bool:
    """One side at a time doubles the time per set (`Exercise.set_seconds`)."""
    return has(text, *UNILATERAL_CUES)


def heavy(text: str) -> bool:
    """A spine-loaded lift by its name (see `HEAVY_CUES`); tier 5 if done with a barbell."""
    return has(text, *HEAVY_CUES) and not has(text, *NOT_HEAVY_CUES)


# -- quality: how well an exercise loads and progresses (README, "The catalog") ----------------

#: The rating of each load-bearing item; benches, racks and boxes only hold the body or the bar
#: and do not count. An item not listed rates `QUALITY_OTHER`.
QUALITY_BY_ITEM = {
    **{item: 5 for item in ("barbell", "ez_bar", "trap_bar", "dumbbell")},
    **{item: 5 for item in GUIDED - {"resistance_band"}},
    "landmine": 4,
    "pull_up_bar": 4,  # pull-up and chin-up: the vertical-pull staple, loaded with a belt
    "kettlebell": 3,
    "weight_plate": 3,
    "bodyweight": 3,
    "dip_station": 3,
    "hyperextension_bench": 4,  # back extension, loaded with a plate
    "ab_wheel": 3,
    "stability_ball": 2,
    "suspension_trainer": 2,
    "resistance_band": 1,
}
QUALITY_OTHER = 3
STATIONS = frozenset(BENCH_OR_RACK | {"plyo_box"})
#: What an isolation move "without an external load" uses: only the body, a bar to hang from,
#: a station or a wheel (a crunch, a hanging knee raise, a side-lying raise).
UNLOADED = STATIONS | {"bodyweight", "pull_up_bar", "dip_station", "ab_wheel"}
UNLOADED |= {"hyperextension_bench"}
#: Awkward or niche variants of a movement that has a plainer loaded version: 1 lower.
NICHE_CUES = (
    "rollout",
    "windmill",
    "bottoms up",
    "kipping",
    "renegade",
    "guillotine",
    "clock",
    "bent press",
    "around the world",
    "side to side",
)
#: Name cues of light-kit or assisted variants a gym client would not be given when the loaded
#: version is there: they cap the rating at 2 ("Squat with Bands" on a barbell too).
LIGHT_KIT_CUES = (
    "band",
    "suspended",
    "suspension",
    "trx",
    "assisted",
    "stability ball",
    "exercise ball",
    "swiss ball",
)
LIGHT_KIT_CAP = 2


def quality_for(
    groups: Groups, text: str, mechanic: str, level: str
) -> tuple[int, tuple[str, ...]]:
    """The 1-5 rating of an imported exercise and the rules that lowered it (for the report).

    From the equipment (the lowest-rated load-bearing requirement, each requirement at its best
    alternative), then: a light-kit or assisted cue in the name (`LIGHT_KIT_CUES`) caps it at 2;
    an isolation move without an external load (body, bar to hang from, bench) loses 1; a niche
    cue (`NICHE_CUES`) loses 1; an advanced exercise loses 1 (a hard-to-learn variant of a
    simpler movement). Never below 1.
    """
    rated = [
        max(QUALITY_BY_ITEM.get(item, QUALITY_OTHER) for item in group)
        for group in groups
        if not set(group) <= STATIONS
    ]
    quality = min(rated) if rated else QUALITY_OTHER
    why: list[str] = []
    if quality > LIGHT_KIT_CAP and has(text, *LIGHT_KIT_CUES):
        quality = LIGHT_KIT_CAP
        why.append("band, suspension, assisted or ball in the name")
    if mechanic == "isolation" and quality > 1 and items(groups) <= UNLOADED:
        quality -= 1
        why.append("isolation without an external load")
    if quality > 1 and has(text, *NICHE_CUES):
        quality -= 1
        why.append("niche variant in the name")
    if level == "advanced" and quality > 1:
        quality -= 1
        why.append("advanced variant")
    return quality, tuple(why)


#: Where calves earn volume: rising onto the toes. Everywhere else fedb's "calves" steady the
#: ankle (squats, lunges, hinges, bridges) or assist a knee flexion a coach never counts as calf
#: work (domain-facts 3.2: no credit for a muscle that only stabilises; the reference taxonomy
#: drops fedb's calves from squats, lunges, hinges and bridges). Credited, a free-exercise-db
#: client's 8 weekly calf sets were "reached" without one calf raise.
CALF_PATTERNS = frozenset({"plantar_flexion", ""})
#: Patterns whose fedb "hamstrings" only steady the hip or knee: the reference taxonomy drops
#: them from squats; a leg extension works their antagonists, a carry or an adduction holds
#: them isometrically. Credited, a client's hamstrings were "reached" on squats and leg presses.
HAMSTRINGS_UNCREDITED = frozenset({"squat", "knee_extension", "loaded_carry", "hip_adduction"})


def uncredited(pattern: str, secondary: Iterable[str]) -> list[str]:
    """The secondary muscles an exercise of `pattern` only steadies: no volume credit."""
    steadied = {
        "calves": pattern not in CALF_PATTERNS,
        "hamstrings": pattern in HAMSTRINGS_UNCREDITED,
    }
    return [muscle for muscle in secondary if steadied.get(muscle, False)]
