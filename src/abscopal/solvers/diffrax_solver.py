"""Batched piecewise solver: JAX + diffrax in float64.

Each patient's schedule is a fixed-length sequence of boundaries. ``lax.scan`` walks the
segments: at each boundary it records the state, applies that boundary's jumps (fractions,
boluses), then integrates the smooth vector field to the next boundary with an adaptive
Runge-Kutta method. Patients form a leading batch axis (``jax.vmap``); every input, including
the schedule, may differ between patients as long as shapes agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import diffrax
import jax
import jax.numpy as jnp
import numpy as np

from abscopal import _jax_setup  # noqa: F401  (float64 + compilation cache)
from abscopal.models.initial_state import initial_state
from abscopal.models.jumps import apply_events
from abscopal.models.vector_field import vector_field, vector_field_args

EVENT_KEYS = (
    "lesion_dose_gy",
    "beam_on_time_day",
    "node_dose_gy",
    "blood_mean_dose_gy",
    "blood_exposed_fraction",
    "bolus_central_mg",
    "bolus_depot_mg",
)
STATUS_OK = 0
STATUS_SOLVER_FAILED = 1
STATUS_NON_FINITE = 2


@dataclass(frozen=True)
class SolverOptions:
    """Tolerances of the adaptive solve (mixed absolute/relative error per step)."""

    rtol: float = 1e-6
    atol: float = 1e-9
    max_steps: int = 20_000


def _solve_patient(parameters, lesion, pk, schedule, options: SolverOptions):
    term = diffrax.ODETerm(vector_field)
    solver = diffrax.Tsit5()
    controller = diffrax.PIDController(rtol=options.rtol, atol=options.atol)
    boundaries = schedule["boundary_day"]
    state0 = initial_state(parameters, lesion)
    events = {key: schedule[key] for key in EVENT_KEYS}

    def segment(state, inputs):
        t0, t1, event, infusion = inputs
        recorded = state
        state = apply_events(state, event, parameters)
        args = vector_field_args(parameters, lesion, pk, schedule, infusion)
        solution = diffrax.diffeqsolve(
            term,
            solver,
            t0,
            t1,
            None,
            state,
            args=args,
            saveat=diffrax.SaveAt(t1=True),
            stepsize_controller=controller,
            max_steps=options.max_steps,
            throw=False,
        )
        final = jax.tree_util.tree_map(lambda leaf: leaf[-1], solution.ys)
        failed = solution.result != diffrax.RESULTS.successful
        return final, (recorded, failed, solution.stats["num_steps"])

    inputs = (
        boundaries[:-1],
        boundaries[1:],
        jax.tree_util.tree_map(lambda array: array[:-1], events),
        schedule["infusion_mg_per_day"][:-1],
    )
    final, (recorded, failed, steps) = jax.lax.scan(segment, state0, inputs)
    lesions = jnp.concatenate([recorded[0], final[0][None]], axis=0)
    systemic = jnp.concatenate([recorded[1], final[1][None]], axis=0)
    finite = jnp.all(jnp.isfinite(lesions)) & jnp.all(jnp.isfinite(systemic))
    status = jnp.where(
        jnp.any(failed), STATUS_SOLVER_FAILED, jnp.where(finite, STATUS_OK, STATUS_NON_FINITE)
    )
    return lesions, systemic, status, jnp.sum(steps)


@partial(jax.jit, static_argnames=("options",))
def _solve_batch(parameters, lesion, pk, schedule, options: SolverOptions):
    return jax.vmap(partial(_solve_patient, options=options))(parameters, lesion, pk, schedule)


def solve_batch(
    parameters: dict[str, np.ndarray],
    lesion: dict[str, np.ndarray],
    pk: dict[str, np.ndarray],
    schedule: dict[str, np.ndarray],
    options: SolverOptions | None = None,
) -> dict[str, np.ndarray]:
    """Solve a batch of patients. Every array has the patient axis first.

    Returns ``lesions`` (P, K, n_lesions, n_lesion_states) and ``systemic`` (P, K, n_systemic):
    the state at every boundary, recorded before that boundary's jumps; ``status`` (P,) with
    0 = ok, 1 = solver failure (e.g. maximum steps), 2 = non-finite values; ``steps`` (P,).
    """
    to_jax = partial(jax.tree_util.tree_map, lambda array: jnp.asarray(array, dtype=jnp.float64))
    lesions, systemic, status, steps = _solve_batch(
        to_jax(parameters), to_jax(lesion), to_jax(pk), to_jax(schedule), options or SolverOptions()
    )
    return {
        "lesions": np.asarray(lesions),
        "systemic": np.asarray(systemic),
        "status": np.asarray(status),
        "steps": np.asarray(steps),
    }
