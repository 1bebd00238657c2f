"""mRECIST: viable (enhancing) diameter, no 5 mm floor, HCC node rules."""

from __future__ import annotations

import pandas as pd

from abscopal.assessment import assess
from tests.assessment.helpers import best


def _hcc(viable: dict[float, float], total: dict[float, float], **fields: object) -> list[dict]:
    return [
        {
            "patient_id": "P1",
            "lesion_id": fields.get("lesion_id", "hcc"),
            "day": day,
            "organ": fields.get("organ", "liver"),
            "kind": "target",
            "is_lymph_node": fields.get("is_lymph_node", False),
            "longest_diameter_mm": total[day],
            "short_axis_mm": fields.get("short_axis", {}).get(day),
            "viable_diameter_mm": viable[day],
        }
        for day in viable
    ]


def test_necrosis_without_shrinkage_is_a_response_in_mrecist_only() -> None:
    # After Y-90: the lesion keeps its size but loses most of its enhancing tumor.
    frame = pd.DataFrame(_hcc({0: 50.0, 60: 20.0, 120: 0.0}, {0: 50.0, 60: 48.0, 120: 46.0}))
    assert list(assess(frame, "mrecist").timepoints["overall_response"].iloc[1:]) == ["PR", "CR"]
    assert list(assess(frame, "recist").timepoints["overall_response"].iloc[1:]) == ["SD", "SD"]
    assert best(frame, "mrecist") == "CR"


def test_mrecist_progression_has_no_5_mm_floor() -> None:
    # Viable sum 10 -> 12 mm: +20 % but only +2 mm (PD in mRECIST, SD in RECIST 1.1 terms).
    frame = pd.DataFrame(_hcc({0: 15.0, 60: 10.0, 120: 12.0}, {0: 15.0, 60: 15.0, 120: 15.0}))
    assert list(assess(frame, "mrecist").timepoints["overall_response"].iloc[1:]) == ["PR", "PD"]
    frame_19 = pd.DataFrame(_hcc({0: 15.0, 60: 10.0, 120: 11.9}, {0: 15.0, 60: 15.0, 120: 15.0}))
    # 11.9 mm: +19 % above the nadir, -20.7 % from baseline -> SD.
    assert assess(frame_19, "mrecist").timepoints["overall_response"].iloc[2] == "SD"


def test_porta_hepatis_nodes_are_pathological_from_20_mm() -> None:
    rows = _hcc({0: 40.0, 60: 0.0}, {0: 40.0, 60: 40.0})
    rows += _hcc(
        {0: None, 60: None},
        {0: 25.0, 60: 25.0},
        lesion_id="porta_node",
        organ="porta_hepatis",
        is_lymph_node=True,
        short_axis={0: 24.0, 60: 19.0},
    )
    # 19 mm short axis is normal at the porta hepatis (mRECIST) -> CR.
    result = assess(pd.DataFrame(rows), "mrecist")
    assert result.timepoints["overall_response"].iloc[1] == "CR"
    # Elsewhere a node must fall below 10 mm: the same node in the abdomen leaves a PR.
    elsewhere = [
        {**row, "organ": "lymph_node"} if row["lesion_id"] == "porta_node" else row for row in rows
    ]
    assert assess(pd.DataFrame(elsewhere), "mrecist").timepoints["overall_response"].iloc[1] == "PR"
