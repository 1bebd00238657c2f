"""Parameter recovery: data simulated by the model with 10 % log-normal noise, fitted back."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from abscopal import scenario_from_dict, simulate_batch
from abscopal.calibration import CalibrationDataError, fit_parameters
from abscopal.calibration.data import tumor_data_from_frame

TRUTH = {"tumor_gompertz_rate_per_day": 0.09, "tumor_alpha_per_gy": 0.12}
CONTROL = {
    "name": "control",
    "species": "mouse",
    "body_weight_kg": 0.022,
    "parameter_set": "mouse_tsa",
    "lesions": [{"name": "flank", "organ": "skin", "baseline_volume_mm3": 60}],
    "duration_day": 30,
    "output_interval_day": 3,
}
IRRADIATED = {
    **CONTROL,
    "name": "rt",
    "external_beam": [
        {"target": "flank", "dose_per_fraction_gy": 8, "fractions": 2, "schedule": "daily"}
    ],
}


def synthetic_data(noise_sd: float = 0.1, subjects: int = 5, seed: int = 1) -> pd.DataFrame:
    solutions = simulate_batch(
        [{**CONTROL, "parameter_overrides": TRUTH}, {**IRRADIATED, "parameter_overrides": TRUTH}]
    )
    rng = np.random.default_rng(seed)
    rows = []
    for group, solution in zip(("control", "rt"), solutions, strict=True):
        volumes = solution.observables()["volume_mm3"][:, 0]
        for subject in range(subjects):
            for day, volume in zip(solution.time_day, volumes, strict=True):
                rows.append(
                    {
                        "subject": f"{group}-{subject}",
                        "group": group,
                        "day": day,
                        "lesion": "flank",
                        "volume_mm3": volume * np.exp(rng.normal(0.0, noise_sd)),
                    }
                )
    return pd.DataFrame(rows)


SCENARIOS = {"control": scenario_from_dict(CONTROL), "rt": scenario_from_dict(IRRADIATED)}


@pytest.mark.slow
def test_recovers_growth_rate_and_radiosensitivity():
    data = tumor_data_from_frame(synthetic_data())
    result = fit_parameters(data, SCENARIOS, list(TRUTH), starts=3, seed=0)
    for name, value in TRUTH.items():
        assert result.values[name] == pytest.approx(value, rel=0.05)
        assert result.ci_low[name] < value < result.ci_high[name]
        assert result.ci_high[name] / result.ci_low[name] < 1.2  # identified, not at a bound
        assert not result.at_bound[name]
    # the noise level is recovered as the residual SD on the log scale
    assert result.residual_sd_log == pytest.approx(0.1, rel=0.2)
    # every start (the set's values and two random points) reaches the same optimum
    sums = [start.sum_of_squares for start in result.starts]
    assert max(sums) - min(sums) < 1e-6 * max(sums) + 1e-9


def test_unknown_lesion_group_and_parameter_are_named():
    data = tumor_data_from_frame(synthetic_data(subjects=1))
    with pytest.raises(CalibrationDataError, match="group 'rt' has no scenario"):
        fit_parameters(data, {"control": SCENARIOS["control"]}, ["tumor_alpha_per_gy"])
    renamed = data.table.assign(lesion="left_flank")
    with pytest.raises(CalibrationDataError, match=r"'left_flank' .* is not a lesion"):
        fit_parameters(tumor_data_from_frame(renamed), SCENARIOS, ["tumor_alpha_per_gy"])
    with pytest.raises(CalibrationDataError, match="did you mean 'tumor_alpha_per_gy'"):
        fit_parameters(data, SCENARIOS, ["tumor_alpha_per_g"])
    with pytest.raises(CalibrationDataError, match="outside"):
        fit_parameters(data, SCENARIOS, ["tumor_alpha_per_gy"], {"tumor_alpha_per_gy": (1, 2)})
