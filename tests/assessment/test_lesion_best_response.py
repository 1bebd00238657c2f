"""Lesion-level best response: each lesion read alone with its criterion's sum rule, in the
lesions table of ``assess`` (and so in ``summary.json``)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from abscopal.assessment import assess
from abscopal.assessment.sum_based import MRECIST_RULE, RECIST_RULE, lesion_best_response
from tests.assessment.helpers import lesion_rows, table


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        ([40.0, 30.0, 0.0], "CR"),
        ([40.0, 28.0, 36.0], "PR"),  # -30 % reached once: PR, even if it grows later
        ([40.0, 28.1, 30.0], "SD"),  # -29.75 %: not PR; +6.8 % above the nadir: not PD
        ([40.0, 36.0, 43.2], "PD"),  # +20 % and +7.2 mm above the nadir of 36
        ([10.0, 11.0, 12.0], "SD"),  # +20 % but only +2 mm: RECIST's 5 mm floor
        ([40.0, math.nan], "NE"),
        ([0.0, 12.0], "NE"),  # not seen at baseline
        ([40.0, 50.0, 0.0], "PD"),  # progression first: a later disappearance does not count
        ([40.0, 20.0, 60.0], "PR"),  # the best response before progression
        ([40.0, 38.0, 50.0], "PD"),  # stable, then progression
    ],
)
def test_recist_thresholds_per_lesion(sizes: list[float], expected: str) -> None:
    assert lesion_best_response(np.array(sizes), None, RECIST_RULE) == expected


def test_nodes_respond_completely_below_ten_millimetres_and_mrecist_has_no_floor() -> None:
    assert lesion_best_response(np.array([15.0, 9.9]), 10.0, RECIST_RULE) == "CR"
    assert lesion_best_response(np.array([15.0, 10.0]), 10.0, RECIST_RULE) == "PR"
    assert lesion_best_response(np.array([8.0, 12.0]), 10.0, RECIST_RULE) == "NE"
    assert lesion_best_response(np.array([10.0, 12.0]), None, MRECIST_RULE) == "PD"


def test_the_lesions_table_carries_the_lesion_level_best_response() -> None:
    frame = table(
        lesion_rows("lung", {0: 40.0, 42: 20.0, 84: 0.0}, irradiated=True),
        lesion_rows("liver", {0: 30.0, 42: 27.0, 84: 37.0}, organ="liver"),
        lesion_rows("node", {0: 18.0, 42: 9.0, 84: 9.0}, organ="lymph_node", is_lymph_node=True),
    )
    lesions = assess(frame, "recist").lesions.set_index("lesion_id")
    assert lesions["best_response"].to_dict() == {"liver": "PD", "lung": "CR", "node": "CR"}
    # criteria that are not read on a sum of diameters give no lesion-level category
    percist = frame.assign(sul_peak=[10.0, 10.0, 10.0, 5.0, 6.0, 6.0, 4.0, 7.0, 5.0])
    assert assess(percist, "percist").lesions["best_response"].isna().all()
