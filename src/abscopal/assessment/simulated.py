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

import numpy as np
import pandas as pd

from abscopal.assessment.measurements import (
    FIRST_DATA_LINE,
    MAX_SIZE_MM,
    MeasurementError,
    boolean_column,
    number_column,
)

TIMESERIES_COLUMNS = ("time_day", "lesion", "organ", "irradiated", "diameter_mm")
BOOLEAN_COLUMNS = ("irradiated", "is_lymph_node")
MAX_DAY = 3650.0  # the longest follow-up a scenario simulates
MAX_VISITS = 10_000
READ_COLUMNS = {  # the numeric columns a reading uses, with their upper bounds
    "time_day": (MAX_DAY, "a day 0 to 3650"),
    "diameter_mm": (MAX_SIZE_MM, "a size in mm 0 to 1000"),
    "viable_diameter_mm": (MAX_SIZE_MM, "a size in mm 0 to 1000"),
    "sul_peak": (1_000.0, "a number 0 to 1000 (SUL units)"),
    "sclerotic_fraction": (1.0, "a fraction 0 to 1"),
    "dose_gy": (10_000.0, "a dose in Gy 0 to 10000"),
}
PARTIAL_FILL_IN_FRACTION = 0.25
COMPLETE_FILL_IN_FRACTION = 0.6
DEFAULT_DETECTION_LIMIT_MM = 3.0


def is_timeseries(frame: pd.DataFrame) -> bool:
    """Whether a table is the simulator's ``timeseries.csv`` rather than measurements."""
    return all(column in frame.columns for column in TIMESERIES_COLUMNS)


