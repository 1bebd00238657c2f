"""RECIST 1.1 (Eisenhauer et al., Eur J Cancer 2009): response per time point from target,
non-target and new lesions (the criteria's overall-response table)."""

from __future__ import annotations

from typing import Any

from abscopal.assessment.scans import PatientScans
from abscopal.assessment.sum_based import (
    RECIST_RULE,
    SumRule,
    new_lesion_course,
    non_target_course,
    target_course,
    timepoint_row,
)

CODES = ("CR", "PR", "SD", "non-CR/non-PD", "PD", "NE")
RESPONSE_RANK = {"CR": 5, "PR": 4, "SD": 3, "non-CR/non-PD": 3, "PD": 1, "NE": 0}
PROGRESSION = frozenset({"PD"})


def overall_response(target: str | None, non_target: str | None, new_lesion: bool) -> str:
    """RECIST 1.1 overall response from the target, non-target and new-lesion categories."""
    if new_lesion or target == "PD" or non_target == "PD":
        return "PD"
    if target is None:  # non-target disease only
        if non_target == "CR":
            return "CR"
        if non_target == "NON_CR":
            return "non-CR/non-PD"
        return "NE"
    if target == "NE":
        return "NE"
    if target == "CR":
        return "CR" if non_target in (None, "CR") else "PR"
    return target  # PR or SD, non-target non-PD or not all evaluated


def evaluate(scans: PatientScans, rule: SumRule = RECIST_RULE) -> list[dict[str, Any]]:
    """One row per scan: sums, changes, categories and the overall response (None at baseline)."""
    targets = target_course(scans, rule)
    non_targets = non_target_course(scans)
    new = new_lesion_course(scans)
    rows = []
    for position, day in enumerate(targets.index):
        target = targets.loc[day]
        baseline = position == 0
        response = (
            None
            if baseline
            else overall_response(
                target["target_response"], non_targets[day], new.loc[day, "new_seen"]
            )
        )
        new_seen = bool(new.loc[day, "new_seen"])
        rows.append(timepoint_row(day, target, non_targets[day], new_seen, response))
    return rows
