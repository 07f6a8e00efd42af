"""The movement pattern and tags of an imported exercise, from its name, muscles and equipment.

A third-party list names exercises but rarely says how they load the body, and a physio's
`avoid.tags: [overhead]` is only as good as the tags. So every import derives them by the rules
the bundled catalog was tagged with (README, "Movement patterns and tags"), from word cues in
the name (`words`: lower case, punctuation as spaces, a cue matching the start of a word), the
derived pattern, the primary muscle and the equipment. The rules lean to tagging: a tag too
many removes an exercise a client could have done, a tag missing lets in one that hurts.

A rule that cannot tell returns no pattern and no tag; the import report counts those
exercises, so a coach knows which ones to tag by hand.
"""

from __future__ import annotations

from ..vocabulary import Vocabulary
from .defaults import FREE_WEIGHTS, Groups, has, items

#: Ordered (pattern, cues, not cues): the first rule with a cue in the name and none of its
#: not cues gives the pattern. A more specific movement comes before a more general one
#: (`calf press on the leg press` is a calf raise, `split squat` a lunge, `upright row` no row).
PATTERN_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("", ("get up", "getup"), ()),  # a Turkish get-up is every pattern at once: none
    ("scapular_elevation", ("shrug",), ()),
    ("plantar_flexion", ("calf", "heel raise", "toe raise"), ()),
    ("loaded_carry", ("farmer", "carry", "suitcase walk", "yoke"), ()),
    ("upright_row", ("upright", "high pull", "row to neck"), ("high pulley",)),
    ("scapular_depression", ("scapular pull", "scap pull"), ()),
    ("scapular_retraction", ("ytw", "y t w", "scapular retraction", "scap retraction"), ()),
    ("grip_isometric", ("dead hang", "bar hang", "plate pinch", "pinch", "hand squeeze"), ()),
    ("dip", ("dip",), ()),
    ("shoulder_extension", ("pullover", "straight arm pull", "stiff arm pull"), ()),
    (
        "vertical_pull",
        ("pull up", "pullup", "chin up", "chinup", "chins", "chin", "muscle up", "pulldown"),
        ("to chin",),
    ),
    ("vertical_pull", ("pull down", "lat pull", "high row", "high pulley row", "rope climb"), ()),
    (
        "shoulder_horizontal_abduction",
        (
            "reverse fly",
            "reverse flye",
            "reverse machine fly",
            "rear delt fly",
            "rear fly",
            "rear delt raise",
            "rear lateral",
            "back fly",
            "pull apart",
        ),
        (),
    ),
    ("shoulder_rotation", ("external rotation", "internal rotation"), ()),
    (
        "shoulder_horizontal_adduction",
        ("fly", "flye", "crossover", "cross over", "butterfly", "pec deck", "iron cross"),
        (),
    ),
    ("shoulder_abduction", ("lateral raise", "side lateral", "scaption", "deltoid raise"), ()),
    ("shoulder_flexion", ("front raise", "front delt raise"), ()),
    ("lunge", ("lunge", "split squat", "step up", "stepup", "bulgarian", "skater squat"), ()),
    (
        "hip_hinge",
        ("deadlift", "good morning", "rack pull", "swing", "pull through", "romanian", "rdl"),
        (),
    ),
    ("hip_hinge", ("stiff leg", "hinge"), ()),
    ("knee_flexion", ("leg curl", "hamstring curl", "glute ham", "nordic", "ball leg curl"), ()),
    ("knee_extension", ("leg extension", "sissy"), ()),
    ("squat", ("squat", "leg press", "pistol", "thruster", "hack", "wall sit"), ()),
    ("hip_abduction", ("abduct", "lateral walk", "monster walk", "band walk"), ()),
    ("hip_adduction", ("adduct", "copenhagen"), ()),
    ("hip_external_rotation", ("clam",), ()),
    (
        "hip_extension",
        ("hip thrust", "bridge", "hip extension", "hip lift", "butt lift", "kickback", "donkey"),
        (),
    ),
    ("anti_lateral_flexion", ("side plank",), ()),
    ("lateral_flexion", ("side bend", "side jackknife", "heel touch"), ()),
    ("anti_rotation", ("pallof",), ()),
    ("spinal_extension", ("back extension", "hyperextension", "superman", "reverse hyper"), ()),
    ("spinal_stabilization", ("bird dog",), ()),
    ("spinal_flexion_rotation", ("bicycle", "cross body crunch", "air bike", "elbow to knee"), ()),
    ("spinal_flexion", ("crunch", "sit up", "situp", "jackknife", "v up", "toe touch"), ()),
    (
        "hip_flexion",
        ("leg raise", "knee raise", "hip raise", "leg pull in", "pull in", "tuck", "hanging pike"),
        (),
    ),
    ("hip_flexion", ("flutter kick", "hip flexion", "toes to bar"), ()),
    (
        "trunk_rotation",
        ("twist", "russian", "woodchop", "wood chop", "landmine 180", "judo flip", "cable lift"),
        (),
    ),
    ("trunk_rotation", ("rotation",), ()),
    ("anti_extension", ("plank", "rollout", "ab roller", "ab wheel", "dead bug", "fallout"), ()),
    ("horizontal_pull", ("row", "face pull", "bench pull"), ()),
)
PUSH_UP_CUES = ("push up", "pushup", "press up")
VERTICAL_PUSH_CUES = (
    "overhead press",
    "shoulder press",
    "military",
    "push press",
    "arnold",
    "handstand",
    "pike",
    "press behind",
    "bradford",
    "jerk",
    "see saw press",
    "seesaw press",
)
HORIZONTAL_PUSH_CUES = ("bench press", "chest press", "floor press", "board press", "pin press")
#: Isolation moves named only by the muscle and the kit ("Power Partials", "Cable Incline
#: Pushdown" for the lats): the single-joint pattern of that muscle.
ISOLATION_BY_MUSCLE = {
    "triceps": "elbow_extension",
    "biceps": "elbow_flexion",
    "side_delts": "shoulder_abduction",
    "lats": "shoulder_extension",
    "chest": "shoulder_horizontal_adduction",
    "calves": "plantar_flexion",
    "abductors": "hip_abduction",
    "adductors": "hip_adduction",
}


