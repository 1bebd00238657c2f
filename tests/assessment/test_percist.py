"""PERCIST 1.0: SULpeak of the hottest lesion, relative and absolute thresholds, CMR."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.assessment.helpers import responses


def _pet(scans: dict[str, dict[float, float]], **columns: dict[float, float]) -> pd.DataFrame:
    rows = []
    for lesion_id, values in scans.items():
        for day, sul in values.items():
            row = {
                "patient_id": "P1",
                "lesion_id": lesion_id,
                "day": day,
                "organ": "lung",
                "sul_peak": sul,
            }
            for name, by_day in columns.items():
                row[name] = by_day.get(day)
            rows.append(row)
    return pd.DataFrame(rows)


@pytest.mark.parametrize(("drop", "expected"), [(0.79, "SMD"), (0.80, "PMR")])
def test_absolute_fall_of_0_79_vs_0_80_units(drop: float, expected: str) -> None:
    # Baseline 2.0: both falls exceed 30 % (39.5 %, 40 %); only 0.80 units is enough.
    frame = _pet({"a": {0: 2.0, 56: 2.0 - drop}})
    assert responses(frame, "percist") == [None, expected]


@pytest.mark.parametrize(("follow_up", "expected"), [(7.01, "SMD"), (7.0, "PMR")])
def test_relative_fall_of_29_9_vs_30_percent(follow_up: float, expected: str) -> None:
    frame = _pet({"a": {0: 10.0, 56: follow_up}})
    assert responses(frame, "percist") == [None, expected]


@pytest.mark.parametrize(("follow_up", "expected"), [(13.0, "SMD"), (13.01, "PMD"), (3.3, "SMD")])
def test_progression_needs_more_than_30_percent_and_0_8_units(
    follow_up: float, expected: str
) -> None:
    baseline = 2.5 if follow_up == 3.3 else 10.0  # 2.5 -> 3.3: +32 % but exactly 0.8 units
    frame = _pet({"a": {0: baseline, 56: follow_up}})
    assert responses(frame, "percist") == [None, expected]


def test_the_hottest_lesion_need_not_be_the_same() -> None:
    frame = _pet({"a": {0: 10.0, 56: 3.0}, "b": {0: 6.0, 56: 6.5}})
    # Hottest 10.0 -> 6.5: -35 %, -3.5 units.
    assert responses(frame, "percist") == [None, "PMR"]


def test_complete_metabolic_response_needs_the_liver_reference() -> None:
    frame = _pet({"a": {0: 10.0, 56: 1.5}}, liver_sul_mean={0: 2.0, 56: 2.0})
    assert responses(frame, "percist") == [None, "CMR"]
    without_liver = _pet({"a": {0: 10.0, 56: 1.5}})
    assert responses(without_liver, "percist") == [None, "PMR"]
    assert responses(without_liver, "percist", liver_sul_mean=2.0) == [None, "CMR"]
    # Not measurable at baseline: 3.0 < 1.5 x 2.0 + 2 x 0.3.
    faint = _pet(
        {"a": {0: 3.0, 56: 1.0}}, liver_sul_mean={0: 2.0, 56: 2.0}, liver_sul_sd={0: 0.3, 56: 0.3}
    )
    assert responses(faint, "percist") == [None, "NE"]


def test_new_avid_lesion_is_progression() -> None:
    frame = _pet({"a": {0: 10.0, 56: 5.0}})
    new = pd.DataFrame(
        [
            {
                "patient_id": "P1",
                "lesion_id": "n",
                "day": 56,
                "organ": "liver",
                "sul_peak": 4.0,
                "kind": "new",
            }
        ]
    )
    frame = pd.concat([frame.assign(kind="target"), new], ignore_index=True)
    assert responses(frame, "percist") == [None, "PMD"]
