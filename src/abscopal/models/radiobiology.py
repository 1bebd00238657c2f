"""Radiobiology: linear-quadratic kill, doomed-cell death kinetics, micronucleus formation and
Trex1 induction (the kinetics of radiation immunogenicity), clonogen extinction, protraction
(Lea-Catcheside) factors and blood-lymphocyte survival."""

from __future__ import annotations

import math

import jax.numpy as jnp
from jax import Array

Y90_HALF_LIFE_DAY = 64.1 / 24.0
Y90_DECAY_RATE_PER_DAY = math.log(2.0) / Y90_HALF_LIFE_DAY


def lq_survival(dose_gy: Array, alpha_per_gy: Array, beta_per_gy2: Array, g_factor: Array = 1.0):
    """Surviving fraction exp(-alpha d - G beta d^2) after one fraction."""
    return jnp.exp(-alpha_per_gy * dose_gy - g_factor * beta_per_gy2 * dose_gy**2)


def protraction_factor(beam_on_time_day: Array, repair_rate_per_day: Array) -> Array:
    """Lea-Catcheside G factor of a constant-rate exposure lasting ``beam_on_time_day``."""
    x = repair_rate_per_day * beam_on_time_day
    safe = jnp.where(x > 1e-6, x, 1.0)
    return jnp.where(x > 1e-6, 2.0 * (safe - 1.0 + jnp.exp(-safe)) / safe**2, 1.0)


def doomed_death_rate_per_day(dose_gy: Array, parameters: dict[str, Array]) -> Array:
    """Death rate of cells doomed by one fraction: faster at higher dose (Friedrich 2022)."""
    rate = parameters["doomed_death_rate_per_gy_per_day"] * dose_gy
    return jnp.clip(
        rate,
        parameters["doomed_death_rate_min_per_day"],
        parameters["doomed_death_rate_max_per_day"],
    )


def micronucleus_yield(dose_gy: Array, parameters: dict[str, Array], g_factor: Array = 1.0):
    """Mean micronuclei per cell after one fraction, a d + G b d^2 (IAEA 2011): weak at low doses
    per fraction, and the share of cells affected, 1 - exp(-Y), saturates at high ones."""
    return (
        parameters["micronucleus_alpha_per_gy"] * dose_gy
        + g_factor * parameters["micronucleus_beta_per_gy2"] * dose_gy**2
    )


def trex1_induction_rate(unrepaired_dose_gy: Array, parameters: dict[str, Array]) -> Array:
    """Trex1 induction rate [1/day] at an unrepaired (Lea-Catcheside) dose z: the repair rate
    times the Hill function z^n / (z^n + threshold^n) (Vanpouille-Box 2017)."""
    repair_rate = jnp.log(2.0) / (parameters["sublethal_repair_half_time_hour"] / 24.0)
    ratio = (jnp.maximum(unrepaired_dose_gy, 0.0) / parameters["trex1_threshold_gy"]) ** (
        parameters["trex1_hill_coefficient"]
    )
    return repair_rate * ratio / (1.0 + ratio)


def trex1_induction_per_fraction(dose_gy: Array, parameters: dict[str, Array]) -> Array:
    """Trex1 induced by one acute fraction: the integral of :func:`trex1_induction_rate` while
    the unrepaired dose decays from ``dose_gy``, ln(1 + (d / threshold)^n) / n, so acute and
    continuous (Y-90) irradiation induce Trex1 through the same law."""
    ratio = (jnp.maximum(dose_gy, 0.0) / parameters["trex1_threshold_gy"]) ** (
        parameters["trex1_hill_coefficient"]
    )
    return jnp.log(1.0 + ratio) / parameters["trex1_hill_coefficient"]


def clonogen_growth_share(viable_mm3: Array, parameters: dict[str, Array]) -> Array:
    """Share of Gompertz growth a lesion keeps with ``viable_mm3`` clonogens,
    1 / (1 + (v1 / v)^n): ~1 above a few cells, ~0 below one (extinction: a lesion with no
    clonogen left cannot regrow); a ``clonogen_extinction_volume_mm3`` of 0 turns it off."""
    ratio = parameters["clonogen_extinction_volume_mm3"] / jnp.maximum(viable_mm3, 1e-300)
    return 1.0 / (1.0 + ratio ** parameters["clonogen_extinction_hill"])


def blood_lymphocyte_survival(
    mean_blood_dose_gy: Array,
    exposed_fraction: Array,
    parameters: dict[str, Array],
    sensitivity: Array = 1.0,
) -> Array:
    """Surviving share of circulating lymphocytes after one fraction.

    The exposed share of the blood receives ``mean_blood_dose_gy / exposed_fraction``; its
    lymphocytes survive as SF^(1 - exp(-mu D)) (HEDOS lymphopenia extension); ``sensitivity``
    scales mu for activated cells.
    """
    exposed = jnp.clip(exposed_fraction, 1e-9, 1.0)
    dose_exposed = mean_blood_dose_gy / exposed
    mu = parameters["blood_lymphocyte_dose_constant_per_gy"] * sensitivity
    survival_exposed = parameters["blood_lymphocyte_survival_plateau"] ** (
        1.0 - jnp.exp(-mu * dose_exposed)
    )
    return 1.0 - exposed * (1.0 - survival_exposed)


def blood_lymphocyte_hazard_per_gy(parameters: dict[str, Array]) -> Array:
    """Low-dose hazard of blood lymphocytes per Gy: mu ln(1/SF), the slope of -ln S(D) at 0."""
    return parameters["blood_lymphocyte_dose_constant_per_gy"] * -jnp.log(
        parameters["blood_lymphocyte_survival_plateau"]
    )


def biologically_effective_dose_y90(
    total_dose_gy: float, alpha_beta_gy: float, repair_half_time_hour: float
) -> float:
    """BED of a fully decayed Y-90 dose: D [1 + D lambda / ((mu + lambda)(alpha/beta))] (Dale)."""
    decay = Y90_DECAY_RATE_PER_DAY
    repair = math.log(2.0) / (repair_half_time_hour / 24.0)
    return total_dose_gy * (1.0 + total_dose_gy * decay / ((repair + decay) * alpha_beta_gy))
