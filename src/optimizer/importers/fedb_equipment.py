"""free-exercise-db's 12 equipment values -> our equipment requirements.

fedb says `machine`, `cable` or `other` where a client needs to know *which* machine, and says
nothing about benches, racks and bars. Both are read from the exercise's name: a planned week
must only use what the client owns, so an exercise whose machine we cannot name is dropped
rather than guessed (the report counts them).
"""

from __future__ import annotations

from .defaults import Groups, has

# Tried in order: the first cue in the name picks the machine (Smith first: "Smith machine
# leg press" is done on a Smith machine).
MACHINES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("smith",), "smith_machine"),
    (("leg press",), "leg_press_machine"),
    (("hack squat",), "hack_squat_machine"),
    (("leg extension",), "leg_extension_machine"),
    (("leg curl",), "leg_curl_machine"),
    (("pec deck", "butterfly", "machine fly", "reverse machine fly"), "pec_deck_machine"),
    (("calf",), "calf_raise_machine"),
    (("abductor", "abduction"), "hip_abduction_machine"),
    (("adductor", "adduction"), "hip_adduction_machine"),
    (("hip thrust",), "hip_thrust_machine"),
    (("pulldown", "pull down"), "lat_pulldown_machine"),
    (("chest press", "bench press"), "chest_press_machine"),
    (("shoulder press", "military press"), "shoulder_press_machine"),
    (("row",), "row_machine"),
)
# fedb `other`: the item the name points to.
OTHER: tuple[tuple[tuple[str, ...], str], ...] = (
    (("trap bar",), "trap_bar"),
    (("ab roller", "ab wheel"), "ab_wheel"),
    (("suspended", "suspension", "straps", "ring", "trx"), "suspension_trainer"),
    (("hyperextension", "back extension"), "hyperextension_bench"),
    (("chin", "pull up", "pullup", "muscle up"), "pull_up_bar"),
    (("bench dip",), "flat_bench"),
    (("dip", "parallel bar"), "dip_station"),
    (("plate",), "weight_plate"),
    (("band",), "resistance_band"),
    (("box",), "plyo_box"),
    (("bench",), "flat_bench"),
)
# Things no client file can name: an exercise needing one is dropped whatever fedb says.
FOREIGN_CUES = (
    "chain",
    "sled",
    "bosu",
    "rope climb",
    "battling rope",
    "balance board",
    "head harness",
    "wrist roller",
    "tire",
    "london bridge",
)
BODYWEIGHT_CUES = (
    "bodyweight",
    "body weight",
    "push up",
    "pushup",
    "pull up",
    "pullup",
    "chin up",
    "inverted row",
    "crunch",
    "sit up",
    "plank",
    "lunge",
)
SIMPLE = {
    "barbell": "barbell",
    "dumbbell": "dumbbell",
    "kettlebells": "kettlebell",
    "e-z curl bar": "ez_bar",
    "bands": "resistance_band",
    "exercise ball": "stability_ball",
    "body only": "bodyweight",
}
BALL_ONLY = frozenset({"medicine ball", "foam roll"})
# Barbell lifts started from a rack (bar on the back or shoulders, or a bench press).
RACK_CUES = (
    "squat",
    "bench press",
    "military",
    "shoulder press",
    "overhead press",
    "press behind",
    "good morning",
    "lunge",
    "shrug",
    "calf raise",
    "rack",
    "pin",
    "step up",
)
NO_RACK_CUES = ("hack squat", "sissy", "jump", "one leg", "from bench", "seated calf")
# Free-weight moves done lying on a bench even when the name does not say "bench".
FREE_BARS_AND_BELLS = frozenset({"barbell", "dumbbell", "kettlebell", "ez_bar"})
BENCH_MOVES = (
    "fly",
    "pullover",
    "skull",
    "tate press",
    "jm press",
    "board press",
    "concentration",
    "dumbbell press",
    "ez bar press",
)
OFF_BENCH = ("standing", "floor", "reverse fly", "bent over")
# An inverted row hangs under a bar set low: in a rack or a Smith machine (as in models/).
INVERTED_ROW: Groups = (("barbell", "smith_machine"), ("squat_rack", "smith_machine"))


