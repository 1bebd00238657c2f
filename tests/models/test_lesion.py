"""Lesion dynamics: clonogen extinction (cure) and effector entry through the tumor's own vessels
and interferon-driven chemokines; each mechanism's knock-out fails its test."""

from __future__ import annotations

import numpy as np

import abscopal
from abscopal.models.state import L
from tests.conftest import sbrt, two_lesion_patient


def flank_mouse(**changes) -> dict:
    scenario = {
        "name": "flank",
        "species": "mouse",
        "body_weight_kg": 0.022,
        "parameter_set": "mouse_default",
        "lesions": [{"name": "flank", "organ": "skin", "baseline_volume_mm3": 50.0}],
        "external_beam": [sbrt(target="flank", dose=20.0, fractions=3)],
        "duration_day": 100,
        "output_interval_day": 1.0,
    }
    scenario.update(changes)
    return scenario


def test_a_lesion_left_without_clonogens_stays_gone():
    solution = abscopal.simulate(flank_mouse())
    viable = solution.lesion_states[:, 0, L["viable"]]
    assert float(viable.min()) < 1e-6  # 3 x 20 Gy leaves less than one clonogen
    assert float(viable[-1]) < 1e-6  # and it does not regrow
    assert float(solution.observables()["volume_mm3"][-1, 0]) < 1.0  # debris only
    # Knock-out: without the extinction threshold a fraction of a cell regrows to a tumor.
    regrown = abscopal.simulate(
        flank_mouse(parameter_overrides={"clonogen_extinction_volume_mm3": 0.0})
    )
    assert float(regrown.lesion_states[-1, 0, L["viable"]]) > 100.0


def effectors_per_mm3(solution: abscopal.Solution, lesion: str, day: float) -> float:
    row = int(np.flatnonzero(solution.time_day == day)[0])
    index = solution.lesion_names.index(lesion)
    observables = solution.observables()
    return float(
        observables["effector_cells_1e6"][row, index] / observables["volume_mm3"][row, index]
    )


def test_effector_entry_per_gram_does_not_depend_on_the_host_organs_blood_flow():
    lesions = [
        {"name": "lung", "organ": "lung", "baseline_diameter_mm": 20},
        {"name": "bone", "organ": "bone", "bone_pattern": "lytic", "baseline_diameter_mm": 20},
    ]
    drug = [{"drug": "pembrolizumab", "dose_mg": 200, "doses": 3}]
    solution = abscopal.simulate(
        two_lesion_patient(lesions=lesions, checkpoint=drug, duration_day=60)
    )
    # Lung lesions took the pulmonary share of cardiac output (45 x bone per gram) before.
    ratio = effectors_per_mm3(solution, "lung", 30) / effectors_per_mm3(solution, "bone", 30)
    assert 0.8 < ratio < 1.25


def test_a_lesions_own_vascularity_sets_its_effector_entry():
    lesions = two_lesion_patient()["lesions"]
    lesions[1]["parameters"] = {"tumor_vascularity_relative": 0.2}
    drug = [{"drug": "pembrolizumab", "dose_mg": 200, "doses": 3}]
    poor = abscopal.simulate(two_lesion_patient(lesions=lesions, checkpoint=drug, duration_day=60))
    usual = abscopal.simulate(two_lesion_patient(checkpoint=drug, duration_day=60))
    assert effectors_per_mm3(poor, "liver", 30) < 0.5 * effectors_per_mm3(usual, "liver", 30)
    assert effectors_per_mm3(poor, "lung", 30) >= 0.95 * effectors_per_mm3(usual, "lung", 30)


def test_interferon_driven_chemokines_draw_effectors_into_the_irradiated_lesion():
    def irradiated_effectors(**overrides: float) -> float:
        solution = abscopal.simulate(
            two_lesion_patient(
                external_beam=[sbrt()], duration_day=30, parameter_overrides=overrides
            )
        )
        return effectors_per_mm3(solution, "lung", 10)

    assert irradiated_effectors() > 1.05 * irradiated_effectors(chemokine_entry_gain=0.0)


def test_only_a_lesion_sharing_the_primed_antigens_is_killed_by_the_systemic_response():
    def liver_volume(share: float) -> float:
        lesions = two_lesion_patient()["lesions"]
        lesions[1]["parameters"] = {"antigen_shared_fraction": share}
        drug = [{"drug": "pembrolizumab", "dose_mg": 200, "interval_day": 21, "doses": 6}]
        solution = abscopal.simulate(
            two_lesion_patient(
                lesions=lesions,
                external_beam=[sbrt()],
                checkpoint=drug,
                duration_day=120,
                parameter_set="human_nsclc",
            )
        )
        return float(solution.observables()["volume_mm3"][-1, 1])

    private = liver_volume(0.0)
    shared = liver_volume(1.0)
    assert shared < 0.8 * private  # the shared lesion responds, the private one grows on


def test_an_excluded_lesion_keeps_effectors_out_until_low_dose_radiation_remodels_its_stroma():
    def liver_effectors(barrier: float, scatter_gy: float, **overrides: float) -> float:
        lesions = two_lesion_patient()["lesions"]
        lesions[1]["parameters"] = {"stromal_barrier_baseline": barrier}
        course = sbrt(scatter_dose_per_fraction_gy={"liver": scatter_gy})
        solution = abscopal.simulate(
            two_lesion_patient(
                lesions=lesions,
                external_beam=[course],
                duration_day=30,
                parameter_overrides=overrides,
            )
        )
        return effectors_per_mm3(solution, "liver", 14)

    inflamed = liver_effectors(0.0, 0.0)
    excluded = liver_effectors(0.9, 0.0)
    assert excluded < 0.3 * inflamed
    remodelled = liver_effectors(0.9, 1.0)  # 3 x 1 Gy of scatter
    assert remodelled > 1.5 * excluded
    # Knock-out: a stroma that radiation does not remodel gains only the permissiveness term.
    fixed = liver_effectors(0.9, 1.0, stromal_remodelling_dose_gy=1e4)  # the range's top
    assert remodelled > 1.3 * fixed
