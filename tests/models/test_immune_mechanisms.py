"""Each named immune mechanism moves its read-out in the stated direction (removing the
mechanism from the model makes the matching test fail)."""

from __future__ import annotations

import numpy as np
import pytest

import abscopal
from tests.conftest import sbrt, two_lesion_patient

DAYS = {"duration_day": 60}


def at(solution: abscopal.Solution, name: str, lesion: str, day: float) -> float:
    row = int(np.flatnonzero(solution.time_day == day)[0])
    return float(solution.observables()[name][row, solution.lesion_names.index(lesion)])


def test_radiation_raises_pd_l1_and_recruits_mdscs_in_the_irradiated_lesion():
    treated = abscopal.simulate(two_lesion_patient(external_beam=[sbrt()], **DAYS))
    untreated = abscopal.simulate(two_lesion_patient(**DAYS))
    assert at(treated, "pd_l1", "lung", 3) > at(untreated, "pd_l1", "lung", 3) + 0.1
    assert at(treated, "mdsc_cells_1e6", "lung", 14) > 1.2 * at(
        untreated, "mdsc_cells_1e6", "lung", 14
    )


def test_anti_ctla4_depletes_intratumoral_tregs():
    drug = [{"drug": "ipilimumab", "dose_mg_per_kg": 3, "interval_day": 21, "doses": 2}]
    treated = abscopal.simulate(two_lesion_patient(checkpoint=drug, **DAYS))
    untreated = abscopal.simulate(two_lesion_patient(**DAYS))
    assert at(treated, "treg_cells_1e6", "liver", 30) < 0.8 * at(
        untreated, "treg_cells_1e6", "liver", 30
    )


def test_anti_pd1_reinvigorates_exhausted_cells():
    drug = [{"drug": "pembrolizumab", "dose_mg": 200, "doses": 3}]
    treated = abscopal.simulate(two_lesion_patient(checkpoint=drug, **DAYS))
    untreated = abscopal.simulate(two_lesion_patient(**DAYS))

    def exhausted_share(solution):
        exhausted = at(solution, "exhausted_cells_1e6", "liver", 30)
        return exhausted / (exhausted + at(solution, "effector_cells_1e6", "liver", 30))

    assert exhausted_share(treated) < 0.5 * exhausted_share(untreated)


def test_low_scatter_dose_makes_a_distant_lesion_more_permissive_to_infiltration():
    def liver_effectors(scatter: float) -> float:
        course = sbrt(scatter_dose_per_fraction_gy={"liver": scatter})
        solution = abscopal.simulate(two_lesion_patient(external_beam=[course], **DAYS))
        return at(solution, "effector_cells_1e6", "liver", 12)

    assert liver_effectors(2.0) > 1.2 * liver_effectors(0.0)


def test_irradiated_lytic_bone_lesion_shows_sclerotic_fill_in():
    lesions = [
        {"name": "bone", "organ": "bone", "bone_pattern": "lytic", "baseline_diameter_mm": 25},
        {"name": "liver", "organ": "liver", "baseline_diameter_mm": 20},
    ]
    treated = abscopal.simulate(
        two_lesion_patient(lesions=lesions, external_beam=[sbrt("bone")], **DAYS)
    )
    untreated = abscopal.simulate(two_lesion_patient(lesions=lesions, **DAYS))
    assert at(treated, "sclerotic_fraction", "bone", 0) == 0.1
    assert (
        at(treated, "sclerotic_fraction", "bone", 60)
        > at(untreated, "sclerotic_fraction", "bone", 60) + 0.05
    )


def test_antigen_burst_broadens_the_repertoire_the_precursor_pool_recovers_to():
    """Antigen spreading: the DC burst of SBRT 3 x 8 Gy leaves the precursor pool above its
    baseline for weeks; with the spreading rate set to zero the pool recovers only toward it."""
    pembrolizumab = [{"drug": "pembrolizumab", "dose_mg": 200, "start_day": 7, "doses": 4}]

    def systemic_at_day_56(spreading_rate: float) -> tuple[float, float, float]:
        scenario = two_lesion_patient(
            external_beam=[sbrt(schedule="every_other_day")],
            checkpoint=pembrolizumab,
            parameter_overrides={"spreading_rate_per_day": spreading_rate},
            duration_day=84,
            output_interval_day=7,
        )
        solution = abscopal.simulate(scenario)
        row = int(np.flatnonzero(solution.time_day == 56)[0])
        return tuple(
            float(solution.systemic(name)[row])
            for name in ("repertoire", "precursors", "circulating_effectors")
        )

    repertoire, precursors, effectors = systemic_at_day_56(0.05)
    flat_repertoire, flat_precursors, flat_effectors = systemic_at_day_56(0.0)
    assert flat_repertoire == 1.0  # human precursor baseline, untouched without spreading
    assert repertoire > 1.5
    assert precursors > 1.5 * flat_precursors
    assert effectors > 1.5 * flat_effectors


def test_gm_csf_carries_more_antigen_to_the_nodes_after_radiation():
    """GM-CSF (125 ug/m2 daily, days 7-20) during 10 x 3.5 Gy: its stimulation follows the dose
    rate with the stated lag, raises antigen-loaded dendritic cells and the effectors they prime;
    with the uptake gain at zero it changes nothing."""
    from abscopal.protocols.gm_csf import body_surface_area_m2

    def systemic(gm_csf: bool, gain: float = 1.0) -> dict[str, np.ndarray]:
        scenario = two_lesion_patient(
            external_beam=[sbrt(dose=3.5, fractions=10, schedule="five_per_week")],
            gm_csf=[{"dose_ug_per_m2": 125, "start_day": 7, "doses": 14}] if gm_csf else [],
            parameter_overrides={"gm_csf_dc_uptake_gain": gain},
            duration_day=56,
            output_interval_day=7,
        )
        solution = abscopal.simulate(scenario)
        names = ("gm_csf_stimulation", "dendritic_cells", "circulating_effectors")
        return {name: solution.systemic(name) for name in names}  # days 0, 7, ..., 56

    with_gm_csf, without, no_gain = systemic(True), systemic(False), systemic(True, gain=0.0)
    dose_rate = 125 * body_surface_area_m2(70.0)
    plateau = dose_rate / (100.0 + dose_rate)  # human_default half-effect dose rate 100 ug/day
    expected_day_21 = plateau * (1 - np.exp(-0.3 * 14))  # effect rate 0.3/day
    assert with_gm_csf["gm_csf_stimulation"][3] == pytest.approx(expected_day_21, rel=1e-4)
    assert np.all(without["gm_csf_stimulation"] == 0.0)
    assert with_gm_csf["dendritic_cells"][2] > 1.3 * without["dendritic_cells"][2]  # day 14
    assert with_gm_csf["circulating_effectors"][4] > 1.2 * without["circulating_effectors"][4]
    # equal up to the solver tolerance (the GM-CSF windows add segment boundaries)
    np.testing.assert_allclose(no_gain["dendritic_cells"], without["dendritic_cells"], rtol=1e-5)
