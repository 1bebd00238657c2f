"""MD Anderson bone criteria: sclerotic fill-in, product thresholds, osteoblastic flare."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.assessment.helpers import best, responses


def _bone(lesion_id: str, scans: dict[float, tuple[float, str]], **fields: object) -> list[dict]:
    return [
        {
            "patient_id": "P1",
            "lesion_id": lesion_id,
            "day": day,
            "organ": "bone",
            "kind": fields.get("kind", "target"),
            "longest_diameter_mm": size,
            "bone_pattern": pattern,
        }
        for day, (size, pattern) in scans.items()
    ]


def test_sclerotic_fill_in_of_a_lytic_lesion_is_a_response() -> None:
    complete = pd.DataFrame(_bone("rib", {0: (30.0, "lytic"), 120: (30.0, "sclerotic_fill_in")}))
    partial = pd.DataFrame(_bone("rib", {0: (30.0, "lytic"), 120: (30.0, "mixed")}))
    unchanged = pd.DataFrame(_bone("rib", {0: (30.0, "lytic"), 120: (30.0, "lytic")}))
    assert responses(complete, "mda") == [None, "CR"]
    assert responses(partial, "mda") == [None, "PR"]
    assert responses(unchanged, "mda") == [None, "SD"]
    # RECIST 1.1 sees no change in any of them.
    assert responses(complete, "recist") == [None, "SD"]


@pytest.mark.parametrize(("size", "expected"), [(21.3, "SD"), (21.2, "PR")])
def test_partial_response_needs_a_50_percent_fall_of_the_product(
    size: float, expected: str
) -> None:
    # 30 x 30 = 900 mm^2; 21.2^2 = 449.4 (-50.1 %), 21.3^2 = 453.7 (-49.6 %).
    frame = pd.DataFrame(_bone("rib", {0: (30.0, "lytic"), 120: (size, "lytic")}))
    assert responses(frame, "mda") == [None, expected]


@pytest.mark.parametrize(("day", "expected"), [(90.0, "SD"), (91.0, "PD")])
def test_growth_of_a_sclerosing_lesion_is_flare_within_3_months(day: float, expected: str) -> None:
    # Product +36 % (30 -> 35 mm) with sclerosis (blastic): flare up to day 90, progression after.
    frame = pd.DataFrame(_bone("spine", {0: (30.0, "blastic"), day: (35.0, "blastic")}))
    assert responses(frame, "mda") == [None, expected]


@pytest.mark.parametrize(("size", "expected"), [(33.5, "SD"), (33.6, "PD")])
def test_lytic_growth_of_25_percent_in_product_is_progression_even_early(
    size: float, expected: str
) -> None:
    # 33.5^2 / 900 = +24.7 %, 33.6^2 / 900 = +25.4 %.
    frame = pd.DataFrame(_bone("femur", {0: (30.0, "lytic"), 42: (size, "lytic")}))
    assert responses(frame, "mda") == [None, expected]


def test_new_sclerotic_lesion_is_flare_early_and_progression_late() -> None:
    base = _bone("rib", {0: (30.0, "lytic"), 60: (30.0, "lytic"), 150: (30.0, "lytic")})
    early = _bone("new1", {60: (8.0, "blastic"), 150: (8.0, "blastic")}, kind="new")
    assert responses(pd.DataFrame(base + early), "mda") == [None, "PR", "PD"]
    lytic_new = _bone("new1", {60: (8.0, "lytic"), 150: (8.0, "lytic")}, kind="new")
    assert responses(pd.DataFrame(base + lytic_new), "mda") == [None, "PD", "PD"]
    assert best(pd.DataFrame(base + early), "mda") == "PR"


def test_non_bone_lesions_are_left_out() -> None:
    rows = _bone("rib", {0: (30.0, "lytic"), 120: (30.0, "sclerotic_fill_in")})
    rows += [
        {
            "patient_id": "P1",
            "lesion_id": "lung",
            "day": day,
            "organ": "lung",
            "kind": "target",
            "longest_diameter_mm": size,
            "bone_pattern": None,
        }
        for day, size in ((0, 30.0), (120, 60.0))
    ]
    assert responses(pd.DataFrame(rows), "mda") == [None, "CR"]
