"""compile_schedule(treatment, patient): pure, built from Python values without YAML."""

from __future__ import annotations

import numpy as np
import pytest

from abscopal.protocols.schedule import compile_schedule
from abscopal.protocols.y90 import initial_dose_rate_gy_per_day
from abscopal.scenario import (
    CheckpointCourse,
    ExternalBeamCourse,
    Lesion,
    Patient,
    ScenarioError,
    Treatment,
    Y90Administration,
)

PATIENT = Patient(
    species="human",
    body_weight_kg=80.0,
    lesions=[
        Lesion(name="lung", organ="lung", baseline_diameter_mm=25),
        Lesion(name="liver", organ="liver", baseline_diameter_mm=30),
    ],
    duration_day=60.0,
    output_times_day=[0.0, 30.0, 60.0],
)


def test_fractions_scatter_and_node_dose_land_on_their_days():
    course = ExternalBeamCourse(
        target="lung",
        dose_per_fraction_gy=8.0,
        fractions=3,
        start_day=1.0,
        scatter_dose_per_fraction_gy={"liver": 0.5},
        draining_node_dose_per_fraction_gy=2.0,
    )
    schedule = compile_schedule(Treatment(external_beam=[course]), PATIENT)
    fraction_days = schedule.boundary_day[schedule.lesion_dose_gy[:, 0] > 0]
    np.testing.assert_array_equal(fraction_days, [1.0, 2.0, 3.0])
    assert schedule.lesion_dose_gy[:, 0].sum() == 24.0
    assert schedule.lesion_dose_gy[:, 1].sum() == pytest.approx(1.5)
    assert schedule.node_dose_gy.sum() == 6.0
    assert list(schedule.boundary_day[schedule.is_output]) == [0.0, 30.0, 60.0]
    assert np.all(schedule.blood_exposed_fraction[schedule.lesion_dose_gy[:, 0] > 0] > 0)


def test_mg_per_kg_infusions_scale_with_the_patients_weight():
    course = CheckpointCourse(
        drug="pembrolizumab", dose_mg_per_kg=2.0, start_day=0.0, interval_day=21.0, doses=2
    )
    schedule = compile_schedule(Treatment(checkpoint=[course]), PATIENT)
    infused = np.sum(schedule.infusion_mg_per_day[:-1, 0] * np.diff(schedule.boundary_day))
    assert infused == pytest.approx(2 * 2.0 * 80.0)
    assert schedule.drug_by_target == ("pembrolizumab", None, None)


def test_the_same_treatment_compiles_the_same_for_the_same_patient():
    treatment = Treatment(
        y90=[Y90Administration(day=5.0, treated_lesions=["liver"], lesion_dose_gy={"liver": 120})]
    )
    first, again = compile_schedule(treatment, PATIENT), compile_schedule(treatment, PATIENT)
    for key, value in first.arrays().items():
        np.testing.assert_array_equal(value, again.arrays()[key])
    assert first.y90_initial_rate_gy_per_day[0, 1] == initial_dose_rate_gy_per_day(120.0)
    assert first.y90_initial_rate_gy_per_day[0, 0] == 0.0  # the lung lesion gets no Y-90


def test_a_treatment_past_the_follow_up_is_an_internal_error_not_a_silent_cut():
    late = ExternalBeamCourse(target="lung", dose_per_fraction_gy=2.0, fractions=1, start_day=90)
    with pytest.raises(ValueError, match="past duration_day"):
        compile_schedule(Treatment(external_beam=[late]), PATIENT)


def test_the_lung_dose_limit_holds_for_treatments_built_in_python():
    administration = Y90Administration(
        treated_lesions=["liver"], activity_gbq=5.0, lung_shunt_fraction=0.2
    )
    with pytest.raises(ScenarioError, match="exceeds the 30 Gy limit"):
        compile_schedule(Treatment(y90=[administration]), PATIENT)
