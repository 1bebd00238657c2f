"""Lesion measurements in long format: reading, checking and normalising.

One row per lesion per scan. Every problem is reported as a :class:`MeasurementError` naming the
CSV line and column and the accepted form, so the command line can print it as one message.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from abscopal.errors import InputError

KINDS = ("target", "non_target", "new")
NON_TARGET_STATUSES = ("present", "absent", "unequivocal_progression")
BONE_PATTERNS = ("lytic", "blastic", "mixed", "sclerotic_fill_in")
SIZE_COLUMNS = ("longest_diameter_mm", "short_axis_mm", "viable_diameter_mm")
NUMERIC_COLUMNS = (*SIZE_COLUMNS, "sul_peak", "dose_gy", "liver_sul_mean", "liver_sul_sd")
TRUE_WORDS = {"true", "yes", "1", "y", "t"}
FALSE_WORDS = {"false", "no", "0", "n", "f"}
NODE_ORGANS = {"lymph_node", "porta_hepatis"}
FIRST_DATA_LINE = 2  # line 1 of the CSV is the header


class MeasurementError(InputError):
    """A malformed measurement table: ``line`` (CSV line number, or None), ``column``, message;
    the field is ``line N, column 'name'``."""

    def __init__(self, message: str, line: int | None = None, column: str | None = None):
        self.line = line
        self.column = column
        where = []
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(", ".join(where), message)


def read_measurements(path: str | Path) -> pd.DataFrame:
    """Read a measurement CSV as text (checked and converted by :func:`normalise_measurements`)."""
    path = Path(path)
    if not path.is_file():
        raise MeasurementError(f"no such file: {path}")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise MeasurementError(f"{path} is not a readable CSV table ({error})") from None
    frame.columns = [str(column).strip() for column in frame.columns]
    if "_line" in frame.columns:
        raise MeasurementError(
            "the column name '_line' is reserved (it numbers the CSV lines); rename it",
            column="_line",
        )
    return frame


def _line(frame: pd.DataFrame, position: int) -> int:
    return int(frame["_line"].iloc[position])


def _blank(values: pd.Series) -> pd.Series:
    text = values.astype(str).str.strip()
    return values.isna() | text.eq("") | text.str.lower().isin({"nan", "na", "none"})


MAX_SIZE_MM = 1_000.0  # no lesion is a metre across; 1e308 mm overflowed the sums
MAX_NUMBER = {"dose_gy": 10_000.0, "sul": 1_000.0}


def number_column(
    frame: pd.DataFrame, column: str, accepted: str, high: float = MAX_SIZE_MM
) -> pd.Series:
    """The column as numbers >= 0 and <= ``high`` (blank → NaN); anything else is refused
    naming the CSV line (column ``_line``) and ``accepted``."""
    raw = frame[column]
    blank = _blank(raw)
    numbers = pd.to_numeric(raw.where(~blank), errors="coerce")
    bad = ~blank & (numbers.isna() | ~np.isfinite(numbers.fillna(0.0)))
    for refused, problem in (
        (bad, "is not a number"),
        (numbers < 0, "is negative"),
        (numbers > high, f"is larger than {high:g}"),
    ):
        if refused.any():
            position = int(np.flatnonzero(refused.to_numpy())[0])
            raise MeasurementError(
                f"{raw.iloc[position]!r} {problem}; give {accepted}",
                _line(frame, position),
                column,
            )
    return numbers.astype(float)


def boolean_column(frame: pd.DataFrame, column: str) -> pd.Series:
    """The column as true/false (yes/no, 1/0 accepted); anything else is refused naming the
    CSV line."""
    text = frame[column].astype(str).str.strip().str.lower()
    known = text.isin(TRUE_WORDS | FALSE_WORDS)
    if not known.all():
        position = int(np.flatnonzero(~known.to_numpy())[0])
        raise MeasurementError(
            f"{frame[column].iloc[position]!r} is not a yes/no value; give true or false",
            _line(frame, position),
            column,
        )
    return text.isin(TRUE_WORDS)


def _choices(
    frame: pd.DataFrame, column: str, accepted: Iterable[str], optional: bool
) -> pd.Series:
    accepted = tuple(accepted)
    text = frame[column].astype(str).str.strip().str.lower()
    blank = _blank(frame[column])
    bad = ~text.isin(accepted) & ~(blank if optional else False)
    if bad.any():
        position = int(np.flatnonzero(bad.to_numpy())[0])
        raise MeasurementError(
            f"{frame[column].iloc[position]!r} is not accepted; give one of {', '.join(accepted)}"
            + (" or leave it empty" if optional else ""),
            _line(frame, position),
            column,
        )
    return text.where(~blank, None)


def _days(frame: pd.DataFrame) -> pd.Series:
    if "day" in frame.columns:
        blank = _blank(frame["day"])
        days = pd.to_numeric(frame["day"].where(~blank), errors="coerce")
        bad = days.isna() | ~np.isfinite(days.fillna(0.0))
        if bad.any():
            position = int(np.flatnonzero(bad.to_numpy())[0])
            raise MeasurementError(
                f"{frame['day'].iloc[position]!r} is not a day number; give days since the start"
                " of treatment (e.g. -7, 0, 42)",
                _line(frame, position),
                "day",
            )
        return days.astype(float)
    try:
        dates = pd.to_datetime(frame["date"].str.strip(), format="ISO8601", errors="coerce")
    except (ValueError, TypeError, OverflowError):
        raise MeasurementError(
            "dates mix time zones (or dates with and without one); give plain dates "
            "(e.g. 2024-03-18) or one offset for all",
            column="date",
        ) from None
    if dates.isna().any():
        position = int(np.flatnonzero(dates.isna().to_numpy())[0])
        raise MeasurementError(
            f"{frame['date'].iloc[position]!r} is not an ISO 8601 date; give e.g. 2024-03-18",
            _line(frame, position),
            "date",
        )
    first = dates.groupby(frame["patient_id"]).transform("min")
    return (dates - first).dt.total_seconds() / 86400.0


def required_columns(criteria: str) -> tuple[str, ...]:
    """Measurement columns a criterion cannot do without (besides identifiers and time)."""
    return {
        "recist": ("longest_diameter_mm",),
        "irecist": ("longest_diameter_mm",),
        "mrecist": ("viable_diameter_mm",),
        "mda": ("longest_diameter_mm", "organ"),
        "percist": ("sul_peak",),
    }[criteria]


def normalise_measurements(frame: pd.DataFrame, criteria: str) -> pd.DataFrame:
    """Check a raw measurement table for ``criteria`` and return it typed and complete.

    The result has one row per lesion per scan, columns ``patient_id``, ``lesion_id``, ``day``,
    ``organ``, ``kind`` (None where not given), ``is_lymph_node``, the numeric columns (NaN where
    absent), ``bone_pattern``, ``non_target_status``, ``irradiated`` (None where the column is
    absent) and ``_line`` (the CSV line, for messages).
    """
    frame = frame.copy()
    frame.columns = [str(column).strip() for column in frame.columns]
    frame["_line"] = (
        np.arange(len(frame)) + FIRST_DATA_LINE if "_line" not in frame else frame["_line"]
    )
    missing = [column for column in ("patient_id", "lesion_id") if column not in frame.columns]
    if "day" not in frame.columns and "date" not in frame.columns:
        missing.append("day (or date)")
    missing += [column for column in required_columns(criteria) if column not in frame.columns]
    if missing:
        raise MeasurementError(
            f"missing column(s) {', '.join(missing)}; {criteria} needs patient_id, lesion_id, "
            f"day or date, {', '.join(required_columns(criteria))}",
        )
    if frame.empty:
        raise MeasurementError("the table has no rows")
    for column in ("patient_id", "lesion_id"):
        frame[column] = frame[column].astype(str).str.strip()
        blank = _blank(frame[column])
        if blank.any():
            position = int(np.flatnonzero(blank.to_numpy())[0])
            raise MeasurementError("is empty; give an identifier", _line(frame, position), column)
    out = pd.DataFrame(
        {
            "patient_id": frame["patient_id"],
            "lesion_id": frame["lesion_id"],
            "day": _days(frame),
            "_line": frame["_line"].astype(int),
        }
    )
    out["organ"] = (
        frame["organ"].astype(str).str.strip().str.lower().str.replace(" ", "_")
        if "organ" in frame.columns
        else None
    )
    if "organ" in frame.columns and _blank(frame["organ"]).any():
        position = int(np.flatnonzero(_blank(frame["organ"]).to_numpy())[0])
        raise MeasurementError(
            "is empty; give the organ (e.g. lung, liver, bone)", _line(frame, position), "organ"
        )
    out["kind"] = _choices(frame, "kind", KINDS, optional=True) if "kind" in frame else None
    node = boolean_column(frame, "is_lymph_node") if "is_lymph_node" in frame else False
    out["is_lymph_node"] = node | out["organ"].isin(NODE_ORGANS)
    for column in NUMERIC_COLUMNS:
        accepted = (
            "a number >= 0 (SUL units)"
            if column.startswith(("sul", "liver"))
            else ("a dose in Gy >= 0" if column == "dose_gy" else "a size in mm >= 0")
        )
        high = MAX_NUMBER.get("sul" if column.startswith(("sul", "liver")) else column, MAX_SIZE_MM)
        out[column] = number_column(frame, column, accepted, high) if column in frame else np.nan
    out["bone_pattern"] = (
        _choices(frame, "bone_pattern", BONE_PATTERNS, optional=True)
        if "bone_pattern" in frame
        else None
    )
    out["non_target_status"] = (
        _choices(frame, "non_target_status", NON_TARGET_STATUSES, optional=True)
        if "non_target_status" in frame
        else None
    )
    out["irradiated"] = boolean_column(frame, "irradiated") if "irradiated" in frame else None
    _check_duplicates(out)
    _check_constant_per_lesion(out)
    _check_baselines(out, criteria)
    return out.sort_values(["patient_id", "day", "lesion_id"], kind="stable").reset_index(drop=True)


def _check_duplicates(frame: pd.DataFrame) -> None:
    duplicated = frame.duplicated(["patient_id", "lesion_id", "day"], keep=False)
    if duplicated.any():
        rows = frame[duplicated].sort_values("_line")
        first, second = (
            rows.iloc[0],
            rows[
                (rows["patient_id"] == rows.iloc[0]["patient_id"])
                & (rows["lesion_id"] == rows.iloc[0]["lesion_id"])
                & (rows["day"] == rows.iloc[0]["day"])
            ].iloc[1],
        )
        raise MeasurementError(
            f"duplicate of line {first['_line']}: lesion {first['lesion_id']!r} of patient "
            f"{first['patient_id']!r} is measured twice on day {first['day']:g}; give one row per "
            "lesion per scan",
            int(second["_line"]),
            "lesion_id",
        )


def _check_constant_per_lesion(frame: pd.DataFrame) -> None:
    for column in ("organ", "kind", "is_lymph_node", "irradiated"):
        if frame[column].isna().all():
            continue
        values = frame[column].astype(str)
        counts = values.groupby([frame["patient_id"], frame["lesion_id"]]).transform("nunique")
        if (counts > 1).any():
            position = int(np.flatnonzero((counts > 1).to_numpy())[0])
            row = frame.iloc[position]
            raise MeasurementError(
                f"lesion {row['lesion_id']!r} of patient {row['patient_id']!r} changes {column} "
                "between scans; give the same value on every row of a lesion",
                int(row["_line"]),
                column,
            )


def _check_baselines(frame: pd.DataFrame, criteria: str) -> None:
    baseline_day = frame.groupby("patient_id")["day"].transform("min")
    first_seen = frame.groupby(["patient_id", "lesion_id"])["day"].transform("min")
    is_new = (
        frame["kind"].eq("new") if frame["kind"].notna().any() else pd.Series(False, frame.index)
    )
    at_baseline = frame["day"].eq(baseline_day)
    for patient, rows in frame.groupby("patient_id", sort=True):
        if not (at_baseline[rows.index] & ~is_new[rows.index]).any():
            raise MeasurementError(
                f"patient {patient!r} has no baseline: its first scan (day "
                f"{rows['day'].min():g}) has no target or non-target lesion; the earliest scan of "
                "each patient is its baseline",
                int(rows["_line"].min()),
                "kind",
            )
    late = ~is_new & first_seen.gt(baseline_day)
    if late.any():
        row = frame[late].sort_values("_line").iloc[0]
        raise MeasurementError(
            f"lesion {row['lesion_id']!r} of patient {row['patient_id']!r} is first measured on day "
            f"{first_seen[row.name]:g}, after the baseline scan (day {baseline_day[row.name]:g}); "
            "a lesion that appears after baseline must have kind 'new'",
            int(row["_line"]),
            "kind",
        )
    early_new = is_new & at_baseline
    if early_new.any():
        row = frame[early_new].sort_values("_line").iloc[0]
        raise MeasurementError(
            f"lesion {row['lesion_id']!r} is marked 'new' on the baseline scan; a new lesion can "
            "only appear at a follow-up scan (use target or non_target)",
            int(row["_line"]),
            "kind",
        )
    measure = required_columns(criteria)[0]
    if measure == "organ":
        return
    if measure in ("longest_diameter_mm", "viable_diameter_mm"):
        node_without_axis = (
            frame["is_lymph_node"] & frame["short_axis_mm"].isna() & frame[measure].notna()
        )
        if node_without_axis.any():
            row = frame[node_without_axis].sort_values("_line").iloc[0]
            raise MeasurementError(
                f"lesion {row['lesion_id']!r} is a lymph node, which is measured by its short "
                "axis; give short_axis_mm (mm >= 0)",
                int(row["_line"]),
                "short_axis_mm",
            )
    value = frame[measure]
    if measure in ("longest_diameter_mm", "viable_diameter_mm"):
        value = frame["short_axis_mm"].where(frame["is_lymph_node"], frame[measure])
    unmeasured = frame["kind"].eq("target") & at_baseline & value.isna()
    if unmeasured.any():
        row = frame[unmeasured].sort_values("_line").iloc[0]
        column = "short_axis_mm" if row["is_lymph_node"] else measure
        raise MeasurementError(
            f"target lesion {row['lesion_id']!r} has no baseline measurement; give {column}",
            int(row["_line"]),
            column,
        )
