"""Initial state of a patient from baseline lesion sizes and the parameter values."""

from __future__ import annotations

import jax.numpy as jnp
from jax import Array

from abscopal.models.state import LESION_STATES, SYSTEMIC_STATES


def initial_state(parameters: dict[str, Array], constants: dict[str, Array]) -> tuple[Array, Array]:
    """Lesions at their baseline volume with immune infiltrates at the recruitment balance."""
    p = parameters
    baseline = constants["baseline_volume_mm3"]
    viable = baseline * (1.0 - p["baseline_necrotic_fraction"])
    effector = p["effector_baseline_ratio"] * viable
    ratio = p["effector_baseline_ratio"]
    pd_l1 = constants["pdl1_baseline"] + p["pdl1_ifng_induction_max"] * ratio / (
        p["pdl1_ifng_half_saturation_ratio"] + ratio
    )
    columns = {
        "viable": viable,
        "doomed": jnp.zeros_like(baseline),
        "doomed_death_rate": jnp.full_like(baseline, 1.0) * p["doomed_death_rate_min_per_day"],
        "debris": baseline * p["baseline_necrotic_fraction"],
        "sublethal_damage": jnp.zeros_like(baseline),
        "effector": effector,
        "exhausted": effector,
        "treg": p["treg_recruitment_rate_per_day"] / p["treg_death_rate_per_day"] * viable,
        "mdsc": p["mdsc_recruitment_rate_per_day"] / p["mdsc_death_rate_per_day"] * viable,
        "pd_l1": pd_l1,
        "interferon": jnp.zeros_like(baseline),
        "damaged_awaiting_mitosis": jnp.zeros_like(baseline),
        "cytosolic_dna": jnp.zeros_like(baseline),
        "trex1": jnp.zeros_like(baseline),
        "permissiveness": jnp.zeros_like(baseline),
        "stromal_barrier": constants["stromal_barrier_baseline"] + jnp.zeros_like(baseline),
        "sclerotic_fraction": constants["sclerotic_fraction_initial"],
    }
    lesions = jnp.stack([columns[name] for name in LESION_STATES], axis=1)
    zero = jnp.zeros_like(p["precursor_count_baseline"])
    values = {
        "precursors": p["precursor_count_baseline"],
        "repertoire": p["precursor_count_baseline"],
        "lymphocytes": p["lymphocyte_count_baseline_per_ul"],
        "lymphoid_treg_share": jnp.ones_like(p["precursor_count_baseline"]),
    }
    systemic = jnp.stack([values.get(name, zero) for name in SYSTEMIC_STATES])
    return lesions, systemic
