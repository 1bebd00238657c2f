"""iRECIST: unconfirmed progression, confirmation window, reset, new lesions tracked apart."""

from __future__ import annotations

import numpy as np
import pytest

from abscopal.assessment import assess
from tests.assessment.helpers import best, lesion_rows, responses, table


@pytest.mark.parametrize(
    ("gap_days", "expected"), [(27, "iUPD"), (28, "iCPD"), (56, "iCPD"), (57, "iUPD")]
)
def test_confirmation_only_4_to_8_weeks_after_iupd(gap_days: int, expected: str) -> None:
    # iUPD at day 84 (+20 mm above the nadir of 40 mm); the next scan shows a further 10 mm.
    frame = table(lesion_rows("a", {0: 50.0, 42: 40.0, 84: 60.0, 84 + gap_days: 70.0}))
    assert responses(frame, "irecist") == [None, "iSD", "iUPD", expected]


def test_further_increase_must_reach_5_mm() -> None:
    four = table(lesion_rows("a", {0: 50.0, 42: 40.0, 84: 60.0, 126: 64.9}))
    five = table(lesion_rows("a", {0: 50.0, 42: 40.0, 84: 60.0, 126: 65.0}))
    assert responses(four, "irecist")[-1] == "iUPD"
    assert responses(five, "irecist")[-1] == "iCPD"


def test_pseudoprogression_resets_and_can_end_in_response() -> None:
    frame = table(lesion_rows("a", {0: 50.0, 42: 62.0, 84: 40.0, 126: 30.0, 168: 31.0}))
    assert responses(frame, "irecist") == [None, "iUPD", "iSD", "iPR", "iPR"]
    assert best(frame, "irecist") == "iPR"
    # RECIST 1.1 reads the same patient as progression at the first follow-up.
    assert responses(frame, "recist")[1] == "PD"
    assert best(frame, "recist") == "PD"


def test_icpd_is_final() -> None:
    frame = table(lesion_rows("a", {0: 50.0, 42: 62.0, 84: 70.0, 126: 20.0}))
    assert responses(frame, "irecist") == [None, "iUPD", "iCPD", "iCPD"]
    assert best(frame, "irecist") == "iCPD"


def test_new_lesions_are_tracked_separately_from_the_baseline_sum() -> None:
    base = lesion_rows("a", {0: 50.0, 42: 40.0, 84: 40.0, 126: 40.0})
    new = lesion_rows("n1", {42: 12.0, 84: 12.0, 126: 18.0}, kind="new", organ="liver")
    frame = table(base, new)
    result = assess(frame, "irecist").timepoints
    assert list(result["target_sum_mm"]) == [50.0, 40.0, 40.0, 40.0]  # the new lesion is not added
    assert list(result["new_target_sum_mm"]) == [0.0, 12.0, 12.0, 18.0]
    # Day 84 (42 days after iUPD): no growth of the new lesion -> iUPD persists.
    # Day 126 (42 days after the last iUPD): new target sum +6 mm -> iCPD.
    assert list(result["overall_response"].iloc[1:]) == ["iUPD", "iUPD", "iCPD"]


def test_another_new_lesion_confirms_progression() -> None:
    base = lesion_rows("a", {0: 50.0, 42: 40.0, 84: 40.0})
    first = lesion_rows("n1", {42: 6.0, 84: 6.0}, kind="new", organ="liver")
    second = lesion_rows("n2", {84: 5.0}, kind="new", organ="bone")
    assert responses(table(base, first, second), "irecist") == [None, "iUPD", "iCPD"]
    assert responses(table(base, first), "irecist") == [None, "iUPD", "iUPD"]


def test_new_lesion_that_resolves_resets_the_bar() -> None:
    base = lesion_rows("a", {0: 50.0, 42: 40.0, 84: 30.0})
    new = lesion_rows("n1", {42: 6.0, 84: 0.0}, kind="new", organ="liver")
    assert responses(table(base, new), "irecist") == [None, "iUPD", "iPR"]


def test_non_target_progression_is_confirmed_by_renewed_progression() -> None:
    target = lesion_rows("a", {0: 40.0, 42: 40.0, 84: 40.0})
    statuses = {0: "present", 42: "unequivocal_progression", 84: "unequivocal_progression"}
    non_target = [
        {**row, "non_target_status": statuses[row["day"]]}
        for row in lesion_rows("nt", {0: 8.0, 42: 9.0, 84: 11.0}, kind="non_target", organ="bone")
    ]
    assert responses(table(target, non_target), "irecist") == [None, "iUPD", "iCPD"]
    stable = [
        {**row, "non_target_status": "present"} if row["day"] == 84 else row for row in non_target
    ]
    assert responses(table(target, stable), "irecist") == [None, "iUPD", "iSD"]


def test_confirmed_progression_dates_from_the_first_iupd() -> None:
    frame = table(lesion_rows("a", {0: 50.0, 42: 40.0, 84: 60.0, 126: 70.0}))
    patient = assess(frame, "irecist").patients.iloc[0]
    assert patient["progression_day"] == 84.0  # iUPD at 84, confirmed (iCPD) at 126
    assert patient["first_iupd_day"] == 84.0
    assert assess(frame, "recist").patients.iloc[0]["progression_day"] == 84.0
    unconfirmed = table(lesion_rows("a", {0: 50.0, 42: 40.0, 84: 60.0}))
    assert np.isnan(assess(unconfirmed, "irecist").patients.iloc[0]["progression_day"])
