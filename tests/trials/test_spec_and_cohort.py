"""Trial files and virtual-patient sampling."""

from __future__ import annotations

import numpy as np
import pytest

from abscopal.scenario import ScenarioError
from abscopal.trials.cohort import patient_scenario, sample_cohort, visit_days
from abscopal.trials.spec import trial_from_dict


def test_sampled_parameters_follow_the_stated_cv_and_correlation(trial_data):
    spec = trial_from_dict(trial_data)
    patients = sample_cohort(spec, 4000, seed=11)
    kill = np.log([p.parameters["effector_kill_rate_per_day"] for p in patients])
    pool = np.log([p.parameters["precursor_count_baseline"] for p in patients])
    sigma = np.sqrt(np.log1p(0.3**2))
    assert kill.std() == pytest.approx(sigma, rel=0.05)
    assert np.corrcoef(kill, pool)[0, 1] == pytest.approx(0.5, abs=0.04)
    from abscopal.parameters import get_parameter_set

    median = get_parameter_set("human_default").value("effector_kill_rate_per_day")
    assert np.exp(np.median(kill)) == pytest.approx(median, rel=0.03)
    strata = [p.pd_l1_stratum for p in patients]
    assert strata.count("negative") / len(strata) == pytest.approx(0.5, abs=0.03)
    counts = np.array([len(p.lesion_sites) for p in patients])
    assert set(counts) == {2, 3}
    diameters = np.concatenate([p.lesion_diameters_mm for p in patients])
    assert diameters.min() >= 10.0 and diameters.max() <= 80.0
    assert all(p.lesion_sites[0] == "lung" for p in patients)  # index lesion site


def test_same_seed_same_patients_other_seed_other_patients(trial_data):
    spec = trial_from_dict(trial_data)
    assert sample_cohort(spec, 50, seed=3) == sample_cohort(spec, 50, seed=3)
    assert sample_cohort(spec, 50, seed=3) != sample_cohort(spec, 50, seed=4)


def test_patient_scenario_carries_the_arm_and_the_patient(trial_data):
    spec = trial_from_dict(trial_data)
    patient = sample_cohort(spec, 1, seed=1)[0]
    scenario = patient_scenario(spec, patient, "sbrt_pembrolizumab")
    assert scenario["external_beam"][0]["target"] == "L1"
    assert scenario["parameter_overrides"] == patient.parameters
    assert [lesion["name"] for lesion in scenario["lesions"]] == patient.lesion_names
    assert scenario["output_times_day"] == visit_days(spec) == [0.0, 42.0, 84.0]
    untreated = patient_scenario(spec, patient, None)
    assert "external_beam" not in untreated and "checkpoint" not in untreated


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            lambda d: d["cohort"]["parameters"].update({"no_such_rate": {"cv": 0.2}}),
            "cohort.parameters.no_such_rate",
        ),
        (lambda d: d["cohort"]["pd_l1_strata"]["negative"].update({"share": 0.9}), "cohort"),
        (lambda d: d["arms"].append(dict(d["arms"][0])), "arms"),
        (lambda d: d["cohort"].update({"lesion_count": [0, 3]}), "cohort"),
        (lambda d: d.update({"follow_up_day": -1}), "follow_up_day"),
        (lambda d: d.update({"read_out_day": 400}), "read_out_day"),
        (lambda d: d.update({"follow_up_day": 42}), "arms[0].checkpoint[0].doses"),
        (
            lambda d: d["arms"][1]["external_beam"][0].update({"target": "L3"}),
            "arms[1].external_beam[0].target",
        ),
        (
            lambda d: d["cohort"].update({"occult_lesions": {"count": [0, 6]}}),
            "cohort.occult_lesions",
        ),
        (
            lambda d: d["cohort"].update(
                {"occult_lesions": {"diameter": {"max_mm": 12}, "detection_mm": 10}}
            ),
            "cohort.occult_lesions",
        ),
        (
            lambda d: d["cohort"].update({"occult_lesions": {"sites": {"spleen": 1}}}),
            "cohort",
        ),
        (
            lambda d: d["arms"][1]["external_beam"][0].update({"target": "O1"}),
            "arms[1].external_beam[0].target",
        ),
    ],
)
def test_malformed_trial_files_name_the_field(trial_data, change, field):
    change(trial_data)
    with pytest.raises(ScenarioError) as error:
        trial_from_dict(trial_data)
    assert error.value.field == field


def test_occult_lesions_are_drawn_after_and_apart_from_the_visible_ones(trial_data):
    plain = sample_cohort(trial_from_dict(trial_data), 400, seed=5)
    trial_data["cohort"]["occult_lesions"] = {
        "count": [0, 3],
        "diameter": {"median_mm": 2.0, "cv": 0.5, "min_mm": 0.5, "max_mm": 4.0},
        "sites": {"liver": 1.0},
    }
    spec = trial_from_dict(trial_data)
    patients = sample_cohort(spec, 400, seed=5)
    # the visible lesions, parameters and strata are those of the file without the block
    assert [(p.lesion_sites, p.lesion_diameters_mm, p.parameters) for p in patients] == [
        (p.lesion_sites, p.lesion_diameters_mm, p.parameters) for p in plain
    ]
    counts = np.array([len(p.occult_sites) for p in patients])
    assert set(counts) == {0, 1, 2, 3}
    assert counts.mean() == pytest.approx(1.5, abs=0.15)
    diameters = np.concatenate([p.occult_diameters_mm for p in patients])
    assert diameters.min() >= 0.5 and diameters.max() <= 4.0
    assert {site for p in patients for site in p.occult_sites} == {"liver"}
    patient = next(p for p in patients if len(p.occult_sites) == 2)
    scenario = patient_scenario(spec, patient, "sbrt_pembrolizumab")
    names = [lesion["name"] for lesion in scenario["lesions"]]
    assert names == [*patient.lesion_names, "O1", "O2"]
    assert patient.simulated_lesion_count == len(names)
    assert scenario["external_beam"][0]["target"] == "L1"


