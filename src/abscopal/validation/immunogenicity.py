"""The kinetics and the sensor of radiation immunogenicity: Harding 2017 (P12)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from abscopal.solution import Solution
from abscopal.validation.experiments import (
    ANTI_CTLA4,
    DISTANT,
    IRRADIATED,
    antibody,
    inhibition,
    lesion_state,
    mouse,
    radiation,
)
from abscopal.validation.finding import Check, Finding, at_least, at_most

B16 = "mouse_b16"
HARDING_DOSE_GY = 20.0
HARDING_READOUT_DAY = 25.0
CTLA4_DAYS = (2.0, 5.0, 8.0)
STING_LOST = {"sting_signalling": 0.0}


def _two_flank(overrides: Mapping[str, float], rt: bool, drug: bool, sting_lost: bool) -> dict:
    return mouse(
        B16,
        overrides,
        irradiated_mm3=50.0,
        distant_mm3=30.0,
        radiotherapy=[radiation(HARDING_DOSE_GY, 1)] if rt else [],
        drugs=[antibody(ANTI_CTLA4, CTLA4_DAYS)] if drug else [],
        duration_day=HARDING_READOUT_DAY,
        lesion_parameters={IRRADIATED: STING_LOST} if sting_lost else None,
    )


def harding_scenarios(overrides: Mapping[str, float]) -> dict[str, dict]:
    single = mouse(
        B16,
        overrides,
        irradiated_mm3=50.0,
        radiotherapy=[radiation(HARDING_DOSE_GY, 1)],
        duration_day=14.0,
    )
    single["output_interval_day"] = 0.25
    return {
        "single_fraction": single,
        "control": _two_flank(overrides, False, False, False),
        "rt_ctla4": _two_flank(overrides, True, True, False),
        "rt_ctla4_sting_lost": _two_flank(overrides, True, True, True),
    }


def harding_checks(solutions: Mapping[str, Solution], _: Mapping[str, float]) -> list[Check]:
    single = solutions["single_fraction"]
    interferon = lesion_state(single, IRRADIATED, "interferon")
    peak_day = float(single.time_day[int(np.argmax(interferon))])
    control = solutions["control"]
    intact = inhibition(solutions["rt_ctla4"], control, DISTANT, HARDING_READOUT_DAY)
    lost = inhibition(solutions["rt_ctla4_sting_lost"], control, DISTANT, HARDING_READOUT_DAY)
    return [
        at_least("day of the interferon peak after one fraction", peak_day, 2.0),
        at_least("abscopal inhibition, STING intact", intact, 0.2),
        at_most(
            "abscopal inhibition with STING lost in the irradiated tumor / intact",
            lost / max(intact, 1e-9),
            0.3,
        ),
    ]


HARDING_2017 = Finding(
    id="P12",
    title="Interferon signalling after radiation starts days later (after mitosis, in "
    "micronuclei); STING loss in the irradiated tumor prevents abscopal regression under "
    "radiation + checkpoint blockade",
    citation="Harding2017",
    model="mouse, B16-F10 melanoma (C57BL/6), two flanks",
    parameter_set=B16,
    expected="interferon of the irradiated tumor peaks >= 2 days after one 20 Gy fraction; "
    "inhibition of the non-irradiated tumor on day 25 with 20 Gy + anti-CTLA-4 >= 0.2, and "
    "with STING lost in the irradiated tumor <= 30 % of that",
    role="predicted",
    scenarios=harding_scenarios,
    evaluate=harding_checks,
    notes="Marked predicted before it was first run (2026-12-02). The in-vivo design (B16, "
    "one ablative fraction, anti-CTLA-4 on days 2, 5, 8) is recalled from the same laboratory's "
    "Twyman-Saint Victor 2015 model, not read from Harding 2017; STING loss is a lesion-level "
    "sting_signalling of 0 in the irradiated tumor only.",
)
