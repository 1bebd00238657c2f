"""Instantaneous events at segment boundaries: a radiation fraction (tumor LQ kill into the
doomed pool, in-field lymphocyte kill, micronucleus-forming damage and Trex1 induction,
permissiveness, draining-node and blood-lymphocyte kill, the Treg share they raise) and antibody
boluses."""

from __future__ import annotations

import jax.numpy as jnp
from jax import Array

from abscopal.models.radiobiology import (
    blood_lymphocyte_survival,
    doomed_death_rate_per_day,
    lq_survival,
    micronucleus_yield,
    protraction_factor,
    trex1_induction_per_fraction,
)
from abscopal.models.state import EXPANDING, PK_BLOCK, L, S, with_columns, with_entries


def apply_fraction(
    state: tuple[Array, Array], event: dict[str, Array], parameters: dict[str, Array]
) -> tuple[Array, Array]:
    """State right after the fraction (possibly of zero dose) described by ``event``."""
    lesions, systemic = state
    p = parameters
    dose = event["lesion_dose_gy"]
    repair_rate = jnp.log(2.0) / (p["sublethal_repair_half_time_hour"] / 24.0)
    g_factor = protraction_factor(event["beam_on_time_day"], repair_rate)
    beta = p["tumor_alpha_per_gy"] / p["tumor_alpha_beta_gy"]
    survival = lq_survival(dose, p["tumor_alpha_per_gy"], beta, g_factor)
    viable = lesions[:, L["viable"]]
    doomed = lesions[:, L["doomed"]]
    newly = viable * (1.0 - survival)
    pooled = doomed + newly
    death_rate = jnp.where(
        pooled > 0.0,
        (doomed * lesions[:, L["doomed_death_rate"]] + newly * doomed_death_rate_per_day(dose, p))
        / jnp.where(pooled > 0.0, pooled, 1.0),
        lesions[:, L["doomed_death_rate"]],
    )
    lymph_exponent = (
        p["lymphocyte_alpha_per_gy"] * dose + g_factor * p["lymphocyte_beta_per_gy2"] * dose**2
    )
    effector_survival = jnp.exp(-p["activated_radiosensitivity_factor"] * lymph_exponent)
    treg_survival = jnp.exp(-p["treg_radiosensitivity_factor"] * lymph_exponent)
    lesions = with_columns(
        lesions,
        {
            L["viable"]: viable * survival,
            L["doomed"]: pooled,
            L["doomed_death_rate"]: death_rate,
            L["effector"]: lesions[:, L["effector"]] * effector_survival,
            L["exhausted"]: lesions[:, L["exhausted"]] * effector_survival,
            L["treg"]: lesions[:, L["treg"]] * treg_survival,
            L["damaged_awaiting_mitosis"]: 1.0
            - (1.0 - lesions[:, L["damaged_awaiting_mitosis"]])
            * jnp.exp(-micronucleus_yield(dose, p, g_factor)),
            L["trex1"]: lesions[:, L["trex1"]] + trex1_induction_per_fraction(dose, p),
            L["stromal_barrier"]: lesions[:, L["stromal_barrier"]]
            * jnp.exp(-dose / p["stromal_remodelling_dose_gy"]),
            L["permissiveness"]: lesions[:, L["permissiveness"]]
            + p["permissiveness_gain"] * (1.0 - jnp.exp(-dose / p["permissiveness_dose_scale_gy"])),
        },
    )
    node_dose = event["node_dose_gy"]
    node_exponent = (
        p["lymphocyte_alpha_per_gy"] * node_dose + p["lymphocyte_beta_per_gy2"] * node_dose**2
    )
    share = p["draining_node_priming_share"]
    node_resting = 1.0 - share * (1.0 - jnp.exp(-node_exponent))
    node_activated = 1.0 - share * (
        1.0 - jnp.exp(-p["activated_radiosensitivity_factor"] * node_exponent)
    )
    blood_resting = blood_lymphocyte_survival(
        event["blood_mean_dose_gy"], event["blood_exposed_fraction"], p
    )
    blood_activated = blood_lymphocyte_survival(
        event["blood_mean_dose_gy"],
        event["blood_exposed_fraction"],
        p,
        p["activated_radiosensitivity_factor"],
    )
    resting = blood_resting * node_resting
    activated = blood_activated * node_activated
    # Tregs are more radioresistant than the other lymphocytes (Kachikwu 2011): their fraction
    # phi of the lymphoid T cells becomes phi sT / (phi sT + (1 - phi) sC) with the two
    # survivals in blood and node (phi = steady-state fraction x relative share).
    treg_factor = p["treg_radiosensitivity_factor"]
    node_treg = 1.0 - share * (1.0 - jnp.exp(-treg_factor * node_exponent))
    blood_treg = blood_lymphocyte_survival(
        event["blood_mean_dose_gy"], event["blood_exposed_fraction"], p, treg_factor
    )
    treg_survival = blood_treg * node_treg
    fraction = p["lymphoid_treg_fraction"] * systemic[S["lymphoid_treg_share"]]
    treg_share_gain = treg_survival / (fraction * treg_survival + (1.0 - fraction) * resting)
    factors = {
        S["precursors"]: resting,
        S["circulating_effectors"]: blood_activated,
        S["memory"]: blood_resting,
        S["lymphocytes"]: blood_resting,
        S["lymphoid_treg_share"]: treg_share_gain,
        **{index: activated for index in range(EXPANDING.start, EXPANDING.stop)},
    }
    systemic = with_entries(
        systemic, {index: systemic[index] * factor for index, factor in factors.items()}
    )
    return lesions, systemic


def apply_boluses(systemic: Array, event: dict[str, Array]) -> Array:
    """Add i.v. boluses to the central and i.p. doses to the depot compartments."""
    added = jnp.stack(
        [
            event["bolus_depot_mg"],
            event["bolus_central_mg"],
            jnp.zeros_like(event["bolus_depot_mg"]),
        ],
        axis=1,
    ).reshape(-1)
    pk_indices = range(PK_BLOCK.start, PK_BLOCK.stop)
    return with_entries(
        systemic,
        {index: systemic[index] + added[offset] for offset, index in enumerate(pk_indices)},
    )


def apply_events(
    state: tuple[Array, Array], event: dict[str, Array], parameters: dict[str, Array]
) -> tuple[Array, Array]:
    """All instantaneous events at one boundary."""
    lesions, systemic = apply_fraction(state, event, parameters)
    return lesions, apply_boluses(systemic, event)