def pattern_for(text: str, primary: tuple[str, ...], mechanic: str) -> str:
    """The movement pattern of an exercise named `text` (`defaults.words`), or "" when no rule
    tells. Single-joint arm work goes by its muscle first, so a `triceps press` is an elbow
    extension and a `drag curl` an elbow flexion whatever the source calls the mechanic."""
    first = primary[0] if primary else ""
    if first == "rear_delts" and mechanic == "isolation" and not has(text, "rotation"):
        return "shoulder_horizontal_abduction"  # "bent over low pulley side lateral" too
    if first == "triceps" and mechanic == "isolation":
        return "elbow_extension"
    if first == "biceps" and (mechanic == "isolation" or has(text, "curl")):
        return "elbow_flexion"
    if first == "forearms" and has(text, "wrist", "finger curl"):
        extension = has(text, "palms down", "palm down", "reverse", "extension", "pronated")
        return "wrist_extension" if extension else "wrist_flexion"
    if has(text, *PUSH_UP_CUES):
        vertical = first == "front_delts" or has(text, "pike", "handstand")
        return "vertical_push" if vertical else "horizontal_push"
    for pattern, cues, not_cues in PATTERN_RULES:
        if has(text, *cues) and not has(text, *not_cues):
            if pattern == "scapular_elevation" and first == "upper_back":
                return "scapular_retraction"  # a prone "middle back shrug" squeezes, not lifts
            return pattern
    if has(text, *VERTICAL_PUSH_CUES):
        return "vertical_push"
    if has(text, "press", "bench") and mechanic == "compound":
        if first == "front_delts" and has(text, "press"):
            return "vertical_push"
        if has(text, "incline"):
            return "incline_push"
        if first in ("chest", "triceps") or has(text, *HORIZONTAL_PUSH_CUES):
            return "horizontal_push"
    if first == "front_delts" and mechanic == "isolation" and has(text, "raise"):
        return "shoulder_flexion"
    if mechanic == "isolation" or first in ("calves", "abductors", "adductors"):
        return ISOLATION_BY_MUSCLE.get(first, "")
    return ""


