"""Dose per fraction and the abscopal effect: Dewan 2009 (P2), Vanpouille-Box 2017 (P5) and
Grapin 2019 (P9)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from abscopal.solution import Solution
from abscopal.validation.experiments import (
    ANTI_CTLA4,
    ANTI_PDL1,
    DISTANT,
    INTERFERON_BLOCKED,
    IRRADIATED,
    antibody,
    growth_delay_day,
    inhibition,
    interferon_exposure,
    mouse,
    radiation,
)
from abscopal.validation.finding import Check, Finding, at_least, at_most, between

TSA = "mouse_tsa"
CT26 = "mouse_ct26"
READOUT_DAY = 25.0
# Dewan 2009: the secondary tumor is implanted two days after the primary, so it is smaller
# when the primary is irradiated (~day 12); 9H10 on days 2, 5 and 8 after the first fraction.
PRIMARY_MM3 = 60.0
SECONDARY_MM3 = 30.0
CTLA4_DAYS = (2.0, 5.0, 8.0)
DEWAN_REGIMENS = {"20x1": (20.0, 1), "8x3": (8.0, 3), "6x5": (6.0, 5)}


def _two_flank(
    overrides: Mapping[str, float],
    regimen: tuple[float, int] | None,
    ctla4: bool,
    extra: Mapping[str, float] | None = None,
) -> dict:
    return mouse(
        TSA,
        overrides,
        irradiated_mm3=PRIMARY_MM3,
        distant_mm3=SECONDARY_MM3,
        radiotherapy=[radiation(*regimen)] if regimen else [],
        drugs=[antibody(ANTI_CTLA4, CTLA4_DAYS)] if ctla4 else [],
        extra_overrides=extra,
        duration_day=60.0,
    )


def dewan_scenarios(overrides: Mapping[str, float]) -> dict[str, dict]:
    groups = {
        "control": _two_flank(overrides, None, False),
        "anti_ctla4": _two_flank(overrides, None, True),
    }
    for label, regimen in DEWAN_REGIMENS.items():
        groups[f"rt_{label}"] = _two_flank(overrides, regimen, False)
        groups[f"rt_{label}_ctla4"] = _two_flank(overrides, regimen, True)
    return groups


def dewan_checks(solutions: Mapping[str, Solution], _: Mapping[str, float]) -> list[Check]:
    control = solutions["control"]

    def abscopal(group: str) -> float:
        return inhibition(solutions[group], control, DISTANT, READOUT_DAY)

    delays = [
        growth_delay_day(solutions[f"rt_{label}"], control, IRRADIATED, 2.0)
        for label in DEWAN_REGIMENS
    ]
    spread = (max(delays) - min(delays)) / max(float(np.mean(delays)), 1e-9)
    radiation_alone = max(abscopal(f"rt_{label}") for label in DEWAN_REGIMENS)
    return [
        at_least("abscopal inhibition 8x3 + anti-CTLA-4", abscopal("rt_8x3_ctla4"), 0.5),
        at_least(
            "8x3 minus 6x5 (+ anti-CTLA-4)",
            abscopal("rt_8x3_ctla4") - abscopal("rt_6x5_ctla4"),
            -0.05,
        ),
        at_least(
            "6x5 minus 20x1 (+ anti-CTLA-4)",
            abscopal("rt_6x5_ctla4") - abscopal("rt_20x1_ctla4"),
            0.25,
        ),
        at_most("abscopal inhibition 20x1 + anti-CTLA-4", abscopal("rt_20x1_ctla4"), 0.15),
        at_most("largest abscopal inhibition, radiation alone", radiation_alone, 0.15),
        at_most("abscopal inhibition, anti-CTLA-4 alone", abscopal("anti_ctla4"), 0.15),
        at_most("spread of local growth delay across regimens (range / mean)", spread, 0.5),
    ]


DEWAN_2009 = Finding(
    id="P2",
    title="Fractionation decides the abscopal effect with anti-CTLA-4: 8x3 >= 6x5 >> 20x1 "
    "(= radiation alone), at similar local delay",
    citation="Dewan2009",
    model="mouse, TSA mammary carcinoma (BALB/c), two flanks",
    parameter_set=TSA,
    expected="inhibition of the non-irradiated tumor on day 25: 8x3 >= 0.5, 8x3 >= 6x5 - 0.05, "
    "6x5 >= 20x1 + 0.25, 20x1 <= 0.15, radiation or anti-CTLA-4 alone <= 0.15; "
    "growth delay of the irradiated tumor (to 2 x its volume at the first fraction) within "
    "+-25 % across regimens",
    role="calibrated",
    scenarios=dewan_scenarios,
    evaluate=dewan_checks,
    notes="Schedule and group outcomes recalled (full text not read); the ordering is "
    "confirmed by Vanpouille-Box 2017 from the same laboratory and model.",
)


INTERFERON_DOSES_GY = tuple(float(dose) for dose in np.arange(2.0, 41.0, 2.0))
INTERFERON_HORIZON_DAY = 14.0


def vanpouille_box_scenarios(overrides: Mapping[str, float]) -> dict[str, dict]:
    single_fractions = {
        f"ifn_{dose:g}": mouse(
            TSA,
            overrides,
            irradiated_mm3=PRIMARY_MM3,
            radiotherapy=[radiation(dose, 1)],
            duration_day=INTERFERON_HORIZON_DAY,
        )
        for dose in INTERFERON_DOSES_GY
    }
    return {
        **single_fractions,
        "control": _two_flank(overrides, None, False),
        "rt_8x1_ctla4": _two_flank(overrides, (8.0, 1), True),
        "rt_8x3_ctla4": _two_flank(overrides, (8.0, 3), True),
        "rt_30x1_ctla4": _two_flank(overrides, (30.0, 1), True),
        "rt_8x3_ctla4_ifnar": _two_flank(overrides, (8.0, 3), True, INTERFERON_BLOCKED),
    }


def vanpouille_box_checks(
    solutions: Mapping[str, Solution], parameters: Mapping[str, float]
) -> list[Check]:
    control = solutions["control"]

    def abscopal(group: str) -> float:
        return inhibition(solutions[group], control, DISTANT, READOUT_DAY)

    # The interferon signal of one fraction: its exposure (area under the irradiated tumor's
    # interferon state) over the two weeks after a single dose, simulated.
    doses = np.array(INTERFERON_DOSES_GY)
    signal = np.array(
        [interferon_exposure(solutions[f"ifn_{dose:g}"], IRRADIATED) for dose in doses]
    )
    peak_dose = float(doses[np.argmax(signal)])
    effective = abscopal("rt_8x3_ctla4")
    return [
        at_most("interferon signal per fraction: dose at peak [Gy]", peak_dose, 12.0),
        at_most(
            "interferon signal at 18 Gy / peak",
            float(np.interp(18.0, doses, signal)) / float(signal.max()),
            0.5,
        ),
        at_least("abscopal inhibition 8x3 + anti-CTLA-4", effective, 0.4),
        at_most("abscopal inhibition 30x1 + anti-CTLA-4", abscopal("rt_30x1_ctla4"), 0.15),
        at_least("8x3 minus 8x1 (+ anti-CTLA-4)", effective - abscopal("rt_8x1_ctla4"), 0.2),
        at_most(
            "abscopal inhibition with interferon signalling blocked / intact",
            abscopal("rt_8x3_ctla4_ifnar") / max(effective, 1e-9),
            0.3,
        ),
    ]


VANPOUILLE_BOX_2017 = Finding(
    id="P5",
    title="Trex1 threshold: 30x1 + anti-CTLA-4 gives no abscopal effect, 8x3 does, 8x1 is not "
    "enough; blocking type-I interferon in the irradiated tumor abolishes it",
    citation="VanpouilleBox2017",
    model="mouse, TSA mammary carcinoma (BALB/c), two flanks",
    parameter_set=TSA,
    expected="interferon signal per fraction peaks below 12 Gy and is <= half the peak at 18 Gy; "
    "inhibition on day 25: 8x3 >= 0.4, 30x1 <= 0.15, 8x3 - 8x1 >= 0.2, with interferon blocked "
    "<= 30 % of intact",
    role="predicted",
    scenarios=vanpouille_box_scenarios,
    evaluate=vanpouille_box_checks,
    notes="Ifnar1 knock-down in the irradiated tumor is encoded as no STING/IFNAR signalling "
    "(only that tumor is irradiated). The interferon signal per fraction is the simulated "
    "interferon exposure over 14 days after one fraction of 2-40 Gy (a closed-form per-fraction "
    "signal before the revision of the immunogenicity kinetics).",
)

GRAPIN_REGIMENS = {"18x2": (2.0, 18), "3x8": (8.0, 3), "1x16.4": (16.4, 1)}
GRAPIN_READOUT_DAY = 30.0
PDL1_DAYS = (0.0, 3.0, 6.0, 9.0)


def _grapin_regimen(dose: float, fractions: int) -> dict:
    course = radiation(dose, fractions)
    if fractions > 5:
        course["schedule"] = "five_per_week"
    return course


def grapin_scenarios(overrides: Mapping[str, float]) -> dict[str, dict]:
    groups = {"control": mouse(CT26, overrides, irradiated_mm3=80.0, duration_day=40.0)}
    for label, (dose, fractions) in GRAPIN_REGIMENS.items():
        groups[f"rt_{label}_pdl1"] = mouse(
            CT26,
            overrides,
            irradiated_mm3=80.0,
            radiotherapy=[_grapin_regimen(dose, fractions)],
            drugs=[antibody(ANTI_PDL1, PDL1_DAYS)],
            duration_day=40.0,
        )
    return groups


def grapin_checks(solutions: Mapping[str, Solution], _: Mapping[str, float]) -> list[Check]:
    control = solutions["control"]
    local = {
        label: inhibition(solutions[f"rt_{label}_pdl1"], control, IRRADIATED, GRAPIN_READOUT_DAY)
        for label in GRAPIN_REGIMENS
    }
    return [
        at_least(
            "3x8 minus best other regimen (+ anti-PD-L1)",
            local["3x8"] - max(local["18x2"], local["1x16.4"]),
            0.05,
        ),
        between("tumor inhibition 3x8 + anti-PD-L1", local["3x8"], 0.5, 1.0),
    ]


GRAPIN_2019 = Finding(
    id="P9",
    title="At equal BED (18x2, 3x8, 1x16.4 Gy), 3x8 Gy is the best partner for PD-L1 blockade",
    citation="Grapin2019",
    model="mouse, CT26 colon carcinoma (BALB/c), one flank",
    parameter_set=CT26,
    expected="tumor inhibition on day 30 with anti-PD-L1: 3x8 >= best other + 0.05 and >= 0.5",
    role="predicted",
    scenarios=grapin_scenarios,
    evaluate=grapin_checks,
    notes="Anti-PD-L1 schedule (200 ug every 3 days x 4 from the first fraction) assumed; "
    "18 x 2 Gy five days a week.",
)
