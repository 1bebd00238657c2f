"""Antibody PK: analytic two-compartment solution in the linear case; mg/kg dosing."""

from __future__ import annotations

import numpy as np

import abscopal
from abscopal.parameters.drugs import ANTIBODIES
from tests.conftest import two_lesion_patient


def analytic_two_compartment(dose_mg, clearance, central, exchange, peripheral, times):
    """Central concentration after an i.v. bolus, linear two-compartment model."""
    k10, k12, k21 = clearance / central, exchange / central, exchange / peripheral
    total = k10 + k12 + k21
    root = np.sqrt(total**2 - 4.0 * k10 * k21)
    alpha, beta = (total + root) / 2.0, (total - root) / 2.0
    a = (alpha - k21) / (alpha - beta)
    b = (k21 - beta) / (alpha - beta)
    return dose_mg / central * (a * np.exp(-alpha * times) + b * np.exp(-beta * times))


def test_linear_pk_matches_analytic_two_compartment_solution():
    nivolumab = ANTIBODIES["nivolumab"]
    assert nivolumab.max_saturable_elimination_mg_per_day == 0.0  # linear clearance only
    weight = nivolumab.reference_weight_kg
    solution = abscopal.simulate(
        two_lesion_patient(
            body_weight_kg=weight,
            duration_day=42,
            output_interval_day=0.5,
            checkpoint=[{"drug": "nivolumab", "dose_mg": 240, "doses": 1, "infusion_min": 0}],
        )
    )
    simulated = solution.systemic_dataframe()["nivolumab_ug_per_ml"].to_numpy()
    expected = analytic_two_compartment(
        240.0,
        nivolumab.clearance_l_per_day,
        nivolumab.central_volume_l,
        nivolumab.intercompartmental_clearance_l_per_day,
        nivolumab.peripheral_volume_l,
        solution.time_day,
    )
    # Day 0 is recorded before the bolus; afterwards the solutions agree to 1e-5 relative.
    np.testing.assert_allclose(simulated[1:], expected[1:], rtol=1e-5)
    assert 55.0 < expected[1] < 62.0  # 240 mg into 3.63 L (66 ug/mL), half a day later


def test_mg_per_kg_dosing_scales_with_body_weight():
    def peak_amount(weight: float) -> float:
        solution = abscopal.simulate(
            two_lesion_patient(
                body_weight_kg=weight,
                duration_day=2,
                output_interval_day=0.01,
                checkpoint=[
                    {"drug": "pembrolizumab", "dose_mg_per_kg": 2, "doses": 1, "infusion_min": 30}
                ],
            )
        )
        return float(solution.systemic_dataframe()["pembrolizumab_ug_per_ml"].max())

    light, heavy = peak_amount(50.0), peak_amount(100.0)
    # Twice the weight, twice the dose into the same central volume (clearance scales too, but
    # the peak right after a 30-minute infusion is set by the dose).
    assert 1.95 < heavy / light < 2.0
