"""Build measurement tables for the assessment tests."""

from __future__ import annotations

from typing import Any

import pandas as pd

from abscopal.assessment import assess


def lesion_rows(lesion_id: str, sizes: dict[float, float], **fields: Any) -> list[dict[str, Any]]:
    """One row per scan day of one lesion (``sizes``: day -> longest diameter or short axis)."""
    fields.setdefault("patient_id", "P1")
    fields.setdefault("organ", "lung")
    fields.setdefault("kind", "target")
    fields.setdefault("is_lymph_node", False)
    fields.setdefault("irradiated", False)
    column = "short_axis_mm" if fields["is_lymph_node"] else "longest_diameter_mm"
    rows = []
    for day, size in sizes.items():
        row = {"lesion_id": lesion_id, "day": day, column: size, **fields}
        if fields["is_lymph_node"]:
            row.setdefault("longest_diameter_mm", size)
        rows.append(row)
    return rows


def table(*lesions: list[dict[str, Any]]) -> pd.DataFrame:
    """Concatenate lesion rows into one measurement table."""
    return pd.DataFrame([row for rows in lesions for row in rows])


def responses(frame: pd.DataFrame, criteria: str = "recist", **options: Any) -> list[str | None]:
    """Overall response per scan (None at baseline) of the only patient."""
    result = assess(frame, criteria, **options)
    return [
        None if value is None or value != value else value
        for value in result.timepoints["overall_response"]
    ]


def best(frame: pd.DataFrame, criteria: str = "recist", **options: Any) -> str:
    """Best overall response of the only patient."""
    return str(assess(frame, criteria, **options).patients["best_overall_response"].iloc[0])
