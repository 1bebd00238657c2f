"""Each named immune mechanism moves its read-out in the stated direction (removing the
mechanism from the model makes the matching test fail)."""

from __future__ import annotations

import numpy as np

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
