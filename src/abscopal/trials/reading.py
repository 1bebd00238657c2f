"""RECIST 1.1 reading of simulated cohorts without pandas in the per-patient loop.

Simulated visit tables are regular (every baseline lesion measured at every visit, no explicit
roles or non-target statuses; new lesions, kind ``new``, only from the scan that first sees
them), so each patient is a small (visits x lesions) array plus the day of its first new lesion
(progression from that scan on, in both readings: new lesions are out of the field). The
rules are the assessment package's own functions (measurability, target selection limits,
progression test, overall-response table, best overall response, out-of-field flags and the
lesion-level response); only the table plumbing is new. A test checks that it gives exactly
what :func:`abscopal.assessment.assess.assess` gives.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from abscopal.assessment.abscopal import is_out_of_field
from abscopal.assessment.best_response import best_overall_response
from abscopal.assessment.criteria import LESION_RESPONSE_PCT
from abscopal.assessment.recist import PROGRESSION, RESPONSE_RANK, overall_response
from abscopal.assessment.roles import (
    MAX_TARGETS,
    MAX_TARGETS_PER_ORGAN,
    NORMAL_NODE_MM,
    is_measurable,
)
from abscopal.assessment.sum_based import RECIST_RULE, TOLERANCE, is_progression, percent_change

READING_COLUMNS = (
    "patient_id",
    "best_overall_response",
    "progression_day",
    "last_scan_day",
    "n_out_of_field",
    "out_of_field_response",
    "first_abscopal_response_day",
    "out_of_field_best_overall_response",
    "out_of_field_progression_day",
)


def _targets(ids, organs, nodes, baseline, include) -> list[int]:
    order = sorted(
        (index for index in range(len(ids)) if include[index]),
        key=lambda index: (-baseline[index], ids[index]),
    )
    chosen: list[int] = []
    per_organ: dict[str, int] = {}
    for index in order:
        if not is_measurable(baseline[index], bool(nodes[index]), organs[index], "recist"):
            continue
        if per_organ.get(organs[index], 0) >= MAX_TARGETS_PER_ORGAN:
            continue
        chosen.append(index)
        per_organ[organs[index]] = per_organ.get(organs[index], 0) + 1
        if len(chosen) == MAX_TARGETS:
            break
    return chosen


def _read(days, values, ids, organs, nodes, include, new_from_day) -> tuple[str | None, float]:
    """Best overall response and first progression day of the lesions in ``include`` with a
    new lesion seen from ``new_from_day`` (infinite: none)."""
    baseline = values[0]
    targets = _targets(ids, organs, nodes, baseline, include)
    non_targets = [i for i in range(len(ids)) if include[i] and i not in targets]
    responses: list[str | None] = [None]
    base_sum = math.fsum(baseline[i] for i in targets)
    nadir = base_sum if targets else math.nan
    for visit in range(1, len(days)):
        current = values[visit]
        target = None
        if targets:
            total = math.fsum(current[i] for i in targets)
            if is_progression(total, nadir, RECIST_RULE):
                target = "PD"
            elif all(
                current[i] < NORMAL_NODE_MM if nodes[i] else current[i] <= 0.0 for i in targets
            ):
                target = "CR"
            elif percent_change(total, base_sum) <= RECIST_RULE.partial_response_pct + TOLERANCE:
                target = "PR"
            else:
                target = "SD"
            nadir = min(nadir, total)
        non_target = None
        if non_targets:
            gone = [
                current[i] == 0.0 or (nodes[i] and current[i] < NORMAL_NODE_MM) for i in non_targets
            ]
            non_target = "CR" if all(gone) else "NON_CR"
        responses.append(overall_response(target, non_target, days[visit] >= new_from_day))
    best, _ = best_overall_response(
        days,
        responses,
        rank=RESPONSE_RANK,
        progression=PROGRESSION,
        confirmations={},
        stable="SD",
        baseline_day=float(days[0]),
    )
    progression = next(
        (float(d) for d, r in zip(days, responses, strict=True) if r == "PD"), math.nan
    )
    return best, progression


def _response_onset(days: np.ndarray, values: np.ndarray) -> float:
    """First follow-up day with a >= 30 % fall from baseline (the lesion-level response of
    :mod:`abscopal.assessment.criteria`), NaN if none."""
    baseline = values[0]
    if not baseline > 0:
        return math.nan
    falls = 100.0 * (values[1:] - baseline) / baseline <= LESION_RESPONSE_PCT + TOLERANCE
    return float(days[1:][falls][0]) if falls.any() else math.nan


def read_recist(measurements: pd.DataFrame) -> pd.DataFrame:
    """Per patient of a simulated measurement table (as from
    :func:`~abscopal.assessment.simulated.measurements_from_timeseries`): best overall response
    and progression day on all lesions, the out-of-field reading (non-irradiated lesions, targets
    re-selected: best overall response and progression day) and the lesion-level abscopal
    response (>= 30 % fall of an out-of-field lesion)."""
    frame = measurements.sort_values(["patient_id", "day", "lesion_id"], kind="stable")
    is_new = frame["kind"].eq("new") if "kind" in frame else pd.Series(False, index=frame.index)
    first_new = frame.loc[is_new].groupby("patient_id")["day"].min()
    frame = frame.loc[~is_new]
    # one pass to numpy; each patient is then a contiguous slice (sorted by patient, day, lesion)
    patient_ids = frame["patient_id"].to_numpy()
    all_days = frame["day"].to_numpy(float)
    all_ids = frame["lesion_id"].astype(str).to_numpy(object)
    all_nodes = frame["is_lymph_node"].to_numpy(bool)
    all_organs = frame["organ"].astype(str).to_numpy(object)
    all_irradiated = frame["irradiated"].to_numpy()
    all_doses = frame["dose_gy"].to_numpy()
    all_values = np.where(
        all_nodes,
        frame["short_axis_mm"].to_numpy(float),
        frame["longest_diameter_mm"].to_numpy(float),
    )
    starts = np.flatnonzero(np.r_[True, patient_ids[1:] != patient_ids[:-1]])
    stops = np.r_[starts[1:], len(patient_ids)]
    rows = []
    for start, stop in zip(starts, stops, strict=True):
        patient_id = patient_ids[start]
        new_from_day = float(first_new.get(patient_id, math.inf))
        lesion_ids = all_ids[start:stop]
        ids = sorted(set(lesion_ids))
        column = {lesion: index for index, lesion in enumerate(ids)}
        days = np.unique(all_days[start:stop])
        values = np.full((len(days), len(ids)), np.nan)
        values[
            np.searchsorted(days, all_days[start:stop]),
            [column[lesion] for lesion in lesion_ids],
        ] = all_values[start:stop]
        first_row = {}
        for offset, lesion in enumerate(lesion_ids):
            first_row.setdefault(lesion, start + offset)
        first = [first_row[lesion] for lesion in ids]
        nodes = all_nodes[first]
        organs = [str(all_organs[row]) for row in first]
        outside = [
            bool(is_out_of_field(bool(irr), float(dose)))
            for irr, dose in zip(all_irradiated[first], all_doses[first], strict=True)
        ]
        everything = [True] * len(ids)
        best, progression = _read(days, values, ids, organs, nodes, everything, new_from_day)
        onsets = [_response_onset(days, values[:, i]) for i in range(len(ids)) if outside[i]]
        onset = min((day for day in onsets if day == day), default=math.nan)
        n_outside = int(sum(outside))
        read_outside = n_outside or new_from_day < math.inf  # new lesions are out of the field
        outside_best, outside_progression = (
            _read(days, values, ids, organs, nodes, outside, new_from_day)
            if read_outside
            else (None, math.nan)
        )
        rows.append(
            {
                "patient_id": patient_id,
                "best_overall_response": best,
                "progression_day": progression,
                "last_scan_day": float(days[-1]),
                "n_out_of_field": n_outside,
                "out_of_field_response": (onset == onset) if n_outside else None,
                "first_abscopal_response_day": onset,
                "out_of_field_best_overall_response": outside_best,
                "out_of_field_progression_day": outside_progression,
            }
        )
    return pd.DataFrame(rows, columns=list(READING_COLUMNS))
