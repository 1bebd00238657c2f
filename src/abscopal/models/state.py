"""Names and positions of the model's state variables.

The state of one patient is a pair ``(lesions, systemic)``: ``lesions`` has shape
``(n_lesions, len(LESION_STATES))`` and ``systemic`` has shape ``(len(SYSTEMIC_STATES),)``.
Tumor and immune cell numbers are in mm^3-equivalents (1 mm^3 ~ 1e6 cells).
"""

from __future__ import annotations

from collections.abc import Mapping

import jax.numpy as jnp
from jax import Array

LESION_STATES: tuple[str, ...] = (
    "viable",  # viable tumor cells [mm3]
    "doomed",  # lethally irradiated cells that have not yet died [mm3]
    "doomed_death_rate",  # death rate of the doomed pool, dose dependent [1/day]
    "debris",  # dead-cell debris still occupying volume [mm3]
    "sublethal_damage",  # Lea-Catcheside repair integral for continuous dose [Gy]
    "effector",  # effector CD8 T cells in the lesion [1e6 cells]
    "exhausted",  # exhausted CD8 T cells [1e6 cells]
    "treg",  # regulatory T cells [1e6 cells]
    "mdsc",  # myeloid-derived suppressor cells [1e6 cells]
    "pd_l1",  # tumor PD-L1 expression [PD-L1 units]
    "interferon",  # type-I interferon / cGAS-STING danger signal [1]
    "damaged_awaiting_mitosis",  # share of cells carrying micronucleus-forming damage [1]
    "cytosolic_dna",  # share of cells with micronuclear DNA exposed to cGAS [1]
    "trex1",  # Trex1 induction by high unrepaired doses, decays over days [1]
    "permissiveness",  # radiation-induced permissiveness to infiltration [1]
    "stromal_barrier",  # share of effector entry blocked by the lesion's stroma [1]
    "sclerotic_fraction",  # sclerotic share of a bone lesion [1]
)

TRANSIT_STAGES = 4

SYSTEMIC_STATES: tuple[str, ...] = (
    "dendritic_cells",  # antigen-loaded mature DCs in draining nodes [DC units]
    "precursors",  # tumor-specific stem-like CD8 precursors [1e6 cells]
    *(f"expanding_{stage + 1}" for stage in range(TRANSIT_STAGES)),  # clonal expansion chain
    "circulating_effectors",  # effector CD8 T cells in blood [1e6 cells]
    "memory",  # memory CD8 T cells [1e6 cells]
    "lymphocytes",  # absolute lymphocyte count [cells/uL]
    "repertoire",  # set point of the precursor pool, broadened by antigen spreading [1e6 cells]
    "gm_csf_stimulation",  # GM-CSF drive of dendritic-cell antigen uptake, lagged [0-1]
    "lymphoid_treg_share",  # Treg share of lymphoid-organ and blood T cells / steady state [1]
    "pd1_depot",
    "pd1_central",
    "pd1_peripheral",  # anti-PD-1 amounts [mg]
    "pdl1_depot",
    "pdl1_central",
    "pdl1_peripheral",  # anti-PD-L1 amounts [mg]
    "ctla4_depot",
    "ctla4_central",
    "ctla4_peripheral",  # anti-CTLA-4 amounts [mg]
)

L = {name: index for index, name in enumerate(LESION_STATES)}
S = {name: index for index, name in enumerate(SYSTEMIC_STATES)}
EXPANDING = slice(S["expanding_1"], S["expanding_1"] + TRANSIT_STAGES)
PK_BLOCK = slice(S["pd1_depot"], S["ctla4_peripheral"] + 1)


def with_columns(lesions: Array, columns: Mapping[int, Array]) -> Array:
    """``lesions`` with the given state columns replaced (built by stacking columns rather than
    by scatter updates, so the traced equations stay plain arithmetic for the SBML export)."""
    return jnp.stack(
        [columns.get(index, lesions[:, index]) for index in range(lesions.shape[1])], axis=1
    )


def with_entries(systemic: Array, entries: Mapping[int, Array]) -> Array:
    """``systemic`` with the given entries replaced (stacked, see :func:`with_columns`)."""
    return jnp.stack([entries.get(index, systemic[index]) for index in range(systemic.shape[0])])
