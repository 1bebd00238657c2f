"""Batched piecewise solver: JAX + diffrax in float64.

Each patient's schedule is a fixed-length sequence of boundaries. ``lax.scan`` walks the
segments: at each boundary it records the state, applies that boundary's jumps (fractions,
boluses), then integrates the smooth vector field to the next boundary with an adaptive
Runge-Kutta method.

Two batch layouts. ``vmap``: each patient is its own solve with its own step sizes (any
schedule per patient). ``shared``: when all patients share the boundary times (one arm of a
trial), the patients are one ODE system with the patient axis inside the state, one step size
and the largest per-patient RMS error as the norm, so every patient's local error is
controlled as in its own solve; it
avoids the per-lane loop overhead of ``vmap`` and is several times faster. If a shared solve
fails (a patient blows up or steps run out), the batch is re-solved with ``vmap`` so each
patient gets its own status.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import diffrax
import jax
import jax.numpy as jnp
import numpy as np

from abscopal._jax_setup import configure_jax
from abscopal.errors import InputError, did_you_mean
from abscopal.models.initial_state import initial_state
from abscopal.models.inputs import PatientInputs, antibody_constants, lesion_constants
from abscopal.models.jumps import apply_events
from abscopal.models.vector_field import SEGMENT_RATE_KEYS, vector_field, vector_field_args
from abscopal.solvers.exported_programs import call_exported
from abscopal.solvers.status import SolverStatus

EVENT_KEYS = (
    "lesion_dose_gy",
    "beam_on_time_day",
    "node_dose_gy",
    "blood_mean_dose_gy",
    "blood_exposed_fraction",
    "bolus_central_mg",
    "bolus_depot_mg",
)
STATUS_OK = SolverStatus.OK.code
STATUS_SOLVER_FAILED = SolverStatus.SOLVER_FAILED.code
STATUS_NON_FINITE = SolverStatus.NON_FINITE.code
LAYOUTS = ("auto", "shared", "vmap")
DIFFERENTIATION_MODES = ("reverse", "forward")


@dataclass(frozen=True)
class SolverOptions:
    """Tolerances of the adaptive solve (mixed absolute/relative error per step), the batch
    layout and the differentiation mode; refused on construction when out of range."""

    rtol: float = 1e-6
    atol: float = 1e-9
    max_steps: int = 20_000
    layout: str = "auto"  # "auto" (shared when boundary times agree), "shared" or "vmap"
    # "reverse" (checkpointed, for gradients) or "forward" (forward-mode Jacobians, as used by
    # the calibration's Levenberg-Marquardt fit with few parameters and many residuals)
    differentiation: str = "reverse"

    def __post_init__(self) -> None:
        for name in ("rtol", "atol"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and 0.0 < value < 1.0):
                raise InputError(f"solver.{name}", f"must be a number in (0, 1), got {value!r}")
        if not (isinstance(self.max_steps, int) and self.max_steps >= 1):
            raise InputError(
                "solver.max_steps", f"must be a positive integer, got {self.max_steps!r}"
            )
        for name, choices in (("layout", LAYOUTS), ("differentiation", DIFFERENTIATION_MODES)):
            value = getattr(self, name)
            if value not in choices:
                raise InputError(
                    f"solver.{name}",
                    f"{value!r} is not one of {', '.join(choices)}"
                    f"{did_you_mean(str(value), choices)}",
                )

    def adjoint(self) -> diffrax.AbstractAdjoint:
        """The diffrax adjoint for this differentiation mode."""
        if self.differentiation == "forward":
            return diffrax.ForwardMode()
        return diffrax.RecursiveCheckpointAdjoint()


def _segment_loop(
    term,
    controller,
    state0,
    jump,
    make_args,
    boundaries,
    events,
    segment_rates,
    options: SolverOptions,
    healthy_fn,
):
    """Walk the segments: record, jump, integrate. Once the solve has failed (or the state or
    its derivative is non-finite at a segment start) the remaining segments are not integrated,
    so a broken patient cannot burn ``max_steps`` in every segment."""

    def segment(carry, inputs):
        state, failed = carry
        t0, t1, event, rates = inputs
        recorded = state
        state = jump(state, event)
        args = make_args(rates)
        healthy = (~failed) & healthy_fn(t0, state, args)
        solution = diffrax.diffeqsolve(
            term,
            diffrax.Tsit5(),
            t0,
            jnp.where(healthy, t1, t0),
            None,
            state,
            args=args,
            saveat=diffrax.SaveAt(t1=True),
            stepsize_controller=controller,
            max_steps=options.max_steps,
            adjoint=options.adjoint(),
            throw=False,
        )
        final = jax.tree_util.tree_map(lambda leaf: leaf[-1], solution.ys)
        failed = failed | ~healthy | (solution.result != diffrax.RESULTS.successful)
        return (final, failed), (recorded, solution.stats["num_steps"])

    inputs = (
        boundaries[:-1],
        boundaries[1:],
        jax.tree_util.tree_map(lambda array: array[:-1], events),
        jax.tree_util.tree_map(lambda array: array[:-1], segment_rates),
    )
    (final, failed), (recorded, steps) = jax.lax.scan(segment, (state0, jnp.array(False)), inputs)
    lesions = jnp.concatenate([recorded[0], final[0][None]], axis=0)
    systemic = jnp.concatenate([recorded[1], final[1][None]], axis=0)
    return lesions, systemic, failed, jnp.sum(steps)


def _finite(tree) -> jax.Array:
    return jnp.all(
        jnp.stack([jnp.all(jnp.isfinite(leaf)) for leaf in jax.tree_util.tree_leaves(tree)])
    )


def _status(failed, finite):
    return jnp.where(failed, STATUS_SOLVER_FAILED, jnp.where(finite, STATUS_OK, STATUS_NON_FINITE))


def solve_patient(inputs: PatientInputs, options: SolverOptions):
    """States at every boundary of one patient, solver status and step count (traceable: the
    calibration differentiates through it)."""
    parameters, schedule = inputs.parameters, inputs.schedule
    lesion, pk = lesion_constants(inputs), antibody_constants(inputs)
    lesions, systemic, failed, steps = _segment_loop(
        diffrax.ODETerm(vector_field),
        diffrax.PIDController(rtol=options.rtol, atol=options.atol),
        initial_state(parameters, lesion),
        lambda state, event: apply_events(state, event, parameters),
        lambda rates: vector_field_args(parameters, lesion, pk, schedule, rates),
        schedule["boundary_day"],
        {key: schedule[key] for key in EVENT_KEYS},
        {key: schedule[key] for key in SEGMENT_RATE_KEYS},
        options,
        lambda t, state, args: _finite(state) & _finite(vector_field(t, state, args)),
    )
    finite = jnp.all(jnp.isfinite(lesions)) & jnp.all(jnp.isfinite(systemic))
    return lesions, systemic, _status(failed, finite), steps


def patientwise_rms_norm(error) -> jax.Array:
    """Largest per-patient RMS of a state-shaped pytree with the patient axis first: each
    patient's step error is controlled exactly as in its own solve (diffrax's default RMS
    norm), and the shared step is the one the hardest patient needs."""
    leaves = jax.tree_util.tree_leaves(error)
    squares = sum(jnp.sum(leaf.reshape(leaf.shape[0], -1) ** 2, axis=1) for leaf in leaves)
    count = sum(leaf[0].size for leaf in leaves)
    return jnp.sqrt(jnp.max(squares) / count)


def _solve_shared(inputs: PatientInputs, options: SolverOptions):
    """All patients as one system: state leaves have the patient axis first."""
    parameters, schedule = inputs.parameters, inputs.schedule
    lesion = jax.vmap(lesion_constants)(inputs)
    pk = jax.vmap(antibody_constants)(inputs)
    batched_field = jax.vmap(vector_field, in_axes=(None, 0, 0))
    jump = jax.vmap(apply_events)
    make_args = jax.vmap(vector_field_args, in_axes=(0, 0, 0, 0, 0))
    lesions, systemic, failed, steps = _segment_loop(
        diffrax.ODETerm(batched_field),
        diffrax.PIDController(rtol=options.rtol, atol=options.atol, norm=patientwise_rms_norm),
        jax.vmap(initial_state)(parameters, lesion),
        lambda state, event: jump(state, event, parameters),
        lambda rates: make_args(parameters, lesion, pk, schedule, rates),
        schedule["boundary_day"][0],
        {key: jnp.swapaxes(schedule[key], 0, 1) for key in EVENT_KEYS},
        {key: jnp.swapaxes(schedule[key], 0, 1) for key in SEGMENT_RATE_KEYS},
        options,
        lambda t, state, args: _finite(state) & _finite(batched_field(t, state, args)),
    )
    lesions, systemic = lesions.swapaxes(0, 1), systemic.swapaxes(0, 1)
    finite = jnp.all(jnp.isfinite(lesions), axis=(1, 2, 3)) & jnp.all(
        jnp.isfinite(systemic), axis=(1, 2)
    )
    status = _status(failed, finite)
    return lesions, systemic, status, jnp.broadcast_to(steps, status.shape)


@partial(jax.jit, static_argnames=("options",))
def _solve_batch_shared(inputs: PatientInputs, options: SolverOptions):
    return _solve_shared(inputs, options)


def _solve_vmap(inputs: PatientInputs, options: SolverOptions):
    return jax.vmap(partial(solve_patient, options=options))(inputs)


@partial(jax.jit, static_argnames=("options",))
def _solve_batch(inputs: PatientInputs, options: SolverOptions):
    return _solve_vmap(inputs, options)


def solve_batch(
    inputs: PatientInputs, options: SolverOptions | None = None
) -> dict[str, np.ndarray]:
    """Solve a batch of patients (every leaf of ``inputs`` has the patient axis first).

    Returns ``lesions`` (P, K, n_lesions, n_lesion_states) and ``systemic`` (P, K, n_systemic):
    the state at every boundary, recorded before that boundary's jumps; ``status`` (P,) with
    0 = ok, 1 = solver failure (e.g. maximum steps), 2 = non-finite values; ``steps`` (P,)
    (in the shared layout, the steps of the common solve).
    """
    configure_jax()
    options = options or SolverOptions()
    inputs = jax.tree_util.tree_map(lambda array: jnp.asarray(array, dtype=jnp.float64), inputs)
    boundaries = np.asarray(inputs.schedule["boundary_day"])
    shared_times = bool(np.all(boundaries == boundaries[:1]))
    layout = options.layout
    if layout == "shared" and not shared_times:
        raise ValueError("the shared layout needs the same boundary times for every patient")
    if layout == "auto":
        layout = "shared" if shared_times and boundaries.shape[0] > 1 else "vmap"
    if layout == "shared":
        lesions, systemic, status, steps = call_exported(
            "solve_shared", _solve_shared, options, inputs, jitted=_solve_batch_shared
        )
        if np.any(np.asarray(status) != STATUS_OK) and options.layout == "auto":
            layout = "vmap"  # per-patient status for a batch with a failing patient
    if layout == "vmap":
        lesions, systemic, status, steps = call_exported(
            "solve_vmap", _solve_vmap, options, inputs, jitted=_solve_batch
        )
    return {
        "lesions": np.asarray(lesions),
        "systemic": np.asarray(systemic),
        "status": np.asarray(status),
        "steps": np.asarray(steps),
    }
