"""A simulated patient read by every criterion its lesions warrant."""

from __future__ import annotations

import math

from abscopal.assessment.readings import overall_responses, warranted_criteria
from abscopal.simulation import simulate

UNTREATED = {
    "name": "untreated",
    "lesions": [
        {"name": "lung", "organ": "lung", "baseline_diameter_mm": 30},
        {"name": "liver", "organ": "liver", "baseline_diameter_mm": 25},
        {"name": "bone", "organ": "bone", "bone_pattern": "lytic", "baseline_diameter_mm": 22},
    ],
    "duration_day": 378,
}


def test_criteria_follow_the_lesion_sites() -> None:
    assert warranted_criteria("human", ["lung"]) == ["recist", "irecist"]
    assert warranted_criteria("human", ["lung", "liver", "bone"]) == [
        "recist",
        "irecist",
        "mrecist",
        "mda",
    ]
    assert warranted_criteria("mouse", ["skin", "liver"]) == []


def test_an_untreated_patient_progresses_by_every_criterion() -> None:
    rows = overall_responses(simulate(UNTREATED))
    assert [row["criteria"] for row in rows] == ["recist", "irecist", "mrecist", "mda"]
    by_criteria = {row["criteria"]: row for row in rows}
    # growing lesions: stable at the first scan (< +20 %), progression on a later one
    assert by_criteria["recist"]["best_overall_response"] == "SD"
    assert by_criteria["irecist"]["best_overall_response"] == "iSD"
    for row in rows:
        assert row["best_response_day"] == 42.0
        progression = row["progression_day"]
        assert progression is not None and progression % 42 == 0 and 42 < progression <= 378
    # the bone criteria, reading the bone lesion alone, see progression no later than RECIST
    assert by_criteria["recist"]["progression_day"] >= by_criteria["mda"]["progression_day"]
    # nothing is irradiated, so every lesion is outside a radiation field
    assert by_criteria["recist"]["out_of_field_best_overall_response"] == "SD"
    assert all(row["scan_interval_day"] == 42.0 for row in rows)
    assert not any(
        isinstance(row["best_response_day"], float) and math.isnan(row["best_response_day"])
        for row in rows
    )
