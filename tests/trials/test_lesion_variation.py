"""Lesion-level parameters drawn per lesion in a trial cohort (``cohort.lesion_parameters``):
the marginal spread, the within-patient correlation, what reaches the simulation and the
outcome tables, and the refusals."""

from __future__ import annotations

import copy
import dataclasses
import math

import numpy as np
import pytest
from scipy.stats import spearmanr

from abscopal.scenario import ScenarioError
from abscopal.simulation import simulate_batch
from abscopal.trials.cohort import patient_scenario, sample_cohort
from abscopal.trials.engine import plan_chunks, process_chunk
from abscopal.trials.spec import trial_from_dict
from tests.trials.conftest import TRIAL

BARRIER = {"median": 0.3, "sd": 1.5, "within_patient_correlation": 0.3}


def _spec(lesion_parameters: dict, **cohort) -> object:
    data = copy.deepcopy(TRIAL)
    data["cohort"] = {**data["cohort"], **cohort, "lesion_parameters": lesion_parameters}
    return trial_from_dict(data)


def _logit(values: np.ndarray) -> np.ndarray:
    return np.log(values / (1.0 - values))


def test_a_cohort_without_the_block_samples_the_same_patients():
    plain = sample_cohort(trial_from_dict(copy.deepcopy(TRIAL)), 50, seed=4)
    varied = sample_cohort(_spec({"stromal_barrier_baseline": BARRIER}), 50, seed=4)
    for one, two in zip(plain, varied, strict=True):
        assert one.parameters == two.parameters and one.lesion_sites == two.lesion_sites
        assert one.lesion_diameters_mm == two.lesion_diameters_mm
        assert one.lesion_parameters == () and len(two.lesion_parameters) == len(two.lesion_sites)


@pytest.mark.parametrize("rho", [0.0, 0.7])
def test_lesion_values_have_the_stated_spread_and_within_patient_correlation(rho):
    variation = {
        "stromal_barrier_baseline": {**BARRIER, "within_patient_correlation": rho},
        "tumor_vascularity_relative": {"sd": 0.4, "within_patient_correlation": rho},
    }
    patients = sample_cohort(_spec(variation, lesion_count=[2, 2]), 4000, seed=11)
    barrier = _logit(
        np.array(
            [
                [values["stromal_barrier_baseline"] for values in p.lesion_parameters]
                for p in patients
            ]
        )
    )
    vessels = np.log(
        np.array(
            [
                [values["tumor_vascularity_relative"] for values in p.lesion_parameters]
                for p in patients
            ]
        )
    )
    # logit scale for the share, log scale (median: the set's value, 1) for the positive value
    assert abs(np.median(barrier) - math.log(0.3 / 0.7)) < 0.08
    assert abs(barrier.std() - 1.5) < 0.06
    assert abs(np.median(vessels)) < 0.03 and abs(vessels.std() - 0.4) < 0.02
    assert abs(np.corrcoef(barrier[:, 0], barrier[:, 1])[0, 1] - rho) < 0.05
    assert abs(np.corrcoef(vessels[:, 0], vessels[:, 1])[0, 1] - rho) < 0.05


def test_occult_lesions_draw_their_own_values_and_the_table_records_them():
    spec = _spec(
        {"stromal_barrier_baseline": BARRIER},
        occult_lesions={"count": [1, 1], "diameter": {"median_mm": 2.0}},
    )
    patients = sample_cohort(spec, 3, seed=2)
    scenario = patient_scenario(spec, patients[0], "pembrolizumab")
    drawn = [values["stromal_barrier_baseline"] for values in patients[0].lesion_parameters]
    assert [lesion["name"][0] for lesion in scenario["lesions"]][-1] == "O"
    assert [lesion["parameters"]["stromal_barrier_baseline"] for lesion in scenario["lesions"]] == (
        drawn
    )
    chunk = plan_chunks(spec, patients[:1], chunk_size=1)[0]
    table = process_chunk(spec, chunk)["patients"]
    first_day = table[table.day == 0.0]
    assert first_day["stromal_barrier_baseline"].tolist() == pytest.approx(drawn)


def test_a_lesion_behind_a_stronger_barrier_shrinks_less_on_sbrt_and_pembrolizumab():
    """The drawn values act: the same eight patients (human_nsclc, three lesions each) with and
    without their per-lesion stromal barrier. Out of the field, the diameter on day 84 relative
    to the barrier-free patient rises with the lesion's barrier (effector entry x (1 - S));
    without the lesion values reaching the model every ratio is 1."""
    data = copy.deepcopy(TRIAL)
    data["parameter_set"] = "human_nsclc"
    data["cohort"] = {
        **data["cohort"],
        "lesion_count": [3, 3],
        "lesion_parameters": {"stromal_barrier_baseline": BARRIER},
    }
    spec = trial_from_dict(data)
    patients = sample_cohort(spec, 8, seed=3)
    plain = [dataclasses.replace(patient, lesion_parameters=()) for patient in patients]
    arm = "sbrt_pembrolizumab"
    with_barrier = simulate_batch([patient_scenario(spec, p, arm) for p in patients])
    without = simulate_batch([patient_scenario(spec, p, arm) for p in plain])
    barriers, ratios = [], []
    for patient, one, two in zip(patients, with_barrier, without, strict=True):
        final = one.observables()["diameter_mm"][-1] / two.observables()["diameter_mm"][-1]
        for lesion in (1, 2):  # L2, L3: out of the field
            barriers.append(patient.lesion_parameters[lesion]["stromal_barrier_baseline"])
            ratios.append(final[lesion])
    assert spearmanr(barriers, ratios).statistic > 0.6
    assert max(ratios) > 1.2


@pytest.mark.parametrize(
    ("variation", "field", "words"),
    [
        ({"stromal_barier_baseline": BARRIER}, "stromal_barier_baseline", "did you mean"),
        ({"effector_kill_rate_per_day": BARRIER}, "effector_kill_rate_per_day", "lesion-level"),
        (
            {"pdl1_baseline": {"sd": 0.5, "within_patient_correlation": 0.5}},
            "pdl1_baseline",
            "pd_l1_strata",
        ),
        (
            {"stromal_barrier_baseline": {"sd": 1.0, "within_patient_correlation": 0.5}},
            "stromal_barrier_baseline.median",
            "logit",
        ),
    ],
)
def test_bad_lesion_variation_is_refused_naming_the_field(variation, field, words):
    with pytest.raises(ScenarioError) as error:
        _spec(variation)
    assert error.value.field == f"cohort.lesion_parameters.{field}"
    assert words in error.value.message


def test_a_parameter_sampled_per_patient_cannot_also_vary_per_lesion():
    data = copy.deepcopy(TRIAL)
    data["cohort"]["parameters"]["tumor_vascularity_relative"] = {"cv": 0.2}
    data["cohort"]["lesion_parameters"] = {
        "tumor_vascularity_relative": {"sd": 0.3, "within_patient_correlation": 0.5}
    }
    with pytest.raises(ScenarioError, match="sample it in one place"):
        trial_from_dict(data)


def test_the_correlation_must_be_a_share():
    with pytest.raises(ScenarioError) as error:
        _spec({"stromal_barrier_baseline": {**BARRIER, "within_patient_correlation": 1.5}})
    assert "within_patient_correlation" in error.value.field
