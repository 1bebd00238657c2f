"""Whole-model behaviour through the public API: growth, local and distant effects, batching."""

from __future__ import annotations

import numpy as np

import abscopal
from tests.conftest import sbrt, two_lesion_patient

HUMAN_SITES = [
    {"name": "lung", "organ": "lung", "baseline_diameter_mm": 25},
    {"name": "liver", "organ": "liver", "baseline_diameter_mm": 20},
    {"name": "bone", "organ": "bone", "bone_pattern": "lytic", "baseline_diameter_mm": 15},
    {"name": "node", "organ": "lymph_node", "is_lymph_node": True, "baseline_diameter_mm": 14},
    {"name": "brain", "organ": "brain", "baseline_diameter_mm": 8},
]


def test_untreated_lesions_grow_monotonically_and_stay_finite_for_two_years():
    # Humans over two years; mice over the 90 days an experiment lasts (mouse tumors reach an
    # immune-limited plateau near 1.6 cm3 later, where diameters drift by < 0.01 %/day).
    for species, lesions, weight, days in (
        ("human", HUMAN_SITES, 70, 730),
        ("mouse", [{"name": "flank", "organ": "skin", "baseline_volume_mm3": 50}], 0.022, 90),
    ):
        scenario = two_lesion_patient(
            species=species, body_weight_kg=weight, duration_day=days, lesions=lesions
        )
        solution = abscopal.simulate(scenario)
        assert solution.ok
        diameters = solution.observables()["diameter_mm"]
        assert np.all(np.isfinite(solution.lesion_states))
        # Non-decreasing (to solver round-off once a lesion sits at its carrying capacity).
        assert np.all(np.diff(diameters, axis=0) > -1e-9 * diameters[1:]), species
        capacity = solution.parameters.value("tumor_carrying_capacity_mm3")
        assert np.all(solution.observables()["volume_mm3"] <= capacity * 1.0001)
        # Every lesion grows substantially (at least +20 % in diameter).
        assert np.all(diameters[-1] / diameters[0] > 1.2), species


def test_radiation_shrinks_the_target_and_without_immune_coupling_spares_distant_lesions():
    uncoupled = {"effector_infiltration_per_flow": 0.0}
    treated = abscopal.simulate(
        two_lesion_patient(external_beam=[sbrt()], parameter_overrides=uncoupled)
    )
    untreated = abscopal.simulate(two_lesion_patient(parameter_overrides=uncoupled))
    target = treated.lesion_summary("lung")
    assert target["irradiated"] and target["best_change_pct"] < -30.0
    assert treated.diameter_mm("lung")[-1] < 0.8 * untreated.diameter_mm("lung")[-1]
    np.testing.assert_allclose(
        treated.diameter_mm("liver"), untreated.diameter_mm("liver"), rtol=1e-9
    )


def test_radiation_primes_effectors_that_reach_the_distant_lesion():
    drug = [{"drug": "pembrolizumab", "dose_mg": 200, "start_day": 7, "doses": 8}]
    combined = abscopal.simulate(two_lesion_patient(external_beam=[sbrt()], checkpoint=drug))
    drug_alone = abscopal.simulate(two_lesion_patient(checkpoint=drug))
    # Dying irradiated cells load dendritic cells; ~6 days later expanded effectors circulate.
    early = combined.time_day <= 12
    burst = combined.systemic("circulating_effectors")[early].max()
    assert burst > 3.0 * drug_alone.systemic("circulating_effectors")[early].max()
    liver = combined.lesion_names.index("liver")
    day_12 = int(np.flatnonzero(combined.time_day == 12)[0])
    infiltrate = combined.observables()["effector_cells_1e6"][day_12, liver]
    assert infiltrate > 1.5 * drug_alone.observables()["effector_cells_1e6"][day_12, liver]


def test_batch_equals_each_patient_solved_alone():
    patients = [
        two_lesion_patient(external_beam=[sbrt(dose=8.0)]),
        two_lesion_patient(external_beam=[sbrt(dose=20.0, fractions=1)], body_weight_kg=55),
        two_lesion_patient(
            checkpoint=[{"drug": "pembrolizumab", "dose_mg": 200, "doses": 4}],
            parameter_overrides={"tumor_gompertz_rate_per_day": 0.002},
        ),
    ]
    batch = abscopal.simulate_batch(patients)
    for scenario, batched in zip(patients, batch, strict=True):
        alone = abscopal.simulate(scenario)
        np.testing.assert_allclose(
            batched.lesion_states, alone.lesion_states, rtol=1e-10, atol=1e-12
        )
        np.testing.assert_allclose(
            batched.systemic_states, alone.systemic_states, rtol=1e-10, atol=1e-12
        )
    # The three patients really differ.
    assert batch[0].diameter_mm("lung")[-1] != batch[1].diameter_mm("lung")[-1]


def test_dataframe_is_tidy_with_one_row_per_time_and_lesion():
    solution = abscopal.simulate(two_lesion_patient(duration_day=10))
    frame = solution.to_dataframe()
    assert len(frame) == 11 * 2
    assert {"time_day", "lesion", "diameter_mm", "volume_mm3", "viable_fraction"} <= set(frame)
    assert frame.loc[frame.time_day == 0, "diameter_mm"].round(6).tolist() == [25.0, 20.0]
