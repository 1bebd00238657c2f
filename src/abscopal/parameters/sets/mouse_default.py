"""Default mouse parameter set: syngeneic subcutaneous flank tumors in 20-25 g mice.

Starts from the human set's structure and replaces the values that differ in mice, each with its
own provenance. Growth follows Kosinsky 2018 (CT26: r = 0.4 /day, TV_max = 2500 uL); debris
clearance follows Serre 2016 (15-day half-life); the immune constants are assumed.
"""

from __future__ import annotations

from abscopal.parameters.parameter import Parameter as P
from abscopal.parameters.parameter_set import ParameterSet
from abscopal.parameters.sets.human_default import PARAMETERS as HUMAN

MOUSE_CHANGES: dict[str, P] = {
    "tumor_gompertz_rate_per_day": P(
        0.07,
        "1/day",
        "Gompertz growth rate constant a in dV/dt = a V ln(K/V_total)",
        "assumed",
        ("Kosinsky2018",),
        note="doubling time ~3 days at 100 mm3, close to Kosinsky r = 0.4/day",
    ),
    "tumor_carrying_capacity_mm3": P(
        2500.0,
        "mm3",
        "Gompertz carrying capacity K of one lesion",
        "source",
        ("Kosinsky2018",),
    ),
    "tumor_natural_death_rate_per_day": P(
        0.01,
        "1/day",
        "spontaneous death of viable tumor cells",
        "source",
        ("Kosinsky2018",),
        note="Kosinsky d0 (assumed there)",
    ),
    "baseline_necrotic_fraction": P(0.05, "1", "necrotic share at baseline", "assumed"),
    "tumor_alpha_per_gy": P(
        0.146,
        "1/Gy",
        "linear-quadratic alpha of tumor cells",
        "source",
        ("Kosinsky2018",),
    ),
    "debris_clearance_half_time_day": P(
        15.0,
        "day",
        "half-time of dead-cell debris clearance",
        "source",
        ("Serre2016", "Cho2023"),
    ),
    "lymphocyte_count_baseline_per_ul": P(
        5000.0,
        "cells/uL",
        "pre-treatment absolute lymphocyte count (mouse)",
        "assumed",
    ),
    "precursor_count_baseline": P(
        0.2,
        "1e6 cells",
        "tumor-specific precursors at homeostasis (mouse)",
        "assumed",
    ),
    "spreading_rate_per_day": P(
        0.0,
        "1/day",
        "antigen spreading switched off in mice: the mouse sets were calibrated (P2, P3, P6) "
        "without it",
        "assumed",
    ),
    "gm_csf_half_effect_dose_ug_per_day": P(
        0.4,
        "ug/day",
        "GM-CSF dose rate at half-maximal stimulation (mouse)",
        "assumed",
        note="the human value scaled by body surface area (0.0075 vs 1.83 m2)",
    ),
    "dc_loading_half_saturation_mm3_per_day": P(
        5.0,
        "mm3/day",
        "immunogenic tumor death per lesion at half-maximal DC loading (mouse "
        "tumors are ~100-fold smaller than human lesions)",
        "assumed",
    ),
    "effector_kill_half_saturation_ratio": P(
        0.02,
        "effector/tumor",
        "effector-to-tumor ratio at half-maximal kill (mouse)",
        "assumed",
    ),
    "effector_infiltration_per_flow": P(
        36.2,
        "1/day per (mL/min)",
        "effector entry per mL/min of tumor blood flow (mouse)",
        "derived",
        ("Poleszczuk2016",),
        note="20 per mL/min of host-organ flow before the revision; rescaled so that the flank "
        "tumors the mouse sets were fitted on keep their entry (20 x 0.362 / 0.2 mL/min/g)",
    ),
    "lymphoid_treg_recovery_rate_per_day": P(
        0.2,
        "1/day",
        "return of the lymphoid Treg share to its steady state after radiation or depletion "
        "(mouse)",
        "assumed",
        ("Kachikwu2011",),
        note="days: the rise after local leg irradiation was immediate and temporary "
        "(Kachikwu 2011)",
    ),
    "ctla4_treg_depletion_rate_per_day": P(
        0.3,
        "1/day",
        "Fc-mediated intratumoral Treg depletion by anti-CTLA-4 (9H10, mouse)",
        "assumed",
        ("Simpson2013",),
    ),
}

MOUSE_DEFAULT = ParameterSet(
    name="mouse_default",
    species="mouse",
    description="Syngeneic subcutaneous flank tumors in 20-25 g mice",
    parameters={**HUMAN, **MOUSE_CHANGES},
    calibration_note=(
        "Not yet fitted: growth from Kosinsky 2018, debris clearance from Serre 2016, immune "
        "kinetics assumed."
    ),
)
