"""Radiation with PD-L1 blockade and with the CTLA-4 / PD-L1 doublet: Deng 2014 (P3) and
Twyman-Saint Victor 2015 (P4)."""

from __future__ import annotations

from collections.abc import Mapping

from abscopal.parameters import get_parameter_set
from abscopal.solution import Solution
from abscopal.validation.experiments import (
    ANTI_CTLA4,
    ANTI_PDL1,
    CD8_DEPLETED,
    DISTANT,
    IRRADIATED,
    antibody,
    cohort_overrides,
    complete_response_share,
    inhibition,
    mouse,
    radiation,
)
from abscopal.validation.finding import Check, Finding, at_least, at_most

TSA = "mouse_tsa"
B16 = "mouse_b16"
DENG_DAY = 21.0
DENG_PDL1_DAYS = (0.0, 3.0, 6.0, 9.0)


def deng_scenarios(overrides: Mapping[str, float]) -> dict[str, dict]:
    def group(rt: bool, pdl1: bool, extra: Mapping[str, float] | None = None) -> dict:
        return mouse(
            TSA,
            overrides,
            irradiated_mm3=60.0,
            distant_mm3=40.0,
            radiotherapy=[radiation(12.0, 1)] if rt else [],
            drugs=[antibody(ANTI_PDL1, DENG_PDL1_DAYS)] if pdl1 else [],
            extra_overrides=extra,
            duration_day=30.0,
        )

    return {
        "control": group(False, False),
        "rt": group(True, False),
        "pdl1": group(False, True),
        "rt_pdl1": group(True, True),
        "control_cd8": group(False, False, CD8_DEPLETED),
        "rt_cd8": group(True, False, CD8_DEPLETED),
        "rt_pdl1_cd8": group(True, True, CD8_DEPLETED),
    }


def deng_checks(solutions: Mapping[str, Solution], _: Mapping[str, float]) -> list[Check]:
    control = solutions["control"]
    rt = solutions["rt"]
    pd_l1 = rt.observables()["pd_l1"][:, rt.lesion_names.index(IRRADIATED)]
    week = rt.time_day <= 7.0
    checks = [
        at_least(
            "PD-L1 of the irradiated tumor, peak in week 1 / day 0",
            float(pd_l1[week].max() / pd_l1[0]),
            1.2,
        )
    ]
    for lesion, label in ((IRRADIATED, "irradiated"), (DISTANT, "non-irradiated")):
        effect = {
            group: inhibition(solutions[group], control, lesion, DENG_DAY)
            for group in ("rt", "pdl1", "rt_pdl1")
        }
        checks.append(
            at_least(
                f"{label} tumor: combination minus best monotherapy",
                effect["rt_pdl1"] - max(effect["rt"], effect["pdl1"]),
                0.1,
            )
        )
    depleted = solutions["control_cd8"]
    synergy = inhibition(solutions["rt_pdl1_cd8"], depleted, DISTANT, DENG_DAY) - inhibition(
        solutions["rt_cd8"], depleted, DISTANT, DENG_DAY
    )
    checks.append(
        at_most("CD8-depleted: combination minus radiation (non-irradiated)", synergy, 0.05)
    )
    return checks


DENG_2014 = Finding(
    id="P3",
    title="Radiation raises tumor PD-L1; radiation + anti-PD-L1 beats either alone at both "
    "tumors; depleting CD8 cells removes the synergy",
    citation="Deng2014",
    model="mouse, TUBO HER2/neu mammary carcinoma (BALB/c), two flanks",
    parameter_set=TSA,
    expected="irradiated-tumor PD-L1 peak >= 1.2 x day 0; inhibition on day 21: combination >= "
    "best monotherapy + 0.1 at both tumors; with CD8 cells depleted <= radiation + 0.05",
    role="calibrated",
    scenarios=deng_scenarios,
    evaluate=deng_checks,
    notes="TUBO is simulated with the BALB/c mammary (TSA) set; 12 Gy x 1 and anti-PD-L1 every "
    "3 days x 4 from the day of radiation are recalled; CD8 depletion = no CD8 effector kill.",
)

