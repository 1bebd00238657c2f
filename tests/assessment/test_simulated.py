"""Simulated trajectories sampled at visits, with noise, read by the criteria."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from abscopal.assessment import MeasurementError, assess
from abscopal.assessment.simulated import measurements_from_timeseries


def _timeseries() -> pd.DataFrame:
    time = np.arange(0.0, 169.0)
    frames = []
    for lesion, organ, diameter, sclerosis, irradiated in (
        ("primary", "lung", 30.0 * np.exp(-time / 100.0), np.zeros_like(time), True),
        ("rib", "bone", np.full_like(time, 25.0), 0.1 + 0.6 * time / 168.0, False),
        ("node", "lymph_node", 16.0 - 7.0 * time / 168.0, np.zeros_like(time), False),
    ):
        frames.append(
            pd.DataFrame(
                {
                    "time_day": time,
                    "lesion": lesion,
                    "organ": organ,
                    "irradiated": irradiated,
                    "is_lymph_node": organ == "lymph_node",
                    "dose_gy": 24.0 if irradiated else 0.5,
                    "bone_pattern": "lytic" if organ == "bone" else "",
                    "diameter_mm": diameter,
                    "viable_diameter_mm": diameter * 0.9,
                    "sul_peak": 2.0 + diameter / 5.0,
                    "sclerotic_fraction": sclerosis,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def test_noise_free_sampling_reads_the_trajectory_at_the_visits() -> None:
    table = measurements_from_timeseries(_timeseries(), visit_interval_day=42.0)
    primary = table[table["lesion_id"] == "primary"]
    assert list(primary["day"]) == [0.0, 42.0, 84.0, 126.0, 168.0]
    np.testing.assert_allclose(
        primary["longest_diameter_mm"], 30.0 * np.exp(-primary["day"] / 100.0)
    )
    node = table[table["lesion_id"] == "node"]
    assert bool(node["is_lymph_node"].all())
    np.testing.assert_allclose(node["short_axis_mm"], 16.0 - 7.0 * node["day"] / 168.0)


def test_bone_pattern_follows_the_sclerotic_fraction() -> None:
    table = measurements_from_timeseries(_timeseries(), visit_days=[0, 42, 84, 126, 168])
    rib = table[table["lesion_id"] == "rib"]
    # Sclerotic fraction 0.1, 0.25, 0.4, 0.55, 0.7 -> lytic, mixed (>= 0.25), ..., fill-in (>= 0.6).
    assert list(rib["bone_pattern"]) == ["lytic", "mixed", "mixed", "mixed", "sclerotic_fill_in"]
    result = assess(table, "mda")
    assert list(result.timepoints["overall_response"].iloc[1:]) == ["PR", "PR", "PR", "CR"]


def test_noise_is_reproducible_from_the_seed_and_has_the_stated_size() -> None:
    frame = _timeseries()
    first = measurements_from_timeseries(frame, visit_interval_day=1.0, noise_sd_mm=2.0, seed=7)
    again = measurements_from_timeseries(frame, visit_interval_day=1.0, noise_sd_mm=2.0, seed=7)
    other = measurements_from_timeseries(frame, visit_interval_day=1.0, noise_sd_mm=2.0, seed=8)
    pd.testing.assert_frame_equal(first, again)
    assert not first["longest_diameter_mm"].equals(other["longest_diameter_mm"])
    truth = measurements_from_timeseries(frame, visit_interval_day=1.0)
    rib = truth["lesion_id"] == "rib"  # 25 mm throughout: far from the detection limit
    errors = first.loc[rib, "longest_diameter_mm"] - truth.loc[rib, "longest_diameter_mm"]
    assert abs(errors.mean()) < 0.4  # 169 draws, standard error 0.15 mm
    assert errors.std() == pytest.approx(2.0, rel=0.15)


def test_lesions_below_the_detection_limit_read_zero() -> None:
    frame = _timeseries()
    frame.loc[frame["lesion"] == "primary", "diameter_mm"] = 2.9
    table = measurements_from_timeseries(frame, detection_limit_mm=3.0)
    assert (table.loc[table["lesion_id"] == "primary", "longest_diameter_mm"] == 0.0).all()


def test_visits_outside_the_simulation_are_refused() -> None:
    with pytest.raises(MeasurementError, match="within the simulated 0 to 168 days"):
        measurements_from_timeseries(_timeseries(), visit_days=[0, 200])


def test_an_empty_time_series_is_refused_naming_the_column():
    with pytest.raises(MeasurementError, match="no rows") as error:
        measurements_from_timeseries(_timeseries().iloc[:0])
    assert error.value.column == "time_day"


def test_cohort_table_keeps_each_lesions_rows_and_attributes():
    """Two patients with the same lesion names, rows shuffled: every (patient, lesion) keeps its
    own organ, dose and trajectory, and the table is sorted by patient, day and lesion."""
    first = _timeseries().assign(patient_id=1)
    second = _timeseries().assign(patient_id=2, diameter_mm=lambda f: f["diameter_mm"] * 2.0)
    cohort = pd.concat([second, first], ignore_index=True).sample(frac=1.0, random_state=3)
    table = measurements_from_timeseries(cohort.sort_values("time_day"), visit_interval_day=42.0)
    assert list(table["patient_id"].unique()) == [1, 2]
    rib = table[(table["lesion_id"] == "rib") & (table["day"] == 168.0)]
    assert rib["longest_diameter_mm"].tolist() == pytest.approx([25.0, 50.0])
    assert rib["bone_pattern"].tolist() == ["sclerotic_fill_in", "sclerotic_fill_in"]
    primary = table[table["lesion_id"] == "primary"]
    assert (primary["dose_gy"] == 24.0).all() and primary["irradiated"].all()
    assert len(table) == 2 * 3 * 5
