"""Trial figures stay light for large cohorts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from abscopal.plotting.trial import plot_out_of_field_waterfall, waterfall_rows


def _outcomes(patients: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    change = rng.normal(0.0, 35.0, patients)
    return pd.DataFrame(
        {
            "patient_id": np.arange(patients),
            "arm": "a",
            "best_out_of_field_change_pct": change,
            "out_of_field_best_overall_response": np.where(
                change <= -30, "PR", np.where(change >= 20, "PD", "SD")
            ),
        }
    )


def test_a_large_waterfall_keeps_the_sorted_shape_with_fewer_bars():
    outcomes = _outcomes(50_000)
    rows = waterfall_rows(outcomes, max_bars=2000)
    assert len(rows) == 2000
    values = rows["best_out_of_field_change_pct"].to_numpy()
    full = np.sort(outcomes["best_out_of_field_change_pct"].to_numpy())[::-1]
    assert values[0] == full[0] and values[-1] == full[-1]  # both ends kept
    assert np.all(np.diff(values) <= 0)
    share = (rows["out_of_field_best_overall_response"] == "PR").mean()
    full_share = (outcomes["out_of_field_best_overall_response"] == "PR").mean()
    assert abs(share - full_share) < 0.002  # colour shares kept
    small = _outcomes(300)
    assert len(waterfall_rows(small)) == 300  # every patient drawn when there are few


def test_the_waterfall_of_a_large_cohort_is_written(tmp_path):
    path = plot_out_of_field_waterfall(_outcomes(40_000), ["a"], tmp_path / "w.png")
    assert path.stat().st_size > 10_000
