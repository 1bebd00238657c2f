"""Y-90 radioembolization: decay, partition-model dose, and the lung-dose limit."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import quad

import abscopal
from abscopal.models.vector_field import y90_dose_rates
from abscopal.protocols.y90 import dose_rate_gy_per_day, partition_model_doses
from abscopal.simulation import model_inputs

HCC = {
    "name": "hcc_patient",
    "lesions": [
        {"name": "hcc", "organ": "liver", "baseline_diameter_mm": 50},
        {"name": "bone", "organ": "bone", "bone_pattern": "lytic", "baseline_diameter_mm": 25},
    ],
    "y90": [
        {
            "day": 2,
            "treated_lesions": ["hcc"],
            "activity_gbq": 1.2,
            "lung_shunt_fraction": 0.05,
            "tumor_to_normal_ratio": 4,
            "normal_liver_mass_g": 900,
        }
    ],
    "duration_day": 60,
}


def test_dose_rate_halves_every_64_1_hours():
    half_life_day = 64.1 / 24.0
    rates = dose_rate_gy_per_day(120.0, np.array([0.0, half_life_day, 2 * half_life_day]))
    np.testing.assert_allclose(rates[1:] / rates[:-1], 0.5, rtol=1e-12)


def test_partition_model_matches_mird_formula():
    doses = partition_model_doses(1.2, 0.05, 4.0, 0.0654, 0.9)
    liver_gbq = 1.2 * 0.95
    expected_normal = 49.67 * liver_gbq / (4.0 * 0.0654 + 0.9)
    assert math.isclose(doses.normal_liver_gy, expected_normal, rel_tol=1e-12)
    assert math.isclose(doses.tumor_gy, 4.0 * expected_normal, rel_tol=1e-12)
    assert math.isclose(doses.lung_gy, 49.67 * 1.2 * 0.05, rel_tol=1e-12)


def test_model_dose_rate_integrates_to_the_partition_model_dose():
    _, schedule = model_inputs(HCC)
    arrays = schedule.arrays()
    planned = schedule.y90_plans[0].lesion_dose_gy["hcc"]
    delivered, _ = quad(
        lambda t: float(y90_dose_rates(t, arrays)[0][0]), 2.0, 2.0 + 200.0, limit=200
    )
    assert delivered == pytest.approx(planned, rel=1e-6)
    assert float(y90_dose_rates(1.9, arrays)[0][0]) == 0.0  # nothing before implantation
    assert float(y90_dose_rates(5.0, arrays)[0][1]) == 0.0  # the bone lesion gets no Y-90


def test_y90_shrinks_the_treated_liver_lesion_only():
    solution = abscopal.simulate(HCC)
    assert solution.lesion_summary("hcc")["best_change_pct"] < -20.0
    assert solution.lesion_summary("hcc")["dose_gy"] > 100.0
    assert solution.lesion_summary("bone")["dose_gy"] == 0.0
    assert solution.lesion_summary("bone")["best_change_pct"] > -5.0


def test_lung_dose_above_30_gy_is_refused():
    scenario = dict(HCC)
    scenario["y90"] = [dict(HCC["y90"][0], activity_gbq=5.0, lung_shunt_fraction=0.15)]
    with pytest.raises(abscopal.ScenarioError) as error:
        abscopal.simulate(scenario)
    assert error.value.field == "y90[0].activity_gbq"
    assert "37.3 Gy exceeds the 30 Gy limit" in error.value.message
