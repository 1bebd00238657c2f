"""Assess lesion measurements with one response criterion: per time point, per lesion, per patient."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from abscopal.assessment.abscopal import (
    lesion_changes,
    lesion_rows,
    out_of_field_ids,
    patient_abscopal_summary,
)
from abscopal.assessment.best_response import best_overall_response
from abscopal.assessment.criteria import CRITERIA, Criterion
from abscopal.assessment.mda_bone import FLARE_WINDOW_DAYS, bone_scans
from abscopal.assessment.measurements import (
    MeasurementError,
    normalise_measurements,
    read_measurements,
)
from abscopal.assessment.scans import PatientScans, patient_scans

TIMEPOINT_COLUMNS = (
    "patient_id",
    "day",
    "criteria",
    "target_sum_mm",
    "change_from_baseline_pct",
    "change_from_nadir_pct",
    "overall_response",
    "target_response",
    "non_target_response",
    "new_lesions",
    "measure",
)


@dataclass(frozen=True)
class Assessment:
    """The tables of one assessment (pandas DataFrames) and the options that produced them."""

    criteria: str
    timepoints: pd.DataFrame
    lesions: pd.DataFrame
    patients: pd.DataFrame
    lesion_changes: pd.DataFrame
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def criterion(self) -> Criterion:
        """The criterion used."""
        return CRITERIA[self.criteria]


def _criterion(criteria: str) -> Criterion:
    try:
        return CRITERIA[criteria]
    except KeyError:
        raise MeasurementError(
            f"unknown criteria {criteria!r}; give one of {', '.join(CRITERIA)}", column="criteria"
        ) from None


def _evaluate(
    scans: PatientScans, criterion: Criterion, options: dict[str, Any], liver: np.ndarray | None
):
    if criterion.name == "mda":
        return criterion.evaluate(scans, flare_window_days=options["flare_window_days"])
    if criterion.name == "percist":
        return criterion.evaluate(scans, liver_sul_mean=liver, liver_sul_sd=options["liver_sul_sd"])
    return criterion.evaluate(scans)


def _best(
    rows: list[dict[str, Any]], scans: PatientScans, criterion: Criterion, options: dict[str, Any]
):
    return best_overall_response(
        [row["day"] for row in rows],
        [row["overall_response"] for row in rows],
        rank=criterion.rank,
        progression=criterion.progression,
        confirmations=criterion.confirmations,
        stable=criterion.stable,
        baseline_day=scans.baseline_day,
        confirm=options["confirm"],
        min_stable_days=options["min_stable_days"],
        unconfirmed=frozenset({"iUPD"}),
    )


def _progression_days(rows: list[dict[str, Any]], criterion: Criterion) -> list[float]:
    """Days of progression; a confirmed iRECIST progression dates from its first iUPD."""
    codes = [row["overall_response"] for row in rows]
    days = [row["day"] for row in rows]
    for position, code in enumerate(codes):
        if code in criterion.progression:
            start = position
            while start > 0 and codes[start - 1] == "iUPD":
                start -= 1
            return [days[start]]
    return []


def _liver_reference(
    rows: pd.DataFrame, days: np.ndarray, value: float | None
) -> np.ndarray | None:
    if rows["liver_sul_mean"].notna().any():
        per_day = rows.groupby("day")["liver_sul_mean"].max()
        return per_day.reindex(days).to_numpy(dtype=float)
    if value is not None:
        return np.full(len(days), float(value))
    return None


def _lesion_tables(scans: PatientScans, criterion: Criterion) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One patient's per-scan lesion changes and per-lesion table."""
    changes = lesion_changes(scans, criterion)
    return changes, pd.DataFrame(lesion_rows(scans, changes, criterion))