class Unmappable(Exception):
    """The equipment cannot be named in our vocabulary; `reason` is the report's key."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _first(text: str, table: tuple[tuple[tuple[str, ...], str], ...]) -> str | None:
    return next((item for cues, item in table if has(text, *cues)), None)


def _base(equipment: str | None, text: str) -> str | tuple[str, ...]:
    """The main item (or alternatives) fedb's value stands for in this exercise."""
    if equipment in BALL_ONLY:
        raise Unmappable("medicine ball or foam roll only")
    if equipment == "machine":
        item = _first(text, MACHINES)
        if item is None:
            raise Unmappable("unknown machine")
        return item
    if equipment == "cable":
        if has(text, "pulldown", "pull down"):
            return ("lat_pulldown_machine", "cable_station")
        if has(text, "seated cable row", "seated row"):
            return ("cable_row_station", "cable_station")
        return "cable_station"
    if equipment == "other":
        item = _first(text, OTHER)
        if item is None:
            raise Unmappable("unidentified 'other' equipment")
        return item
    if equipment is None:
        if not has(text, *BODYWEIGHT_CUES):
            raise Unmappable("no equipment and no bodyweight cue")
        return "bodyweight"
    if equipment not in SIMPLE:
        raise Unmappable(f"unknown equipment {equipment!r}")
    return SIMPLE[equipment]


def _bench(text: str, base: str) -> tuple[str, ...] | None:
    """The bench a free-weight, cable or bodyweight exercise needs, read from its name."""
    if has(text, "preacher"):
        return ("preacher_bench",)
    if has(text, "push up"):  # incline or decline push-up: hands or feet on a bench or box
        return ("flat_bench", "plyo_box") if has(text, "incline", "decline") else None
    if has(text, "decline"):
        return ("decline_bench",)
    if has(text, "incline"):
        return ("adjustable_bench",)
    if (
        base in {"barbell", "dumbbell", "kettlebell", "ez_bar"}
        and has(text, "seated")
        and has(text, "press")
    ):
        return ("adjustable_bench",)  # a seated overhead press needs a back rest
    if has(text, "box", "step up"):
        return ("plyo_box", "flat_bench")
    if has(text, "bench"):
        return ("flat_bench",)
    if base in {"barbell", "dumbbell", "kettlebell", "ez_bar", "smith_machine"} and has(
        text, "lying", "seated"
    ):
        return ("flat_bench",)
    if base in FREE_BARS_AND_BELLS and has(text, *BENCH_MOVES) and not has(text, *OFF_BENCH):
        return ("flat_bench",)
    return None


def _stations(text: str, first: str) -> list[tuple[str, ...]]:
    """Bars, dip stations and benches the name asks for beside the main item `first`."""
    out: list[tuple[str, ...]] = []
    bar = has(text, "chin", "pull up", "pullup", "muscle up") and not has(text, "to chin")
    if first != "pull_up_bar" and (bar or (first == "bodyweight" and has(text, "hanging"))):
        out.append(("pull_up_bar",))
    if has(text, "bench dip"):
        return [*out, ("flat_bench",)]
    # rings (suspension trainer) replace the dip station
    if first not in {"dip_station", "suspension_trainer"} and has(text, "dip"):
        out.append(("dip_station",))
    if first not in {"flat_bench", "dip_station", "plyo_box"}:
        bench = _bench(text, first)
        if bench:
            out.append(bench)
    return out


def _additions(text: str, first: str, equipment: str | None) -> list[tuple[str, ...]]:
    """Racks, landmines, bands, balls and plates the name adds to a free or cable exercise."""
    out: list[tuple[str, ...]] = []
    if first == "barbell" and has(text, *RACK_CUES) and not has(text, *NO_RACK_CUES):
        out.append(("squat_rack",))
    if first == "barbell" and has(text, "landmine", "t bar", "long bar"):
        out.append(("landmine",))
    if first != "resistance_band" and has(text, "band"):
        out.append(("resistance_band",))
    if first != "stability_ball" and has(text, "exercise ball", "stability ball", "swiss ball"):
        out.append(("stability_ball",))
    if first != "weight_plate" and equipment == "other" and has(text, "plate"):
        out.append(("weight_plate",))
    return out


def map_equipment(equipment: str | None, text: str) -> Groups:
    """fedb `equipment` of the exercise named `text` (see `defaults.words`) -> requirement
    groups (all needed; any item of a group will do). Raises `Unmappable`."""
    equipment = equipment.strip().lower() if isinstance(equipment, str) else None
    if has(text, *FOREIGN_CUES):
        raise Unmappable("needs equipment outside our vocabulary")
    if equipment is None and has(text, "inverted row"):
        return INVERTED_ROW
    # fedb files some Smith-machine moves under barbell or machine; the name says which
    base = "smith_machine" if has(text, "smith") else _base(equipment, text)
    groups: list[tuple[str, ...]] = [base if isinstance(base, tuple) else (base,)]
    first = groups[0][0]
    if equipment != "machine" or first == "smith_machine":  # a named machine is self-contained
        groups += _stations(text, first) + _additions(text, first, equipment)
    if len(groups) > 1:  # bodyweight is implied by any other requirement
        groups = [g for g in groups if g != ("bodyweight",)]
    return tuple(dict.fromkeys(groups))