# -- tags -------------------------------------------------------------------------------------

LOADED = FREE_WEIGHTS | {"smith_machine", "landmine"}
#: Kit that puts a bar or pads on the shoulders of a squatting or lunging client.
BAR_ON_SHOULDERS = frozenset({"barbell", "smith_machine", "hack_squat_machine"})
SUPPORTS = frozenset(
    {
        "flat_bench",
        "adjustable_bench",
        "decline_bench",
        "preacher_bench",
        "stability_ball",
        "cable_station",
        "pull_up_bar",
        "dip_station",
        "suspension_trainer",
        "hyperextension_bench",
    }
)
#: What may be held by someone lying on the floor ("lying" alone also names bench and machine
#: work: a lying leg curl is on a machine).
FLOOR_KIT = frozenset(
    {"bodyweight", "dumbbell", "kettlebell", "barbell", "ez_bar", "weight_plate", "resistance_band"}
)

OVERHEAD_CUES = (
    "overhead",
    "over head",
    "above head",
    "military",
    "pull up",
    "pullup",
    "chin up",
    "chinup",
    "chins",
    "pulldown",
    "pull down",
    "pullover",
    "snatch",
    "jerk",
    "push press",
    "handstand",
    "behind neck",
    "behind the neck",
    "press behind",
    "thruster",
    "windmill",
    "get up",
    "getup",
    "hanging",
    "muscle up",
    "rollout",
    "ab roller",
    "ab wheel",
    "toes to bar",
    "wall ball",
)
NOT_OVERHEAD_CUES = ("hands overhead", "hanging bar")
BEHIND_NECK_CUES = ("behind neck", "behind the neck", "press behind", "pulldown behind")
HANGING_CUES = (
    "hanging",
    "dead hang",
    "bar hang",
    "pull up",
    "pullup",
    "chin up",
    "chinup",
    "muscle up",
    "toes to bar",
)
IMPACT_CUES = (
    "jump",
    "plyo",
    "bound",
    "hop",
    "burpee",
    "skipping",
    "clap push",
    "depth drop",
    "landing",
)
KNEELING_CUES = (
    "kneeling",
    "on knees",
    "on your knees",
    "bird dog",
    "nordic",
    "glute ham raise",
    "quadruped",
    "all fours",
    "donkey kick",
    "fire hydrant",
    "ab roller",
    "ab wheel",
)
PARTIAL_CUES = ("partial", "quarter", "half squat", "kneeling squat", "calf")
DEEP_KNEE_CUES = (
    "squat",
    "lunge",
    "pistol",
    "sissy",
    "step up",
    "stepup",
    "leg press",
    "hack squat",
    "thruster",
)
FLOOR_CUES = (
    "floor",
    "plank",
    "side lying",
    "clam",
    "get up",
    "getup",
    "rollout",
    "ab roller",
    "ab wheel",
    "inverted row",
    "mountain climber",
    "burpee",
    "crawl",
    "renegade",
)
#: Trunk work done lying or sitting on the floor, unless the name or kit puts it elsewhere.
FLOOR_TRUNK_CUES = (
    "crunch",
    "sit up",
    "situp",
    "jackknife",
    "v up",
    "hollow",
    "dead bug",
    "bird dog",
    "superman",
    "flutter kick",
    "leg pull in",
    "heel touch",
    "air bike",
    "bicycle",
    "elbow to knee",
    "russian twist",
    "cocoon",
    "butt up",
    "bottoms up",
    "body up",
    "wiper",
    "hip raise",
    "leg lift",
    "bridge",
    "hip lift",
    "butt lift",
    "hip thrust",
)
NOT_FLOOR_TRUNK_CUES = ("standing", "seated", "hanging", "decline", "ball", "machine", "bench")
OFF_THE_FLOOR = frozenset(
    {
        "stability_ball",
        "decline_bench",
        "adjustable_bench",
        "cable_station",
        "pull_up_bar",
        "dip_station",
        "suspension_trainer",
        "hip_thrust_machine",
    }
)
NOT_FLOOR_PUSH_UP_CUES = ("incline", "wall", "suspended", "suspension", "trx", "ring")
WRIST_EXTENSION_CUES = (
    "reverse wrist",
    "wrist extension",
    "palms down",
    "palm down",
    "bird dog",
    "crawl",
    "wiper",
    "body up",
    "mountain climber",
    "burpee",
    "quadruped",
    "all fours",
    "handstand",
)
NOT_WRIST_PUSH_UP_CUES = ("suspended", "suspension", "trx", "ring", "dumbbell", "knuckle", "fist")
#: A curl with the palms down (or turned down on the way down) works the wrist extensors hard.
PRONATED_CURL_CUES = ("reverse", "pronated", "palms down", "zottman")
FRONT_RACK_CUES = ("front squat", "front barbell squat", "clean grip", "front rack")
BENT_OVER_ROW_CUES = ("bent over", "pendlay", "t bar", "long bar", "yates")
SUPPORTED_ROW_CUES = ("chest supported", "head on bench", "incline", "lying", "prone")
NOT_GRIP_ROW_CUES = (*SUPPORTED_ROW_CUES, "rear delt", "renegade", "inverted", "face pull")
GRIP_CUES = ("pinch", "farmer", "towel pull", "hand squeeze")


