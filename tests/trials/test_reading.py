"""The fast RECIST reading of simulated cohorts gives exactly what `assess` gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from abscopal.assessment.assess import assess
from abscopal.trials.reading import READING_COLUMNS, read_recist

ORGANS = ("lung", "liver", "adrenal", "bone", "lymph_node")


def synthetic_cohort(patients: int, seed: int, new_lesions: bool = False) -> pd.DataFrame:
    """Random regular visit tables: nodes and non-nodes, sizes around the measurability and
    node thresholds, lesions vanishing, growth and shrinkage, irradiated and high-scatter lesions;
    with ``new_lesions``, up to two lesions per patient (kind ``new``) appearing at a later scan,
    some of them vanishing again."""
    rng = np.random.default_rng(seed)
    days = np.array([0.0, 42.0, 84.0, 126.0, 168.0])
    rows = []
    for patient in range(patients):
        for lesion in range(int(rng.integers(1, 7))):
            organ = str(rng.choice(ORGANS))
            node = organ == "lymph_node"
            size = rng.uniform(5.0, 60.0)
            irradiated = bool(rng.uniform() < 0.3)
            dose = 24.0 if irradiated else float(rng.choice([0.0, 0.5, 5.0, 22.0]))
            for day in days:
                if day > 0:
                    size = size * rng.lognormal(0.0, 0.3)
                    if rng.uniform() < 0.08:
                        size = 0.0
                rows.append(
                    {
                        "patient_id": patient,
                        "lesion_id": f"L{lesion + 1}",
                        "day": day,
                        "organ": organ,
                        "is_lymph_node": node,
                        "longest_diameter_mm": round(size, 1),
                        "short_axis_mm": round(size, 1),
                        "irradiated": irradiated,
                        "dose_gy": dose,
                    }
                )
        for new in range(int(rng.integers(0, 3)) if new_lesions else 0):
            organ = str(rng.choice(ORGANS))
            first = int(rng.integers(1, len(days)))
            for day in days[first:]:
                size = 0.0 if rng.uniform() < 0.15 else rng.uniform(10.0, 30.0)
                rows.append(
                    {
                        "patient_id": patient,
                        "lesion_id": f"O{new + 1}",
                        "day": day,
                        "organ": organ,
                        "is_lymph_node": organ == "lymph_node",
                        "longest_diameter_mm": round(size, 1),
                        "short_axis_mm": round(size, 1),
                        "irradiated": False,
                        "dose_gy": 0.0,
                        "kind": "new",
                    }
                )
    return pd.DataFrame(rows)


@pytest.mark.parametrize(("seed", "new_lesions"), [(1, False), (2, False), (3, True)])
def test_fast_reading_equals_assess(seed, new_lesions):
    table = synthetic_cohort(150, seed, new_lesions)
    fast = read_recist(table).set_index("patient_id")
    reference = assess(table, "recist").patients
    reference = (
        reference.assign(patient_id=reference["patient_id"].astype(int))
        .set_index("patient_id")[list(READING_COLUMNS[1:])]
        .sort_index()
    )
    assert list(fast.index) == list(reference.index)
    for column in READING_COLUMNS[1:]:
        left, right = fast[column], reference[column]
        if column.endswith("_day"):
            assert np.allclose(left.astype(float), right.astype(float), equal_nan=True), column
        else:
            assert [None if v is None or v != v else v for v in left] == [
                None if v is None or v != v else v for v in right
            ], column
    # the table exercises every category
    assert {"CR", "PR", "SD", "PD"} <= set(fast["best_overall_response"])
    assert fast["out_of_field_response"].eq(True).any()
    if new_lesions:  # a new lesion is progression at the scan that first shows it
        first_new = table[table["kind"].eq("new")].groupby("patient_id")["day"].min()
        assert len(first_new) > 50
        assert (fast.loc[first_new.index, "progression_day"] <= first_new).all()


def test_out_of_field_progression_leaves_the_irradiated_lesion_out():
    """An irradiated lesion shrinking from 50 to 10 mm hides a non-irradiated lesion growing
    from 20 to 30 mm in the all-lesion sum (70 -> 40 mm, a response), but the out-of-field
    reading sees +50 % and progression at day 42."""
    rows = []
    for day, index_mm, distant_mm in ((0.0, 50.0, 20.0), (42.0, 10.0, 30.0), (84.0, 10.0, 31.0)):
        for lesion, size, irradiated in (("L1", index_mm, True), ("L2", distant_mm, False)):
            rows.append(
                {
                    "patient_id": 0,
                    "lesion_id": lesion,
                    "day": day,
                    "organ": "lung" if lesion == "L1" else "liver",
                    "is_lymph_node": False,
                    "longest_diameter_mm": size,
                    "short_axis_mm": size,
                    "irradiated": irradiated,
                    "dose_gy": 24.0 if irradiated else 0.0,
                }
            )
    fast = read_recist(pd.DataFrame(rows)).iloc[0]
    assert fast["best_overall_response"] == "PR"
    assert np.isnan(fast["progression_day"])
    assert fast["out_of_field_best_overall_response"] == "PD"
    assert fast["out_of_field_progression_day"] == 42.0
    reference = assess(pd.DataFrame(rows), "recist").patients.iloc[0]
    assert reference["out_of_field_progression_day"] == 42.0