def test_inconsistent_correlations_are_refused(trial_data):
    trial_data["cohort"]["parameters"]["priming_rate_per_day"] = {"cv": 0.2}
    trial_data["cohort"]["correlations"] = [
        {"between": ["effector_kill_rate_per_day", "precursor_count_baseline"], "rho": 0.9},
        {"between": ["effector_kill_rate_per_day", "priming_rate_per_day"], "rho": 0.9},
        {"between": ["precursor_count_baseline", "priming_rate_per_day"], "rho": -0.9},
    ]
    spec = trial_from_dict(trial_data)
    with pytest.raises(ScenarioError, match="positive"):
        sample_cohort(spec, 10, seed=0)


def test_pembro_rt_example_encodes_the_trial_design():
    from abscopal.examples import DIRECTORY
    from abscopal.trials.spec import load_trial

    spec = load_trial(DIRECTORY / "trials" / "pembro_rt.yaml")
    assert [arm.name for arm in spec.arms] == ["pembrolizumab", "sbrt_pembrolizumab"]
    sbrt = spec.arms[1].external_beam[0]
    assert (sbrt.fractions, sbrt.dose_per_fraction_gy, sbrt.target) == (3, 8.0, "L1")
    drug = spec.arms[1].checkpoint[0]
    assert (drug.drug, drug.dose_mg, drug.interval_day) == ("pembrolizumab", 200.0, 21.0)
    assert drug.start_day - sbrt.fraction_days()[-1] <= 7  # pembrolizumab within 7 days
    assert 84.0 in [42.0 * k for k in range(1, 9)]  # 12-week visit on the 6-weekly grid
    assert spec.cohort.pd_l1_strata["negative"].share == pytest.approx(47 / 76, abs=0.01)


@pytest.mark.parametrize(
    ("change", "field", "suggestion"),
    [
        (lambda d: d.update({"patinets": 3}), "patinets", "'patients'"),
        (
            lambda d: d["arms"][0]["checkpoint"][0].update({"dosemg": 2}),
            "arms[0].checkpoint[0].dosemg",
            "'dose_mg'",
        ),
        (
            lambda d: d["cohort"]["parameters"]["effector_kill_rate_per_day"].update({"medain": 1}),
            "cohort.parameters.effector_kill_rate_per_day.medain",
            "'median'",
        ),
    ],
)
def test_unknown_keys_are_matched_against_their_own_block(trial_data, change, field, suggestion):
    change(trial_data)
    with pytest.raises(ScenarioError) as error:
        trial_from_dict(trial_data)
    assert error.value.field == field
    assert f"did you mean {suggestion}" in error.value.message


def test_every_shipped_trial_file_loads_and_samples():
    from abscopal.examples import DIRECTORY
    from abscopal.trials.spec import load_trial

    paths = sorted((DIRECTORY / "trials").glob("*.yaml"))
    assert [path.stem for path in paths] == ["formenti_2018", "golden_2015", "pembro_rt"]
    for path in paths:
        spec = load_trial(path)
        assert spec.parameter_set_name == "human_nsclc"
        patients = sample_cohort(spec, 5, seed=0)
        assert len(patients) == 5 and all(len(p.lesion_sites) >= 2 for p in patients)


def test_with_cohort_medians_keeps_sampled_cvs_and_fixes_new_parameters(trial_data):
    spec = trial_from_dict(trial_data).with_cohort_medians(
        {"effector_kill_rate_per_day": 2.0, "priming_rate_per_day": 0.3}
    )
    kill = spec.cohort.parameters["effector_kill_rate_per_day"]
    priming = spec.cohort.parameters["priming_rate_per_day"]
    assert (kill.median, kill.cv) == (2.0, 0.3)
    assert (priming.median, priming.cv) == (0.3, 0.0)
    patients = sample_cohort(spec, 4, seed=1)
    assert all(p.parameters["priming_rate_per_day"] == pytest.approx(0.3) for p in patients)


def test_per_m2_gm_csf_in_a_mouse_trial_is_refused_when_the_file_loads():
    data = {
        "species": "mouse",
        "arms": [{"name": "a", "gm_csf": [{"dose_ug_per_m2": 10, "doses": 3}]}],
    }
    with pytest.raises(ScenarioError) as error:
        trial_from_dict(data)
    assert error.value.field == "arms[0].gm_csf[0].dose_ug_per_m2"
    assert "give dose_ug for mice" in error.value.message
