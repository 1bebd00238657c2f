"""Per-lesion dynamics: tumor growth (with clonogen extinction), radiation-doomed cells, debris,
the kinetics of radiation immunogenicity (micronuclei after mitosis, cytosolic DNA, Trex1,
interferon) and the lesion's immune microenvironment (effector entry through the tumor's vessels
and chemokines; effector, exhausted, regulatory and myeloid suppressor cells, PD-L1,
permissiveness to infiltration, sclerosis of bone lesions)."""

from __future__ import annotations

import jax.numpy as jnp
from jax import Array

from abscopal.models.observation import measured_volume_mm3
from abscopal.models.radiobiology import clonogen_growth_share, trex1_induction_rate
from abscopal.models.state import L

TINY_MM3 = 1e-9


def total_volume_mm3(lesions: Array) -> Array:
    """Volume imaging measures (:func:`~abscopal.models.observation.measured_volume_mm3`),
    floored at a tiny positive volume for the Gompertz logarithm [mm3]."""
    return jnp.maximum(measured_volume_mm3(lesions), TINY_MM3)


def lesion_blood_flow_ml_per_min(lesions: Array, constants: dict[str, Array]) -> Array:
    """Blood flow through each lesion's own vessels [mL/min]: tumor perfusion per gram (scaled
    by the lesion's vascularity) x mass. Host-organ flow does not enter: a lesion is perfused
    by its own vasculature (Mantyla 1979, Vaupel 1989)."""
    mass_g = total_volume_mm3(lesions) * 1e-3
    return constants["tumor_perfusion_ml_per_min_per_g"] * mass_g


def chemokine_entry_factor(lesions: Array, parameters: dict[str, Array]) -> Array:
    """Rise of effector entry by interferon-driven CXCL9/10 (Lugade 2008; CXCR3-dependent
    entry, Mikucki 2015): 1 + gain x I / (K + I)."""
    ifn = jnp.maximum(lesions[:, L["interferon"]], 0.0)
    return 1.0 + parameters["chemokine_entry_gain"] * ifn / (
        parameters["interferon_half_saturation"] + ifn
    )


def infiltration_rate_per_day(
    lesions: Array, parameters: dict[str, Array], constants: dict[str, Array]
) -> Array:
    """Rate at which circulating effectors enter each lesion [1/day]: flow through the tumor's
    vessels, raised by radiation-induced permissiveness and by interferon-driven chemokines,
    and held back by the lesion's stromal barrier (immune exclusion: Chen 2017, Mariathasan
    2018)."""
    permissive = 1.0 + jnp.maximum(lesions[:, L["permissiveness"]], 0.0)
    open_share = 1.0 - jnp.clip(lesions[:, L["stromal_barrier"]], 0.0, 1.0)
    return (
        parameters["effector_infiltration_per_flow"]
        * lesion_blood_flow_ml_per_min(lesions, constants)
        * permissive
        * chemokine_entry_factor(lesions, parameters)
        * open_share
    )


def immune_kill_rate(
    lesions: Array,
    parameters: dict[str, Array],
    constants: dict[str, Array],
    pd_blockade: Array,
) -> Array:
    """Tumor cells killed per day [mm3/day]: saturating ratio-dependent kill by effectors,
    inhibited by unblocked PD-L1 and by suppressor cells, and limited to the share of the
    lesion's cells that carry the antigens the systemic repertoire targets (clonal
    heterogeneity: McGranahan 2016)."""
    viable = jnp.maximum(lesions[:, L["viable"]], 0.0)
    effector = jnp.maximum(lesions[:, L["effector"]], 0.0)
    suppressors = jnp.maximum(lesions[:, L["treg"]] + lesions[:, L["mdsc"]], 0.0)
    total = total_volume_mm3(lesions)
    saturating = effector / (
        parameters["effector_kill_half_saturation_ratio"] * (viable + TINY_MM3) + effector
    )
    pd_l1_free = jnp.maximum(lesions[:, L["pd_l1"]], 0.0) * (1.0 - pd_blockade)
    pd_l1_inhibition = 1.0 / (1.0 + pd_l1_free / parameters["pdl1_inhibition_constant"])
    suppression = 1.0 / (
        1.0 + suppressors / (parameters["suppression_half_saturation_ratio"] * total)
    )
    return (
        parameters["effector_kill_rate_per_day"]
        * constants["antigen_shared_fraction"]
        * viable
        * saturating
        * pd_l1_inhibition
        * suppression
    )


