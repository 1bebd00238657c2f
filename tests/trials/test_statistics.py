"""Trial statistics against textbook values."""

from __future__ import annotations

import numpy as np
import pytest

from abscopal.trials.statistics import kaplan_meier, log_rank, paired_difference, wilson_interval


def test_wilson_interval_reproduces_golden_2015():
    # Golden et al. 2015: abscopal responses 11/41 = 26.8 %; Wilson 95 % CI 15.7-41.9 %
    # (the paper's exact Clopper-Pearson interval is 14.2-42.9 %, slightly wider).
    estimate = wilson_interval(11, 41)
    assert estimate.estimate == pytest.approx(0.268, abs=5e-4)
    assert estimate.ci_low == pytest.approx(0.157, abs=1e-3)
    assert estimate.ci_high == pytest.approx(0.419, abs=1e-3)
    assert wilson_interval(0, 10).ci_low == 0.0 and wilson_interval(10, 10).ci_high == 1.0


def test_paired_difference_counts_only_discordant_pairs():
    first = np.array([1, 1, 0, 0, 0, 0, 1, 0, 0, 0], bool)
    second = np.array([1, 1, 1, 1, 1, 0, 0, 0, 0, 0], bool)
    estimate = paired_difference(first, second)
    assert estimate.estimate == pytest.approx(0.2)  # 3 gained, 1 lost, n = 10
    half = 1.959964 * np.sqrt(4 - 2**2 / 10) / 10
    assert estimate.ci_high - estimate.estimate == pytest.approx(half, rel=1e-5)
    same = paired_difference(first, first)
    assert (same.estimate, same.ci_low, same.ci_high) == (0.0, 0.0, 0.0)


def test_kaplan_meier_and_median_on_a_worked_example():
    time = np.array([1, 2, 2, 3, 4, 5])
    event = np.array([1, 1, 0, 1, 0, 1], bool)  # censored at 2 (still at risk at 2) and 4
    curve = kaplan_meier(time, event)
    assert list(curve.times) == [1, 2, 3, 5]
    assert curve.survival == pytest.approx([5 / 6, 4 / 6, 4 / 6 * 2 / 3, 0.0])
    assert curve.greenwood[1] == pytest.approx(1 / (6 * 5) + 1 / (5 * 4))
    assert curve.median().estimate == 3.0


def test_log_rank_detects_a_hazard_ratio():
    rng = np.random.default_rng(0)
    a = rng.exponential(10.0, 400)
    b = rng.exponential(20.0, 400)  # half the hazard
    result = log_rank(a, np.ones(400, bool), b, np.ones(400, bool))
    assert result.chi_square > 24 and result.p_value < 1e-6
    assert result.hazard_ratio == pytest.approx(0.5, abs=0.08)
    assert result.ci_low < 0.5 < result.ci_high < 1.0
    same = log_rank(a, np.ones(400, bool), a, np.ones(400, bool))
    assert same.p_value == pytest.approx(1.0) and same.hazard_ratio == pytest.approx(1.0)


def test_median_interval_covers_the_true_median():
    rng = np.random.default_rng(5)
    time = rng.exponential(10.0, 2000)
    censor = rng.uniform(0, 60, 2000)
    observed, event = np.minimum(time, censor), time <= censor
    median = kaplan_meier(observed, event).median()
    true_median = 10.0 * np.log(2.0)
    assert median.ci_low < true_median < median.ci_high
    assert median.ci_high - median.ci_low < 1.5
    assert median.estimate == pytest.approx(true_median, rel=0.1)


def test_median_interval_when_survival_steps_past_one_half_at_a_scan():
    """10,000 patients scanned every 42 days, 40 % progressing at day 126 and 15 % more at day
    168: survival steps from 0.6 to 0.45, so the median and both interval ends are day 168
    (no scan has a band containing 0.5)."""
    n = 10_000
    time = np.full(n, 364.0)
    time[:4000] = 126.0
    time[4000:5500] = 168.0
    event = time < 364.0
    median = kaplan_meier(time, event).median()
    assert (median.estimate, median.ci_low, median.ci_high) == (168.0, 168.0, 168.0)


def test_the_band_closes_at_zero_when_every_patient_has_the_event():
    import numpy as np

    from abscopal.trials.statistics import kaplan_meier

    curve = kaplan_meier(np.array([1.0, 2.0, 3.0, 4.0]), np.ones(4, bool))
    lower, upper = curve.confidence_band()
    assert curve.survival[-1] == 0.0 and lower[-1] == 0.0 and upper[-1] == 0.0
    assert np.all(lower[:-1] <= curve.survival[:-1]) and np.all(curve.survival[:-1] <= upper[:-1])


def test_the_step_curve_runs_from_day_zero_to_the_last_follow_up():
    import numpy as np

    from abscopal.trials.statistics import kaplan_meier

    curve = kaplan_meier(np.array([10.0, 20.0, 30.0, 40.0]), np.array([True, False, True, False]))
    steps = curve.step_curve(40.0)
    assert list(steps["day"]) == [0.0, 10.0, 30.0, 40.0]
    assert list(steps["survival"]) == [1.0, 0.75, 0.375, 0.375]
    assert np.all(steps["lower"] <= steps["survival"]) and np.all(
        steps["survival"] <= steps["upper"]
    )
    empty = kaplan_meier(np.array([5.0]), np.array([False])).step_curve(5.0)
    assert list(empty["survival"]) == [1.0, 1.0] and list(empty["upper"]) == [1.0, 1.0]
