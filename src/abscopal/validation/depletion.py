"""CD8 T cells in the local effect of ablative radiation: Lee 2009 (P10)."""

from __future__ import annotations

from collections.abc import Mapping

from abscopal.solution import Solution
from abscopal.validation.experiments import (
    CD8_DEPLETED,
    IRRADIATED,
    growth_delay_day,
    mouse,
    radiation,
)
from abscopal.validation.finding import Check, Finding, at_least

B16 = "mouse_b16"


def lee_scenarios(overrides: Mapping[str, float]) -> dict[str, dict]:
    def group(rt: bool, extra: Mapping[str, float] | None = None) -> dict:
        return mouse(
            B16,
            overrides,
            irradiated_mm3=100.0,
            radiotherapy=[radiation(20.0, 1)] if rt else [],
            extra_overrides=extra,
            duration_day=60.0,
        )

    return {
        "control": group(False),
        "rt": group(True),
        "control_cd8": group(False, CD8_DEPLETED),
        "rt_cd8": group(True, CD8_DEPLETED),
    }


def lee_checks(solutions: Mapping[str, Solution], _: Mapping[str, float]) -> list[Check]:
    intact = growth_delay_day(solutions["rt"], solutions["control"], IRRADIATED, 4.0)
    depleted = growth_delay_day(solutions["rt_cd8"], solutions["control_cd8"], IRRADIATED, 4.0)
    return [
        at_least(
            "growth delay lost by CD8 depletion / intact delay",
            (intact - depleted) / max(intact, 1e-9),
            0.25,
        ),
    ]


LEE_2009 = Finding(
    id="P10",
    title="Depleting CD8 cells reduces the local effect of an ablative single dose",
    citation="Lee2009",
    model="mouse, B16 melanoma (C57BL/6), one flank",
    parameter_set=B16,
    expected="growth delay (to 4 x the day-0 volume) after 20 Gy x 1 shortened by >= 25 % "
    "without CD8 cells",
    role="predicted",
    scenarios=lee_scenarios,
    evaluate=lee_checks,
    notes="Ablative dose 20 Gy x 1 (assumed); CD8 depletion = no CD8 effector kill.",
)
