"""Batch layouts of the diffrax engine: shared-step vs per-patient (vmap) solves, the fallback
that gives each patient its own status, and chunked concurrent solves."""

from __future__ import annotations

import numpy as np
import pytest

from abscopal.examples import example_path
from abscopal.simulation import model_inputs, padded_boundaries
from abscopal.solvers.chunked import solve_chunks
from abscopal.solvers.diffrax_solver import (
    STATUS_OK,
    STATUS_SOLVER_FAILED,
    SolverOptions,
    solve_batch,
)


def batch(count: int, seed: int = 3):
    parameters, lesion, pk, schedule = model_inputs(example_path("mouse_two_flank_8x3_ctla4"))
    rng = np.random.default_rng(seed)
    batch_p = {key: np.full(count, value) for key, value in parameters.items()}
    for key in ("effector_kill_rate_per_day", "priming_rate_per_day"):
        batch_p[key] = batch_p[key] * rng.lognormal(0.0, 0.3, count)
    batch_l = {key: np.tile(value, (count, 1)) for key, value in lesion.items()}
    batch_l["growth_rate_per_day"] = batch_l["growth_rate_per_day"] * rng.lognormal(
        0.0, 0.3, batch_l["growth_rate_per_day"].shape
    )
    batch_k = {key: np.tile(value, (count, 1)) for key, value in pk.items()}
    padded = schedule.padded(padded_boundaries(schedule.n_boundaries))
    batch_s = {key: np.broadcast_to(v, (count, *v.shape)) for key, v in padded.arrays().items()}
    return batch_p, batch_l, batch_k, batch_s


def volumes(result) -> np.ndarray:
    return result["lesions"][..., [0, 1, 3]].sum(axis=-1)


def test_shared_step_solve_matches_per_patient_solves():
    inputs = batch(6)
    shared = solve_batch(*inputs, SolverOptions(rtol=1e-8, atol=1e-10, layout="shared"))
    separate = solve_batch(*inputs, SolverOptions(rtol=1e-8, atol=1e-10, layout="vmap"))
    assert np.all(shared["status"] == STATUS_OK)
    relative = np.abs(volumes(shared) - volumes(separate)) / volumes(separate)
    assert relative.max() < 1e-6
    # patients really differ, so agreement is not trivial
    final = volumes(separate)[:, -1, 0]
    assert final.max() / final.min() > 1.5


def test_a_failing_patient_gets_its_own_status_and_spares_the_others():
    inputs = batch(4)
    inputs[0]["tumor_carrying_capacity_mm3"] = inputs[0]["tumor_carrying_capacity_mm3"].copy()
    inputs[0]["tumor_carrying_capacity_mm3"][2] = -1.0  # log of a negative number: NaN
    result = solve_batch(*inputs, SolverOptions())
    # the NaN patient stalls its own adaptive solve (failure) and only it is flagged
    assert list(result["status"]) == [STATUS_OK, STATUS_OK, STATUS_SOLVER_FAILED, STATUS_OK]
    clean = solve_batch(*batch(4), SolverOptions(layout="vmap"))
    keep = [0, 1, 3]
    assert np.allclose(volumes(result)[keep], volumes(clean)[keep], rtol=1e-12)


def test_shared_layout_refuses_different_boundary_times():
    inputs = list(batch(2))
    schedule = {key: np.array(value) for key, value in inputs[3].items()}
    schedule["boundary_day"][1] = schedule["boundary_day"][1] + 0.5
    with pytest.raises(ValueError, match="same boundary times"):
        solve_batch(*inputs[:3], schedule, SolverOptions(layout="shared"))


def test_chunks_cover_every_patient_in_order_and_are_reproducible():
    inputs = batch(7)
    options = SolverOptions(rtol=1e-8, atol=1e-10)
    first = list(solve_chunks(*inputs, chunk_size=3, streams=2, options=options))
    again = list(solve_chunks(*inputs, chunk_size=3, streams=1, options=options))
    assert [part.indices(7) for part, _ in first] == [(0, 3, 1), (3, 6, 1), (6, 7, 1)]
    stacked = np.concatenate([volumes(result) for _, result in first])
    assert stacked.shape[0] == 7
    # same chunks -> bit-identical, whatever the number of concurrent streams
    assert np.array_equal(stacked, np.concatenate([volumes(result) for _, result in again]))
    whole = solve_batch(*inputs, SolverOptions(rtol=1e-8, atol=1e-10, layout="vmap"))
    assert np.max(np.abs(stacked - volumes(whole)) / volumes(whole)) < 1e-6
