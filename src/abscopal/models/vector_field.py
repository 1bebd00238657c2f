"""The full model: lesion, systemic immune and pharmacokinetic derivatives composed into one
vector field for the state pair ``(lesions, systemic)``."""

from __future__ import annotations

import jax.numpy as jnp
from jax import Array

from abscopal.models.immune import systemic_derivatives
from abscopal.models.lesion import lesion_derivatives
from abscopal.models.pharmacokinetics import occupancy, pd_axis_blockade, pk_derivatives
from abscopal.models.radiobiology import Y90_DECAY_RATE_PER_DAY, blood_lymphocyte_hazard_per_gy
from abscopal.models.state import PK_BLOCK, S


def y90_dose_rates(time_day: Array, schedule: dict[str, Array]) -> tuple[Array, Array, Array]:
    """Y-90 dose rate to each lesion and to the treated normal liver [Gy/day] at ``time_day``,
    and the normal-liver dose delivered so far [Gy]."""
    elapsed = time_day - schedule["y90_day"]
    active = (elapsed >= 0.0).astype(elapsed.dtype)
    decay = jnp.exp(-Y90_DECAY_RATE_PER_DAY * jnp.maximum(elapsed, 0.0)) * active
    lesion_rate = jnp.sum(schedule["y90_initial_rate_gy_per_day"] * decay[:, None], axis=0)
    liver_initial = schedule["y90_liver_initial_rate_gy_per_day"]
    liver_rate = jnp.sum(liver_initial * decay)
    liver_dose = jnp.sum(liver_initial * (active - decay))
    return lesion_rate, liver_rate, liver_dose / Y90_DECAY_RATE_PER_DAY


SEGMENT_RATE_KEYS = ("infusion_mg_per_day", "gm_csf_ug_per_day")
"""Schedule inputs that are constant within a segment: antibody infusion rates (3,) [mg/day]
and the GM-CSF dose rate [ug/day]."""


def vector_field_args(
    parameters: dict[str, Array],
    lesion: dict[str, Array],
    pk: dict[str, Array],
    schedule: dict[str, Array],
    segment_rates: dict[str, Array],
) -> dict:
    """The ``args`` of :func:`vector_field` for one segment (``segment_rates``: one value of
    each :data:`SEGMENT_RATE_KEYS` entry)."""
    return {
        "parameters": parameters,
        "lesion": lesion,
        "pk": pk,
        "schedule": schedule,
        **{key: segment_rates[key] for key in SEGMENT_RATE_KEYS},
    }


def vector_field(time_day: Array, state: tuple[Array, Array], args: dict) -> tuple[Array, Array]:
    """d(lesions, systemic)/dt. ``args`` holds parameters, lesion constants, PK constants, the
    Y-90 schedule and the infusion and GM-CSF dose rates of the current segment."""
    lesions, systemic = state
    parameters = args["parameters"]
    amounts = systemic[PK_BLOCK]
    occupancies = occupancy(amounts, args["pk"])
    pd_blockade = pd_axis_blockade(occupancies)
    lesion_rate, liver_rate, liver_dose = y90_dose_rates(time_day, args["schedule"])
    d_lesions, antigen, infiltration = lesion_derivatives(
        lesions,
        parameters,
        args["lesion"],
        systemic[S["circulating_effectors"]],
        occupancies,
        pd_blockade,
        lesion_rate,
    )
    # Blood in the treated liver: the HEDOS survival S(D) = SF^(1 - exp(-mu D)) of the mean
    # blood dose D(t) accrued so far, differentiated in time (keeps the radioresistant plateau).
    blood_share = parameters["y90_blood_fraction_in_treated_liver"]
    blood_hazard = (
        blood_lymphocyte_hazard_per_gy(parameters)
        * jnp.exp(-parameters["blood_lymphocyte_dose_constant_per_gy"] * blood_share * liver_dose)
        * blood_share
        * liver_rate
    )
    d_immune = systemic_derivatives(
        systemic,
        parameters,
        antigen,
        jnp.sum(infiltration),
        occupancies,
        pd_blockade,
        blood_hazard,
        args["gm_csf_ug_per_day"],
    )
    d_pk = pk_derivatives(amounts, args["infusion_mg_per_day"], args["pk"])
    return d_lesions, jnp.concatenate([d_immune, d_pk])
