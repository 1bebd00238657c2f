"""Abscopal classification: which non-irradiated lesions respond, when, and at what dose.

A lesion is out of field when it is not irradiated and, if its dose is given, received under
20 Gy. Dose categories follow research/validation.md §4.6: ``in_field`` (irradiated, or >= 20 Gy),
``low_dose_1_20_gy`` (scatter 1 to < 20 Gy), ``under_1_gy``, ``unknown`` (not irradiated, no dose
given). A lesion responds at a scan when the criterion's lesion-level rule holds (RECIST-family:
>= 30 % fall from baseline, as Golden 2015 and the Y-90 literature define an abscopal response);
the onset day is the first such scan (latency).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from abscopal.assessment.criteria import Criterion
from abscopal.assessment.roles import normal_node_mm
from abscopal.assessment.scans import PatientScans
from abscopal.assessment.sum_based import lesion_best_response, percent_change

IN_FIELD_DOSE_GY = 20.0
LOW_DOSE_GY = 1.0


def dose_category(irradiated: object, dose_gy: float) -> str:
    """``in_field``, ``low_dose_1_20_gy``, ``under_1_gy`` or ``unknown``."""
    if irradiated is True or (np.isfinite(dose_gy) and dose_gy >= IN_FIELD_DOSE_GY):
        return "in_field"
    if not np.isfinite(dose_gy):
        return "unknown"
    return "low_dose_1_20_gy" if dose_gy >= LOW_DOSE_GY else "under_1_gy"


def is_out_of_field(irradiated: object, dose_gy: float) -> bool | None:
    """Whether a lesion is out of field (None when irradiation was not recorded)."""
    if irradiated is None:
        return None
    return not bool(irradiated) and not (np.isfinite(dose_gy) and dose_gy >= IN_FIELD_DOSE_GY)


CHANGE_COLUMNS = (
    "patient_id",
    "lesion_id",
    "day",
    "role",
    "irradiated",
    "value",
    "bone_pattern",
    "change_from_baseline_pct",
    "responding",
)


def lesion_changes(scans: PatientScans, criterion: Criterion) -> pd.DataFrame:
    """Per lesion per scan: the criterion's measurement, % change from baseline, response."""
    records = []
    for lesion_id, lesion in scans.lesions.iterrows():
        baseline = float(lesion["baseline_value"])
        for day in scans.days:
            value = float(scans.value.loc[day, lesion_id])
            if not np.isfinite(value) and scans.pattern.loc[day, lesion_id] is None:
                continue
            change = percent_change(value, baseline) if lesion["role"] != "new" else np.nan
            records.append(
                {
                    "patient_id": scans.patient_id,
                    "lesion_id": lesion_id,
                    "day": float(day),
                    "role": lesion["role"],
                    "irradiated": lesion["irradiated"],
                    "value": value,
                    "bone_pattern": scans.pattern.loc[day, lesion_id],
                    "change_from_baseline_pct": change,
                    "responding": lesion["role"] != "new"
                    and day > scans.baseline_day
                    and criterion.lesion_response(
                        baseline,
                        value,
                        lesion["baseline_pattern"],
                        scans.pattern.loc[day, lesion_id],
                    ),
                }
            )
    return pd.DataFrame(records, columns=CHANGE_COLUMNS)


def lesion_rows(
    scans: PatientScans, changes: pd.DataFrame, criterion: Criterion
) -> list[dict[str, Any]]:
    """One record per lesion: best change, lesion-level best response (sum-based criteria),
    whether and when it responded, dose category — read from the patient's per-scan table of
    :func:`lesion_changes`."""
    records = []
    follow_up = changes[changes["day"] > scans.baseline_day]
    by_lesion = dict(tuple(follow_up.groupby("lesion_id", sort=False)))
    empty = follow_up.iloc[0:0]
    for lesion_id, lesion in scans.lesions.iterrows():
        own = by_lesion.get(lesion_id, empty)
        finite = own[np.isfinite(own["change_from_baseline_pct"].astype(float))]
        responding = own.loc[own["responding"], "day"]
        out_of_field = is_out_of_field(lesion["irradiated"], float(lesion["dose_gy"]))
        existing = lesion["role"] != "new"
        best = (
            finite.loc[finite["change_from_baseline_pct"].astype(float).idxmin()]
            if len(finite) and existing
            else None
        )
        records.append(
            {
                "patient_id": scans.patient_id,
                "lesion_id": lesion_id,
                "organ": lesion["organ"],
                "role": lesion["role"],
                "irradiated": lesion["irradiated"],
                "dose_gy": lesion["dose_gy"],
                "dose_category": dose_category(lesion["irradiated"], float(lesion["dose_gy"]))
                if lesion["irradiated"] is not None
                else "unknown",
                "out_of_field": out_of_field,
                "baseline_value": float(lesion["baseline_value"]) if existing else np.nan,
                "best_change_pct": float(best["change_from_baseline_pct"])
                if best is not None
                else np.nan,
                "best_change_day": float(best["day"]) if best is not None else np.nan,
                "best_response": _lesion_best_response(scans, lesion_id, criterion)
                if existing
                else None,
                "responded": bool(len(responding)),
                "onset_day": float(responding.iloc[0]) if len(responding) else np.nan,
                "abscopal_response": (bool(len(responding)) if out_of_field and existing else None)
                if out_of_field is not None
                else None,
            }
        )
    return records


def _lesion_best_response(scans: PatientScans, lesion_id: str, criterion: Criterion) -> str | None:
    """The lesion-level best response from the criterion's sum rule (None without one)."""
    if criterion.sum_rule is None:
        return None
    lesion = scans.lesions.loc[lesion_id]
    node_mm = normal_node_mm(lesion["organ"], scans.criteria) if lesion["is_lymph_node"] else None
    return lesion_best_response(
        scans.value[lesion_id].to_numpy(dtype=float), node_mm, criterion.sum_rule
    )


def out_of_field_ids(scans: PatientScans) -> list[str] | None:
    """Lesions counted in the out-of-field reading (new lesions included); None if unknown."""
    flags = [
        is_out_of_field(row["irradiated"], float(row["dose_gy"]))
        for _, row in scans.lesions.iterrows()
    ]
    if any(flag is None for flag in flags):
        return None
    return [
        lesion_id
        for lesion_id, flag, role in zip(
            scans.lesions.index, flags, scans.lesions["role"], strict=True
        )
        if flag or role == "new"
    ]


def patient_abscopal_summary(lesions: pd.DataFrame) -> dict[str, Any]:
    """Per patient: out-of-field response (any responding lesion) and its first onset day."""
    candidates = lesions[lesions["abscopal_response"].notna()]
    if lesions["out_of_field"].isna().any() or candidates.empty:
        return {
            "n_out_of_field": len(candidates),
            "out_of_field_response": None,
            "first_abscopal_response_day": np.nan,
        }
    responders = candidates[candidates["abscopal_response"].astype(bool)]
    return {
        "n_out_of_field": len(candidates),
        "out_of_field_response": bool(len(responders)),
        "first_abscopal_response_day": float(responders["onset_day"].min())
        if len(responders)
        else np.nan,
    }
