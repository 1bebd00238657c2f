"""One patient's scans arranged for a criterion: lesions with their roles, and day × lesion
tables of the criterion's measurement, non-target status and bone pattern."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abscopal.assessment.roles import assign_roles, lesion_values, normal_node_mm


@dataclass(frozen=True)
class PatientScans:
    """The scans of one patient, read for one criterion."""

    patient_id: str
    criteria: str
    days: np.ndarray  # sorted scan days; days[0] is the baseline
    lesions: pd.DataFrame  # indexed by lesion_id
    value: pd.DataFrame  # day x lesion: the criterion's measurement (NaN: not measured)
    status: pd.DataFrame  # day x lesion: present / absent / unequivocal_progression / None
    pattern: pd.DataFrame  # day x lesion: bone pattern or None

    @property
    def baseline_day(self) -> float:
        """Day of the baseline (earliest) scan."""
        return float(self.days[0])

    def ids(self, role: str) -> list[str]:
        """Lesion ids with the given role, in id order."""
        return sorted(self.lesions.index[self.lesions["role"] == role])

    def subset(self, lesion_ids: list[str]) -> PatientScans:
        """The same scans restricted to some lesions (roles re-assigned by the criterion rules)."""
        lesions = self.lesions.loc[lesion_ids].copy()
        lesions["role"] = assign_roles(lesions, self.criteria)
        return PatientScans(
            self.patient_id,
            self.criteria,
            self.days,
            lesions,
            self.value[lesion_ids],
            self.status[lesion_ids],
            self.pattern[lesion_ids],
        )


def _inferred_status(rows: pd.DataFrame, values: pd.Series, criteria: str) -> pd.Series:
    """Explicit non-target status, or absent/present read from the measurement."""
    explicit = rows["non_target_status"]
    normal_node = rows["is_lymph_node"] & (
        values < rows["organ"].map(lambda organ: normal_node_mm(organ, criteria))
    )
    gone = values.eq(0.0) if criteria in ("mda", "percist") else values.eq(0.0) | normal_node
    inferred = pd.Series(np.where(gone, "absent", "present"), index=rows.index, dtype=object)
    inferred[values.isna()] = None
    return explicit.where(explicit.notna(), inferred)


def _flag(value: object) -> bool | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return bool(value)


def patient_scans(rows: pd.DataFrame, criteria: str) -> PatientScans:
    """Arrange one patient's normalised rows (see ``normalise_measurements``)."""
    rows = rows.copy()
    rows["value"] = lesion_values(rows, criteria)
    rows["status"] = _inferred_status(rows, rows["value"], criteria)
    days = np.sort(rows["day"].unique())
    baseline = rows[rows["day"] == days[0]].set_index("lesion_id")
    first = rows.sort_values("day").groupby("lesion_id").first()
    lesions = pd.DataFrame(
        {
            "organ": first["organ"],
            "kind": first["kind"],
            "is_lymph_node": first["is_lymph_node"].astype(bool),
            "irradiated": first["irradiated"].map(_flag).astype(object),
            "dose_gy": rows.groupby("lesion_id")["dose_gy"].max(),
            "first_day": first["day"],
            "baseline_value": baseline["value"].reindex(first.index),
            "baseline_longest_mm": baseline["longest_diameter_mm"].reindex(first.index),
            "baseline_pattern": baseline["bone_pattern"].reindex(first.index),
        }
    )
    lesions.index.name = "lesion_id"
    lesions["role"] = assign_roles(lesions, criteria)

    day_index = np.searchsorted(days, rows["day"].to_numpy())
    lesion_index = lesions.index.get_indexer(rows["lesion_id"])

    def table(column: str, numeric: bool) -> pd.DataFrame:
        values = np.full(
            (len(days), len(lesions)),
            np.nan if numeric else None,
            dtype=float if numeric else object,
        )
        source = rows[column].to_numpy()
        if not numeric:
            source = np.array(
                [None if item is None or item != item else item for item in source], dtype=object
            )
        values[day_index, lesion_index] = source
        return pd.DataFrame(values, index=pd.Index(days, name="day"), columns=lesions.index)

    return PatientScans(
        patient_id=str(rows["patient_id"].iloc[0]),
        criteria=criteria,
        days=days,
        lesions=lesions,
        value=table("value", numeric=True),
        status=table("status", numeric=False),
        pattern=table("bone_pattern", numeric=False),
    )
