"""Trial endpoints from per-patient outcomes: the two PFS readings."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from abscopal.trials.endpoints import pfs, trial_endpoints
from abscopal.trials.outcomes import OUTCOME_COLUMNS


def outcomes_table() -> pd.DataFrame:
    """40 patients per arm. Control: half progress at day 42, half at day 84 (all lesions are
    out of the field). Radiotherapy arm: the same 40 patients; 30 of them progress out of the
    field (15 at day 42, 15 at day 84) but the shrinking irradiated lesion keeps their all-lesion
    sum from progressing until day 210; 10 never progress (censored at 364)."""
    rows = []
    for patient in range(40):
        rows.append(
            {
                "patient_id": patient,
                "arm": "control",
                "status": "ok",
                "best_overall_response": "PD",
                "out_of_field_best_overall_response": "PD",
                "progression_day": 42.0 if patient < 20 else 84.0,
                "out_of_field_progression_day": 42.0 if patient < 20 else 84.0,
                "last_scan_day": 364.0,
                "n_out_of_field": 2,
                "out_of_field_response": False,
            }
        )
        late = patient < 30
        rows.append(
            {
                "patient_id": patient,
                "arm": "radiotherapy",
                "status": "ok",
                "best_overall_response": "SD",
                "out_of_field_best_overall_response": "PD" if late else "SD",
                "progression_day": 210.0 if late else math.nan,
                "out_of_field_progression_day": (42.0 if patient < 15 else 84.0)
                if late
                else math.nan,
                "last_scan_day": 364.0,
                "n_out_of_field": 1,
                "out_of_field_response": False,
            }
        )
    return pd.DataFrame(rows).reindex(columns=list(OUTCOME_COLUMNS))


def test_out_of_field_pfs_reads_its_own_progression_day():
    table = outcomes_table()
    arm = table[table["arm"] == "radiotherapy"]
    time, event = pfs(arm)
    assert np.all(time[:30] == 210.0) and event.sum() == 30
    time, event = pfs(arm, "out_of_field_pfs")
    assert np.all(time[:15] == 42.0) and np.all(time[15:30] == 84.0)
    assert np.all(time[30:] == 364.0) and event.sum() == 30


def test_out_of_field_pfs_endpoints_differ_from_all_lesion_pfs():
    endpoints = trial_endpoints(outcomes_table(), ["control", "radiotherapy"]).set_index(
        ["arm", "endpoint"]
    )["estimate"]
    assert endpoints[("radiotherapy", "pfs_median_day")] == 210.0
    assert endpoints[("control", "pfs_median_day")] == 42.0
    assert endpoints[("radiotherapy", "out_of_field_pfs_median_day")] == 84.0
    all_lesions = endpoints[("radiotherapy_vs_control", "pfs_hazard_ratio")]
    out_of_field = endpoints[("radiotherapy_vs_control", "out_of_field_pfs_hazard_ratio")]
    assert all_lesions < 0.2  # every control patient progresses before any treated one
    assert 0.3 < out_of_field < 1.0  # same days for 30 of 40; 10 never progress
    assert out_of_field > 2 * all_lesions


def test_out_of_field_pfs_leaves_out_patients_without_out_of_field_lesions():
    table = outcomes_table()
    table.loc[table.index[-1], "out_of_field_best_overall_response"] = None
    time, _ = pfs(table[table["arm"] == "radiotherapy"], "out_of_field_pfs")
    assert len(time) == 39
