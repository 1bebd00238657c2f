"""RECIST 1.1 time-point rules, overall-response table, target selection and best response."""

from __future__ import annotations

import pandas as pd
import pytest

from abscopal.assessment import assess
from tests.assessment.helpers import best, lesion_rows, responses, table


@pytest.mark.parametrize(("follow_up_mm", "expected"), [(70.1, "SD"), (70.0, "PR")])
def test_partial_response_needs_a_30_percent_fall(follow_up_mm: float, expected: str) -> None:
    # 29.9 % vs 30.0 % decrease of the target sum from baseline (60 + 40 = 100 mm).
    frame = table(
        lesion_rows("a", {0: 60.0, 42: 60.0 * follow_up_mm / 100}),
        lesion_rows("b", {0: 40.0, 42: 40.0 * follow_up_mm / 100}, organ="liver"),
    )
    assert responses(frame) == [None, expected]
    change = assess(frame).timepoints["change_from_baseline_pct"].iloc[1]
    assert change == pytest.approx(follow_up_mm - 100.0)


@pytest.mark.parametrize(
    ("nadir_mm", "follow_up_mm", "expected"),
    [(20.0, 24.0, "SD"), (25.0, 30.0, "PD"), (30.0, 35.9, "SD"), (30.0, 36.0, "PD")],
)
def test_progression_needs_20_percent_and_5_mm_above_nadir(
    nadir_mm: float, follow_up_mm: float, expected: str
) -> None:
    # +20 % with 4 mm is not progression; +20 % with 5 mm is; +19.7 % with 5.9 mm is not.
    frame = table(lesion_rows("a", {0: nadir_mm, 42: nadir_mm, 84: follow_up_mm}))
    assert responses(frame)[-1] == expected


def test_progression_is_measured_from_the_nadir_not_the_baseline() -> None:
    # 100 -> 60 (PR) -> 72: +20 % and +12 mm above the nadir although 28 % below baseline.
    frame = table(lesion_rows("a", {0: 100.0, 42: 60.0, 84: 72.0}))
    assert responses(frame) == [None, "PR", "PD"]
    nadir_change = assess(frame).timepoints["change_from_nadir_pct"].iloc[2]
    assert nadir_change == pytest.approx(20.0)


def test_complete_response_allows_nodes_below_10_mm_short_axis() -> None:
    node_9 = table(
        lesion_rows("lung", {0: 30.0, 56: 0.0}),
        lesion_rows("node", {0: 18.0, 56: 9.9}, organ="lymph_node", is_lymph_node=True),
    )
    node_10 = table(
        lesion_rows("lung", {0: 30.0, 56: 0.0}),
        lesion_rows("node", {0: 18.0, 56: 10.0}, organ="lymph_node", is_lymph_node=True),
    )
    assert responses(node_9) == [None, "CR"]
    assert responses(node_10) == [None, "PR"]
    # The node's short axis stays in the sum at CR, as RECIST 1.1 requires.
    assert assess(node_9).timepoints["target_sum_mm"].iloc[1] == pytest.approx(9.9)


def test_overall_response_table_with_non_target_and_new_lesions() -> None:
    target = lesion_rows("t", {0: 40.0, 42: 0.0, 84: 0.0, 126: 0.0})
    present = lesion_rows(
        "nt", {0: 8.0, 42: 8.0, 84: 0.0, 126: 0.0}, kind="non_target", organ="bone"
    )
    frame = table(target, present)
    assert responses(frame) == [None, "PR", "CR", "CR"]  # target CR + non-target present -> PR
    progressing = table(
        lesion_rows("t", {0: 40.0, 42: 20.0}),
        [
            {**row, "non_target_status": status}
            for row, status in zip(
                lesion_rows("nt", {0: 8.0, 42: 8.0}, kind="non_target", organ="bone"),
                ["present", "unequivocal_progression"],
                strict=True,
            )
        ],
    )
    assert responses(progressing) == [None, "PD"]
    new = table(
        lesion_rows("t", {0: 40.0, 42: 20.0, 84: 20.0}),
        lesion_rows("n", {42: 6.0}, kind="new", organ="liver"),
    )
    assert responses(new) == [None, "PD", "PD"]


def test_missing_target_is_not_evaluable_unless_the_rest_already_progress() -> None:
    frame = table(
        lesion_rows("a", {0: 30.0, 42: 30.0, 84: 29.0}),
        lesion_rows("b", {0: 20.0, 42: 20.0}, organ="liver"),
    )
    assert responses(frame) == [None, "SD", "NE"]
    growing = table(
        lesion_rows("a", {0: 30.0, 42: 30.0, 84: 62.0}),
        lesion_rows("b", {0: 20.0, 42: 20.0}, organ="liver"),
    )
    assert responses(growing) == [None, "SD", "PD"]  # 62 >= 1.2 x 50 and +12 mm


def test_non_target_disease_only_reads_non_cr_non_pd() -> None:
    frame = table(
        lesion_rows("nt1", {0: 8.0, 42: 7.0, 84: 0.0}, kind="non_target"),
    )
    assert responses(frame) == [None, "non-CR/non-PD", "CR"]


def test_targets_are_selected_by_recist_rules_when_none_is_marked() -> None:
    sizes = {
        "lung1": 50,
        "lung2": 40,
        "lung3": 60,
        "liver1": 30,
        "liver2": 9,
        "adrenal": 25,
        "bone": 22,
    }
    organs = {
        "lung1": "lung",
        "lung2": "lung",
        "lung3": "lung",
        "liver1": "liver",
        "liver2": "liver",
    }
    rows = []
    for lesion_id, size in sizes.items():
        rows += lesion_rows(
            lesion_id,
            {0: size, 42: size},
            organ=organs.get(lesion_id, lesion_id),
            kind="non_target",
        )
    rows += lesion_rows(
        "node_big", {0: 16.0, 42: 16.0}, organ="lymph_node", is_lymph_node=True, kind="non_target"
    )
    rows += lesion_rows(
        "node_small", {0: 14.9, 42: 14.9}, organ="lymph_node", is_lymph_node=True, kind="non_target"
    )
    lesions = assess(pd.DataFrame(rows)).lesions.set_index("lesion_id")
    targets = set(lesions.index[lesions["role"] == "target"])
    # Largest first, at most two per organ, at most five: lung3, lung1 (not lung2), liver1,
    # adrenal, bone; node_big (16 mm) loses to them on size; 14.9 mm node and 9 mm liver lesion
    # are not measurable.
    assert targets == {"lung3", "lung1", "liver1", "adrenal", "bone"}
    assert lesions.loc["node_small", "role"] == "non_target"


def test_best_overall_response_stops_at_progression_and_can_require_confirmation() -> None:
    frame = table(lesion_rows("a", {0: 50.0, 42: 30.0, 84: 45.0, 126: 20.0}))
    assert responses(frame) == [None, "PR", "PD", "PR"]
    assert best(frame) == "PR"
    assert best(frame, confirm=True) == "SD"  # the PR at day 42 is followed by PD, not confirmed
    confirmed = table(lesion_rows("a", {0: 50.0, 42: 30.0, 70: 30.0}))
    assert best(confirmed, confirm=True) == "PR"  # 28 days later, still PR
    too_soon = table(lesion_rows("a", {0: 50.0, 42: 30.0, 69: 30.0}))
    assert best(too_soon, confirm=True) == "SD"  # 27 days later is too soon
    early_stable = table(lesion_rows("a", {0: 50.0, 30: 50.0, 60: 70.0}))
    assert best(early_stable, min_stable_days=42) == "PD"
    assert best(early_stable) == "SD"