TSV_COHORT = 20
TSV_CTLA4_DAYS = (2.0, 5.0, 8.0)
TSV_CR_DAY = 45.0
TSV_HIGH_PD_L1 = 4.0  # x the set's baseline PD-L1


def _tsv_group(
    overrides: Mapping[str, float], pdl1: bool, pd_l1_baseline: float | None = None
) -> dict:
    drugs = [antibody(ANTI_CTLA4, TSV_CTLA4_DAYS)]
    if pdl1:
        drugs.append(antibody(ANTI_PDL1, TSV_CTLA4_DAYS))
    return mouse(
        B16,
        overrides,
        irradiated_mm3=50.0,
        distant_mm3=30.0,
        radiotherapy=[radiation(20.0, 1)],
        drugs=drugs,
        duration_day=TSV_CR_DAY,
        pd_l1_baseline=pd_l1_baseline,
    )


def twyman_saint_victor_scenarios(overrides: Mapping[str, float]) -> dict[str, dict]:
    values = {**get_parameter_set(B16).values(), **overrides}
    groups: dict[str, dict] = {}
    for index, mouse_overrides in enumerate(cohort_overrides(overrides, values, TSV_COHORT, 0.3)):
        groups[f"doublet_{index}"] = _tsv_group(mouse_overrides, pdl1=False)
        groups[f"triple_{index}"] = _tsv_group(mouse_overrides, pdl1=True)
    high = TSV_HIGH_PD_L1 * values["pdl1_baseline"]
    groups["control"] = mouse(
        B16, overrides, irradiated_mm3=50.0, distant_mm3=30.0, duration_day=TSV_CR_DAY
    )
    groups["doublet_low_pd_l1"] = _tsv_group(
        overrides, False, values["pdl1_baseline"] / TSV_HIGH_PD_L1
    )
    groups["doublet_high_pd_l1"] = _tsv_group(overrides, False, high)
    return groups


def twyman_saint_victor_checks(
    solutions: Mapping[str, Solution], _: Mapping[str, float]
) -> list[Check]:
    doublet = [solutions[f"doublet_{k}"] for k in range(TSV_COHORT)]
    triple = [solutions[f"triple_{k}"] for k in range(TSV_COHORT)]
    doublet_cr = complete_response_share(doublet, TSV_CR_DAY)
    triple_cr = complete_response_share(triple, TSV_CR_DAY)
    control = solutions["control"]
    low = inhibition(solutions["doublet_low_pd_l1"], control, DISTANT, 25.0)
    high = inhibition(solutions["doublet_high_pd_l1"], control, DISTANT, 25.0)
    return [
        at_least("complete responses: triple minus doublet", triple_cr - doublet_cr, 0.3),
        at_most("complete responses with radiation + anti-CTLA-4", doublet_cr, 0.5),
        at_least("doublet abscopal inhibition: low minus high baseline PD-L1", low - high, 0.2),
    ]


TWYMAN_SAINT_VICTOR_2015 = Finding(
    id="P4",
    title="Radiation + anti-CTLA-4 + anti-PD-L1 gives clearly more complete responses than "
    "radiation + anti-CTLA-4; high tumor PD-L1 predicts failure of the doublet",
    citation="TwymanSaintVictor2015",
    model="mouse, B16-F10 melanoma (C57BL/6), two flanks",
    parameter_set=B16,
    expected=f"{TSV_COHORT} virtual mice per arm, complete response = every tumor < 1 mm3 on "
    f"day {TSV_CR_DAY:g}: triple >= doublet + 0.3, doublet <= 0.5; doublet inhibition of the "
    "non-irradiated tumor on day 25 at low PD-L1 >= high PD-L1 + 0.2",
    role="predicted",
    scenarios=twyman_saint_victor_scenarios,
    evaluate=twyman_saint_victor_checks,
    notes="20 Gy x 1 and antibodies on days 2, 5, 8 after radiation (schedule recalled); mice "
    "differ in growth rate and precursor frequency (log-normal quantiles, CV 30 %); low / high "
    f"PD-L1 = baseline / {TSV_HIGH_PD_L1:g} and x {TSV_HIGH_PD_L1:g}.",
)
