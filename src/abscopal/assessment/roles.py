"""What each criterion measures on a lesion, which lesions are measurable, and target selection.

RECIST 1.1 (Eisenhauer 2009): non-nodal lesions by longest diameter (measurable from 10 mm),
lymph nodes by short axis (measurable from 15 mm, normal below 10 mm); at most five targets, at
most two per organ, the largest measurable first. mRECIST (Lencioni & Llovet 2010) measures the
viable (arterially enhancing) diameter and treats porta hepatis nodes as malignant from 20 mm.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MAX_TARGETS = 5
MAX_TARGETS_PER_ORGAN = 2
MEASURABLE_LESION_MM = 10.0
MEASURABLE_NODE_MM = 15.0
NORMAL_NODE_MM = 10.0
PORTA_HEPATIS_NODE_MM = 20.0

MEASURES = {
    "recist": "sum of diameters (longest; short axis for nodes) [mm]",
    "irecist": "sum of diameters (longest; short axis for nodes) [mm]",
    "mrecist": "sum of viable (enhancing) diameters; short axis for nodes [mm]",
    "mda": "sum of bidimensional products of measurable bone lesions [mm^2]",
    "percist": "SULpeak of the hottest lesion [g/mL]",
}


def lesion_values(rows: pd.DataFrame, criteria: str) -> pd.Series:
    """The criterion's measurement of each row (NaN where not measured)."""
    if criteria in ("recist", "irecist"):
        return rows["short_axis_mm"].where(rows["is_lymph_node"], rows["longest_diameter_mm"])
    if criteria == "mrecist":
        return rows["short_axis_mm"].where(rows["is_lymph_node"], rows["viable_diameter_mm"])
    if criteria == "mda":
        longest = rows["longest_diameter_mm"]
        perpendicular = rows["short_axis_mm"].fillna(longest)
        return longest * perpendicular
    if criteria == "percist":
        return rows["sul_peak"]
    raise ValueError(f"unknown criteria {criteria!r}")


def is_porta_hepatis(organ: object) -> bool:
    """Whether the organ label names the porta hepatis (mRECIST node rule)."""
    return str(organ) == "porta_hepatis"


def normal_node_mm(organ: object, criteria: str) -> float:
    """Short axis below which a node counts as normal (non-pathological)."""
    if criteria == "mrecist" and is_porta_hepatis(organ):
        return PORTA_HEPATIS_NODE_MM
    return NORMAL_NODE_MM


def is_measurable(
    value: float, is_lymph_node: bool, organ: object, criteria: str, longest_mm: float = np.nan
) -> bool:
    """Whether a lesion with this baseline measurement can be a target lesion."""
    if not np.isfinite(value):
        return False
    if criteria == "mda":
        return bool(longest_mm >= MEASURABLE_LESION_MM)
    if criteria == "percist":
        return value > 0
    if is_lymph_node:
        threshold = MEASURABLE_NODE_MM
        if criteria == "mrecist" and is_porta_hepatis(organ):
            threshold = PORTA_HEPATIS_NODE_MM
        return bool(value >= threshold)
    return bool(value >= MEASURABLE_LESION_MM)


def select_targets(candidates: pd.DataFrame) -> list[str]:
    """Largest measurable lesions first, at most 2 per organ and 5 in all.

    ``candidates`` has columns ``lesion_id``, ``organ``, ``value`` (baseline measurement) and
    ``measurable``. Ties in size are broken by lesion id so the choice is reproducible.
    """
    if candidates.empty:  # e.g. an out-of-field reading whose only lesions are new ones
        return []
    ranked = candidates[candidates["measurable"].astype(bool)].sort_values(
        ["value", "lesion_id"], ascending=[False, True], kind="stable"
    )
    chosen: list[str] = []
    per_organ: dict[str, int] = {}
    for lesion_id, organ in zip(ranked["lesion_id"], ranked["organ"], strict=True):
        organ_key = str(organ)
        if per_organ.get(organ_key, 0) >= MAX_TARGETS_PER_ORGAN:
            continue
        chosen.append(lesion_id)
        per_organ[organ_key] = per_organ.get(organ_key, 0) + 1
        if len(chosen) == MAX_TARGETS:
            break
    return chosen


def assign_roles(lesions: pd.DataFrame, criteria: str) -> pd.Series:
    """Role of each lesion (``target``, ``non_target``, ``new``) for one patient.

    Lesions keep the kind given in the table when at least one is marked target; otherwise the
    targets are selected by :func:`select_targets` and every other baseline lesion is non-target.
    ``lesions`` is indexed by lesion id with ``kind``, ``organ``, ``is_lymph_node``,
    ``baseline_value`` and ``baseline_longest_mm``.
    """
    kinds = lesions["kind"]
    if kinds.eq("target").any():
        return kinds.fillna("non_target")
    roles = pd.Series("non_target", index=lesions.index, dtype=object)
    roles[kinds.eq("new")] = "new"
    baseline = lesions[roles.ne("new")]
    measurable = [
        is_measurable(value, node, organ, criteria, longest)
        for value, node, organ, longest in zip(
            baseline["baseline_value"],
            baseline["is_lymph_node"],
            baseline["organ"],
            baseline["baseline_longest_mm"],
            strict=True,
        )
    ]
    candidates = pd.DataFrame(
        {
            "lesion_id": baseline.index,
            "organ": baseline["organ"].to_numpy(),
            "value": baseline["baseline_value"].to_numpy(),
            "measurable": measurable,
        }
    )
    roles[select_targets(candidates)] = "target"
    return roles
