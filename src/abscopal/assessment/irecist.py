"""iRECIST (Seymour et al., Lancet Oncol 2017): RECIST 1.1 for immunotherapy.

The first progression is unconfirmed (iUPD). It is confirmed (iCPD) only at a scan 28 to 56 days
(4 to 8 weeks) after the last iUPD scan that shows more: a further rise of the target sum by
>= 5 mm, renewed non-target progression, a rise of the new-target sum by >= 5 mm, another new
lesion, or progression in a category that was not progressing at iUPD. A scan that no longer
meets progression resets the bar (iCR, iPR or iSD again); a scan outside the window that still
meets progression starts a new iUPD. New lesions never enter the baseline sum: they are tracked
separately (up to five measurable new targets, at most two per organ).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from abscopal.assessment.recist import overall_response as recist_overall
from abscopal.assessment.scans import PatientScans
from abscopal.assessment.sum_based import (
    RECIST_RULE,
    TOLERANCE,
    new_lesion_course,
    non_target_course,
    target_course,
    timepoint_row,
)

CODES = ("iCR", "iPR", "iSD", "non-iCR/non-iUPD", "iUPD", "iCPD", "NE")
RESPONSE_RANK = {
    "iCR": 6,
    "iPR": 5,
    "iSD": 4,
    "non-iCR/non-iUPD": 4,
    "iUPD": 2,
    "iCPD": 1,
    "NE": 0,
}
PROGRESSION = frozenset({"iCPD"})
CONFIRMATION_WINDOW_DAYS = (28.0, 56.0)
FURTHER_INCREASE_MM = 5.0
_RECIST_TO_IRECIST = {
    "CR": "iCR",
    "PR": "iPR",
    "SD": "iSD",
    "non-CR/non-PD": "non-iCR/non-iUPD",
    "NE": "NE",
}


@dataclass
class _Episode:
    """An unconfirmed progression: what progressed and the burden when it was called."""

    last_day: float
    target_sum: float
    target: bool
    non_target: bool
    new_lesions: bool
    new_target_sum: float
    new_count: int


def _confirms(
    episode: _Episode, target_pd: bool, target_sum: float, non_target_pd: bool, new: Any
) -> bool:
    if episode.target:
        if (
            np.isfinite(target_sum)
            and target_sum - episode.target_sum >= FURTHER_INCREASE_MM - TOLERANCE
        ):
            return True
    elif target_pd:
        return True
    if non_target_pd:
        return True  # renewed unequivocal progression, or new progression of non-targets
    if episode.new_lesions:
        return bool(
            new["new_target_sum"] - episode.new_target_sum >= FURTHER_INCREASE_MM - TOLERANCE
            or new["new_count"] > episode.new_count
            or new["new_non_target_progression"]
        )
    return bool(new["new_present"])


def evaluate(scans: PatientScans) -> list[dict[str, Any]]:
    """One row per scan with the iRECIST response (None at baseline)."""
    targets = target_course(scans, RECIST_RULE)
    non_targets = non_target_course(scans)
    new_lesions = new_lesion_course(scans)
    rows = []
    episode: _Episode | None = None
    confirmed = False
    for position, day in enumerate(targets.index):
        target = targets.loc[day]
        new = new_lesions.loc[day]
        target_pd = target["target_response"] == "PD"
        non_target_pd = non_targets[day] == "PD"
        progressing = target_pd or non_target_pd or bool(new["new_present"])
        if position == 0:
            response = None
        elif confirmed:
            response = "iCPD"
        else:
            in_window = episode is not None and (
                CONFIRMATION_WINDOW_DAYS[0] - TOLERANCE
                <= day - episode.last_day
                <= CONFIRMATION_WINDOW_DAYS[1] + TOLERANCE
            )
            if in_window and _confirms(
                episode, target_pd, target["target_sum"], non_target_pd, new
            ):
                response, confirmed = "iCPD", True
            elif progressing:
                response = "iUPD"
                late = episode is not None and day - episode.last_day > CONFIRMATION_WINDOW_DAYS[1]
                if episode is None or late:
                    episode = _Episode(
                        last_day=day,
                        target_sum=target["target_sum"],
                        target=target_pd,
                        non_target=non_target_pd,
                        new_lesions=bool(new["new_present"]),
                        new_target_sum=float(new["new_target_sum"]),
                        new_count=int(new["new_count"]),
                    )
                else:
                    episode.last_day = day
            else:
                episode = None  # the bar is reset
                base = recist_overall(target["target_response"], non_targets[day], False)
                response = _RECIST_TO_IRECIST[base]
        row = timepoint_row(day, target, non_targets[day], bool(new["new_present"]), response)
        row["new_target_sum_mm"] = float(new["new_target_sum"])
        rows.append(row)
    return rows