def lesion_derivatives(
    lesions: Array,
    parameters: dict[str, Array],
    constants: dict[str, Array],
    circulating_effectors: Array,
    occupancies: Array,
    pd_blockade: Array,
    dose_rate_gy_per_day: Array,
) -> tuple[Array, Array, Array]:
    """Time derivatives of all lesion states, antigen release [mm3/day] weighted by dendritic-cell
    maturation, and the effector infiltration rates [1/day]."""
    p = parameters
    viable = jnp.maximum(lesions[:, L["viable"]], 0.0)
    doomed = jnp.maximum(lesions[:, L["doomed"]], 0.0)
    death_rate = lesions[:, L["doomed_death_rate"]]
    debris = lesions[:, L["debris"]]
    damage = lesions[:, L["sublethal_damage"]]
    effector = lesions[:, L["effector"]]
    exhausted = lesions[:, L["exhausted"]]
    treg = lesions[:, L["treg"]]
    mdsc = lesions[:, L["mdsc"]]
    pd_l1 = lesions[:, L["pd_l1"]]
    interferon = lesions[:, L["interferon"]]
    permissiveness = lesions[:, L["permissiveness"]]
    sclerosis = lesions[:, L["sclerotic_fraction"]]
    total = total_volume_mm3(lesions)
    rate = dose_rate_gy_per_day

    # Tumor: Gompertz growth, immune kill, continuous-LQ kill by Y-90 (alpha R + 2 beta R z).
    growth = (
        constants["growth_rate_per_day"]
        * viable
        * jnp.log(p["tumor_carrying_capacity_mm3"] / total)
        * clonogen_growth_share(viable, p)
    )
    kill = immune_kill_rate(lesions, p, constants, pd_blockade)
    beta = p["tumor_alpha_per_gy"] / p["tumor_alpha_beta_gy"]
    radiation_hazard = p["tumor_alpha_per_gy"] * rate + 2.0 * beta * rate * damage
    natural_death = p["tumor_natural_death_rate_per_day"] * viable
    newly_doomed = radiation_hazard * viable
    dying = death_rate * doomed
    repair_rate = jnp.log(2.0) / (p["sublethal_repair_half_time_hour"] / 24.0)

    d_viable = growth - kill - natural_death - newly_doomed
    d_doomed = newly_doomed - dying
    d_death_rate = (
        newly_doomed * (p["doomed_death_rate_min_per_day"] - death_rate) / (doomed + 1e-6)
    )
    debris_clearance = jnp.log(2.0) / p["debris_clearance_half_time_day"]
    d_debris = dying + kill + natural_death - debris_clearance * debris
    d_damage = rate - repair_rate * damage

    # Immune cells in the lesion; continuous Y-90 dose kills in-field lymphocytes.
    infiltration = infiltration_rate_per_day(lesions, p, constants)
    lymph_hazard = p["lymphocyte_alpha_per_gy"] * rate
    effector_hazard = p["activated_radiosensitivity_factor"] * lymph_hazard
    exhaustion = p["exhaustion_rate_per_day"] * jnp.maximum(pd_l1, 0.0) * (1.0 - pd_blockade)
    reinvigoration = p["reinvigoration_rate_per_day"] * pd_blockade
    d_effector = (
        infiltration * circulating_effectors
        - p["effector_death_rate_per_day"] * effector
        - exhaustion * effector
        + reinvigoration * exhausted
        - effector_hazard * effector
    )
    d_exhausted = (
        exhaustion * effector
        - reinvigoration * exhausted
        - p["exhausted_death_rate_per_day"] * exhausted
        - effector_hazard * exhausted
    )
    d_treg = (
        p["treg_recruitment_rate_per_day"] * viable
        - p["treg_death_rate_per_day"] * treg
        - p["ctla4_treg_depletion_rate_per_day"] * occupancies[2] * treg
        - p["treg_depletion_rate_per_day"] * treg
        - p["treg_radiosensitivity_factor"] * lymph_hazard * treg
    )
    d_mdsc = (
        p["mdsc_recruitment_rate_per_day"] * viable
        + p["mdsc_radiation_recruitment"] * dying
        - p["mdsc_death_rate_per_day"] * mdsc
    )
    effector_ratio = jnp.maximum(effector, 0.0) / (viable + TINY_MM3)
    induced = (
        p["pdl1_ifng_induction_max"]
        * effector_ratio
        / (p["pdl1_ifng_half_saturation_ratio"] + effector_ratio)
    )
    ifn = jnp.maximum(interferon, 0.0)
    radiation_induced = (
        p["pdl1_radiation_induction_max"] * ifn / (p["interferon_half_saturation"] + ifn)
    )
    d_pd_l1 = p["pdl1_turnover_rate_per_day"] * (
        constants["pdl1_baseline"] + induced + radiation_induced - pd_l1
    )
    # Radiation immunogenicity (Harding 2017, Vanpouille-Box 2017): damaged cells form
    # micronuclei when they pass mitosis (days later); cGAS senses their DNA unless Trex1,
    # induced by high unrepaired doses and remembered for days, degrades it; STING signalling
    # turns the exposed DNA into interferon. Continuous dose (Y-90) acts through the same states.
    damaged = lesions[:, L["damaged_awaiting_mitosis"]]
    cytosolic = lesions[:, L["cytosolic_dna"]]
    trex1 = lesions[:, L["trex1"]]
    micronucleus_rate = (
        p["micronucleus_alpha_per_gy"] * rate + 2.0 * p["micronucleus_beta_per_gy2"] * rate * damage
    )
    passage = p["mitotic_passage_rate_per_day"] * damaged
    d_damaged = (1.0 - damaged) * micronucleus_rate - passage
    d_cytosolic = (
        passage
        - p["cytosolic_dna_clearance_rate_per_day"]
        * (1.0 + p["trex1_dna_clearance_gain"] * jnp.maximum(trex1, 0.0))
        * cytosolic
    )
    d_trex1 = trex1_induction_rate(damage, p) - jnp.log(2.0) / p["trex1_half_life_day"] * trex1
    d_interferon = (
        p["interferon_gain_per_day"] * constants["sting_signalling"] * jnp.maximum(cytosolic, 0.0)
        - p["interferon_decay_rate_per_day"] * interferon
    )
    d_permissiveness = -p["permissiveness_decay_rate_per_day"] * permissiveness
    # Radiation remodels the stroma (macrophage reprogramming, Klug 2013; low doses, Barsoumian
    # 2020): the barrier falls by e per remodelling dose (continuous dose alike) and recovers.
    barrier = lesions[:, L["stromal_barrier"]]
    d_barrier = (
        p["stromal_barrier_recovery_rate_per_day"]
        * (constants["stromal_barrier_baseline"] - barrier)
        - rate / p["stromal_remodelling_dose_gy"] * barrier
    )
    dead_share = (doomed + jnp.maximum(debris, 0.0)) / total
    d_sclerosis = constants["is_bone"] * (
        p["sclerosis_fill_in_rate_per_day"] * dead_share * (1.0 - sclerosis)
        - p["sclerosis_remodel_rate_per_day"] * (viable / total) * sclerosis
    )
    maturation = p["dc_maturation_baseline"] + p["dc_maturation_interferon_max"] * ifn / (
        p["interferon_half_saturation"] + ifn
    )
    antigen = (dying + kill + natural_death) * maturation
    derivatives = jnp.stack(
        [
            d_viable,
            d_doomed,
            d_death_rate,
            d_debris,
            d_damage,
            d_effector,
            d_exhausted,
            d_treg,
            d_mdsc,
            d_pd_l1,
            d_interferon,
            d_damaged,
            d_cytosolic,
            d_trex1,
            d_permissiveness,
            d_barrier,
            d_sclerosis,
        ],
        axis=1,
    )
    return derivatives, antigen, infiltration
