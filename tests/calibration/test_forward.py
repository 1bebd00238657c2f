"""The fitting machinery on the toy forward model (no solver): recovery, intervals, bounds and
seeded starts; and the abscopal model behind the same interface."""

from __future__ import annotations

import numpy as np
import pytest

from abscopal.calibration import (
    CalibrationDataError,
    ExponentialGrowthModel,
    TumorGrowthModel,
    fit_forward_model,
)
from abscopal.calibration.data import tumor_data_from_frame
from tests.calibration.test_fit import SCENARIOS, synthetic_data

TRUE_VOLUME, TRUE_RATE, NOISE_SD = 40.0, 0.15, 0.05


def toy(seed: int = 0, start: tuple[float, float] = (10.0, 0.05)) -> ExponentialGrowthModel:
    rng = np.random.default_rng(seed)
    days = np.repeat(np.arange(0.0, 21.0, 3.0), 6)
    volumes = TRUE_VOLUME * np.exp(TRUE_RATE * days + rng.normal(0.0, NOISE_SD, days.size))
    return ExponentialGrowthModel(
        days, volumes, {"initial_volume_mm3": start[0], "growth_rate_per_day": start[1]}
    )


def test_the_toy_model_is_recovered_with_intervals_that_cover_the_truth():
    result = fit_forward_model(toy(), starts=3, seed=1)
    truth = {"initial_volume_mm3": TRUE_VOLUME, "growth_rate_per_day": TRUE_RATE}
    for name, value in truth.items():
        assert result.values[name] == pytest.approx(value, rel=0.03)
        assert result.ci_low[name] < value < result.ci_high[name]
        assert not result.at_bound[name]
    assert result.residual_sd_log == pytest.approx(NOISE_SD, rel=0.3)
    assert result.observations == 42
    # the log-linear model's two estimates are strongly anti-correlated
    assert result.correlation[0, 1] < -0.5


def test_a_fit_is_reproducible_from_its_seed():
    first = fit_forward_model(toy(), starts=3, seed=4)
    again = fit_forward_model(toy(), starts=3, seed=4)
    other = fit_forward_model(toy(), starts=3, seed=5)
    assert [s.initial for s in first.starts] == [s.initial for s in again.starts]
    assert first.values == again.values
    assert [s.initial for s in first.starts][1:] != [s.initial for s in other.starts][1:]


def test_a_bound_that_holds_the_fit_is_reported():
    bounds = {"initial_volume_mm3": (5.0, 20.0), "growth_rate_per_day": (0.01, 1.0)}
    result = fit_forward_model(toy(), bounds, starts=1)
    assert result.at_bound["initial_volume_mm3"]
    assert result.values["initial_volume_mm3"] == pytest.approx(20.0, rel=1e-2)


def test_bad_bounds_and_starts_are_refused():
    with pytest.raises(CalibrationDataError, match="outside"):
        fit_forward_model(toy(), {"growth_rate_per_day": (0.2, 1.0)})
    with pytest.raises(CalibrationDataError, match="0 < low < high"):
        fit_forward_model(toy(), {"growth_rate_per_day": (0.0, 1.0)})
    with pytest.raises(CalibrationDataError, match="at least 1 start"):
        fit_forward_model(toy(), starts=0)


def test_the_abscopal_model_behind_the_same_interface():
    data = tumor_data_from_frame(synthetic_data(subjects=1))
    model = TumorGrowthModel.build(data, SCENARIOS, ["tumor_alpha_per_gy"])
    start = np.log([model.initial_values["tumor_alpha_per_gy"]])
    simulated = np.asarray(model.log_simulated(start))
    assert simulated.shape == model.log_observed.shape
    # more radiosensitive tumors are smaller after the fractions, and only the irradiated group
    # (the second half of the measurements) changes
    stronger = np.asarray(model.log_simulated(start + np.log(2.0)))
    half = simulated.size // 2
    np.testing.assert_allclose(stronger[:half], simulated[:half], rtol=1e-9)
    assert np.all(stronger[half:][1:] < simulated[half:][1:])
