"""One observation model: the solver's tables, the calibration residuals and the SBML export
measure a lesion the same way."""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from abscopal import simulate_batch
from abscopal.calibration import TumorGrowthModel
from abscopal.calibration.data import tumor_data_from_frame
from abscopal.models.observation import (
    MEASURED_STATES,
    lesion_observables,
    measured_volume_mm3,
    sphere_diameter_mm,
)
from abscopal.models.state import LESION_STATES, L
from tests.calibration.test_fit import CONTROL, IRRADIATED, SCENARIOS, TRUTH, synthetic_data


def test_imaging_measures_viable_doomed_and_debris():
    assert MEASURED_STATES == ("viable", "doomed", "debris")
    states = np.zeros((2, len(LESION_STATES)))
    states[:, L["viable"]] = [1.0, 2.0]
    states[:, L["doomed"]] = [3.0, 0.0]
    states[:, L["debris"]] = [4.0, 1.0]
    states[:, L["effector"]] = 100.0  # immune cells are not measured volume
    np.testing.assert_array_equal(measured_volume_mm3(states), [8.0, 3.0])
    traced = jax.jit(measured_volume_mm3)(jnp.asarray(states))
    np.testing.assert_array_equal(np.asarray(traced), [8.0, 3.0])
    observed = lesion_observables(
        states,
        {"sul_background": 1.0, "sul_viable_tumor": 5.0, "sul_inflammation_per_immune_ratio": 0.0},
    )
    assert observed["diameter_mm"][0] == pytest.approx((6 * 8.0 / math.pi) ** (1 / 3))
    assert observed["viable_fraction"][1] == pytest.approx(2.0 / 3.0)
    assert sphere_diameter_mm(np.array([-1.0]))[0] == 0.0


def test_the_calibration_residual_reads_the_volume_the_solution_reports():
    data = tumor_data_from_frame(synthetic_data(subjects=1, noise_sd=0.0))
    model = TumorGrowthModel.build(data, {name: s for name, s in SCENARIOS.items()}, list(TRUTH))
    simulated = np.asarray(model.log_simulated(jnp.log(jnp.asarray(list(TRUTH.values())))))
    # noise-free data simulated by the solver at the true values: residuals vanish
    np.testing.assert_allclose(simulated, model.log_observed, atol=2e-5)
    solutions = simulate_batch(
        [{**CONTROL, "parameter_overrides": TRUTH}, {**IRRADIATED, "parameter_overrides": TRUTH}]
    )
    assert solutions[0].observables()["volume_mm3"][:, 0].shape[0] == simulated.size // 2
