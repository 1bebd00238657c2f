"""GM-CSF (sargramostim) exposure: subcutaneous doses as a piecewise-constant dose rate.

Sargramostim is cleared within hours (elimination half-life about 1.4 h intravenous, 2-3 h after
subcutaneous injection; Leukine prescribing information), while the dendritic-cell response it
drives builds up over days. The model therefore does not resolve its concentration: each
injection is spread evenly over the ``EXPOSURE_WINDOW_DAY`` after it (a kinetic-pharmacodynamic
description in the sense of Jacqmin et al. 2007), and the slow effect state of the model
(``gm_csf_stimulation``) integrates that dose rate. Doses per body surface area use the
Livingston & Lee (2001) weight-only formula.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from abscopal.scenario import GmCsfCourse

EXPOSURE_WINDOW_DAY = 1.0
CITATIONS = ("Leukine", "Jacqmin2007", "LivingstonLee2001")


def body_surface_area_m2(body_weight_kg: float) -> float:
    """Adult body surface area from weight alone: 0.1173 W^0.6466 (Livingston & Lee 2001)."""
    return 0.1173 * body_weight_kg**0.6466


def dose_amount_ug(course: GmCsfCourse, body_weight_kg: float) -> float:
    """Amount per injection [ug]; per-m2 doses use the patient's body surface area."""
    if course.dose_ug is not None:
        return course.dose_ug
    assert course.dose_ug_per_m2 is not None
    return course.dose_ug_per_m2 * body_surface_area_m2(body_weight_kg)


def exposure_windows(
    courses: Sequence[GmCsfCourse], body_weight_kg: float
) -> list[tuple[float, float, float]]:
    """(start day, end day, dose rate [ug/day]) of every injection's exposure window."""
    windows = []
    for course in courses:
        rate = dose_amount_ug(course, body_weight_kg) / EXPOSURE_WINDOW_DAY
        for day in course.dose_days():
            windows.append((day, day + EXPOSURE_WINDOW_DAY, rate))
    return windows


def dose_rate_by_segment(
    boundary_day: np.ndarray, windows: list[tuple[float, float, float]]
) -> np.ndarray:
    """GM-CSF dose rate [ug/day] during the segment after each boundary; every window's start
    and end must be boundaries (overlapping windows add up)."""
    rate = np.zeros(boundary_day.shape[0])
    for start, end, value in windows:
        inside = (boundary_day >= start - 1e-9) & (boundary_day < end - 1e-9)
        rate[inside] += value
    return rate
