"""A small two-arm trial file shared by the trial tests."""

from __future__ import annotations

import copy

import pytest

TRIAL = {
    "name": "smoke",
    "patients": 6,
    "seed": 7,
    "cohort": {
        "parameters": {
            "effector_kill_rate_per_day": {"cv": 0.3},
            "precursor_count_baseline": {"cv": 0.3},
        },
        "correlations": [
            {"between": ["effector_kill_rate_per_day", "precursor_count_baseline"], "rho": 0.5}
        ],
        "lesion_count": [2, 3],
        "pd_l1_strata": {
            "negative": {"share": 0.5, "pd_l1_baseline": 0.2},
            "positive": {"share": 0.5, "pd_l1_baseline": 1.0},
        },
    },
    "arms": [
        {
            "name": "pembrolizumab",
            "checkpoint": [{"drug": "pembrolizumab", "dose_mg": 200, "start_day": 7, "doses": 4}],
        },
        {
            "name": "sbrt_pembrolizumab",
            "external_beam": [
                {
                    "target": "L1",
                    "dose_per_fraction_gy": 8,
                    "fractions": 3,
                    "schedule": "every_other_day",
                }
            ],
            "checkpoint": [{"drug": "pembrolizumab", "dose_mg": 200, "start_day": 7, "doses": 4}],
        },
    ],
    "follow_up_day": 84,
}


@pytest.fixture
def trial_data() -> dict:
    return copy.deepcopy(TRIAL)
