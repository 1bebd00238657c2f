"""Systemic immune dynamics: antigen-loaded dendritic cells in the draining nodes, the
stem-like precursor pool, priming and clonal expansion through a transit chain (the 5-7 day
priming delay), circulating effectors, memory cells, the circulating lymphocyte count, the
repertoire broadened by antigen spreading, the lagged GM-CSF stimulation of antigen uptake and
the regulatory T-cell share of the lymphoid organs, which restrains priming."""

from __future__ import annotations

import jax.numpy as jnp
from jax import Array

from abscopal.models.state import EXPANDING, TRANSIT_STAGES, S


def priming_signal(systemic: Array, parameters: dict[str, Array]) -> Array:
    """Saturating priming drive from antigen-loaded dendritic cells [0-1]."""
    dendritic = jnp.maximum(systemic[S["dendritic_cells"]], 0.0)
    return dendritic / (parameters["priming_dc_half_saturation"] + dendritic)


def treg_priming_restraint(systemic: Array, parameters: dict[str, Array]) -> Array:
    """Priming relative to the steady state as lymphoid Tregs restrain it [1]: (1 + s) / (1 + s
    q), with q the Treg share of lymphoid T cells relative to its steady state (1 untreated, 0
    with every Treg removed) and s the priming gained when none are left (Tregs limit the
    dendritic-cell costimulation that priming needs: Wing 2008; removing them enhances
    radiation-induced regression, Kachikwu 2011)."""
    share = jnp.maximum(systemic[S["lymphoid_treg_share"]], 0.0)
    gain = parameters["lymphoid_treg_priming_suppression"]
    return (1.0 + gain) / (1.0 + gain * share)


def systemic_derivatives(
    systemic: Array,
    parameters: dict[str, Array],
    antigen_release: Array,
    total_infiltration_rate: Array,
    occupancies: Array,
    pd_blockade: Array,
    blood_hazard_per_day: Array,
    gm_csf_ug_per_day: Array,
) -> Array:
    """Time derivatives of the systemic immune states (without the PK block)."""
    p = parameters
    dendritic = systemic[S["dendritic_cells"]]
    precursors = jnp.maximum(systemic[S["precursors"]], 0.0)
    expanding = systemic[EXPANDING]
    effectors = systemic[S["circulating_effectors"]]
    memory = systemic[S["memory"]]
    lymphocytes = systemic[S["lymphocytes"]]
    repertoire = systemic[S["repertoire"]]
    gm_csf = systemic[S["gm_csf_stimulation"]]
    signal = priming_signal(systemic, p)
    activated_hazard = p["activated_radiosensitivity_factor"] * blood_hazard_per_day

    release = jnp.maximum(antigen_release, 0.0)
    loading = release / (p["dc_loading_half_saturation_mm3_per_day"] + release)
    # GM-CSF differentiates and mobilises antigen-presenting cells: more of the released
    # antigen is carried to the draining nodes while its (lagged) stimulation lasts.
    uptake_gain = 1.0 + p["gm_csf_dc_uptake_gain"] * gm_csf
    d_dendritic = (
        p["dc_loading_rate_per_day"] * uptake_gain * jnp.sum(loading)
        - p["dc_decay_rate_per_day"] * dendritic
    )
    gm_csf_dose_rate = jnp.maximum(gm_csf_ug_per_day, 0.0)
    d_gm_csf = p["gm_csf_effect_rate_per_day"] * (
        gm_csf_dose_rate / (p["gm_csf_half_effect_dose_ug_per_day"] + gm_csf_dose_rate) - gm_csf
    )
    priming = (
        p["priming_rate_per_day"]
        * precursors
        * signal
        * (1.0 + p["ctla4_priming_gain"] * occupancies[2])
        * treg_priming_restraint(systemic, p)
    )
    capacity = p["precursor_capacity_multiple"] * p["precursor_count_baseline"]
    d_precursors = (
        p["precursor_recovery_rate_per_day"] * (repertoire - precursors)
        + p["precursor_pd1_expansion_rate_per_day"]
        * pd_blockade
        * signal
        * precursors
        * (1.0 - precursors / capacity)
        - blood_hazard_per_day * precursors
        - priming
    )
    # Each stage divides at rate k and is left at rate n/tau + k, so the mean time through the
    # n-stage chain is tau and the clonal expansion is (1 + k tau / n)^n.
    transit = TRANSIT_STAGES / p["priming_delay_day"] + p["clonal_proliferation_rate_per_day"]
    inflow = jnp.concatenate([priming[None], transit * expanding[:-1]])
    d_expanding = (
        inflow
        - transit * expanding
        + p["clonal_proliferation_rate_per_day"] * expanding
        - activated_hazard * expanding
    )
    reactivation = p["memory_reactivation_rate_per_day"] * memory * signal
    d_effectors = (
        transit * expanding[-1]
        + p["memory_expansion_factor"] * reactivation
        - p["circulating_effector_death_rate_per_day"] * effectors
        - total_infiltration_rate * effectors
        - activated_hazard * effectors
    )
    d_memory = (
        p["memory_fraction"] * p["circulating_effector_death_rate_per_day"] * effectors
        - reactivation
        - p["memory_death_rate_per_day"] * memory
        - blood_hazard_per_day * memory
    )
    d_lymphocytes = (
        p["lymphocyte_recovery_rate_per_day"]
        * (p["lymphocyte_count_baseline_per_ul"] - lymphocytes)
        - blood_hazard_per_day * lymphocytes
    )
    # Lymphoid Treg share (relative to the steady-state fraction phi0 of lymphoid T cells):
    # returns to 1 as both pools recover; a depleting agent removes Tregs; continuous blood
    # irradiation (Y-90) spares them relative to the other lymphocytes, d phi/dt = phi (1 - phi)
    # (1 - f) h (radioresistance, Kachikwu 2011). Fractions act at the events (jumps.py).
    treg_share = systemic[S["lymphoid_treg_share"]]
    treg_fraction = p["lymphoid_treg_fraction"] * treg_share
    # a Treg-only loss k moves the fraction as d phi/dt = -k phi (1 - phi); the blood hazard h
    # removes the others faster than Tregs (factor f): d phi/dt = (1 - f) h phi (1 - phi)
    loss_balance = (1.0 - p["treg_radiosensitivity_factor"]) * blood_hazard_per_day - p[
        "treg_depletion_rate_per_day"
    ]
    d_treg_share = p["lymphoid_treg_recovery_rate_per_day"] * (
        1.0 - treg_share
    ) + loss_balance * treg_share * (1.0 - treg_fraction)
    # Antigen spreading: strong dendritic-cell activation primes subdominant clones, which
    # broadens the repertoire the precursor pool recovers to; it contracts back slowly.
    active_dc = jnp.maximum(dendritic, 0.0)
    spreading_drive = active_dc**2 / (p["spreading_dc_half_saturation"] ** 2 + active_dc**2)
    d_repertoire = p["spreading_rate_per_day"] * spreading_drive * (capacity - repertoire) - p[
        "repertoire_contraction_rate_per_day"
    ] * (repertoire - p["precursor_count_baseline"])
    return jnp.concatenate(
        [
            jnp.stack([d_dendritic, d_precursors]),
            d_expanding,
            jnp.stack([d_effectors, d_memory, d_lymphocytes, d_repertoire, d_gm_csf, d_treg_share]),
        ]
    )
