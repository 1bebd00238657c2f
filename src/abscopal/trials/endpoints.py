"""Endpoints per arm with 95 % intervals, and comparisons of each arm with the first (paired:
the same virtual patients go through every arm)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from abscopal.trials.statistics import (
    Estimate,
    kaplan_meier,
    log_rank,
    paired_difference,
    wilson_interval,
)

RESPONSES = ("CR", "PR")
CONTROLLED = ("CR", "PR", "SD", "non-CR/non-PD")
CATEGORIES = ("CR", "PR", "SD", "non-CR/non-PD", "PD", "NE")


def _row(arm: str, endpoint: str, estimate: Estimate) -> dict:
    return {
        "arm": arm,
        "endpoint": endpoint,
        "estimate": estimate.estimate,
        "ci_low": estimate.ci_low,
        "ci_high": estimate.ci_high,
        "n": estimate.n,
    }


def binary_outcomes(outcomes: pd.DataFrame) -> dict[str, pd.Series]:
    """Per-patient 0/1 outcomes (NaN where not evaluable), indexed by patient."""
    ok = outcomes[outcomes["status"] == "ok"].set_index("patient_id")
    evaluable_outside = ok["n_out_of_field"] > 0
    read_out = {}
    if ok.get("read_out_best_overall_response", pd.Series(dtype=object)).notna().any():
        read_out = {  # the same readings with the scans up to the trial's read-out day only
            "orr_at_read_out": ok["read_out_best_overall_response"].isin(RESPONSES).astype(float),
            "out_of_field_orr_at_read_out": ok["read_out_out_of_field_best_overall_response"]
            .isin(RESPONSES)
            .astype(float)
            .where(evaluable_outside),
        }
    return {
        "orr": ok["best_overall_response"].isin(RESPONSES).astype(float),
        "out_of_field_orr": ok["out_of_field_best_overall_response"]
        .isin(RESPONSES)
        .astype(float)
        .where(evaluable_outside),
        "dcr": ok["best_overall_response"].isin(CONTROLLED).astype(float),
        "abscopal_response_rate": ok["out_of_field_response"]
        .astype(float)
        .where(evaluable_outside),
        **read_out,
    }


PFS_READINGS = {"pfs": "progression_day", "out_of_field_pfs": "out_of_field_progression_day"}


def pfs(outcomes: pd.DataFrame, reading: str = "pfs") -> tuple[np.ndarray, np.ndarray]:
    """Progression-free time [day] and event flag (censored at the last scan). ``reading``
    ``pfs`` reads progression on all lesions; ``out_of_field_pfs`` on the non-irradiated lesions
    and new lesions only (the irradiated lesion left out of the sum, as in the trials' own
    out-of-field response reading), among patients with such lesions."""
    ok = outcomes[outcomes["status"] == "ok"]
    if reading == "out_of_field_pfs":
        ok = ok[ok["out_of_field_best_overall_response"].notna()]
    column = ok[PFS_READINGS[reading]]
    event = column.notna().to_numpy()
    time = np.where(event, column, ok["last_scan_day"]).astype(float)
    return time, event


def arm_endpoints(arm: str, outcomes: pd.DataFrame) -> list[dict]:
    """Endpoints of one arm."""
    rows = []
    for name, values in binary_outcomes(outcomes).items():
        present = values.dropna()
        rows.append(_row(arm, name, wilson_interval(int(present.sum()), len(present))))
    ok = outcomes[outcomes["status"] == "ok"]
    for category in CATEGORIES:
        count = int((ok["best_overall_response"] == category).sum())
        rows.append(_row(arm, f"bor_{category}", wilson_interval(count, len(ok))))
    for reading in PFS_READINGS:
        time, event = pfs(outcomes, reading)
        rows.append(_row(arm, f"{reading}_median_day", kaplan_meier(time, event).median()))
    outside = ok[ok["n_out_of_field"] > 0]
    onset = outside["first_abscopal_response_day"]
    onset_time = np.where(onset.notna(), onset, outside["last_scan_day"]).astype(float)
    rows.append(
        _row(
            arm,
            "time_to_abscopal_response_median_day",
            kaplan_meier(onset_time, onset.notna().to_numpy()).median(),
        )
    )
    failed = int((outcomes["status"] != "ok").sum())
    rows.append(_row(arm, "solver_failed", Estimate(failed, math.nan, math.nan, len(outcomes))))
    return rows


def comparison_endpoints(reference: str, arm: str, outcomes: pd.DataFrame) -> list[dict]:
    """``arm`` vs ``reference`` on the same patients: differences in proportions (paired Wald
    interval) and the PFS hazard ratio (log-rank, Peto estimate) with its p-value."""
    label = f"{arm}_vs_{reference}"
    first = binary_outcomes(outcomes[outcomes["arm"] == reference])
    second = binary_outcomes(outcomes[outcomes["arm"] == arm])
    rows = []
    for name in first:
        joined = pd.concat([first[name], second[name]], axis=1, join="inner").dropna()
        difference = paired_difference(joined.iloc[:, 0] > 0, joined.iloc[:, 1] > 0)
        rows.append(_row(label, f"{name}_difference", difference))
    for reading in PFS_READINGS:
        time_a, event_a = pfs(outcomes[outcomes["arm"] == reference], reading)
        time_b, event_b = pfs(outcomes[outcomes["arm"] == arm], reading)
        result = log_rank(time_a, event_a, time_b, event_b)
        n = len(time_a) + len(time_b)
        rows.append(
            _row(
                label,
                f"{reading}_hazard_ratio",
                Estimate(result.hazard_ratio, result.ci_low, result.ci_high, n),
            )
        )
        rows.append(
            _row(label, f"{reading}_logrank_p", Estimate(result.p_value, math.nan, math.nan, n))
        )
    return rows


def trial_endpoints(outcomes: pd.DataFrame, arms: list[str]) -> pd.DataFrame:
    """``endpoints.csv``: arm, endpoint, estimate, ci_low, ci_high, n."""
    rows = []
    for arm in arms:
        rows.extend(arm_endpoints(arm, outcomes[outcomes["arm"] == arm]))
    for arm in arms[1:]:
        rows.extend(comparison_endpoints(arms[0], arm, outcomes))
    return pd.DataFrame(rows, columns=["arm", "endpoint", "estimate", "ci_low", "ci_high", "n"])
