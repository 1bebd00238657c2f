"""Timing of checkpoint blockade relative to radiation: Dovedi 2014 (P6) and Wei 2021 (P7)."""

from __future__ import annotations

from collections.abc import Mapping

from abscopal.solution import Solution
from abscopal.validation.experiments import (
    ANTI_PD1,
    ANTI_PDL1,
    DISTANT,
    IRRADIATED,
    antibody,
    inhibition,
    mouse,
    radiation,
)
from abscopal.validation.finding import Check, Finding, at_least, at_most

CT26 = "mouse_ct26"
MC38 = "mouse_tsa"  # Dewan 2009 found MCA38 to respond like TSA
DOVEDI_DAY = 30.0
# Anti-PD-L1 three times a week for three weeks, from the first fraction (concurrent) or from
# seven days after the last of five daily 2 Gy fractions (sequential).
PDL1_INTERVAL_DAY = 7.0 / 3.0
PDL1_DOSES = 9


def _pdl1_days(start_day: float) -> list[float]:
    return [start_day + k * PDL1_INTERVAL_DAY for k in range(PDL1_DOSES)]


def dovedi_scenarios(overrides: Mapping[str, float]) -> dict[str, dict]:
    def group(rt: bool, start_day: float | None) -> dict:
        return mouse(
            CT26,
            overrides,
            irradiated_mm3=80.0,
            radiotherapy=[radiation(2.0, 5)] if rt else [],
            drugs=[antibody(ANTI_PDL1, _pdl1_days(start_day))] if start_day is not None else [],
            duration_day=40.0,
        )

    return {
        "control": group(False, None),
        "rt": group(True, None),
        "rt_pdl1_concurrent": group(True, 0.0),
        "rt_pdl1_sequential": group(True, 11.0),
    }


def dovedi_checks(solutions: Mapping[str, Solution], _: Mapping[str, float]) -> list[Check]:
    control = solutions["control"]

    def local(group: str) -> float:
        return inhibition(solutions[group], control, IRRADIATED, DOVEDI_DAY)

    rt = solutions["rt"]
    pd_l1 = rt.observables()["pd_l1"][:, 0]
    return [
        at_least(
            "PD-L1 at the last fraction / day 0 (radiation alone)", float(pd_l1[4] / pd_l1[0]), 1.1
        ),
        at_least(
            "concurrent minus sequential anti-PD-L1",
            local("rt_pdl1_concurrent") - local("rt_pdl1_sequential"),
            0.25,
        ),
        at_most(
            "sequential anti-PD-L1 minus radiation alone",
            local("rt_pdl1_sequential") - local("rt"),
            0.15,
        ),
    ]


DOVEDI_2014 = Finding(
    id="P6",
    title="Anti-PD-L1 started during 2 Gy x 5 works; the same started 7 days after the course "
    "is no better than radiation alone",
    citation="Dovedi2014",
    model="mouse, CT26 colon carcinoma (BALB/c), one flank",
    parameter_set=CT26,
    expected="PD-L1 rises >= 10 % during the course; tumor inhibition on day 30: concurrent >= "
    "sequential + 0.25, sequential <= radiation alone + 0.15",
    role="calibrated",
    scenarios=dovedi_scenarios,
    evaluate=dovedi_checks,
    notes="Anti-PD-L1 200 ug three times a week for three weeks (dose and day numbers recalled).",
)

WEI_RADIATION_DAY = 6.0
WEI_DAY = WEI_RADIATION_DAY + 25.0


def wei_scenarios(overrides: Mapping[str, float]) -> dict[str, dict]:
    def group(rt: bool, pd1_days: tuple[float, ...] | None) -> dict:
        return mouse(
            MC38,
            overrides,
            irradiated_mm3=60.0,
            distant_mm3=30.0,
            radiotherapy=[radiation(8.0, 3, WEI_RADIATION_DAY)] if rt else [],
            drugs=[antibody(ANTI_PD1, pd1_days)] if pd1_days else [],
            duration_day=WEI_DAY + 5.0,
        )

    start = WEI_RADIATION_DAY
    return {
        "control": group(False, None),
        "rt": group(True, None),
        "pd1_before_rt": group(True, (start - 6.0, start - 3.0, start)),
        "rt_before_pd1": group(True, (start + 3.0, start + 6.0, start + 9.0)),
    }


def wei_checks(solutions: Mapping[str, Solution], _: Mapping[str, float]) -> list[Check]:
    control = solutions["control"]

    def abscopal(group: str) -> float:
        return inhibition(solutions[group], control, DISTANT, WEI_DAY)

    return [
        at_least(
            "anti-PD-1 after radiation minus radiation alone",
            abscopal("rt_before_pd1") - abscopal("rt"),
            0.2,
        ),
        at_most(
            "anti-PD-1 before radiation minus radiation alone",
            abscopal("pd1_before_rt") - abscopal("rt"),
            0.1,
        ),
    ]


WEI_2021 = Finding(
    id="P7",
    title="Anti-PD-1 after radiation gives an abscopal response; the same three doses before "
    "radiation almost abolish it",
    citation="Wei2021",
    model="mouse, MC38 colon carcinoma (C57BL/6), two flanks",
    parameter_set=MC38,
    expected="inhibition of the non-irradiated tumor 25 days after radiation: after >= radiation "
    "alone + 0.2, before <= radiation alone + 0.1",
    role="predicted",
    scenarios=wei_scenarios,
    evaluate=wei_checks,
    notes="Tumor model and radiation schedule were not retrieved: 8 Gy x 3 and three doses of "
    "anti-PD-1 every 3 days ending on the first fraction (before) or starting 3 days after it "
    "(after) are assumptions.",
)
