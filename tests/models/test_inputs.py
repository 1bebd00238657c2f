"""The typed model boundary: PatientInputs, the parameter contract, per-lesion parameters and
the constants derived in traced code."""

from __future__ import annotations

import math
import os

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import abscopal
from abscopal.examples import example_names, example_path
from abscopal.models.initial_state import initial_state
from abscopal.models.inputs import (
    LESION_PARAMETERS,
    MODEL_PARAMETERS,
    ParameterContractError,
    antibody_constants,
    lesion_constants,
    prepare,
)
from abscopal.models.jumps import apply_events
from abscopal.models.observation import lesion_observables
from abscopal.models.vector_field import SEGMENT_RATE_KEYS, vector_field, vector_field_args
from abscopal.parameters import PARAMETER_SETS, get_parameter_set
from abscopal.parameters.drugs import ANTIBODIES
from abscopal.scenario import scenario_from_dict
from abscopal.simulation import model_inputs
from abscopal.solvers.diffrax_solver import EVENT_KEYS, SolverOptions, solve_patient
from tests.conftest import sbrt, two_lesion_patient


class RecordingParameters(dict):
    """A parameter dict that remembers which names were read."""

    def __init__(self, values):
        super().__init__(values)
        self.read: set[str] = set()

    def __getitem__(self, name):
        self.read.add(name)
        return super().__getitem__(name)


def names_read_by_the_model() -> set[str]:
    """Run every model function eagerly on each shipped example and record the names read."""
    read: set[str] = set()
    for name in example_names():
        inputs, schedule = model_inputs(example_path(name))
        parameters = RecordingParameters(
            {key: jnp.asarray(value) for key, value in inputs.parameters.items()}
        )
        recording = type(inputs)(
            parameters, inputs.lesions, inputs.antibodies, inputs.body_weight_kg, inputs.schedule
        )
        lesion = lesion_constants(recording)
        state = initial_state(parameters, lesion)
        arrays = schedule.arrays()
        event = {key: jnp.asarray(arrays[key][0]) for key in EVENT_KEYS}
        apply_events(state, event, parameters)
        rates = {key: arrays[key][0] for key in SEGMENT_RATE_KEYS}
        args = vector_field_args(parameters, lesion, antibody_constants(recording), arrays, rates)
        vector_field(1.0, state, args)
        lesion_observables(np.asarray(state[0])[None], parameters)
        read |= parameters.read
    return read


def test_the_declared_parameters_are_exactly_those_the_model_reads():
    assert names_read_by_the_model() == set(MODEL_PARAMETERS)


@pytest.mark.parametrize("name", sorted(PARAMETER_SETS))
def test_every_shipped_set_defines_exactly_the_model_parameters(name):
    assert set(get_parameter_set(name).values()) == set(MODEL_PARAMETERS)


def lesions(*organs: str):
    patient = two_lesion_patient()
    patient["lesions"] = [
        {"name": f"l{index}", "organ": organ, "baseline_diameter_mm": 20}
        for index, organ in enumerate(organs)
    ]
    return scenario_from_dict(patient).lesions


def arrays_and_slots():
    _, schedule = model_inputs(two_lesion_patient())
    return schedule.arrays(), schedule.drug_by_target


def test_a_set_with_an_unread_parameter_is_refused_with_the_nearest_spelling():
    values = get_parameter_set("human_default").values()
    values["effector_kill_rate_per_dya"] = values.pop("effector_kill_rate_per_day")
    with pytest.raises(ParameterContractError) as refused:
        prepare(values, lesions("lung", "liver"), *arrays_and_slots(), 70.0)
    assert refused.value.field == "parameters.effector_kill_rate_per_dya"
    assert "did you mean 'effector_kill_rate_per_day'" in refused.value.message


def test_a_set_lacking_a_model_parameter_is_refused_naming_it():
    values = get_parameter_set("human_default").values()
    del values["priming_delay_day"]
    with pytest.raises(ParameterContractError, match="lacks 'priming_delay_day'"):
        prepare(values, lesions("lung", "liver"), *arrays_and_slots(), 70.0)


def test_only_declared_lesion_parameters_can_be_given_per_lesion():
    values = get_parameter_set("human_default").values()
    with pytest.raises(ParameterContractError, match=r"lesions\.parameters\.effector_kill"):
        prepare(
            values,
            lesions("lung", "liver"),
            *arrays_and_slots(),
            70.0,
            lesion_values={"effector_kill_rate_per_day": [1.0, None]},
        )


