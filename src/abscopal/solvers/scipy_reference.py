"""Reference solver: the same model integrated piecewise with ``scipy.integrate.solve_ivp``.

Used in tests to cross-check the diffrax engine. It evaluates the model's JAX vector field and
jump functions one patient at a time, with tight tolerances and LSODA (which switches to an
implicit method where the model is stiff), so it is slow but independent of diffrax's stepping and error control.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from scipy.integrate import solve_ivp

from abscopal._jax_setup import configure_jax
from abscopal.models.initial_state import initial_state
from abscopal.models.inputs import PatientInputs, antibody_constants, lesion_constants
from abscopal.models.jumps import apply_events
from abscopal.models.state import LESION_STATES
from abscopal.models.vector_field import SEGMENT_RATE_KEYS, vector_field, vector_field_args
from abscopal.solvers.diffrax_solver import EVENT_KEYS


def _unflatten(y: jax.Array, n_lesions: int) -> tuple[jax.Array, jax.Array]:
    split = n_lesions * len(LESION_STATES)
    return y[:split].reshape(n_lesions, len(LESION_STATES)), y[split:]


@jax.jit
def _rhs(t, y, rates, parameters, lesion, pk, schedule):
    n_lesions = lesion["baseline_volume_mm3"].shape[0]
    args = vector_field_args(parameters, lesion, pk, schedule, rates)
    d_lesions, d_systemic = vector_field(t, _unflatten(y, n_lesions), args)
    return jnp.concatenate([d_lesions.reshape(-1), d_systemic])


@jax.jit
def _jump(y, event, parameters, n_lesions_marker):
    state = _unflatten(y, n_lesions_marker.shape[0])
    return jnp.concatenate([part.reshape(-1) for part in apply_events(state, event, parameters)])


def solve_reference(
    inputs: PatientInputs,
    rtol: float = 1e-9,
    atol: float = 1e-11,
    method: str = "LSODA",
) -> dict[str, np.ndarray]:
    """Solve one patient; returns ``lesions`` (K, n_lesions, n_states) and ``systemic`` (K, n),
    recorded before each boundary's jumps, as :func:`solve_batch` does. The right-hand side is
    compiled once per model shape and reused across patients."""
    configure_jax()
    inputs = jax.tree_util.tree_map(lambda array: jnp.asarray(array, dtype=jnp.float64), inputs)
    parameters, schedule = inputs.parameters, inputs.schedule
    lesion, pk = lesion_constants(inputs), antibody_constants(inputs)
    n_lesions = lesion["baseline_volume_mm3"].shape[0]
    split = n_lesions * len(LESION_STATES)
    marker = lesion["baseline_volume_mm3"]
    lesions0, systemic0 = initial_state(parameters, lesion)
    y = np.concatenate([np.asarray(lesions0).reshape(-1), np.asarray(systemic0)])
    boundaries = np.asarray(schedule["boundary_day"])
    recorded = []
    for k in range(len(boundaries)):
        recorded.append(y.copy())
        if k == len(boundaries) - 1:
            break
        event = {key: schedule[key][k] for key in EVENT_KEYS}
        y = np.asarray(_jump(jnp.asarray(y), event, parameters, marker))
        t0, t1 = float(boundaries[k]), float(boundaries[k + 1])
        if t1 <= t0:
            continue
        rates = {key: schedule[key][k] for key in SEGMENT_RATE_KEYS}

        def rhs(t, state, rates=rates):
            return np.asarray(_rhs(t, jnp.asarray(state), rates, parameters, lesion, pk, schedule))

        result = solve_ivp(rhs, (t0, t1), y, method=method, rtol=rtol, atol=atol)
        if not result.success:
            raise RuntimeError(f"reference solve failed on [{t0}, {t1}]: {result.message}")
        y = result.y[:, -1]
    states = np.stack(recorded)
    return {
        "lesions": states[:, :split].reshape(len(boundaries), n_lesions, len(LESION_STATES)),
        "systemic": states[:, split:],
    }
