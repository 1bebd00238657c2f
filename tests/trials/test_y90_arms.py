"""Y-90 arms in trials (issue 23): arms are checked against the sites the cohort can give each
lesion, so a liver index lesion takes a Y-90 arm, and a cohort whose index lesion may sit
outside the liver is refused when the file loads, naming the site."""

from __future__ import annotations

import copy

import pytest

from abscopal.scenario import ScenarioError
from abscopal.trials.endpoints import trial_endpoints
from abscopal.trials.engine import outcomes_in_memory
from abscopal.trials.plausibility import virtual_population
from abscopal.trials.spec import trial_from_dict
from tests.trials.conftest import TRIAL

Y90_ARM = {
    "name": "y90",
    "y90": [
        {
            "treated_lesions": ["L1"],
            "activity_gbq": 1.5,
            "lung_shunt_fraction": 0.05,
            "tumor_to_normal_ratio": 3.0,
        }
    ],
}


def liver_trial(index_sites: dict[str, float]) -> dict:
    data = copy.deepcopy(TRIAL)
    data["patients"] = 3
    data["cohort"]["index_lesion_sites"] = index_sites
    data["arms"] = [data["arms"][0], {**Y90_ARM, "checkpoint": data["arms"][0]["checkpoint"]}]
    return data


def test_a_y90_arm_runs_on_a_cohort_with_liver_index_lesions():
    spec = trial_from_dict(liver_trial({"liver": 1.0}))
    patients, _ = virtual_population(spec)
    outcomes = outcomes_in_memory(spec, patients)
    endpoints = trial_endpoints(outcomes, [arm.name for arm in spec.arms])
    failed = endpoints[(endpoints.endpoint == "solver_failed") & (endpoints.arm == "y90")]
    assert float(failed.estimate.iloc[0]) == 0.0
    orr = endpoints[(endpoints.endpoint == "orr") & (endpoints.arm == "y90")]
    assert int(orr.n.iloc[0]) == 3


def test_a_cohort_whose_index_lesion_may_be_in_the_lung_is_refused_for_y90():
    with pytest.raises(ScenarioError) as error:
        trial_from_dict(liver_trial({"liver": 0.7, "lung": 0.3}))
    assert error.value.field.startswith("arms[1].y90[0]")
    assert "liver lesions only" in error.value.message
    assert "index lesion L1 is in lung" in error.value.message
