"""Write an assessment: timepoints.csv, lesions.csv, lesion_changes.csv, patients.csv, figures and
assessment.json (version, criteria, options, input and citations)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from abscopal import __version__
from abscopal.assessment import Assessment
from abscopal.citations import references
from abscopal.plotting.response import plot_spider, plot_swimmer, plot_waterfall
from abscopal.staging import staged_directory

ABSCOPAL_DEFINITION_CITATIONS = ("Golden2015",)
LESION_COLUMNS = (
    "patient_id",
    "lesion_id",
    "irradiated",
    "best_change_pct",
    "best_response",
    "abscopal_response",
    "onset_day",
    "dose_category",
)


def assessment_record(assessment: Assessment, source: dict[str, Any]) -> dict[str, Any]:
    """The content of ``assessment.json``."""
    criterion = assessment.criterion
    patients = assessment.patients
    return {
        "abscopal_version": __version__,
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "criteria": assessment.criteria,
        "criteria_title": criterion.title,
        "measure": criterion.measure,
        "lesion_response_rule": criterion.lesion_rule,
        "options": assessment.options,
        "input": source,
        "patients": len(patients),
        "best_overall_response_counts": {
            str(code): int(count)
            for code, count in patients["best_overall_response"].value_counts().items()
        },
        "out_of_field_response_patients": int(patients["out_of_field_response"].eq(True).sum()),
        "citations": references(set(criterion.citations) | set(ABSCOPAL_DEFINITION_CITATIONS)),
    }


ASSESSMENT_OUTPUTS = (
    "timepoints.csv",
    "lesions.csv",
    "lesion_changes.csv",
    "patients.csv",
    "spider.png",
    "waterfall.png",
    "swimmer.png",
    "assessment.json",
)
"""The files :func:`write_assessment` writes."""


def write_assessment(assessment: Assessment, directory: str | Path, source: dict[str, Any]) -> Path:
    """Write all assessment outputs into ``directory`` (complete or not at all)."""
    with staged_directory(directory) as staging:
        assessment.timepoints.to_csv(staging / "timepoints.csv", index=False)
        lesions = assessment.lesions
        ordered = list(LESION_COLUMNS) + [c for c in lesions.columns if c not in LESION_COLUMNS]
        lesions[ordered].to_csv(staging / "lesions.csv", index=False)
        assessment.lesion_changes.to_csv(staging / "lesion_changes.csv", index=False)
        assessment.patients.to_csv(staging / "patients.csv", index=False)
        plot_spider(assessment, staging / "spider.png")
        plot_waterfall(assessment, staging / "waterfall.png")
        plot_swimmer(assessment, staging / "swimmer.png")
        (staging / "assessment.json").write_text(
            json.dumps(assessment_record(assessment, source), indent=2, default=str) + "\n",
            encoding="utf-8",
        )
    return Path(directory)
