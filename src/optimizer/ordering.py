"""Order each session's chosen exercises; exact for the ordering rule, so no position variables.

With pre-exhaust, intensity never decreases: sorting by intensity satisfies the rule for any
chosen set. Ties are broken so each pre-exhausting isolation sits last in its tier, nearest
the compound it tires, and each pre-exhausted compound comes first in its tier.
"""

from __future__ import annotations

from collections.abc import Iterable

from .catalog import Exercise

ORDERINGS = ("pre_exhaust", "compound_first", "free")


def shares_primary(a: Exercise, b: Exercise) -> bool:
    return bool(set(a.primary) & set(b.primary))


#: equipment that is no station: a superset between two exercises that share no station takes
#: twice the transition (walking from the leg extension to the squat rack)
NOT_A_STATION = frozenset({"bodyweight"})


def superset_transition(iso: Exercise, compound: Exercise, owned: frozenset[str], base: int) -> int:
    """Seconds from a set of `iso` to a set of `compound` in a superset: `base`, or twice it
    when both need a station and they share none (README, Supersets)."""
    a = set(iso.equipment_used(owned)) - NOT_A_STATION
    b = set(compound.equipment_used(owned)) - NOT_A_STATION
    return 2 * base if a and b and not a & b else base


def _size(ex: Exercise, sizes: dict[str, int]) -> int:
    return max(sizes.get(m, 1) for m in ex.primary)


def order_session(
    exercises: list[Exercise],
    ordering: str,
    sizes: dict[str, int] | None = None,
    supersets: Iterable[tuple[str, str]] = (),
) -> list[Exercise]:
    """Return the session order. `free` uses the pre-exhaust order: it satisfies no rule less.
    Each (isolation id, compound id) of `supersets` is one block: the isolation right before
    its compound, the block in the compound's place (its intensity is the compound's)."""
    sizes = sizes or {}
    partner = {c: i for i, c in supersets}
    if partner:
        blocked = set(partner.values())
        rest = order_session([e for e in exercises if e.id not in blocked], ordering, sizes)
        by_id = {e.id: e for e in exercises}
        out: list[Exercise] = []
        for ex in rest:
            if ex.id in partner:
                out.append(by_id[partner[ex.id]])
            out.append(ex)
        return out
    isolations = [e for e in exercises if e.mechanic == "isolation"]
    compounds = [e for e in exercises if e.mechanic == "compound"]
    fed = {c.id for c in compounds if any(shares_primary(i, c) for i in isolations)}
    compounds.sort(key=lambda c: (c.intensity, c.id not in fed, _size(c, sizes), c.id))
    position = {c.id: n for n, c in enumerate(compounds)}

    def target(i: Exercise) -> int:
        return next((position[c.id] for c in compounds if shares_primary(i, c)), -1)

    isolations.sort(key=lambda i: (i.intensity, target(i) >= 0, target(i), _size(i, sizes), i.id))
    ordered = isolations + compounds
    if ordering == "compound_first":
        ordered = sorted(compounds, key=lambda c: (-c.intensity, -_size(c, sizes), c.id)) + sorted(
            isolations, key=lambda i: (-i.intensity, -_size(i, sizes), i.id)
        )
    return ordered


def pre_exhausted_by(ordered: list[Exercise]) -> dict[str, str | None]:
    """For each isolation, the first later compound sharing a primary muscle (else None)."""
    out: dict[str, str | None] = {}
    for k, ex in enumerate(ordered):
        if ex.mechanic != "isolation":
            out[ex.id] = None
            continue
        out[ex.id] = next(
            (c.id for c in ordered[k + 1 :] if c.mechanic == "compound" and shares_primary(ex, c)),
            None,
        )
    return out


def pair_count(ordered: list[tuple[Exercise, int]], wanted: Iterable[str], need: int) -> int:
    """Pre-exhaust pairs of one session (exercises with their sets, in order), the count the
    objective rewards (`taste.holds_pair`): muscles of `wanted` (targets with a priority above
    0) worked as primary by `need` or more isolation sets listed before `need` or more compound
    sets. One per muscle, however many exercises, and none from 2-set fragments: that is what
    keeps the reward from padding a session. (Sorted for pre-exhaust, every isolation precedes
    every compound, so this is the model's "on the same day".)"""
    need = max(need, 1)
    count = 0
    for muscle in wanted:
        rows = [(ex.mechanic, n) for ex, n in ordered if muscle in ex.primary]
        after = sum(n for kind, n in rows if kind == "compound")
        before = 0
        for kind, n in rows:  # a cut after each row: isolation sets before, compound after
            if kind == "isolation":
                before += n
            else:
                after -= n
            if before >= need and after >= need:
                count += 1
                break
    return count
