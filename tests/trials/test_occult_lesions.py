"""Occult lesions: metastases below detection at baseline that surface as new lesions (RECIST
1.1 progression) once they grow to the detection size, and that the systemic immune response
reaches like any other lesion."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from abscopal.trials.cohort import sample_cohort
from abscopal.trials.engine import plan_chunks, process_chunk
from abscopal.trials.outcomes import surface_new_lesions
from abscopal.trials.spec import trial_from_dict


def test_an_occult_lesion_enters_the_table_at_the_scan_that_first_sees_it():
    days = [0.0, 42.0, 84.0, 126.0]
    sizes = {
        "L1": [30.0, 28.0, 25.0, 24.0],
        "O1": [0.0, 8.0, 11.0, 9.5],
        "O2": [0.0, 3.0, 6.0, 9.9],
        "O3": [10.5, 10.2, 12.0, 14.0],
    }
    measurements = pd.DataFrame(
        [
            {"patient_id": 1, "lesion_id": lesion, "day": day, "longest_diameter_mm": size}
            for lesion, values in sizes.items()
            for day, size in zip(days, values, strict=True)
        ]
    )
    occult = pd.DataFrame({"patient_id": [1, 1, 1], "lesion": ["O1", "O2", "O3"]})
    table = surface_new_lesions(measurements, occult, detection_mm=10.0)
    assert table[table.lesion_id == "L1"].day.tolist() == days
    assert table[table.lesion_id == "L1"].kind.isna().all()
    # seen from day 84 on (11 mm), still listed when it reads smaller later
    assert table[table.lesion_id == "O1"].day.tolist() == [84.0, 126.0]
    assert set(table[table.lesion_id == "O1"].kind) == {"new"}
    assert "O2" not in set(table.lesion_id)  # never reached 10 mm
    # occult by definition at baseline, even if noise made it read 10.5 mm there
    assert table[table.lesion_id == "O3"].day.tolist() == [42.0, 84.0, 126.0]


@pytest.fixture(scope="module")
def occult_runs():
    """The same eight patients with and without two occult lesions each, untreated and on
    pembrolizumab, 24 weeks with 6-weekly scans. Slow tumors (the baseline lesions of untreated
    patients reach +20 % between the 42- and 84-day scans) and occult lesions just below a 5 mm
    detection size, which they pass within weeks."""
    from tests.trials.conftest import TRIAL

    parameters = {
        **TRIAL["cohort"]["parameters"],
        "tumor_gompertz_rate_per_day": {"median": 0.002, "cv": 0.1},
    }
    data = {
        **TRIAL,
        "cohort": {**TRIAL["cohort"], "parameters": parameters},
        "patients": 8,
        "follow_up_day": 168,
        "arms": [{"name": "untreated"}, TRIAL["arms"][0]],
    }
    runs = {}
    for label, occult in (
        ("without", None),
        (
            "with",
            {
                "count": [2, 2],
                "diameter": {"median_mm": 4.5, "cv": 0.05, "min_mm": 4, "max_mm": 4.9},
                "detection_mm": 5.0,
            },
        ),
    ):
        cohort = {**data["cohort"], "occult_lesions": occult} if occult else data["cohort"]
        spec = trial_from_dict({**data, "cohort": cohort})
        patients = sample_cohort(spec, spec.patients, spec.seed)
        tables = [process_chunk(spec, chunk) for chunk in plan_chunks(spec, patients, 8)]
        runs[label] = {
            kind: pd.concat([t[kind] for t in tables], ignore_index=True)
            for kind in ("patients", "measurements", "outcomes")
        }
    return runs


def test_occult_lesions_grow_into_new_lesions_that_end_progression_free_survival(occult_runs):
    without, with_ = occult_runs["without"], occult_runs["with"]
    new = with_["measurements"][with_["measurements"]["kind"].eq("new")]
    first_seen = new.groupby(["patient_id", "lesion_id"]).day.min()
    assert len(first_seen) >= 8
    assert (new.groupby(["patient_id", "lesion_id"]).longest_diameter_mm.first() >= 5.0).all()
    # the true diameters behind them start below detection and are never irradiated
    truth = with_["patients"][with_["patients"]["occult"]]
    assert truth[truth.day == 0].diameter_mm.max() <= 4.9 and not truth.irradiated.any()
    untreated = (
        with_["outcomes"][with_["outcomes"].arm == "untreated"].set_index("patient_id"),
        without["outcomes"][without["outcomes"].arm == "untreated"].set_index("patient_id"),
    )
    for patient_id, day in first_seen.groupby("patient_id").min().items():
        progression = untreated[0].loc[patient_id, "progression_day"]
        assert progression <= day  # a new lesion is progression at the latest when it is seen
    earlier = untreated[0]["progression_day"].fillna(math.inf) < untreated[1][
        "progression_day"
    ].fillna(math.inf)
    assert earlier.sum() >= 4  # and it comes before the baseline lesions progress


def test_the_systemic_response_reaches_occult_lesions(occult_runs):
    truth = occult_runs["with"]["patients"]
    occult = truth[truth["occult"]]
    final = occult[occult.day == occult.day.max()].pivot_table(
        index=["patient_id", "lesion"], columns="arm", values="diameter_mm"
    )
    # pembrolizumab, given to nobody's known lesion, keeps the micrometastases smaller
    ratio = np.exp(np.mean(np.log(final["pembrolizumab"] / final["untreated"])))
    assert ratio < 0.9