def tags_for(
    text: str, pattern: str, groups: Groups, primary: tuple[str, ...], mechanic: str
) -> tuple[str, ...]:
    """The movement tags of an exercise named `text`, in no set order (the caller sorts them
    in vocabulary order). `pattern` is the exercise's, derived or given."""
    kit = items(groups)
    loaded = bool(kit & LOADED)
    tags: set[str] = set()
    hanging = "pull_up_bar" in kit or (
        has(text, *HANGING_CUES) and not has(text, *NOT_OVERHEAD_CUES)
    )
    if hanging:
        tags |= {"hanging", "overhead", "grip_heavy"}
    if pattern in ("vertical_push", "vertical_pull") or (
        has(text, *OVERHEAD_CUES) and not has(text, *NOT_OVERHEAD_CUES)
    ):
        tags.add("overhead")
    extension = pattern == "elbow_extension" and has(text, "triceps extension", "tricep extension")
    if extension and has(text, "standing", "seated") and not has(text, "bent over", "lying"):
        tags.add("overhead")  # a standing or seated triceps extension is done overhead
    if has(text, *BEHIND_NECK_CUES):
        tags |= {"behind_neck", "overhead"}
    if has(text, *IMPACT_CUES):
        tags.add("impact")
    if has(text, *KNEELING_CUES) or "ab_wheel" in kit:
        tags |= {"kneeling", "floor"}
    if has(text, "kickback") and kit == {"bodyweight"}:
        tags |= {"kneeling", "floor"}  # a bodyweight kickback is done on all fours
    cable_crunch = has(text, "crunch") and "cable_station" in kit
    if cable_crunch and not has(text, "standing", "seated", "lying", "reverse"):
        tags |= {"kneeling", "floor"}  # a cable crunch kneels below the pulley
    squatting = pattern in ("squat", "lunge") or has(text, *DEEP_KNEE_CUES)
    if squatting and not has(text, *PARTIAL_CUES):
        tags.add("deep_knee_flexion")
    tags |= _floor(text, kit)
    tags |= _spine_and_grip(text, pattern, kit, loaded)
    if _wrist_extension(text, pattern, kit):
        tags.add("wrist_extension_load")
    return tuple(tags)


