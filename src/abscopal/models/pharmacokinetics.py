"""Checkpoint-antibody pharmacokinetics: depot (i.p.), central and peripheral compartments with
linear plus saturable (Michaelis-Menten) clearance, and receptor occupancy.

One slot per target (PD-1, PD-L1, CTLA-4); each slot holds the antibody the scenario uses for
that target. Amounts are in mg, volumes in L, so concentrations are mg/L = ug/mL.
"""

from __future__ import annotations

import jax.numpy as jnp
from jax import Array

from abscopal.models.inputs import AntibodyInputs


def pk_derivatives(amounts: Array, infusion_mg_per_day: Array, constants: AntibodyInputs) -> Array:
    """Time derivative of the (3 targets x [depot, central, peripheral]) amounts [mg/day]."""
    amounts = amounts.reshape(3, 3)
    depot, central, peripheral = amounts[:, 0], amounts[:, 1], amounts[:, 2]
    volume_c = constants.central_volume_l
    volume_p = constants.peripheral_volume_l
    concentration = jnp.maximum(central, 0.0) / volume_c
    absorption = constants.absorption_rate_per_day * depot
    linear = constants.clearance_l_per_day * concentration
    saturable = (
        constants.max_saturable_elimination_mg_per_day
        * concentration
        / (constants.saturable_half_concentration_mg_per_l + concentration)
    )
    exchange = constants.intercompartmental_clearance_l_per_day * (
        concentration - peripheral / volume_p
    )
    d_depot = -absorption
    d_central = (
        infusion_mg_per_day + constants.bioavailability * absorption - linear - saturable - exchange
    )
    d_peripheral = exchange
    return jnp.stack([d_depot, d_central, d_peripheral], axis=1).reshape(-1)


def concentrations_ug_per_ml(amounts: Array, constants: AntibodyInputs) -> Array:
    """Serum concentration of each target slot's antibody [ug/mL]."""
    central = amounts.reshape(3, 3)[:, 1]
    return jnp.maximum(central, 0.0) / constants.central_volume_l


def occupancy(amounts: Array, constants: AntibodyInputs) -> Array:
    """Target occupancy C / (C + C50) per slot (PD-1, PD-L1, CTLA-4)."""
    concentration = concentrations_ug_per_ml(amounts, constants)
    return concentration / (concentration + constants.occupancy_half_concentration_ug_per_ml)


def pd_axis_blockade(occupancies: Array) -> Array:
    """Share of PD-1/PD-L1 signalling blocked by either antibody."""
    return 1.0 - (1.0 - occupancies[0]) * (1.0 - occupancies[1])
