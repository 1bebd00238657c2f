"""Batch layouts of the diffrax engine: shared-step vs per-patient (vmap) solves, the fallback
that gives each patient its own status, and chunked concurrent solves."""

from __future__ import annotations

import equinox as eqx
import numpy as np
import pytest

from abscopal.errors import InputError
from abscopal.examples import example_path
from abscopal.models.inputs import PatientInputs, stack_inputs
from abscopal.models.observation import measured_volume_mm3
from abscopal.simulation import model_inputs, padded_boundaries
from abscopal.solvers.chunked import solve_chunks
from abscopal.solvers.diffrax_solver import (
    STATUS_OK,
    STATUS_SOLVER_FAILED,
    SolverOptions,
    solve_batch,
)
from abscopal.solvers.status import SolverStatus

GROWTH = "tumor_gompertz_rate_per_day"


def batch(count: int, seed: int = 3) -> PatientInputs:
    """``count`` mouse patients that differ in kill and priming rates and in each lesion's own
    growth rate."""
    inputs, schedule = model_inputs(example_path("mouse_two_flank_8x3_ctla4"))
    padded = schedule.padded(padded_boundaries(schedule.n_boundaries))
    inputs = eqx.tree_at(lambda item: item.schedule, inputs, padded.arrays())
    stacked = stack_inputs([inputs] * count)
    rng = np.random.default_rng(seed)
    parameters = dict(stacked.parameters)
    for key in ("effector_kill_rate_per_day", "priming_rate_per_day"):
        parameters[key] = parameters[key] * rng.lognormal(0.0, 0.3, count)
    lesions = stacked.lesions
    growth = parameters[GROWTH][:, None] * rng.lognormal(0.0, 0.3, (count, lesions.count))
    lesions = eqx.tree_at(
        lambda item: (item.own_values[GROWTH], item.has_own_value[GROWTH]),
        lesions,
        (growth, np.ones_like(growth)),
    )
    return eqx.tree_at(lambda item: (item.parameters, item.lesions), stacked, (parameters, lesions))


def with_capacity(inputs: PatientInputs, patient: int, value: float) -> PatientInputs:
    parameters = dict(inputs.parameters)
    capacity = parameters["tumor_carrying_capacity_mm3"].copy()
    capacity[patient] = value
    parameters["tumor_carrying_capacity_mm3"] = capacity
    return eqx.tree_at(lambda item: item.parameters, inputs, parameters)


def volumes(result) -> np.ndarray:
    return measured_volume_mm3(result["lesions"])


def test_shared_step_solve_matches_per_patient_solves():
    inputs = batch(6)
    shared = solve_batch(inputs, SolverOptions(rtol=1e-8, atol=1e-10, layout="shared"))
    separate = solve_batch(inputs, SolverOptions(rtol=1e-8, atol=1e-10, layout="vmap"))
    assert np.all(shared["status"] == STATUS_OK)
    relative = np.abs(volumes(shared) - volumes(separate)) / volumes(separate)
    assert relative.max() < 1e-6
    # patients really differ, so agreement is not trivial
    final = volumes(separate)[:, -1, 0]
    assert final.max() / final.min() > 1.5


def test_a_failing_patient_gets_its_own_status_and_spares_the_others():
    inputs = with_capacity(batch(4), 2, -1.0)  # log of a negative number: NaN
    result = solve_batch(inputs, SolverOptions())
    # the NaN patient stalls its own adaptive solve (failure) and only it is flagged
    assert list(result["status"]) == [STATUS_OK, STATUS_OK, STATUS_SOLVER_FAILED, STATUS_OK]
    clean = solve_batch(batch(4), SolverOptions(layout="vmap"))
    keep = [0, 1, 3]
    assert np.allclose(volumes(result)[keep], volumes(clean)[keep], rtol=1e-12)


def test_shared_layout_refuses_different_boundary_times():
    inputs = batch(2)
    schedule = {key: np.array(value) for key, value in inputs.schedule.items()}
    schedule["boundary_day"][1] = schedule["boundary_day"][1] + 0.5
    inputs = eqx.tree_at(lambda item: item.schedule, inputs, schedule)
    with pytest.raises(ValueError, match="same boundary times"):
        solve_batch(inputs, SolverOptions(layout="shared"))


def test_chunks_cover_every_patient_in_order_and_are_reproducible():
    inputs = batch(7)
    options = SolverOptions(rtol=1e-8, atol=1e-10)
    first = list(solve_chunks(inputs, chunk_size=3, streams=2, options=options))
    again = list(solve_chunks(inputs, chunk_size=3, streams=1, options=options))
    assert [part.indices(7) for part, _ in first] == [(0, 3, 1), (3, 6, 1), (6, 7, 1)]
    stacked = np.concatenate([volumes(result) for _, result in first])
    assert stacked.shape[0] == 7
    # same chunks -> bit-identical, whatever the number of concurrent streams
    assert np.array_equal(stacked, np.concatenate([volumes(result) for _, result in again]))
    whole = solve_batch(inputs, SolverOptions(rtol=1e-8, atol=1e-10, layout="vmap"))
    assert np.max(np.abs(stacked - volumes(whole)) / volumes(whole)) < 1e-6


@pytest.mark.parametrize(
    ("options", "field", "hint"),
    [
        ({"layout": "share"}, "solver.layout", "did you mean 'shared'"),
        ({"differentiation": "fwd"}, "solver.differentiation", "is not one of reverse, forward"),
        ({"rtol": 0.0}, "solver.rtol", "(0, 1)"),
        ({"max_steps": 0}, "solver.max_steps", "positive integer"),
    ],
)
def test_solver_options_are_validated_when_built(options, field, hint):
    with pytest.raises(InputError) as refused:
        SolverOptions(**options)
    assert refused.value.field == field
    assert hint in refused.value.message


def test_solver_status_codes_messages_and_labels():
    assert [status.code for status in SolverStatus] == [0, 1, 2]
    assert SolverStatus.from_code(STATUS_SOLVER_FAILED) is SolverStatus.SOLVER_FAILED
    assert SolverStatus.NON_FINITE.label == "non_finite"
    assert SolverStatus.OK.value == "ok"
