"""Regulatory T cells after local radiation: Kachikwu 2011 (P13)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from abscopal.solution import Solution
from abscopal.validation.experiments import IRRADIATED, inhibition, mouse, radiation
from abscopal.validation.finding import Check, Finding, at_least

TSA = "mouse_tsa"
KACHIKWU_DOSE_GY = 10.0
KACHIKWU_READOUT_DAY = 21.0
SHARE_WINDOW_DAY = 7.0
TUMOR_MM3 = 100.0
# Systemic Treg elimination (anti-CD25 or diphtheria toxin in Foxp3-DTR mice): removes most
# Tregs within a day or two and keeps them low for the experiment.
TREG_DEPLETED = {"treg_depletion_rate_per_day": 2.0}


def _leg(overrides: Mapping[str, float], rt: bool, depleted: bool) -> dict:
    """A mouse with one leg tumor, irradiated locally (the draining node in the field) or not,
    with or without systemic Treg elimination."""
    course = radiation(KACHIKWU_DOSE_GY, 1)
    course["draining_node_dose_per_fraction_gy"] = KACHIKWU_DOSE_GY
    return mouse(
        TSA,
        overrides,
        irradiated_mm3=TUMOR_MM3,
        radiotherapy=[course] if rt else [],
        extra_overrides=TREG_DEPLETED if depleted else None,
        duration_day=KACHIKWU_READOUT_DAY + 5.0,
    )


def kachikwu_scenarios(overrides: Mapping[str, float]) -> dict[str, dict]:
    return {
        "control": _leg(overrides, False, False),
        "rt": _leg(overrides, True, False),
        "depleted": _leg(overrides, False, True),
        "rt_depleted": _leg(overrides, True, True),
    }


def treg_share_peak(solution: Solution, window_day: float) -> float:
    """Peak of the lymphoid Treg share (relative to its steady state) in the first
    ``window_day`` days."""
    early = solution.time_day <= window_day
    return float(np.max(solution.systemic("lymphoid_treg_share")[early]))


def kachikwu_checks(solutions: Mapping[str, Solution], _: Mapping[str, float]) -> list[Check]:
    control = solutions["control"]
    rt = inhibition(solutions["rt"], control, IRRADIATED, KACHIKWU_READOUT_DAY)
    rt_depleted = inhibition(solutions["rt_depleted"], control, IRRADIATED, KACHIKWU_READOUT_DAY)
    return [
        at_least(
            "lymphoid Treg share, peak in the first week after local radiation / steady state",
            treg_share_peak(solutions["rt"], SHARE_WINDOW_DAY),
            1.1,
        ),
        at_least(
            "inhibition of the irradiated tumor on day 21: radiation + Treg elimination minus "
            "radiation alone",
            rt_depleted - rt,
            0.1,
        ),
    ]


KACHIKWU_2011 = Finding(
    id="P13",
    title="Local radiation raises the Treg share of the lymphoid organs (Tregs are radioresistant); "
    "systemic Treg elimination enhances radiation-induced tumor regression",
    citation="Kachikwu2011",
    model="mouse, leg tumor (prostate TRAMP-C1 in the source), local leg irradiation",
    parameter_set=TSA,
    expected="lymphoid Treg share >= 1.1 x steady state within a week of local radiation; "
    "radiation + Treg elimination >= radiation alone + 0.1 in tumor inhibition on day 21",
    role="predicted",
    scenarios=kachikwu_scenarios,
    evaluate=kachikwu_checks,
    notes="Marked predicted before it was first run (2026-12-02). The source's tumor line is not "
    "in abscopal; the leg tumor is simulated with the mouse_tsa set. The dose (10 Gy x 1), the "
    "draining node in the field, the tumor size (100 mm3), the depleting agent (Tregs removed "
    "at 2/day throughout) and the read-out day are assumptions: the abstract gives none of them.",
)