def _floor(text: str, kit: set[str]) -> set[str]:
    """`floor` when the exercise is done lying, sitting, kneeling or on the hands on the floor."""
    if has(text, *PUSH_UP_CUES):
        return set() if has(text, *NOT_FLOOR_PUSH_UP_CUES) else {"floor"}
    if has(text, *FLOOR_CUES):
        return {"floor"}
    trunk = has(text, *FLOOR_TRUNK_CUES) and not has(text, *NOT_FLOOR_TRUNK_CUES)
    if trunk and not kit & OFF_THE_FLOOR:
        return {"floor"}
    if has(text, "lying", "supine", "prone") and kit <= FLOOR_KIT:
        return {"floor"}
    if has(text, "seated") and kit <= {"bodyweight", "resistance_band"}:
        return {"floor"}  # seated with no bench to sit on: on the floor
    if has(text, "ball leg curl", "ball hamstring curl", "ball back extension"):
        return {"floor"}  # lying on the floor, heels on the ball; or kneeling to drape over it
    return set()


def _spine_and_grip(text: str, pattern: str, kit: set[str], loaded: bool) -> set[str]:
    """`spinal_load` and `grip_heavy`: heavy hinges, bars on the shoulders, bent-over rows,
    standing barbell presses, shrugs and carries."""
    tags: set[str] = set()
    if pattern == "hip_hinge" and loaded:
        tags.add("spinal_load")
        if not has(text, "good morning"):  # the bar of a good morning rests on the back
            tags.add("grip_heavy")
    if pattern in ("squat", "lunge") and kit & BAR_ON_SHOULDERS and not has(text, "leg press"):
        tags.add("spinal_load")
    if pattern == "plantar_flexion" and not has(text, "seated"):
        pads = "calf_raise_machine" in kit and has(text, "standing")
        if pads or kit & {"barbell", "smith_machine"}:
            tags.add("spinal_load")  # the bar or the machine's pads on the shoulders
    if pattern == "scapular_elevation":
        tags.add("grip_heavy")
        if kit & (LOADED | {"calf_raise_machine"}):
            tags.add("spinal_load")
    if pattern == "loaded_carry" or has(text, "farmer", "yoke"):
        tags |= {"spinal_load", "grip_heavy"}
    if pattern == "horizontal_pull" and loaded:
        if has(text, *BENT_OVER_ROW_CUES) and not has(text, *SUPPORTED_ROW_CUES):
            tags |= {"spinal_load", "grip_heavy"}
        elif kit & FREE_WEIGHTS and not has(text, *NOT_GRIP_ROW_CUES):
            tags.add("grip_heavy")
    standing_press = pattern == "vertical_push" and "barbell" in kit
    standing_press = standing_press and not kit & (SUPPORTS | {"landmine"})
    if standing_press and not has(text, "seated"):
        tags.add("spinal_load")  # a standing barbell press loads the spine axially
    if has(text, *GRIP_CUES):
        tags.add("grip_heavy")
    return tags


def _wrist_extension(text: str, pattern: str, kit: set[str]) -> bool:
    """Load through a wrist bent back (hands flat, dips, the front rack) or on the extensors."""
    if has(text, *PUSH_UP_CUES):
        return not has(text, *NOT_WRIST_PUSH_UP_CUES)
    if pattern in ("dip", "wrist_extension"):
        return True
    if has(text, *FRONT_RACK_CUES) and "barbell" in kit:
        return True
    if pattern == "elbow_flexion" and has(text, *PRONATED_CURL_CUES):
        return True
    return has(text, *WRIST_EXTENSION_CUES)


def derive(
    text: str,
    primary: tuple[str, ...],
    mechanic: str,
    groups: Groups,
    vocabulary: Vocabulary,
    pattern: str | None = None,
) -> tuple[str, tuple[str, ...]]:
    """(pattern, tags) of an imported exercise: `pattern` when the source gave one, else
    derived; tags in the vocabulary's order, and only names it knows, so a catalog folder
    with its own movements.yaml still gets a list it can load."""
    if pattern is None:
        pattern = pattern_for(text, primary, mechanic)
        pattern = pattern if pattern in vocabulary.patterns else ""
    found = set(tags_for(text, pattern, groups, primary, mechanic))
    return pattern, tuple(t for t in vocabulary.tags if t in found)