def assess(
    measurements: pd.DataFrame | str | Path,
    criteria: str = "recist",
    *,
    confirm: bool = False,
    min_stable_days: float = 0.0,
    flare_window_days: float = FLARE_WINDOW_DAYS,
    liver_sul_mean: float | None = None,
    liver_sul_sd: float = 0.0,
) -> Assessment:
    """Read every patient's scans with ``criteria`` (recist, irecist, mrecist, mda, percist).

    ``measurements`` is a long table (or a CSV path) as described in docs/assessment.md; raises
    :class:`MeasurementError` naming the line and column of the first problem.
    """
    criterion = _criterion(criteria)
    raw = read_measurements(measurements) if isinstance(measurements, str | Path) else measurements
    frame = normalise_measurements(raw, criteria)
    if criteria == "mda" and not frame["organ"].eq("bone").any():
        raise MeasurementError(
            "no lesion has organ 'bone'; the MD Anderson criteria read bone lesions", column="organ"
        )
    options = {
        "confirm": confirm,
        "min_stable_days": float(min_stable_days),
        "flare_window_days": float(flare_window_days),
        "liver_sul_mean": liver_sul_mean,
        "liver_sul_sd": float(liver_sul_sd),
    }
    timepoints, lesions, patients, changes = [], [], [], []
    for patient_id, rows in frame.groupby("patient_id", sort=True):
        scans = patient_scans(rows, criteria)
        if criteria == "mda":
            scans = bone_scans(scans)
        liver = _liver_reference(rows, scans.days, liver_sul_mean)
        if criteria == "percist" and rows["liver_sul_sd"].notna().any():
            options_here = {**options, "liver_sul_sd": float(rows["liver_sul_sd"].max())}
        else:
            options_here = options
        rows_out = _evaluate(scans, criterion, options_here, liver)
        for row in rows_out:
            timepoints.append(
                {
                    "patient_id": patient_id,
                    "criteria": criteria,
                    "measure": criterion.measure,
                    **row,
                }
            )
        best, best_day = _best(rows_out, scans, criterion, options)
        patient_changes, patient_lesions = _lesion_tables(scans, criterion)
        lesions.append(patient_lesions)
        changes.append(patient_changes)
        progression_days = _progression_days(rows_out, criterion)
        record = {
            "patient_id": patient_id,
            "criteria": criteria,
            "best_overall_response": best,
            "best_response_day": best_day,
            "progression_day": progression_days[0] if progression_days else np.nan,
            "baseline_day": scans.baseline_day,
            "last_scan_day": float(scans.days[-1]),
            "n_lesions": len(scans.lesions),
            "n_irradiated": int(sum(flag is True for flag in scans.lesions["irradiated"])),
        }
        if criteria == "irecist":
            unconfirmed = [row["day"] for row in rows_out if row["overall_response"] == "iUPD"]
            record["first_iupd_day"] = unconfirmed[0] if unconfirmed else np.nan
        record.update(patient_abscopal_summary(patient_lesions))
        outside = out_of_field_ids(scans)
        if outside:
            subset = scans.subset(outside)
            subset_rows = _evaluate(subset, criterion, options_here, liver)
            record["out_of_field_best_overall_response"] = _best(
                subset_rows, subset, criterion, options
            )[0]
            outside_progression = _progression_days(subset_rows, criterion)
            record["out_of_field_progression_day"] = (
                outside_progression[0] if outside_progression else np.nan
            )
        else:
            record["out_of_field_best_overall_response"] = None
            record["out_of_field_progression_day"] = np.nan
        patients.append(record)
    timepoint_frame = pd.DataFrame(timepoints)
    ordered = [column for column in TIMEPOINT_COLUMNS if column in timepoint_frame]
    extra = [column for column in timepoint_frame if column not in ordered]
    return Assessment(
        criteria=criteria,
        timepoints=timepoint_frame[ordered + extra],
        lesions=pd.concat(lesions, ignore_index=True),
        patients=pd.DataFrame(patients),
        lesion_changes=pd.concat(changes, ignore_index=True),
        options=options,
    )
