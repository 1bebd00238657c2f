"""Organ immune context: liver metastases and systemic response, Yu 2021 (P11)."""

from __future__ import annotations

from collections.abc import Mapping

from abscopal.solution import Solution
from abscopal.validation.experiments import (
    ANTI_PD1,
    DISTANT,
    antibody,
    inhibition,
    mouse,
    radiation,
)
from abscopal.validation.finding import Check, Finding, at_least

TSA = "mouse_tsa"
YU_READOUT_DAY = 20.0
PD1_DAYS = (0.0, 3.0, 6.0)
SUBCUTANEOUS_MM3 = 60.0
LIVER_MM3 = 30.0


def _host(overrides: Mapping[str, float], liver: bool, rt: bool, drug: bool) -> dict:
    """A mouse with a flank tumor (the read-out) and, when ``liver``, a liver metastasis that
    ``rt`` irradiates (8 Gy x 3)."""
    drugs = [antibody(ANTI_PD1, PD1_DAYS)] if drug else []
    if not liver:
        scenario = mouse(
            TSA,
            overrides,
            irradiated_mm3=SUBCUTANEOUS_MM3,
            drugs=drugs,
            duration_day=YU_READOUT_DAY,
        )
        scenario["lesions"][0]["name"] = DISTANT
        return scenario
    return mouse(
        TSA,
        overrides,
        irradiated_mm3=LIVER_MM3,
        distant_mm3=SUBCUTANEOUS_MM3,
        irradiated_organ="liver",
        radiotherapy=[radiation(8.0, 3)] if rt else [],
        drugs=drugs,
        duration_day=YU_READOUT_DAY,
    )


def yu_scenarios(overrides: Mapping[str, float]) -> dict[str, dict]:
    return {
        "control_alone": _host(overrides, False, False, False),
        "pd1_alone": _host(overrides, False, False, True),
        "control_liver": _host(overrides, True, False, False),
        "pd1_liver": _host(overrides, True, False, True),
        "rt_pd1_liver": _host(overrides, True, True, True),
    }


def yu_checks(solutions: Mapping[str, Solution], _: Mapping[str, float]) -> list[Check]:
    without_liver = inhibition(
        solutions["pd1_alone"], solutions["control_alone"], DISTANT, YU_READOUT_DAY
    )
    control = solutions["control_liver"]
    with_liver = inhibition(solutions["pd1_liver"], control, DISTANT, YU_READOUT_DAY)
    liver_rt = inhibition(solutions["rt_pd1_liver"], control, DISTANT, YU_READOUT_DAY)
    return [
        at_least(
            "anti-PD-1 inhibition of the flank tumor: without minus with a liver metastasis",
            without_liver - with_liver,
            0.1,
        ),
        at_least(
            "liver metastasis present: liver radiation + anti-PD-1 minus anti-PD-1 alone",
            liver_rt - with_liver,
            0.1,
        ),
    ]


YU_2021 = Finding(
    id="P11",
    title="Liver metastases lower checkpoint-inhibitor efficacy systemically (they siphon and "
    "delete activated CD8 T cells); liver-directed radiation restores the distant response",
    citation="Yu2021",
    model="mouse, MC38 (C57BL/6), flank tumor with or without a liver metastasis",
    parameter_set=TSA,
    expected="flank-tumor inhibition on day 20 with anti-PD-1: without a liver metastasis >= "
    "with one + 0.1; with one, liver radiation + anti-PD-1 >= anti-PD-1 alone + 0.1",
    role="predicted",
    scenarios=yu_scenarios,
    evaluate=yu_checks,
    notes="Marked predicted before it was first run (2026-12-02). MC38 is simulated with the "
    "mouse_tsa set (as P7); the sizes (flank 60 mm3, liver 30 mm3), anti-PD-1 x 3 from day 0 "
    "and the liver radiation (8 Gy x 3) are assumptions: Yu 2021's schedule was not read.",
)