def test_growth_rate_from_a_doubling_time_is_derived_in_traced_code():
    patient = two_lesion_patient()
    patient["lesions"][0]["doubling_time_day"] = 60.0
    inputs, _ = model_inputs(patient)
    constants = jax.jit(lesion_constants)(inputs)
    p = get_parameter_set("human_default")
    volume = math.pi / 6 * 25.0**3
    expected = math.log(2.0) / (60.0 * math.log(p.value("tumor_carrying_capacity_mm3") / volume))
    assert float(constants["growth_rate_per_day"][0]) == pytest.approx(expected, rel=1e-14)
    # the lesion without a doubling time takes the patient's Gompertz rate
    assert float(constants["growth_rate_per_day"][1]) == p.value("tumor_gompertz_rate_per_day")


def test_tumor_perfusion_is_the_lesions_own_and_antibody_clearance_follows_the_body_weight():
    light, _ = model_inputs(two_lesion_patient(body_weight_kg=50))
    heavy, _ = model_inputs(two_lesion_patient(body_weight_kg=100))
    perfusion = lesion_constants(light)["tumor_perfusion_ml_per_min_per_g"]
    # the same in every organ and at every body weight (no host-organ flow)
    np.testing.assert_array_equal(
        perfusion, lesion_constants(heavy)["tumor_perfusion_ml_per_min_per_g"]
    )
    assert float(perfusion[0]) == float(perfusion[1])
    patient = two_lesion_patient(
        checkpoint=[{"drug": "pembrolizumab", "dose_mg": 200, "start_day": 0, "doses": 1}]
    )
    inputs, _ = model_inputs(patient)
    clearance = float(antibody_constants(inputs).clearance_l_per_day[0])
    pembrolizumab = ANTIBODIES["pembrolizumab"]
    scale = (70.0 / pembrolizumab.reference_weight_kg) ** pembrolizumab.weight_exponent
    assert clearance == pytest.approx(pembrolizumab.clearance_l_per_day * scale, rel=1e-14)


def test_a_lesion_with_its_own_value_keeps_it_when_the_patient_value_moves():
    values = get_parameter_set("human_default").values()
    inputs = prepare(
        values,
        lesions("lung", "liver"),
        *arrays_and_slots(),
        70.0,
        lesion_values={"tumor_gompertz_rate_per_day": [0.02, None]},
    )
    moved = inputs.with_parameters({"tumor_gompertz_rate_per_day": jnp.asarray(0.05)})
    growth = lesion_constants(moved)["growth_rate_per_day"]
    assert float(growth[0]) == 0.02
    assert float(growth[1]) == 0.05
    assert set(LESION_PARAMETERS) >= {"tumor_gompertz_rate_per_day", "pdl1_baseline"}


def test_tumor_perfusion_is_fittable_through_the_solver():
    """Derived constants are traced, so a gradient reaches parameters that only set them."""
    inputs, _ = model_inputs(two_lesion_patient(external_beam=[sbrt()], duration_day=30))
    options = SolverOptions(layout="vmap", differentiation="forward")

    def final_volume(log_output):
        patient = inputs.with_parameters({"tumor_perfusion_ml_per_min_per_g": jnp.exp(log_output)})
        lesion_states, _, _, _ = solve_patient(patient, options)
        return jnp.sum(lesion_states[-1, :, :4])

    start = jnp.log(inputs.parameters["tumor_perfusion_ml_per_min_per_g"])
    slope = jax.jacfwd(final_volume)(start)
    assert np.isfinite(float(slope)) and abs(float(slope)) > 0.0


def test_a_lesions_own_pd_l1_is_a_per_lesion_parameter():
    patient = two_lesion_patient()
    patient["lesions"][1]["pd_l1_baseline"] = 2.5
    solution = abscopal.simulate(patient)
    pd_l1 = solution.observables()["pd_l1"][0]
    assert pd_l1[1] > pd_l1[0]
    inputs, _ = model_inputs(patient)
    assert list(np.asarray(inputs.lesions.has_own_value["pdl1_baseline"])) == [0.0, 1.0]


def test_importing_the_model_changes_no_jax_setting_and_simulate_sets_float64():
    import subprocess
    import sys

    code = (
        "import abscopal.models, abscopal.solvers.diffrax_solver, jax\n"
        "before = jax.config.jax_enable_x64\n"
        "import abscopal\n"
        "abscopal.simulate({'lesions': [{'name': 'a', 'organ': 'lung', "
        "'baseline_diameter_mm': 20}], 'duration_day': 7})\n"
        "print(before, jax.config.jax_enable_x64)\n"
    )
    environment = {**os.environ, "ABSCOPAL_DISABLE_COMPILATION_CACHE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=True
    )
    assert result.stdout.split() == ["False", "True"]
