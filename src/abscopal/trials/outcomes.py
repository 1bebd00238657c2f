"""Per-patient outcomes of one chunk: noisy visit measurements read with RECIST 1.1 on all
lesions and on the non-irradiated lesions alone (the PEMBRO-RT out-of-field reading). Occult
lesions enter the measurements as new lesions at the first scan that sees them. The reading is
:func:`abscopal.trials.reading.read_recist`, built on the assessment package's rules and tested
to equal :func:`abscopal.assessment.assess.assess` exactly."""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from abscopal.assessment.simulated import measurements_from_timeseries
from abscopal.trials.cohort import visit_days
from abscopal.trials.reading import read_recist
from abscopal.trials.spec import TrialSpec

OUTCOME_COLUMNS = (
    "patient_id",
    "arm",
    "status",
    "pd_l1_stratum",
    "best_overall_response",
    "out_of_field_best_overall_response",
    "out_of_field_response",
    "first_abscopal_response_day",
    "progression_day",
    "out_of_field_progression_day",
    "last_scan_day",
    "n_out_of_field",
    "best_out_of_field_change_pct",
    "read_out_best_overall_response",
    "read_out_out_of_field_best_overall_response",
)


def chunk_seed(spec: TrialSpec, arm: str, key: str) -> int:
    """Seed of a chunk's measurement noise: fixed by the trial seed, arm and chunk."""
    return zlib.crc32(f"{spec.seed}/{arm}/{key}".encode())


def surface_new_lesions(
    measurements: pd.DataFrame, occult: pd.DataFrame, detection_mm: float
) -> pd.DataFrame:
    """The measurement table as a reader sees it: each occult lesion (``occult`` rows of
    ``patient_id``, ``lesion``) appears, with kind ``new``, from the first scan on which its
    measured longest diameter reaches ``detection_mm`` (follow-up scans only: at baseline it is
    occult by definition, whatever the noise); before that, or if never, it is absent.
    Every other lesion keeps kind None (roles chosen by the criteria)."""
    keys = pd.MultiIndex.from_frame(occult[["patient_id", "lesion"]].drop_duplicates())
    rows = pd.MultiIndex.from_arrays([measurements["patient_id"], measurements["lesion_id"]])
    is_occult = rows.isin(keys)
    baseline_day = measurements["day"].min()
    seen = (
        is_occult
        & (measurements["longest_diameter_mm"].to_numpy() >= detection_mm)
        & (measurements["day"].to_numpy() > baseline_day)  # occult by definition at baseline
    )
    first_seen = (
        measurements.loc[seen]
        .groupby(["patient_id", "lesion_id"])["day"]
        .min()
        .reindex(rows[is_occult])
        .to_numpy()
    )
    keep = ~is_occult
    keep[is_occult] = measurements["day"].to_numpy()[is_occult] >= first_seen  # NaN: never
    table = measurements.assign(kind=np.where(is_occult, "new", None))
    return table.loc[keep].reset_index(drop=True)


def best_out_of_field_change(measurements: pd.DataFrame) -> pd.Series:
    """Per patient, the lowest percent change from baseline of the summed diameters of the
    non-irradiated lesions present at baseline (NaN without such lesions)."""
    outside = measurements[~measurements["irradiated"]]
    if "kind" in outside:
        outside = outside[outside["kind"] != "new"]
    if outside.empty:
        return pd.Series(dtype=float)
    sums = outside.groupby(["patient_id", "day"])["longest_diameter_mm"].sum().unstack("day")
    baseline = sums.iloc[:, 0]
    change = 100.0 * (sums.iloc[:, 1:].min(axis=1) - baseline) / baseline
    return change


def chunk_outcomes(
    spec: TrialSpec, arm: str, key: str, table: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Measurements and per-patient outcomes of one chunk's lesion table (patients whose solve
    failed keep a row with their status and no response)."""
    ok = table[table["status"] == "ok"].rename(columns={"day": "time_day"})
    failed = table.loc[table["status"] != "ok", ["patient_id", "status", "pd_l1_stratum"]]
    rows = []
    measurements = pd.DataFrame()
    if not ok.empty:
        measurements = measurements_from_timeseries(
            ok[
                [
                    "patient_id",
                    "lesion",
                    "organ",
                    "irradiated",
                    "dose_gy",
                    "is_lymph_node",
                    "time_day",
                    "diameter_mm",
                ]
            ],
            visit_days=visit_days(spec),
            noise_sd_mm=spec.noise.additive_mm,
            noise_cv=spec.noise.relative,
            seed=chunk_seed(spec, arm, key),
        )
        if spec.cohort.occult_lesions is not None:
            measurements = surface_new_lesions(
                measurements, ok[ok["occult"]], spec.cohort.occult_lesions.detection_mm
            )
        patients = read_recist(measurements).set_index("patient_id")
        read_out = (
            read_recist(measurements[measurements["day"] <= spec.read_out_day + 1e-9]).set_index(
                "patient_id"
            )
            if spec.read_out_day is not None
            else None
        )
        change = best_out_of_field_change(measurements)
        strata = ok.groupby("patient_id")["pd_l1_stratum"].first()
        for label, row in patients.iterrows():
            patient_id = int(label)
            rows.append(
                {
                    "patient_id": patient_id,
                    "arm": arm,
                    "status": "ok",
                    "pd_l1_stratum": strata.get(patient_id, ""),
                    "best_overall_response": row["best_overall_response"],
                    "out_of_field_best_overall_response": row["out_of_field_best_overall_response"],
                    "out_of_field_response": bool(row["out_of_field_response"]),
                    "first_abscopal_response_day": row["first_abscopal_response_day"],
                    "progression_day": row["progression_day"],
                    "out_of_field_progression_day": row["out_of_field_progression_day"],
                    "last_scan_day": row["last_scan_day"],
                    "n_out_of_field": int(row["n_out_of_field"]),
                    "best_out_of_field_change_pct": float(change.get(patient_id, np.nan)),
                    **(
                        {
                            "read_out_best_overall_response": read_out.loc[
                                label, "best_overall_response"
                            ],
                            "read_out_out_of_field_best_overall_response": read_out.loc[
                                label, "out_of_field_best_overall_response"
                            ],
                        }
                        if read_out is not None
                        else {}
                    ),
                }
            )
    for patient_id, group in failed.groupby("patient_id"):
        rows.append(
            {
                "patient_id": int(patient_id),
                "arm": arm,
                "status": group["status"].iloc[0],
                "pd_l1_stratum": group["pd_l1_stratum"].iloc[0],
            }
        )
    outcomes = pd.DataFrame(rows).reindex(columns=list(OUTCOME_COLUMNS))
    outcomes["out_of_field_response"] = outcomes["out_of_field_response"].fillna(False).astype(bool)
    return measurements, outcomes.sort_values("patient_id", ignore_index=True)
