"""One simulated patient read on a scan schedule by every criterion its lesions warrant.

RECIST 1.1 and iRECIST read every patient; mRECIST (viable, enhancing tumour) is added when a
lesion is in the liver and the MD Anderson bone criteria when a lesion is in bone. Scans are
taken at baseline and every ``visit_interval_day`` (6 weeks for patients, the usual restaging
interval of the checkpoint-inhibitor trials), without measurement noise, as :func:`abscopal.assessment.assess` reads
a measurement table. Mice are not read: the clinical criteria's measurability rule (10 mm
longest diameter) makes every flank tumour of a two-flank experiment non-measurable, and those
experiments report tumour volume instead.
"""

from __future__ import annotations

import math
from typing import Any

from abscopal.assessment.assess import assess
from abscopal.assessment.simulated import measurements_from_timeseries
from abscopal.solution import Solution

SCAN_INTERVAL_DAY_HUMAN = 42.0
CRITERIA_NAMES = {
    "recist": "RECIST 1.1",
    "irecist": "iRECIST",
    "mrecist": "mRECIST",
    "mda": "MD Anderson (bone)",
}


def warranted_criteria(species: str, organs: list[str]) -> list[str]:
    """The criteria that read a ``species`` patient with lesions in ``organs`` (none for mice)."""
    if species != "human":
        return []
    criteria = ["recist", "irecist"]
    if "liver" in organs:
        criteria.append("mrecist")
    if "bone" in organs:
        criteria.append("mda")
    return criteria


def _day(value: Any) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def overall_responses(
    solution: Solution, visit_interval_day: float = SCAN_INTERVAL_DAY_HUMAN
) -> list[dict[str, Any]]:
    """Per warranted criterion: best overall response, its day, the first progression day and
    the best response of the lesions outside every radiation field (``None`` where there is
    none), read on scans every ``visit_interval_day``; empty for a mouse."""
    organs = [lesion.organ for lesion in solution.patient.lesions]
    criteria_list = warranted_criteria(solution.patient.species, organs)
    if not criteria_list:
        return []
    measurements = measurements_from_timeseries(
        solution.to_dataframe(), visit_interval_day=visit_interval_day, patient_id=solution.name
    )
    rows = []
    for criteria in criteria_list:
        patient = assess(measurements, criteria).patients.iloc[0]
        rows.append(
            {
                "criteria": criteria,
                "criteria_name": CRITERIA_NAMES[criteria],
                "best_overall_response": patient["best_overall_response"],
                "best_response_day": _day(patient["best_response_day"]),
                "progression_day": _day(patient["progression_day"]),
                "out_of_field_best_overall_response": patient["out_of_field_best_overall_response"],
                "scan_interval_day": visit_interval_day,
            }
        )
    return rows
