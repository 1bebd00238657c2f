"""The scenario schema: its patient and treatment values, and checks done when it is read."""

from __future__ import annotations

import pytest

from abscopal.scenario import ScenarioError, Treatment, scenario_from_dict
from tests.conftest import sbrt, two_lesion_patient


def test_a_scenario_splits_into_a_patient_and_a_treatment():
    scenario = scenario_from_dict(
        two_lesion_patient(external_beam=[sbrt()], output_interval_day=60, body_weight_kg=64)
    )
    assert scenario.patient.body_weight_kg == 64
    assert scenario.patient.output_times_day == [0.0, 60.0, 120.0, 180.0]
    assert scenario.patient.lesion_names() == ["lung", "liver"]
    assert scenario.treatment == Treatment(external_beam=scenario.external_beam)
    assert scenario.treatment.radiation_targets() == {"lung"}


def test_the_y90_lung_dose_is_refused_when_the_scenario_is_read():
    data = two_lesion_patient(
        y90=[{"treated_lesions": ["liver"], "activity_gbq": 4.0, "lung_shunt_fraction": 0.2}]
    )
    with pytest.raises(ScenarioError) as refused:
        scenario_from_dict(data)  # no simulation needed: the check runs at read time
    assert refused.value.field == "y90[0].activity_gbq"
    assert "39.7 Gy exceeds the 30 Gy limit" in refused.value.message


def test_an_infusion_running_past_the_follow_up_is_refused_naming_it():
    data = two_lesion_patient(
        duration_day=21,
        checkpoint=[
            {
                "drug": "pembrolizumab",
                "dose_mg": 200,
                "start_day": 21,
                "doses": 1,
                "infusion_min": 60,
            }
        ],
    )
    with pytest.raises(ScenarioError) as refused:
        scenario_from_dict(data)
    assert refused.value.field == "checkpoint[0].infusion_min"


def test_y90_after_the_follow_up_is_refused():
    data = two_lesion_patient(
        duration_day=30,
        y90=[{"day": 40, "treated_lesions": ["liver"], "lesion_dose_gy": {"liver": 100}}],
    )
    with pytest.raises(ScenarioError, match="after duration_day"):
        scenario_from_dict(data)


def test_more_than_four_y90_administrations_are_refused():
    administration = {"treated_lesions": ["liver"], "lesion_dose_gy": {"liver": 50}}
    with pytest.raises(ScenarioError, match="y90"):
        scenario_from_dict(two_lesion_patient(y90=[administration] * 5))


def test_output_times_after_the_follow_up_are_refused_at_read_time():
    with pytest.raises(ScenarioError) as refused:
        scenario_from_dict(two_lesion_patient(duration_day=30, output_times_day=[0, 10, 40]))
    assert refused.value.field == "output_times_day"


def test_body_weight_follows_the_species():
    unweighed = two_lesion_patient(species="mouse", parameter_set="mouse_default")
    del unweighed["body_weight_kg"]
    mouse = scenario_from_dict(unweighed)
    assert mouse.body_weight_kg == pytest.approx(0.022)  # not the human 70 kg
    assert scenario_from_dict(two_lesion_patient()).body_weight_kg == 70.0
    for species, weight, text in (
        ("mouse", 400, "a mouse weighs 0.005 to 0.1 kg, not 400 kg"),
        ("mouse", 0.001, "a mouse weighs 0.005 to 0.1 kg, not 0.001 kg"),
        ("human", 0.5, "a human weighs 1 to 400 kg, not 0.5 kg"),
    ):
        data = two_lesion_patient(
            species=species, body_weight_kg=weight, parameter_set=f"{species}_default"
        )
        with pytest.raises(ScenarioError) as refused:
            scenario_from_dict(data)
        assert refused.value.field == "body_weight_kg" and text in refused.value.message


def test_a_mouse_trial_cohort_weighs_as_mice_do():
    from abscopal.trials.spec import trial_from_dict

    arms = [{"name": "control"}]
    spec = trial_from_dict({"species": "mouse", "arms": arms})
    assert spec.cohort.body_weight_kg.median == pytest.approx(0.022)
    with pytest.raises(ScenarioError) as refused:
        trial_from_dict(
            {
                "species": "mouse",
                "arms": arms,
                "cohort": {"body_weight_kg": {"median": 72, "cv": 0.2}},
            }
        )
    assert refused.value.field == "cohort.body_weight_kg.median"


@pytest.mark.parametrize(
    ("change", "field", "text"),
    [
        ({"duration_day": "abc"}, "duration_day", "give a number, not 'abc'"),
        ({"duration_day": -1}, "duration_day", "give a number greater than 0, not -1"),
        ({"species": "mouse_"}, "species", "not 'mouse_'; did you mean 'mouse'?"),
        ({"name": "a\nb"}, "name", "one line of text"),
        ({"seed": 1.5}, "seed", "give a whole number, not 1.5"),
        ({"seed": True}, "seed", "give a whole number, not True"),
        ({"external_beam": "x"}, "external_beam", "give a list, not 'x'"),
    ],
)
def test_refusals_state_the_accepted_form_and_the_value_given(change, field, text):
    with pytest.raises(ScenarioError) as refused:
        scenario_from_dict({**two_lesion_patient(), **change})
    assert refused.value.field == field and text in refused.value.message
    assert "Input should" not in refused.value.message
