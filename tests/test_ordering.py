"""Session order: exact by sorting, and the pre-exhaust links it reports."""

from __future__ import annotations

from optimizer.ordering import order_session, pair_count, pre_exhausted_by


def ids(exercises) -> list[str]:
    return [e.id for e in exercises]


def test_article_monday_order(catalog) -> None:
    chosen = [
        catalog[i]
        for i in (
            "barbell_back_squat",
            "barbell_hip_thrust",
            "leg_extension",
            "barbell_romanian_deadlift",
            "lying_leg_curl",
        )
    ]
    ordered = order_session(chosen, "pre_exhaust")
    assert ids(ordered)[:2] == ["leg_extension", "lying_leg_curl"]
    assert [e.intensity for e in ordered] == sorted(e.intensity for e in ordered)
    links = pre_exhausted_by(ordered)
    assert links["leg_extension"] == "barbell_back_squat"
    assert links["lying_leg_curl"] == "barbell_romanian_deadlift"
    rows = [(e, 3) for e in ordered]
    assert pair_count(rows, ["quads", "hamstrings", "glutes"], 3) == 2  # glutes: no isolation
    # 2-set fragments make no pair (README, The objective)
    assert pair_count([(e, 2) for e in ordered], ["quads", "hamstrings"], 3) == 0


def test_pre_exhausting_isolation_sits_last_in_its_tier(catalog) -> None:
    # both tier 1: the pushdown pre-exhausts nothing, the leg extension feeds the leg press
    chosen = [catalog[i] for i in ("leg_press", "leg_extension", "cable_triceps_pushdown")]
    assert ids(order_session(chosen, "pre_exhaust")) == [
        "cable_triceps_pushdown",
        "leg_extension",
        "leg_press",
    ]


def test_compound_first_reverses_intensity(catalog) -> None:
    chosen = [catalog[i] for i in ("leg_extension", "barbell_back_squat", "leg_press")]
    ordered = order_session(chosen, "compound_first")
    assert [e.intensity for e in ordered] == [5, 3, 1]
    assert pair_count([(e, 3) for e in ordered], ["quads"], 3) == 0
    assert all(v is None for v in pre_exhausted_by(ordered).values())
