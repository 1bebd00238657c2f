"""Anti-immune effects of radiation: blood lymphocyte depletion and draining-node irradiation."""

from __future__ import annotations

import abscopal
from tests.conftest import sbrt, two_lesion_patient


def lymphocyte_nadir(**course: object) -> float:
    solution = abscopal.simulate(
        two_lesion_patient(duration_day=120, external_beam=[sbrt(**course)])
    )
    lymphocytes = solution.systemic("lymphocytes")
    return float(lymphocytes.min() / lymphocytes[0])


def test_depletion_grows_with_number_of_fractions():
    nadirs = [
        lymphocyte_nadir(dose=2.0, fractions=n, schedule="five_per_week", field_size_cm=15)
        for n in (5, 15, 30)
    ]
    assert nadirs[0] > nadirs[1] > nadirs[2]
    assert nadirs[0] - nadirs[2] > 0.2  # 30 fractions deplete at least 20 points more than 5
    # 30 x 2 Gy to a large chest field: a lymphocyte fall of 30-70 %.
    assert 0.3 < nadirs[2] < 0.7


def test_depletion_grows_with_blood_dose():
    nadirs = [
        lymphocyte_nadir(dose=8.0, fractions=3, blood_dose_per_fraction_gy=blood)
        for blood in (0.0, 0.05, 0.2, 0.5)
    ]
    assert nadirs[0] == 1.0
    assert nadirs[0] > nadirs[1] > nadirs[2] > nadirs[3]


def test_irradiating_the_draining_node_reduces_priming():
    def primed_effectors(node_dose: float) -> float:
        solution = abscopal.simulate(
            two_lesion_patient(
                duration_day=40,
                external_beam=[sbrt(draining_node_dose_per_fraction_gy=node_dose)],
            )
        )
        return float(solution.systemic("circulating_effectors").max())

    spared, irradiated = primed_effectors(0.0), primed_effectors(8.0)
    assert irradiated < 0.8 * spared
