"""Building blocks of the validation experiments: syngeneic flank-tumor mice with their
radiotherapy and antibody schedules, and the read-outs the papers report (tumor volume relative
to the control group, growth delay, complete responses)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import NormalDist
from typing import Any

import numpy as np

from abscopal.models.state import L as LESION_STATE_INDEX
from abscopal.solution import Solution

MOUSE_WEIGHT_KG = 0.022
ANTI_CTLA4 = "anti_ctla4_9h10"
ANTI_PD1 = "anti_pd1_rmp1_14"
ANTI_PDL1 = "anti_pdl1_10f9g2"
ANTIBODY_DOSE_MG = 0.2  # 200 ug i.p., the dose of every mouse study in the suite
IRRADIATED = "irradiated"
DISTANT = "distant"
# CD8 depletion (anti-CD8 antibody) is encoded as the absence of CD8 effector killing.
CD8_DEPLETED = {"effector_kill_rate_per_day": 0.0}
# Ifnar1 knock-down in the irradiated tumor: the only irradiated lesion makes no type-I
# interferon signal, so no interferon reaches the DCs, the tumor's PD-L1 or its chemokines.
INTERFERON_BLOCKED = {"sting_signalling": 0.0}
COMPLETE_RESPONSE_MM3 = 1.0


def radiation(dose_per_fraction_gy: float, fractions: int, start_day: float = 0.0) -> dict:
    """Fractions on consecutive days to the irradiated flank (a 2-min small-animal field)."""
    return {
        "target": IRRADIATED,
        "dose_per_fraction_gy": dose_per_fraction_gy,
        "fractions": fractions,
        "start_day": start_day,
        "schedule": "daily",
        "blood_dose_per_fraction_gy": 0.01,
        "beam_on_time_min": 2.0,
    }


def antibody(drug: str, days: Sequence[float], dose_mg: float = ANTIBODY_DOSE_MG) -> dict:
    """Intraperitoneal antibody doses on the given days."""
    interval = float(days[1] - days[0]) if len(days) > 1 else 21.0
    expected = [days[0] + k * interval for k in range(len(days))]
    if not np.allclose(expected, days):
        raise ValueError("antibody days must be evenly spaced")
    return {
        "drug": drug,
        "dose_mg": dose_mg,
        "start_day": float(days[0]),
        "interval_day": interval,
        "doses": len(days),
        "route": "ip",
    }


def mouse(
    parameter_set: str,
    overrides: Mapping[str, float],
    *,
    irradiated_mm3: float,
    distant_mm3: float | None = None,
    radiotherapy: Sequence[dict] = (),
    drugs: Sequence[dict] = (),
    extra_overrides: Mapping[str, float] | None = None,
    duration_day: float = 30.0,
    pd_l1_baseline: float | None = None,
    lesion_parameters: Mapping[str, Mapping[str, float]] | None = None,
    irradiated_organ: str = "skin",
) -> dict[str, Any]:
    """A mouse with one irradiated tumor (a flank tumor unless ``irradiated_organ`` says
    otherwise) and optionally a non-irradiated flank tumor; day 0 is the first fraction.
    ``extra_overrides`` (interventions such as CD8 depletion) win over ``overrides`` (the
    robustness draw); ``lesion_parameters`` gives a lesion its own values (e.g. STING loss)."""
    lesions = [
        {"name": IRRADIATED, "organ": irradiated_organ, "baseline_volume_mm3": irradiated_mm3}
    ]
    if distant_mm3 is not None:
        lesions.append({"name": DISTANT, "organ": "skin", "baseline_volume_mm3": distant_mm3})
    for lesion in lesions:
        if pd_l1_baseline is not None:
            lesion["pd_l1_baseline"] = pd_l1_baseline
        own = (lesion_parameters or {}).get(lesion["name"])
        if own:
            lesion["parameters"] = dict(own)
    return {
        "name": "validation",
        "species": "mouse",
        "body_weight_kg": MOUSE_WEIGHT_KG,
        "parameter_set": parameter_set,
        "parameter_overrides": {**overrides, **(extra_overrides or {})},
        "lesions": lesions,
        "external_beam": list(radiotherapy),
        "checkpoint": list(drugs),
        "duration_day": duration_day,
        "output_interval_day": 1.0,
    }


def volume_mm3(solution: Solution, lesion: str, day: float) -> float:
    """Measured (viable + doomed + debris) volume of ``lesion`` on ``day`` [mm3]."""
    index = solution.lesion_names.index(lesion)
    volumes = solution.observables()["volume_mm3"][:, index]
    return float(np.interp(day, solution.time_day, volumes))


def lesion_state(solution: Solution, lesion: str, state: str) -> np.ndarray:
    """One state of ``lesion`` at the solution's output times."""
    index = solution.lesion_names.index(lesion)
    return solution.lesion_states[:, index, LESION_STATE_INDEX[state]]


def interferon_exposure(solution: Solution, lesion: str) -> float:
    """Area under the interferon state of ``lesion`` over the solution's output times [day]."""
    values = lesion_state(solution, lesion, "interferon")
    return float(np.trapezoid(values, solution.time_day))


def inhibition(treated: Solution, control: Solution, lesion: str, day: float) -> float:
    """Growth inhibition 1 - V_treated / V_control of ``lesion`` on ``day`` (0 = none, 1 = no
    tumor left), the read-out of tumor-volume curves."""
    return 1.0 - volume_mm3(treated, lesion, day) / volume_mm3(control, lesion, day)


def growth_delay_day(treated: Solution, control: Solution, lesion: str, multiple: float) -> float:
    """Extra days the treated ``lesion`` needs to reach ``multiple`` x its day-0 volume
    (the horizon counts when it never does)."""

    def time_to(solution: Solution) -> float:
        index = solution.lesion_names.index(lesion)
        volumes = solution.observables()["volume_mm3"][:, index]
        reached = np.nonzero(volumes >= multiple * volumes[0])[0]
        return float(solution.time_day[reached[0]] if reached.size else solution.time_day[-1])

    return time_to(treated) - time_to(control)


def complete_response_share(solutions: Sequence[Solution], day: float) -> float:
    """Share of mice whose every tumor is below 1 mm3 (not palpable) on ``day``."""
    cured = [
        all(
            volume_mm3(solution, lesion, day) < COMPLETE_RESPONSE_MM3
            for lesion in solution.lesion_names
        )
        for solution in solutions
    ]
    return float(np.mean(cured))


def cohort_overrides(
    overrides: Mapping[str, float], parameters: Mapping[str, float], size: int, cv: float
) -> list[dict[str, float]]:
    """``size`` virtual mice differing in tumor growth rate and precursor frequency: the
    log-normal quantiles (coefficient of variation ``cv``) paired in opposite order, so the
    cohort is the same in every run (no random draw)."""
    sigma = float(np.sqrt(np.log(1.0 + cv**2)))
    quantiles = [NormalDist().inv_cdf((k + 0.5) / size) for k in range(size)]
    mice = []
    for k, z in enumerate(quantiles):
        growth = parameters["tumor_gompertz_rate_per_day"] * np.exp(sigma * z - sigma**2 / 2)
        z_precursor = quantiles[(k * 7) % size]
        precursors = parameters["precursor_count_baseline"] * np.exp(
            sigma * z_precursor - sigma**2 / 2
        )
        mice.append(
            {
                **overrides,
                "tumor_gompertz_rate_per_day": float(growth),
                "precursor_count_baseline": float(precursors),
            }
        )
    return mice
