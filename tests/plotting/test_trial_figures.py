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


def _pfs_outcomes(seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frames = []
    for arm, median_day in (("control", 120.0), ("combination", 200.0)):
        progression = rng.exponential(median_day / np.log(2), 150)
        last_scan = np.full(150, 540.0)
        progressed = progression < last_scan
        frames.append(
            pd.DataFrame(
                {
                    "arm": arm,
                    "status": "ok",
                    "progression_day": np.where(progressed, progression, np.nan),
                    "last_scan_day": np.where(progressed, progression, last_scan),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def test_kaplan_meier_in_months_with_band_censoring_hazard_ratio_and_risk_table(tmp_path):
    import matplotlib.pyplot as plt

    from abscopal.plotting import trial
    from abscopal.trials.statistics import log_rank

    outcomes = _pfs_outcomes()
    figures = []
    original = plt.close
    trial.plt.close = lambda figure=None: figures.append(figure)  # keep the figure to inspect
    try:
        trial.plot_kaplan_meier(outcomes, ["control", "combination"], tmp_path / "km.png")
    finally:
        trial.plt.close = original
    (figure,) = figures
    axis, table = figure.axes
    assert axis.get_xlim()[1] == 18.0  # 540 days = 17.7 months, ticks every 3 months
    assert table.get_xlabel() == "months from day 0 of the trial"
    bands = [item for item in axis.collections if item.get_gid() == "confidence_band"]
    assert len(bands) == 2
    ticks = [line for line in axis.get_lines() if line.get_gid() == "censor_ticks"]
    control = outcomes[outcomes["arm"] == "control"]
    assert len(ticks[0].get_xdata()) == int(control["progression_day"].isna().sum())
    (text,) = [item.get_text() for item in axis.texts if item.get_gid() == "hazard_ratio"]
    result = log_rank(
        *trial.pfs(control),
        *trial.pfs(outcomes[outcomes["arm"] == "combination"]),
    )
    assert text.startswith(f"HR combination vs control: {result.hazard_ratio:.2f} (95 % CI")
    assert result.hazard_ratio < 1.0  # the longer-median arm has the lower hazard
    counts = [item.get_text() for item in table.texts]
    assert counts[0] == "150" and len(counts) == 2 * 7  # both arms at months 0, 3, ..., 18
    at_six = int((control["last_scan_day"] >= 6 * trial.DAYS_PER_MONTH).sum())
    assert f"{at_six:,}" == counts[2]
    plt.close(figure)
