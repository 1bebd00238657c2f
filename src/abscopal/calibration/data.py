"""Tumor-size time series for calibration: a long CSV with one measurement per row.

Columns: ``subject``, ``group``, ``day``, ``lesion`` and exactly one of ``volume_mm3`` or
``diameter_mm``. Every problem is reported as :class:`CalibrationDataError` naming the column
(and the first offending row) and the accepted form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from abscopal.errors import InputError

REQUIRED = ("subject", "group", "day", "lesion")
SIZE_COLUMNS = ("volume_mm3", "diameter_mm")


class CalibrationDataError(InputError):
    """Malformed calibration data; ``field`` names the column."""


@dataclass(frozen=True)
class TumorData:
    """Validated measurements: columns subject, group, day, lesion and ``size_column``."""

    table: pd.DataFrame
    size_column: str

    @property
    def groups(self) -> list[str]:
        """Group names in order of first appearance."""
        return list(dict.fromkeys(self.table["group"]))

    def group_table(self, group: str) -> pd.DataFrame:
        """The rows of one group."""
        return self.table[self.table["group"] == group]

    def volumes_mm3(self) -> np.ndarray:
        """Every measurement as a volume (spheres for diameters) [mm3]."""
        values = self.table[self.size_column].to_numpy(dtype=float)
        return values if self.size_column == "volume_mm3" else math.pi / 6.0 * values**3


def _first_bad_row(mask: pd.Series) -> int:
    return int(np.flatnonzero(mask.to_numpy())[0]) + 2  # header is line 1


def tumor_data_from_frame(frame: pd.DataFrame, source: str = "DATA") -> TumorData:
    """Validate a measurement table (see the module docstring for the columns)."""
    frame = frame.rename(columns=lambda name: str(name).strip())
    missing = [name for name in REQUIRED if name not in frame.columns]
    if missing:
        raise CalibrationDataError(
            missing[0],
            f"column missing from {source}; the CSV needs columns "
            f"{', '.join(REQUIRED)} and one of {' or '.join(SIZE_COLUMNS)}",
        )
    sizes = [name for name in SIZE_COLUMNS if name in frame.columns]
    if len(sizes) != 1:
        raise CalibrationDataError(
            "volume_mm3/diameter_mm",
            f"give exactly one size column ({' or '.join(SIZE_COLUMNS)}), found {len(sizes)}",
        )
    if frame.empty:
        raise CalibrationDataError("day", f"{source} has no measurement rows")
    size = sizes[0]
    table = frame[[*REQUIRED, size]].copy()
    for name in ("subject", "group", "lesion"):
        blank = table[name].isna() | (table[name].astype(str).str.strip() == "")
        if blank.any():
            raise CalibrationDataError(name, f"empty value on line {_first_bad_row(blank)}")
        table[name] = table[name].astype(str).str.strip()
    for name, rule, accepted in (
        ("day", lambda values: values >= 0, "a number of days >= 0"),
        (size, lambda values: values > 0, "a number > 0"),
    ):
        values = pd.to_numeric(table[name], errors="coerce")
        bad = values.isna() | ~np.isfinite(values) | ~rule(values.fillna(0))
        if bad.any():
            line = _first_bad_row(bad)
            raise CalibrationDataError(
                name, f"{table[name].iloc[line - 2]!r} on line {line} is not {accepted}"
            )
        table[name] = values.astype(float)
    duplicated = table.duplicated(["subject", "group", "lesion", "day"])
    if duplicated.any():
        raise CalibrationDataError(
            "day",
            f"line {_first_bad_row(duplicated)} repeats a subject/lesion/day measurement",
        )
    return TumorData(table.reset_index(drop=True), size)


def load_tumor_data(path: str | Path) -> TumorData:
    """Read and validate a calibration CSV."""
    path = Path(path)
    if not path.is_file():
        raise CalibrationDataError("DATA", f"no such file {str(path)!r} (a CSV file is expected)")
    try:
        frame = pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise CalibrationDataError("DATA", f"{path.name} is not a readable CSV ({error})") from None
    return tumor_data_from_frame(frame, path.name)
