"""Sum-of-diameters reading shared by RECIST 1.1, iRECIST and mRECIST: per scan, the target sum
against baseline and nadir, the target and non-target categories, and new lesions."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from abscopal.assessment.roles import (
    MAX_TARGETS,
    MAX_TARGETS_PER_ORGAN,
    is_measurable,
    normal_node_mm,
)
from abscopal.assessment.scans import PatientScans

TOLERANCE = 1e-9  # thresholds are inclusive up to floating-point rounding of the sums


@dataclass(frozen=True)
class SumRule:
    """Thresholds of a sum-based criterion (percent of baseline or nadir, millimetres)."""

    partial_response_pct: float = -30.0
    progression_pct: float = 20.0
    progression_min_increase_mm: float = 5.0


RECIST_RULE = SumRule()
MRECIST_RULE = SumRule(progression_min_increase_mm=0.0)  # no absolute floor in mRECIST


def exact_sum(values: pd.Series) -> float:
    """Correctly rounded sum of the finite values, independent of their order (so lesion names and
    row order cannot change a threshold decision)."""
    return math.fsum(value for value in values if np.isfinite(value))


def percent_change(value: float, reference: float) -> float:
    """100 × (value − reference) / reference; +inf when growing from zero, NaN when unknown."""
    if not (np.isfinite(value) and np.isfinite(reference)):
        return float("nan")
    if reference == 0.0:
        return 0.0 if value == 0.0 else float("inf")
    return 100.0 * (value - reference) / reference


def is_progression(total: float, nadir: float, rule: SumRule) -> bool:
    """Whether a sum has grown enough above the nadir to be progression."""
    if not (np.isfinite(total) and np.isfinite(nadir)):
        return False
    return (
        percent_change(total, nadir) >= rule.progression_pct - TOLERANCE
        and total - nadir >= rule.progression_min_increase_mm - TOLERANCE
    )


def lesion_best_response(values: np.ndarray, normal_node_mm: float | None, rule: SumRule) -> str:
    """Lesion-level best response of one lesion's measurements in scan order (``values[0]`` is
    the baseline), read with the thresholds of a sum-based criterion as if the lesion were the
    only target. At each follow-up scan: PD when it has grown to progression above its running
    nadir, CR when it has disappeared (a node: short axis below ``normal_node_mm``), PR when it
    has fallen by ``rule.partial_response_pct`` from baseline, else SD. The best response is the
    best category before the first PD (RECIST 1.1: best response until progression); PD when
    none was better than SD; NE when nothing was seen at baseline (below the detection limit, a
    normal node) or no follow-up scan was measured."""
    values = np.asarray(values, dtype=float)

    def disappeared(value: float) -> bool:
        return value < normal_node_mm if normal_node_mm is not None else value == 0.0

    baseline = float(values[0]) if values.size else float("nan")
    if not np.isfinite(baseline) or disappeared(baseline):
        return "NE"
    best, nadir, measured = None, baseline, False
    rank = {"SD": 1, "PR": 2, "CR": 3}
    for value in (float(value) for value in values[1:]):
        if not np.isfinite(value):
            continue
        measured = True
        if is_progression(value, nadir, rule):
            return best if best in ("PR", "CR") else "PD"
        if disappeared(value):
            category = "CR"
        elif percent_change(value, baseline) <= rule.partial_response_pct + TOLERANCE:
            category = "PR"
        else:
            category = "SD"
        if best is None or rank[category] > rank[best]:
            best = category
        nadir = min(nadir, value)
    return best if measured and best is not None else "NE"


def _all_disappeared(scans: PatientScans, targets: list[str], values: pd.Series) -> bool:
    for lesion_id in targets:
        row = scans.lesions.loc[lesion_id]
        if row["is_lymph_node"]:
            if values[lesion_id] >= normal_node_mm(row["organ"], scans.criteria):
                return False
        elif values[lesion_id] > 0.0:
            return False
    return True


def target_course(scans: PatientScans, rule: SumRule) -> pd.DataFrame:
    """Per scan day: target sum, changes from baseline and nadir, target response (CR/PR/SD/PD/NE)."""
    targets = scans.ids("target")
    values = scans.value[targets]
    rows = []
    nadir = float("nan")
    baseline = float("nan")
    for position, day in enumerate(scans.days):
        current = values.iloc[position]
        complete = bool(current.notna().all()) and bool(targets)
        available = exact_sum(current)
        total = available if complete else float("nan")
        if position == 0:
            baseline = total
            response = None
        elif not targets:
            response = None
        elif complete:
            if is_progression(total, nadir, rule):
                response = "PD"
            elif _all_disappeared(scans, targets, current):
                response = "CR"
            elif percent_change(total, baseline) <= rule.partial_response_pct + TOLERANCE:
                response = "PR"
            else:
                response = "SD"
        else:
            response = "PD" if is_progression(available, nadir, rule) else "NE"
        rows.append(
            {
                "day": float(day),
                "target_sum": total,
                "nadir_before": nadir,
                "change_from_baseline_pct": percent_change(total, baseline),
                "change_from_nadir_pct": percent_change(total, nadir),
                "target_response": response,
            }
        )
        if np.isfinite(total):
            nadir = total if not np.isfinite(nadir) else min(nadir, total)
    return pd.DataFrame(rows).set_index("day")


def timepoint_row(
    day: float, target: pd.Series, non_target: str | None, new_lesions: bool, response: str | None
) -> dict[str, Any]:
    """One row of the time-point table of a sum-based criterion."""
    return {
        "day": day,
        "target_sum_mm": target["target_sum"],
        "change_from_baseline_pct": target["change_from_baseline_pct"],
        "change_from_nadir_pct": target["change_from_nadir_pct"],
        "target_response": target["target_response"],
        "non_target_response": non_target,
        "new_lesions": new_lesions,
        "overall_response": response,
    }


def non_target_response(statuses: pd.Series) -> str | None:
    """CR (all absent), NON_CR (some present), PD (unequivocal progression), NE (not assessed)."""
    if statuses.empty:
        return None
    values = list(statuses)
    if "unequivocal_progression" in values:
        return "PD"
    if any(value is None for value in values):
        return "NE"
    if all(value == "absent" for value in values):
        return "CR"
    return "NON_CR"


def non_target_course(scans: PatientScans) -> pd.Series:
    """Non-target category per scan day."""
    statuses = scans.status[scans.ids("non_target")]
    return pd.Series(
        [non_target_response(statuses.iloc[position]) for position in range(len(scans.days))],
        index=pd.Index(scans.days.astype(float), name="day"),
        dtype=object,
    )


def new_target_ids(scans: PatientScans) -> list[str]:
    """New lesions measurable at first appearance, at most 5 (2 per organ), earliest then largest."""
    new = scans.lesions.loc[scans.ids("new")]
    first_values = [scans.value.loc[row.first_day, lesion_id] for lesion_id, row in new.iterrows()]
    ranked = new.assign(first_value=first_values)
    mask = np.array(
        [
            is_measurable(value, node, organ, scans.criteria)
            for value, node, organ in zip(
                ranked["first_value"], ranked["is_lymph_node"], ranked["organ"], strict=True
            )
        ],
        dtype=bool,
    )
    ranked = ranked[mask]
    ranked = ranked.reset_index().sort_values(
        ["first_day", "first_value", "lesion_id"], ascending=[True, False, True], kind="stable"
    )
    chosen: list[str] = []
    per_organ: dict[str, int] = {}
    for lesion_id, organ in zip(ranked["lesion_id"], ranked["organ"], strict=True):
        if per_organ.get(str(organ), 0) < MAX_TARGETS_PER_ORGAN and len(chosen) < MAX_TARGETS:
            chosen.append(lesion_id)
            per_organ[str(organ)] = per_organ.get(str(organ), 0) + 1
    return chosen


def new_lesion_course(scans: PatientScans) -> pd.DataFrame:
    """Per scan day: new lesions seen so far, still present, their count, the sum of new target
    lesions (iRECIST) and whether a new non-target lesion progressed unequivocally."""
    new_ids = scans.ids("new")
    if not new_ids:
        index = pd.Index(scans.days.astype(float), name="day")
        return pd.DataFrame(
            {
                "new_seen": False,
                "new_present": False,
                "new_count": 0,
                "new_target_sum": 0.0,
                "new_non_target_progression": False,
            },
            index=index,
        )
    new_targets = new_target_ids(scans)
    status = scans.status[new_ids].ffill() if new_ids else scans.status[new_ids]
    rows = []
    for position, day in enumerate(scans.days):
        seen = [
            lesion_id for lesion_id in new_ids if scans.lesions.loc[lesion_id, "first_day"] <= day
        ]
        present = [lesion_id for lesion_id in seen if status.iloc[position][lesion_id] != "absent"]
        target_values = scans.value.iloc[position][[i for i in new_targets if i in seen]]
        rows.append(
            {
                "day": float(day),
                "new_seen": bool(seen),
                "new_present": bool(present),
                "new_count": len(seen),
                "new_target_sum": exact_sum(target_values),
                "new_non_target_progression": any(
                    scans.status.iloc[position][lesion_id] == "unequivocal_progression"
                    for lesion_id in seen
                    if lesion_id not in new_targets
                ),
            }
        )
    return pd.DataFrame(rows).set_index("day")
