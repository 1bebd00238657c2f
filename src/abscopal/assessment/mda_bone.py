"""MD Anderson bone criteria (Hamaoka et al., J Clin Oncol 2004; Costelloe et al., J Cancer 2010).

Bone lesions only. Per scan, lesion by lesion:
- complete response of a lesion: a lytic or mixed lesion now reads ``sclerotic_fill_in``
  (complete sclerotic fill-in), or the lesion has disappeared (size 0 or status absent);
- partial response evidence: a lytic lesion now ``mixed`` (sclerotic rim, partial fill-in),
  a fall of >= 50 % in the sum of bidimensional products of measurable lesions (longest diameter
  >= 10 mm at baseline; longest × short axis, or longest squared without a short axis), or, within
  the flare window, sclerosis of previously undetected lesions (osteoblastic flare);
- progression: a measurable lesion whose product rose >= 25 % above its own nadir, a new bone
  lesion, unequivocal non-target progression — except that within the flare window (the first
  3 months, days counted from the start of treatment) growth of a lesion showing sclerotic change
  and new sclerotic lesions are read as flare, not progression.
The 50 %/25 % product thresholds are the WHO-style values quoted for MDA (see
research/validation.md §4.3: recalled, to be checked against Costelloe 2010).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from abscopal.assessment.scans import PatientScans
from abscopal.assessment.sum_based import TOLERANCE, exact_sum, percent_change

CODES = ("CR", "PR", "SD", "PD", "NE")
RESPONSE_RANK = {"CR": 5, "PR": 4, "SD": 3, "PD": 1, "NE": 0}
PROGRESSION = frozenset({"PD"})
PARTIAL_RESPONSE_PCT = -50.0
PROGRESSION_PCT = 25.0
FLARE_WINDOW_DAYS = 90.0
SCLEROTIC = frozenset({"sclerotic_fill_in", "blastic", "mixed"})


def fill_in(baseline_pattern: object, pattern: object) -> str | None:
    """'complete' or 'partial' sclerotic fill-in of a lesion lytic or mixed at baseline."""
    if baseline_pattern in ("lytic", "mixed") and pattern == "sclerotic_fill_in":
        return "complete"
    if baseline_pattern == "lytic" and pattern == "mixed":
        return "partial"
    return None


def bone_scans(scans: PatientScans) -> PatientScans:
    """The scans restricted to bone lesions."""
    bone = list(scans.lesions.index[scans.lesions["organ"] == "bone"])
    return scans if len(bone) == len(scans.lesions) else scans.subset(bone)


def evaluate(
    scans: PatientScans, flare_window_days: float = FLARE_WINDOW_DAYS
) -> list[dict[str, Any]]:
    """One row per scan with the MDA response (None at baseline)."""
    scans = bone_scans(scans)
    existing = [i for i in scans.lesions.index if scans.lesions.loc[i, "role"] != "new"]
    new_ids = scans.ids("new")
    lesions = scans.lesions
    measurable = [
        i
        for i in existing
        if np.isfinite(lesions.loc[i, "baseline_longest_mm"])
        and lesions.loc[i, "baseline_longest_mm"] >= 10.0
    ]
    products = scans.value[measurable]
    rows = []
    nadir_sum = float("nan")
    lesion_nadir = products.iloc[0].copy()
    baseline_sum = (
        exact_sum(products.iloc[0])
        if measurable and products.iloc[0].notna().all()
        else float("nan")
    )
    for position, day in enumerate(scans.days):
        current = products.iloc[position]
        complete = bool(current.notna().all())
        total = exact_sum(current) if measurable and complete else float("nan")
        in_flare = day <= flare_window_days + TOLERANCE
        response = None
        if position > 0 and not existing:
            response = "NE"
        elif position > 0:
            patterns = scans.pattern.iloc[position]
            statuses = scans.status.iloc[position]
            progression = any(statuses[i] == "unequivocal_progression" for i in existing)
            for lesion_id in measurable:
                grew = (
                    percent_change(current[lesion_id], lesion_nadir[lesion_id])
                    >= PROGRESSION_PCT - TOLERANCE
                )
                flare = in_flare and patterns[lesion_id] in SCLEROTIC
                progression |= bool(grew and not flare)
            new_seen = [i for i in new_ids if lesions.loc[i, "first_day"] <= day]
            flare_new = [
                i
                for i in new_seen
                if in_flare
                and scans.pattern.loc[lesions.loc[i, "first_day"], i]
                in ("blastic", "sclerotic_fill_in")
            ]
            progression |= len(new_seen) > len(flare_new)
            fills = [fill_in(lesions.loc[i, "baseline_pattern"], patterns[i]) for i in existing]
            gone = [
                statuses[i] == "absent" or scans.value.iloc[position][i] == 0.0 for i in existing
            ]
            if progression:
                response = "PD"
            elif (
                all(
                    fill == "complete" or is_gone for fill, is_gone in zip(fills, gone, strict=True)
                )
                and not new_seen
            ):
                response = "CR"
            elif (
                any(fill is not None for fill in fills)
                or percent_change(total, baseline_sum) <= PARTIAL_RESPONSE_PCT + TOLERANCE
                or any(gone)
                or flare_new
            ):
                response = "PR"
            elif measurable and not complete:
                response = "NE"
            else:
                response = "SD"
        rows.append(
            {
                "day": float(day),
                "target_sum_mm": total,
                "change_from_baseline_pct": percent_change(total, baseline_sum),
                "change_from_nadir_pct": percent_change(total, nadir_sum),
                "target_response": None,
                "non_target_response": None,
                "new_lesions": bool([i for i in new_ids if lesions.loc[i, "first_day"] <= day]),
                "overall_response": response,
            }
        )
        if np.isfinite(total):
            nadir_sum = total if not np.isfinite(nadir_sum) else min(nadir_sum, total)
        lesion_nadir = np.fmin(lesion_nadir, current)
    return rows
