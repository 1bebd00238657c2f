"""Radiobiology: LQ kill, the kinetics of radiation immunogenicity (micronuclei after mitosis,
Trex1 with memory, STING) and protraction; each mechanism has a knock-out that fails its test."""

from __future__ import annotations

import numpy as np
import pytest

import abscopal
from abscopal.models.radiobiology import (
    lq_survival,
    protraction_factor,
    trex1_induction_per_fraction,
    trex1_induction_rate,
)
from abscopal.models.state import L
from tests.conftest import sbrt, two_lesion_patient

PARAMETERS = abscopal.get_parameter_set("human_default").values()


def test_lq_survival_matches_closed_form():
    assert float(lq_survival(2.0, 0.15, 0.015)) == np.exp(-0.3 - 0.06)


def interferon_exposure(
    external_beam: list[dict] | None = None, lesion: str = "lung", **overrides: float
) -> float:
    """Area under the irradiated lung lesion's interferon signal over 30 days."""
    scenario = two_lesion_patient(
        duration_day=30,
        output_interval_day=0.25,
        external_beam=external_beam or [],
        parameter_overrides=overrides,
    )
    solution = abscopal.simulate(scenario)
    signal = solution.observables()["interferon_signal"][:, solution.lesion_names.index(lesion)]
    return float(np.trapezoid(signal, solution.time_day))


def single_fraction(dose: float) -> list[dict]:
    return [sbrt(dose=dose, fractions=1)]


def test_trex1_induction_per_fraction_is_the_integral_of_its_rate_while_damage_is_repaired():
    dose = 20.0
    repair_rate = np.log(2.0) / (PARAMETERS["sublethal_repair_half_time_hour"] / 24.0)
    times = np.linspace(0.0, 40.0 / repair_rate, 200_001)
    rates = np.asarray(trex1_induction_rate(dose * np.exp(-repair_rate * times), PARAMETERS))
    integral = float(np.trapezoid(rates, times))
    assert float(trex1_induction_per_fraction(dose, PARAMETERS)) == pytest.approx(integral, 1e-4)


def test_interferon_per_fraction_rises_with_dose_then_falls_above_trex1_threshold():
    doses = (2.0, 8.0, 12.0, 20.0, 30.0)
    exposure = {dose: interferon_exposure(single_fraction(dose)) for dose in doses}
    assert exposure[2.0] < exposure[8.0] < exposure[12.0]
    assert exposure[20.0] < 0.8 * exposure[12.0]
    assert exposure[30.0] < 0.5 * exposure[12.0]
    # Without Trex1 the signal only rises (and saturates) with dose.
    assert interferon_exposure(single_fraction(30.0), trex1_dna_clearance_gain=0.0) > exposure[12.0]


def test_small_fractions_are_weakly_immunogenic_through_the_quadratic_micronucleus_yield():
    five_by_two = interferon_exposure([sbrt(dose=2.0, fractions=5)])
    one_by_ten = interferon_exposure(single_fraction(10.0))
    assert five_by_two < 0.6 * one_by_ten
    # Knock-out: a linear micronucleus yield (same yield at 10 Gy) makes them equal.
    linear = {
        "micronucleus_alpha_per_gy": PARAMETERS["micronucleus_alpha_per_gy"]
        + 10.0 * PARAMETERS["micronucleus_beta_per_gy2"],
        "micronucleus_beta_per_gy2": 0.0,
    }
    ratio = interferon_exposure([sbrt(dose=2.0, fractions=5)], **linear) / interferon_exposure(
        single_fraction(10.0), **linear
    )
    assert ratio > 0.8


def test_interferon_rises_days_after_a_fraction_because_cells_must_pass_mitosis():
    def onset(**overrides: float) -> tuple[float, float]:
        """Day of the interferon peak after 8 Gy, and the signal 12 h in / its peak."""
        solution = abscopal.simulate(
            two_lesion_patient(
                duration_day=14,
                output_interval_day=0.25,
                external_beam=single_fraction(8.0),
                parameter_overrides=overrides,
            )
        )
        signal = solution.observables()["interferon_signal"][:, 0]
        half_day = int(np.flatnonzero(solution.time_day == 0.5)[0])
        return float(solution.time_day[int(np.argmax(signal))]), float(
            signal[half_day] / signal.max()
        )

    peak_day, early_share = onset()
    assert peak_day >= 3.0
    assert early_share < 0.15
    # Knock-out: cells pass mitosis at once; the signal is up within hours.
    instant_peak_day, instant_early_share = onset(mitotic_passage_rate_per_day=100.0)
    assert instant_peak_day < peak_day - 1.0
    assert instant_early_share > 0.4


def test_trex1_remembers_a_high_dose_and_blunts_the_fractions_that_follow():
    follow_up = [sbrt(dose=20.0, fractions=1), sbrt(dose=8.0, fractions=2, start_day=2.0)]

    def extra_from_follow_up(**overrides: float) -> float:
        return interferon_exposure(follow_up, **overrides) - interferon_exposure(
            single_fraction(20.0), **overrides
        )

    remembered = extra_from_follow_up()
    forgotten = extra_from_follow_up(trex1_half_life_day=0.01)
    assert remembered < 0.7 * forgotten


def test_continuous_y90_dose_makes_interferon_without_inducing_trex1():
    scenario = {
        "name": "y90",
        "species": "human",
        "body_weight_kg": 70,
        "lesions": [{"name": "liver", "organ": "liver", "baseline_diameter_mm": 40}],
        "y90": [
            {
                "day": 0,
                "treated_lesions": ["liver"],
                "activity_gbq": 1.2,
                "lung_shunt_fraction": 0.05,
                "tumor_to_normal_ratio": 4,
                "normal_liver_mass_g": 900,
            }
        ],
        "duration_day": 30,
        "output_interval_day": 0.5,
    }
    solution = abscopal.simulate(scenario)
    trex1 = solution.lesion_states[:, 0, L["trex1"]]
    interferon = solution.observables()["interferon_signal"][:, 0]
    # The dose rate never builds 12-18 Gy of unrepaired dose: Trex1 stays far below what one
    # acute 20 Gy fraction induces, although the tumor receives hundreds of Gy.
    assert solution.dose_gy("liver") > 100.0
    acute = float(trex1_induction_per_fraction(20.0, PARAMETERS))
    assert float(trex1.max()) < 0.05 * acute
    assert float(interferon.max()) > 0.05


def test_sting_loss_in_one_lesion_silences_only_that_lesion():
    lesions = two_lesion_patient()["lesions"]
    lesions[0]["parameters"] = {"sting_signalling": 0.0}
    course = sbrt(scatter_dose_per_fraction_gy={"liver": 8.0})
    solution = abscopal.simulate(
        two_lesion_patient(lesions=lesions, external_beam=[course], duration_day=30)
    )
    interferon = solution.observables()["interferon_signal"]
    assert float(interferon[:, 0].max()) == 0.0
    assert float(interferon[:, 1].max()) > 0.05


def test_protraction_factor_is_one_for_acute_and_falls_for_long_beam_on():
    repair_rate = np.log(2.0) / (1.5 / 24.0)
    assert float(protraction_factor(0.0, repair_rate)) == 1.0
    assert 0.97 < float(protraction_factor(2.0 / 1440.0, repair_rate)) < 1.0
    assert float(protraction_factor(2.0 / 24.0, repair_rate)) < 0.8
