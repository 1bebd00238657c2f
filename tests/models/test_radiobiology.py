"""Radiobiology: LQ kill, the Trex1-limited interferon signal and protraction."""

from __future__ import annotations

import numpy as np

import abscopal
from abscopal.models.radiobiology import (
    interferon_signal_per_fraction,
    lq_survival,
    protraction_factor,
)
from tests.conftest import sbrt, two_lesion_patient

PARAMETERS = abscopal.get_parameter_set("human_default").values()


def test_lq_survival_matches_closed_form():
    assert float(lq_survival(2.0, 0.15, 0.015)) == np.exp(-0.3 - 0.06)


def test_interferon_per_fraction_rises_with_dose_then_falls_above_trex1_threshold():
    doses = np.array([1.0, 2.0, 4.0, 8.0, 12.0, 20.0, 30.0])
    signal = np.asarray(interferon_signal_per_fraction(doses, PARAMETERS))
    assert np.all(np.diff(signal[:4]) > 0)  # 1 -> 8 Gy: more signal
    peak_dose = doses[np.argmax(signal)]
    assert 8.0 <= peak_dose <= 14.0
    assert signal[5] < 0.5 * signal[3]  # 20 Gy gives less than half of 8 Gy
    assert signal[6] < 0.1 * signal[3]  # 30 Gy: almost none (Trex1 degrades cytosolic DNA)


def test_interferon_signal_is_summed_over_fractions_8x3_beats_8x1_and_20x1():
    def total_interferon(dose: float, fractions: int) -> float:
        solution = abscopal.simulate(
            two_lesion_patient(
                duration_day=30,
                output_interval_day=0.25,
                external_beam=[sbrt(dose=dose, fractions=fractions)],
            )
        )
        signal = solution.observables()["interferon_signal"][:, 0]
        return float(np.trapezoid(signal, solution.time_day))

    three_by_eight = total_interferon(8.0, 3)
    assert three_by_eight > 2.5 * total_interferon(8.0, 1)
    assert three_by_eight > 5.0 * total_interferon(20.0, 1)


def test_protraction_factor_is_one_for_acute_and_falls_for_long_beam_on():
    repair_rate = np.log(2.0) / (1.5 / 24.0)
    assert float(protraction_factor(0.0, repair_rate)) == 1.0
    assert 0.97 < float(protraction_factor(2.0 / 1440.0, repair_rate)) < 1.0
    assert float(protraction_factor(2.0 / 24.0, repair_rate)) < 0.8
