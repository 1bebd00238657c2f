"""The range a parameter value is accepted in (scenario overrides, lesion-level values, trial
cohort medians).

Each parameter may state its own bounds (``Parameter.lower`` / ``upper``: a share in [0, 1], a
Hill coefficient >= 1). Where it states no upper bound, the bound of its unit applies
(:data:`UPPER_BOUND_BY_UNIT`): a plausibility limit, assumed here, set at least 100 times above
every value of every shipped set so that no calibration is confined by it, but finite, so that
1e300 never reaches the solver. Parameters in :data:`STRICTLY_POSITIVE` must be above their
lower bound: at 0 the solve of the shipped NSCLC example fails (each was set to 0 in turn on
``human_nsclc``; 18 of 94 failed), or the value is a half-saturation, half-life or dose scale
that divides.
"""

from __future__ import annotations

import math

from abscopal.parameters.parameter import Parameter

UPPER_BOUND_BY_UNIT = {
    "1/day": 1_000.0,  # a process of under two minutes
    "1/(Gy day)": 100.0,
    "1/day per (mL/min)": 1e4,
    "mm3": 1e8,  # 100 L
    "mm3/day": 1e6,
    "1/Gy": 1_000.0,
    "1/Gy^2": 1_000.0,
    "Gy": 10_000.0,
    "hour": 1_000.0,
    "day": 3_650.0,  # the longest follow-up
    "1": 1e6,
    "cells/uL": 1e6,
    "1e6 cells": 1e6,
    "DC units": 1e6,
    "DC units/day": 1e6,
    "ug/day": 1e6,
    "mL/min/g": 100.0,
    "effector/tumor": 1e4,
    "suppressor/tumor": 1e4,
    "PD-L1 units": 1e4,
    "g/mL": 1e4,
}
DEFAULT_UPPER_BOUND = 1e6

STRICTLY_POSITIVE = frozenset(
    {
        # the solve fails at 0 (measured)
        "tumor_carrying_capacity_mm3",
        "tumor_alpha_beta_gy",
        "sublethal_repair_half_time_hour",
        "debris_clearance_half_time_day",
        "blood_lymphocyte_survival_plateau",
        "trex1_half_life_day",
        "trex1_threshold_gy",
        "interferon_half_saturation",
        "dc_loading_half_saturation_mm3_per_day",
        "priming_dc_half_saturation",
        "precursor_count_baseline",
        "spreading_dc_half_saturation",
        "gm_csf_half_effect_dose_ug_per_day",
        "priming_delay_day",
        "treg_death_rate_per_day",
        "mdsc_death_rate_per_day",
        "permissiveness_dose_scale_gy",
        "stromal_remodelling_dose_gy",
        # half-saturations that divide (guarded in the model, meaningless at 0)
        "effector_kill_half_saturation_ratio",
        "pdl1_inhibition_constant",
        "pdl1_ifng_half_saturation_ratio",
        "suppression_half_saturation_ratio",
    }
)


def bounds(name: str, parameter: Parameter) -> tuple[float, float, bool]:
    """``(lower, upper, lower_open)`` of the accepted range of parameter ``name``."""
    upper = parameter.upper
    if math.isinf(upper):
        upper = UPPER_BOUND_BY_UNIT.get(parameter.unit, DEFAULT_UPPER_BOUND)
    return parameter.lower, upper, name in STRICTLY_POSITIVE


def range_text(name: str, parameter: Parameter) -> str:
    """The accepted range in words, e.g. ``(0, 2e+07] mm3``."""
    lower, upper, lower_open = bounds(name, parameter)
    return f"{'(' if lower_open else '['}{lower:g}, {upper:g}] {parameter.unit}"


def accepts(name: str, parameter: Parameter, value: float) -> bool:
    """Whether ``value`` is a finite number within the accepted range."""
    lower, upper, lower_open = bounds(name, parameter)
    above = value > lower if lower_open else value >= lower
    return math.isfinite(value) and above and value <= upper
