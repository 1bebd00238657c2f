"""CD8 T cells in the local effect of ablative radiation, and its loss with conventional
fractionation: Lee 2009 (P10, P10b)."""

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
from abscopal.validation.finding import Check, Finding, at_least, at_most

B16 = "mouse_b16"


def _group(
    overrides: Mapping[str, float], course: list[dict], extra: Mapping[str, float] | None = None
) -> dict:
    return mouse(
        B16,
        overrides,
        irradiated_mm3=100.0,
        radiotherapy=course,
        extra_overrides=extra,
        duration_day=60.0,
    )


def lee_scenarios(overrides: Mapping[str, float]) -> dict[str, dict]:
    ablative = [radiation(20.0, 1)]
    return {
        "control": _group(overrides, []),
        "rt": _group(overrides, ablative),
        "control_cd8": _group(overrides, [], CD8_DEPLETED),
        "rt_cd8": _group(overrides, ablative, CD8_DEPLETED),
    }


def cd8_share(solutions: Mapping[str, Solution], treated: str) -> float:
    """Share of the growth delay (to 4 x the day-0 volume) of the ``treated`` group that is lost
    when CD8 cells are depleted."""
    intact = growth_delay_day(solutions[treated], solutions["control"], IRRADIATED, 4.0)
    depleted = growth_delay_day(
        solutions[f"{treated}_cd8"], solutions["control_cd8"], IRRADIATED, 4.0
    )
    return (intact - depleted) / max(intact, 1e-9)


def lee_checks(solutions: Mapping[str, Solution], _: Mapping[str, float]) -> list[Check]:
    return [
        at_least(
            "growth delay lost by CD8 depletion / intact delay", cd8_share(solutions, "rt"), 0.25
        ),
    ]


def lee_fractionation_scenarios(overrides: Mapping[str, float]) -> dict[str, dict]:
    conventional = [radiation(5.0, 4)]
    return {
        **lee_scenarios(overrides),
        "fractionated": _group(overrides, conventional),
        "fractionated_cd8": _group(overrides, conventional, CD8_DEPLETED),
    }


def lee_fractionation_checks(
    solutions: Mapping[str, Solution], _: Mapping[str, float]
) -> list[Check]:
    ablative = cd8_share(solutions, "rt")
    fractionated = cd8_share(solutions, "fractionated")
    return [
        at_most(
            "CD8-dependent share of the delay, 5 Gy x 4 / 20 Gy x 1",
            fractionated / max(ablative, 1e-9),
            0.5,
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


LEE_2009_FRACTIONATION = Finding(
    id="P10b",
    title="Conventional fractionation largely removes the CD8-dependent part of the local effect",
    citation="Lee2009",
    model="mouse, B16 melanoma (C57BL/6), one flank",
    parameter_set=B16,
    expected="the share of the growth delay lost by CD8 depletion after 5 Gy x 4 is at most half "
    "of that after 20 Gy x 1",
    role="predicted",
    scenarios=lee_fractionation_scenarios,
    evaluate=lee_fractionation_checks,
    notes="Lee 2009: the immune effect of ablative radiation is abrogated by conventional "
    "fractionation (abstract, read); the 5 Gy x 4 regimen is recalled, not read. The source "
    "gives a direction; 'abrogated' is taken as at least halved.",
)
