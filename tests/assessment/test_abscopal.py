"""Abscopal classification: out-of-field response, onset, dose category, out-of-field BOR."""

from __future__ import annotations

import pandas as pd
import pytest

from abscopal.assessment import assess
from abscopal.assessment.abscopal import dose_category
from tests.assessment.helpers import lesion_rows, table


@pytest.mark.parametrize(
    ("irradiated", "dose", "expected"),
    [
        (True, float("nan"), "in_field"),
        (False, 20.0, "in_field"),
        (False, 19.99, "low_dose_1_20_gy"),
        (False, 1.0, "low_dose_1_20_gy"),
        (False, 0.99, "under_1_gy"),
        (False, float("nan"), "unknown"),
    ],
)
def test_dose_categories(irradiated: bool, dose: float, expected: str) -> None:
    assert dose_category(irradiated, dose) == expected


def _patient() -> pd.DataFrame:
    return table(
        lesion_rows(
            "primary", {0: 40.0, 42: 20.0, 84: 12.0, 126: 10.0}, irradiated=True, dose_gy=24.0
        ),
        lesion_rows("liver", {0: 30.0, 42: 27.0, 84: 21.0, 126: 18.0}, organ="liver", dose_gy=0.4),
        lesion_rows(
            "adrenal", {0: 20.0, 42: 22.0, 84: 24.0, 126: 26.0}, organ="adrenal", dose_gy=3.0
        ),
    )


def test_abscopal_response_onset_and_categories() -> None:
    lesions = assess(_patient()).lesions.set_index("lesion_id")
    assert lesions.loc["liver", "abscopal_response"] is True
    assert lesions.loc["liver", "onset_day"] == 84.0  # -30.0 % first reached at day 84
    assert lesions.loc["liver", "best_change_pct"] == pytest.approx(-40.0)
    assert lesions.loc["liver", "dose_category"] == "under_1_gy"
    assert lesions.loc["adrenal", "abscopal_response"] is False
    assert lesions.loc["adrenal", "dose_category"] == "low_dose_1_20_gy"
    assert lesions.loc["primary", "abscopal_response"] is None  # in field: not an abscopal lesion
    assert lesions.loc["primary", "responded"]


def test_out_of_field_response_excludes_the_irradiated_lesion() -> None:
    patient = assess(_patient()).patients.iloc[0]
    # All lesions: 90 -> 54 mm (-40 %): PR. Out of field only: 50 -> 44 mm (-12 %): SD.
    assert patient["best_overall_response"] == "PR"
    assert patient["out_of_field_best_overall_response"] == "SD"
    assert patient["out_of_field_response"] is True or patient["out_of_field_response"] == True  # noqa: E712
    assert patient["first_abscopal_response_day"] == 84.0
    assert patient["n_out_of_field"] == 2


def test_out_of_field_reading_selects_its_own_targets() -> None:
    # The only marked target is irradiated; out of field, the measurable non-targets become targets.
    frame = _patient()
    frame["kind"] = [
        "target" if lesion == "primary" else "non_target" for lesion in frame["lesion_id"]
    ]
    patient = assess(frame).patients.iloc[0]
    assert patient["out_of_field_best_overall_response"] == "SD"


def test_without_the_irradiated_column_abscopal_fields_are_empty() -> None:
    frame = _patient().drop(columns=["irradiated"])
    result = assess(frame)
    assert result.lesions["abscopal_response"].isna().all()
    assert result.patients["out_of_field_response"].isna().all()
    assert result.patients["out_of_field_best_overall_response"].isna().all()


def test_an_out_of_field_reading_of_new_lesions_only_is_progression() -> None:
    # Every baseline lesion irradiated; a lesion appearing later is outside the field.
    frame = table(
        lesion_rows("primary", {0: 40.0, 42: 20.0, 84: 12.0}, irradiated=True, dose_gy=24.0),
        lesion_rows("new_liver", {84: 15.0}, organ="liver", kind="new", dose_gy=0.0),
    )
    patient = assess(frame).patients.iloc[0]
    assert patient["best_overall_response"] == "PR"  # confirmed before the new lesion
    assert patient["out_of_field_best_overall_response"] == "PD"
    assert patient["n_out_of_field"] == 0  # new lesions are not abscopal candidates
