"""PERCIST 1.0 (Wahl et al., J Nucl Med 2009): FDG-PET response from SULpeak.

The primary reading follows the single hottest lesion on each scan (not necessarily the same
lesion). PMR: SULpeak >= 30 % and >= 0.8 units below baseline, no new lesion. PMD: SULpeak > 30 %
and > 0.8 units above baseline, a new FDG-avid lesion, or unequivocal progression (visible
increase in extent of uptake). CMR: every lesion at or below the mean liver SUL, no new lesion —
decidable only with a liver reference (column ``liver_sul_mean`` or the ``liver_sul_mean``
argument). With a liver reference the baseline must be measurable: hottest SULpeak >= 1.5 × liver
mean + 2 × liver SD (``liver_sul_sd``, 0 when not given), else the patient is not evaluable.
The TLG criterion (> 75 % rise in total lesion glycolysis) needs volumes of uptake that the
measurement table does not carry and is not applied.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from abscopal.assessment.scans import PatientScans
from abscopal.assessment.sum_based import TOLERANCE

CODES = ("CMR", "PMR", "SMD", "PMD", "NE")
RESPONSE_RANK = {"CMR": 5, "PMR": 4, "SMD": 3, "PMD": 1, "NE": 0}
PROGRESSION = frozenset({"PMD"})
CHANGE_PCT = 30.0
CHANGE_SUL = 0.8


def is_metabolic_response(baseline: float, value: float) -> bool:
    """>= 30 % and >= 0.8 SUL units below baseline."""
    if not (np.isfinite(baseline) and np.isfinite(value)) or baseline <= 0:
        return False
    return (
        100.0 * (baseline - value) / baseline >= CHANGE_PCT - TOLERANCE
        and baseline - value >= CHANGE_SUL - TOLERANCE
    )


def is_metabolic_progression(baseline: float, value: float) -> bool:
    """> 30 % and > 0.8 SUL units above baseline."""
    if not (np.isfinite(baseline) and np.isfinite(value)) or baseline <= 0:
        return False
    return (
        100.0 * (value - baseline) / baseline > CHANGE_PCT + TOLERANCE
        and value - baseline > CHANGE_SUL + TOLERANCE
    )


def evaluate(
    scans: PatientScans,
    liver_sul_mean: np.ndarray | None = None,
    liver_sul_sd: float = 0.0,
) -> list[dict[str, Any]]:
    """One row per scan with the PERCIST response (None at baseline).

    ``liver_sul_mean`` holds the liver reference per scan day (NaN where unknown), or is None.
    """
    existing = [i for i in scans.lesions.index if scans.lesions.loc[i, "role"] != "new"]
    new_ids = scans.ids("new")
    hottest = (
        scans.value[existing].max(axis=1, skipna=True).to_numpy()
        if existing
        else np.full(len(scans.days), np.nan)
    )
    baseline = float(hottest[0])
    liver = (
        np.full(len(scans.days), np.nan)
        if liver_sul_mean is None
        else np.asarray(liver_sul_mean, float)
    )
    measurable = not (
        np.isfinite(liver[0]) and baseline < 1.5 * liver[0] + 2.0 * liver_sul_sd - TOLERANCE
    )
    rows = []
    nadir = float("nan")
    for position, day in enumerate(scans.days):
        value = float(hottest[position])
        statuses = scans.status.iloc[position]
        new_seen = any(scans.lesions.loc[i, "first_day"] <= day for i in new_ids)
        if position == 0:
            response = None
        elif not measurable or not np.isfinite(value) or not np.isfinite(baseline):
            response = "NE"
        elif (
            new_seen
            or any(statuses[i] == "unequivocal_progression" for i in existing)
            or is_metabolic_progression(baseline, value)
        ):
            response = "PMD"
        elif np.isfinite(liver[position]) and value <= liver[position] + TOLERANCE:
            response = "CMR"
        elif is_metabolic_response(baseline, value):
            response = "PMR"
        else:
            response = "SMD"
        rows.append(
            {
                "day": float(day),
                "target_sum_mm": value,
                "change_from_baseline_pct": 100.0 * (value - baseline) / baseline
                if baseline > 0
                else float("nan"),
                "change_from_nadir_pct": 100.0 * (value - nadir) / nadir
                if nadir > 0
                else float("nan"),
                "target_response": None,
                "non_target_response": None,
                "new_lesions": new_seen,
                "overall_response": response,
            }
        )
        if np.isfinite(value):
            nadir = value if not np.isfinite(nadir) else min(nadir, value)
    return rows
