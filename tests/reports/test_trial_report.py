"""The trial summary: intervals that cannot be misread and the trial's primary endpoint."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from abscopal.examples import DIRECTORY
from abscopal.reports.trial_report import interval_text, primary_endpoint_lines
from abscopal.scenario import ScenarioError
from abscopal.trials.spec import load_trial, trial_from_dict


def test_an_interval_with_a_missing_bound_says_so():
    assert interval_text(0.1, 0.3, "orr") == "10.0 % – 30.0 %"
    assert interval_text(84.0, math.nan, "pfs_median_day") == "≥ 84 (upper bound not reached)"
    assert interval_text(math.nan, 0.9, "pfs_hazard_ratio") == "≤ 0.90"
    assert interval_text(math.nan, math.nan, "orr") == "–"


def test_the_primary_endpoint_is_reported_for_every_arm_and_the_comparison():
    spec = load_trial(DIRECTORY / "trials" / "pembro_rt.yaml")
    assert spec.primary_endpoint == "out_of_field_orr_at_read_out"
    endpoints = pd.DataFrame(
        [
            ("pembrolizumab", "out_of_field_orr_at_read_out", 0.18, 0.1, 0.3, 40),
            ("sbrt_pembrolizumab", "out_of_field_orr_at_read_out", 0.36, 0.24, 0.5, 36),
            (
                "sbrt_pembrolizumab_vs_pembrolizumab",
                "out_of_field_orr_at_read_out_difference",
                0.18,
                0.02,
                math.nan,
                76,
            ),
            ("pembrolizumab", "orr", 0.2, 0.1, 0.3, 40),
        ],
        columns=["arm", "endpoint", "estimate", "ci_low", "ci_high", "n"],
    )
    lines = primary_endpoint_lines(spec, endpoints)
    assert lines == [
        "Primary endpoint (out_of_field_orr_at_read_out):",
        "  pembrolizumab: 18.0 % (95 % CI 10.0 % – 30.0 %, n = 40)",
        "  sbrt_pembrolizumab: 36.0 % (95 % CI 24.0 % – 50.0 %, n = 36)",
        "  sbrt_pembrolizumab_vs_pembrolizumab: 18.0 % (95 % CI ≥ 2.0 % (no upper bound), n = 76)",
    ]


def test_a_primary_endpoint_at_read_out_needs_a_read_out_day():
    data = load_trial(DIRECTORY / "trials" / "pembro_rt.yaml").model_dump(mode="json")
    data.pop("read_out_day")
    with pytest.raises(ScenarioError, match="needs read_out_day"):
        trial_from_dict(data)
    data["primary_endpoint"] = "survival"
    with pytest.raises(ScenarioError) as refused:
        trial_from_dict(data)
    assert refused.value.field == "primary_endpoint"