def typed_timeseries(frame: pd.DataFrame) -> pd.DataFrame:
    """A ``timeseries.csv`` read as text, typed strictly where a reading uses it: ``time_day``
    a day 0 to 3650, sizes, SULpeak, sclerotic fraction and dose finite, >= 0 and within
    :data:`READ_COLUMNS`' bounds, ``irradiated`` / ``is_lymph_node`` true or false; text, dates,
    negatives or blanks are refused naming the CSV line and column (they were coerced to NaN
    and assessed). Columns no reading uses are kept as text."""
    lines = frame.assign(_line=np.arange(len(frame)) + FIRST_DATA_LINE)
    typed = {}
    for column in frame.columns:
        if column in BOOLEAN_COLUMNS:
            typed[column] = boolean_column(lines, column)
        elif column not in READ_COLUMNS:
            typed[column] = frame[column]
        else:
            high, accepted = READ_COLUMNS[column]
            values = number_column(lines, column, accepted, high)
            if values.isna().any():
                position = int(np.flatnonzero(values.isna().to_numpy())[0])
                raise MeasurementError(
                    f"is empty; give {accepted}", position + FIRST_DATA_LINE, column
                )
            typed[column] = values
    return pd.DataFrame(typed, index=frame.index)


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
    if last_day / visit_interval_day + 1 > MAX_VISITS:  # counted before any array is built
        raise MeasurementError(
            f"a visit every {visit_interval_day:g} days over {last_day:g} days gives more than "
            f"{MAX_VISITS} scans; give a longer interval",
            column="visits",
        )
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
    if frame.empty:
        raise MeasurementError("the time series has no rows", column="time_day")
    frame = frame if "patient_id" in frame.columns else frame.assign(patient_id=patient_id)
    rng = np.random.default_rng(seed)
    # (patient, lesion) groups in sorted key order, rows in their original order within a group
    # (as ``groupby(sort=True)``), read once into numpy: each group is a contiguous slice
    frame = frame.sort_values(["patient_id", "lesion"], kind="stable")
    patients = frame["patient_id"].to_numpy()
    lesions = frame["lesion"].to_numpy()
    time_all = frame["time_day"].to_numpy(float)
    series = {
        column: frame[column].to_numpy(float)
        for column in ("diameter_mm", "viable_diameter_mm", "sul_peak", "sclerotic_fraction")
        if column in frame
    }
    organs = frame["organ"].to_numpy()
    nodes = frame["is_lymph_node"].to_numpy() if "is_lymph_node" in frame else None
    irradiated = frame["irradiated"].to_numpy()
    doses = frame["dose_gy"].to_numpy(float) if "dose_gy" in frame else None
    patterns = frame["bone_pattern"].to_numpy() if "bone_pattern" in frame else None
    changes = (patients[1:] != patients[:-1]) | (lesions[1:] != lesions[:-1])
    starts = np.flatnonzero(np.r_[True, changes])
    stops = np.r_[starts[1:], len(frame)]
    parts: dict[str, list] = {"day": [], "longest_diameter_mm": []}
    keys: dict[str, list] = {
        "patient_id": [],
        "lesion_id": [],
        "organ": [],
        "is_lymph_node": [],
        "irradiated": [],
    }
    if "viable_diameter_mm" in series:
        parts["viable_diameter_mm"] = []
    if "sul_peak" in series:
        parts["sul_peak"] = []
    if doses is not None:
        keys["dose_gy"] = []
    bone: list[tuple[int, np.ndarray]] = []
    lengths = []

    def measured(true: np.ndarray, absolute: bool = True) -> np.ndarray:
        noisy = true * (1.0 + noise_cv * rng.standard_normal(true.shape))
        if absolute:
            noisy = noisy + noise_sd_mm * rng.standard_normal(true.shape)
        return np.maximum(noisy, 0.0)

    for group, (first, stop) in enumerate(zip(starts, stops, strict=True)):
        time = time_all[first:stop]
        days = visit_schedule(float(time.max()), visit_interval_day, visit_days)

        def sample(column: str) -> np.ndarray:
            return np.interp(days, time, series[column][first:stop])  # noqa: B023

        diameter = measured(sample("diameter_mm"))
        diameter[diameter < detection_limit_mm] = 0.0
        lengths.append(len(days))
        parts["day"].append(days)
        parts["longest_diameter_mm"].append(diameter)
        keys["patient_id"].append(patients[first])
        keys["lesion_id"].append(lesions[first])
        keys["organ"].append(organs[first])
        keys["is_lymph_node"].append(bool(nodes[first]) if nodes is not None else False)
        keys["irradiated"].append(bool(irradiated[first]))
        if "viable_diameter_mm" in series:
            viable = measured(sample("viable_diameter_mm"))
            viable[viable < detection_limit_mm] = 0.0
            parts["viable_diameter_mm"].append(
                np.minimum(viable, np.where(diameter > 0, diameter, viable))
            )
        if "sul_peak" in series:
            parts["sul_peak"].append(measured(sample("sul_peak"), absolute=False))
        if doses is not None:
            keys["dose_gy"].append(float(doses[first]))
        if organs[first] == "bone" and "sclerotic_fraction" in series:
            baseline = patterns[first] if patterns is not None else ""
            baseline = "" if not isinstance(baseline, str) else baseline
            bone.append((group, _bone_pattern(baseline, sample("sclerotic_fraction"))))
    repeat = np.asarray(lengths)
    columns = {
        "patient_id": np.repeat(np.asarray(keys["patient_id"]), repeat),
        "lesion_id": np.repeat(np.asarray(keys["lesion_id"], dtype=object), repeat),
        "day": np.concatenate(parts["day"]),
        "organ": np.repeat(np.asarray(keys["organ"], dtype=object), repeat),
        "is_lymph_node": np.repeat(np.asarray(keys["is_lymph_node"], dtype=bool), repeat),
        "longest_diameter_mm": np.concatenate(parts["longest_diameter_mm"]),
    }
    columns["short_axis_mm"] = columns["longest_diameter_mm"].copy()
    columns["irradiated"] = np.repeat(np.asarray(keys["irradiated"], dtype=bool), repeat)
    for name in ("viable_diameter_mm", "sul_peak"):
        if name in parts:
            columns[name] = np.concatenate(parts[name])
    if "dose_gy" in keys:
        columns["dose_gy"] = np.repeat(np.asarray(keys["dose_gy"], dtype=float), repeat)
    if bone:
        pattern = np.full(len(columns["day"]), "", dtype=object)
        offsets = np.r_[0, np.cumsum(repeat)]
        for group, values in bone:
            pattern[offsets[group] : offsets[group + 1]] = values
        columns["bone_pattern"] = pattern
    table = pd.DataFrame(columns)
    return table.sort_values(["patient_id", "day", "lesion_id"], kind="stable").reset_index(
        drop=True
    )
