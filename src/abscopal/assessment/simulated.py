"""Turn simulated trajectories into the measurement table a radiologist would produce.

The simulator's sphere-equivalent diameter is read as the longest diameter (and the short axis
of lymph nodes), sampled at a visit schedule, with optional measurement noise. Lesions smaller
than the detection limit read as 0 mm (disappeared). Bone patterns come from the sclerotic
fraction: the model starts lytic, mixed and blastic lesions at 0.1, 0.4 and 0.8, and the
pattern read at a visit uses the midpoints (0.25, 0.6) — a lytic lesion that has passed 0.25
reads ``mixed`` (partial fill-in), a lytic or mixed one past 0.6 reads ``sclerotic_fill_in``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from abscopal.assessment.measurements import MeasurementError

if TYPE_CHECKING:
    from abscopal.solution import Solution

TIMESERIES_COLUMNS = ("time_day", "lesion", "organ", "irradiated", "diameter_mm")
PARTIAL_FILL_IN_FRACTION = 0.25
COMPLETE_FILL_IN_FRACTION = 0.6
DEFAULT_DETECTION_LIMIT_MM = 3.0


def is_timeseries(frame: pd.DataFrame) -> bool:
    """Whether a table is the simulator's ``timeseries.csv`` rather than measurements."""
    return all(column in frame.columns for column in TIMESERIES_COLUMNS)


def visit_schedule(
    last_day: float, visit_interval_day: float = 42.0, visit_days: Sequence[float] | None = None
) -> np.ndarray:
    """Scan days: the given ones, or baseline (day 0) and every ``visit_interval_day`` after."""
    if visit_days is not None:
        days = np.unique(np.asarray(visit_days, dtype=float))
        if days.size == 0 or days.min() < 0 or days.max() > last_day + 1e-9:
            raise MeasurementError(
                f"visit days must lie within the simulated 0 to {last_day:g} days", column="visits"
            )
        return days
    if not visit_interval_day > 0:
        raise MeasurementError("the visit interval must be a number of days > 0", column="visits")
    return np.arange(0.0, last_day + 1e-9, visit_interval_day)


def _bone_pattern(baseline: str, sclerotic_fraction: np.ndarray) -> np.ndarray:
    baseline = baseline or "lytic"
    patterns = np.full(sclerotic_fraction.shape, baseline, dtype=object)
    if baseline == "lytic":
        patterns[sclerotic_fraction >= PARTIAL_FILL_IN_FRACTION] = "mixed"
    if baseline in ("lytic", "mixed"):
        patterns[sclerotic_fraction >= COMPLETE_FILL_IN_FRACTION] = "sclerotic_fill_in"
    return patterns


def measurements_from_timeseries(
    frame: pd.DataFrame,
    *,
    visit_interval_day: float = 42.0,
    visit_days: Sequence[float] | None = None,
    noise_sd_mm: float = 0.0,
    noise_cv: float = 0.0,
    detection_limit_mm: float = DEFAULT_DETECTION_LIMIT_MM,
    seed: int = 0,
    patient_id: str = "simulated",
) -> pd.DataFrame:
    """Measurement table (one row per lesion per visit) from a simulated ``timeseries`` table.

    Noise on each size is ``true × (1 + noise_cv·z₁) + noise_sd_mm·z₂`` with standard normal z,
    drawn from ``seed``; SULpeak gets the relative part only. A ``patient_id`` column in ``frame``
    (virtual cohorts) is kept; otherwise every row belongs to ``patient_id``.
    """
    if noise_sd_mm < 0 or noise_cv < 0:
        raise MeasurementError("measurement noise must be >= 0", column="noise")
    frame = frame if "patient_id" in frame.columns else frame.assign(patient_id=patient_id)
    rng = np.random.default_rng(seed)
    records = []
    for (patient, lesion), rows in frame.groupby(["patient_id", "lesion"], sort=True):
        time = rows["time_day"].to_numpy(float)
        days = visit_schedule(float(time.max()), visit_interval_day, visit_days)

        def sample(column: str) -> np.ndarray:
            return np.interp(days, time, rows[column].to_numpy(float))  # noqa: B023

        def measured(true: np.ndarray, absolute: bool = True) -> np.ndarray:
            noisy = true * (1.0 + noise_cv * rng.standard_normal(true.shape))
            if absolute:
                noisy = noisy + noise_sd_mm * rng.standard_normal(true.shape)
            return np.maximum(noisy, 0.0)

        first = rows.iloc[0]
        node = bool(first.get("is_lymph_node", False))
        diameter = measured(sample("diameter_mm"))
        diameter[diameter < detection_limit_mm] = 0.0
        record = {
            "patient_id": patient,
            "lesion_id": lesion,
            "day": days,
            "organ": first["organ"],
            "is_lymph_node": node,
            "longest_diameter_mm": diameter,
            "short_axis_mm": diameter,
            "irradiated": bool(first["irradiated"]),
        }
        if "viable_diameter_mm" in rows:
            viable = measured(sample("viable_diameter_mm"))
            viable[viable < detection_limit_mm] = 0.0
            record["viable_diameter_mm"] = np.minimum(
                viable, np.where(diameter > 0, diameter, viable)
            )
        if "sul_peak" in rows:
            record["sul_peak"] = measured(sample("sul_peak"), absolute=False)
        if "dose_gy" in rows:
            record["dose_gy"] = float(first["dose_gy"])
        if first["organ"] == "bone" and "sclerotic_fraction" in rows:
            baseline = first.get("bone_pattern", "")
            baseline = "" if not isinstance(baseline, str) else baseline
            record["bone_pattern"] = _bone_pattern(baseline, sample("sclerotic_fraction"))
        records.append(pd.DataFrame(record))
    table = pd.concat(records, ignore_index=True)
    if "bone_pattern" in table:
        table["bone_pattern"] = table["bone_pattern"].where(table["bone_pattern"].notna(), "")
    return table.sort_values(["patient_id", "day", "lesion_id"], kind="stable").reset_index(
        drop=True
    )


def measurements_from_solution(solution: Solution, **options: object) -> pd.DataFrame:
    """Measurement table from a :class:`~abscopal.solution.Solution` (options as above)."""
    options.setdefault("patient_id", solution.scenario.name)
    return measurements_from_timeseries(solution.to_dataframe(), **options)  # type: ignore[arg-type]
