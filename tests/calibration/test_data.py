"""Malformed calibration data gives one clear error naming the column."""

from __future__ import annotations

import pandas as pd
import pytest

from abscopal.calibration import CalibrationDataError, load_tumor_data
from abscopal.calibration.data import tumor_data_from_frame

GOOD = {
    "subject": ["m1", "m1", "m2"],
    "group": ["control"] * 3,
    "day": [0, 3, 0],
    "lesion": ["flank"] * 3,
    "volume_mm3": [60.0, 90.0, 55.0],
}


def _error(**changes) -> CalibrationDataError:
    frame = pd.DataFrame({**GOOD, **changes})
    with pytest.raises(CalibrationDataError) as raised:
        tumor_data_from_frame(frame)
    return raised.value


def test_good_table_and_diameters_read_as_spheres():
    data = tumor_data_from_frame(pd.DataFrame(GOOD))
    assert data.groups == ["control"] and data.size_column == "volume_mm3"
    diameters = {**{k: v for k, v in GOOD.items() if k != "volume_mm3"}, "diameter_mm": [10.0] * 3}
    volumes = tumor_data_from_frame(pd.DataFrame(diameters)).volumes_mm3()
    assert volumes == pytest.approx([523.5988] * 3, rel=1e-6)


def test_missing_column_is_named():
    frame = pd.DataFrame(GOOD).drop(columns="lesion")
    with pytest.raises(CalibrationDataError, match="lesion: column missing"):
        tumor_data_from_frame(frame)


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"volume_mm3": [60.0, -1.0, 55.0]}, "volume_mm3", "line 3 is not a number > 0"),
        ({"day": [0, "three", 0]}, "day", "'three' on line 3"),
        ({"day": [0, -2, 0]}, "day", "days >= 0"),
        ({"subject": ["m1", "", "m2"]}, "subject", "empty value on line 3"),
        ({"day": [0, 0, 0], "subject": ["m1", "m1", "m2"]}, "day", "repeats"),
    ],
)
def test_bad_values_name_field_and_line(changes, field, text):
    error = _error(**changes)
    assert error.field == field
    assert text in str(error)


def test_two_size_columns_are_refused():
    error = _error(diameter_mm=[1.0, 2.0, 3.0])
    assert "exactly one size column" in str(error)


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(CalibrationDataError, match="no such file"):
        load_tumor_data(tmp_path / "absent.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(CalibrationDataError, match="not a readable CSV"):
        load_tumor_data(empty)
