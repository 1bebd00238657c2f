"""Write a Solution's outputs (timeseries.csv, systemic.csv, summary.json, lesions.png) so that
a directory is only ever seen complete: files are written to a temporary sibling first."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from abscopal import __version__
from abscopal.citations import references
from abscopal.parameters.drugs import ANTIBODIES
from abscopal.plotting.lesions import plot_lesions
from abscopal.protocols.describe import describe_schedule
from abscopal.protocols.gm_csf import CITATIONS as GM_CSF_CITATIONS
from abscopal.scenario import Scenario
from abscopal.solution import RESPONSE_READING, Solution
from abscopal.staging import staged_directory

MECHANISM_CITATIONS = (
    "Friedrich2022",
    "VanpouilleBox2017",
    "Kosinsky2018",
    "Poleszczuk2016",
    "Walker2018",
    "Serre2016",
    "ICRP89",
    "Shin2021",
    "HedosLymphopenia",
    "Wei2021",
    "Kachikwu2011",
)


def citation_keys(solution: Solution) -> set[str]:
    """Every source behind the parameters, mechanisms and treatment of this solution."""
    keys = set(MECHANISM_CITATIONS) | solution.parameters.citation_keys()
    if solution.schedule.y90_plans:
        keys.update({"Ho1996", "Gulec2006", "Dale1985", "Salem2011"})
    if solution.schedule.gm_csf_ug_per_day.any():
        keys.update(GM_CSF_CITATIONS)
    for name in solution.schedule.drug_by_target:
        if name is not None:
            keys.update(ANTIBODIES[name].citations)
    return keys


def summary_record(solution: Solution, scenario: Scenario) -> dict[str, Any]:
    """The content of ``summary.json`` for ``solution``, simulated from ``scenario``."""
    lymphocytes = solution.systemic("lymphocytes")
    nadir = int(lymphocytes.argmin())
    return {
        "abscopal_version": __version__,
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "scenario_name": scenario.name,
        "seed": scenario.seed,
        "species": scenario.species,
        "parameter_set": solution.parameters.name,
        "solver": {"status": solution.status.value, "steps": solution.solver_steps},
        "schedule": describe_schedule(solution.treatment, solution.schedule),
        "response_note": RESPONSE_READING,
        "lesions": solution.summary(),
        "systemic": {
            "lymphocytes_baseline_per_ul": round(float(lymphocytes[0]), 3),
            "lymphocytes_nadir_per_ul": round(float(lymphocytes[nadir]), 3),
            "lymphocytes_nadir_day": float(solution.time_day[nadir]),
            "lymphocytes_nadir_change_pct": round(
                100.0 * (float(lymphocytes[nadir]) / float(lymphocytes[0]) - 1.0), 3
            ),
        },
        "scenario": scenario.model_dump(mode="json"),
        "citations": references(citation_keys(solution)),
    }


SIMULATION_OUTPUTS = ("timeseries.csv", "systemic.csv", "summary.json", "lesions.png")
"""The files :func:`write_outputs` writes."""


def write_outputs(solution: Solution, scenario: Scenario, directory: str | Path) -> Path:
    """Write all outputs of ``solution`` (simulated from ``scenario``) into ``directory`` and
    return it."""
    with staged_directory(directory) as staging:
        solution.to_dataframe().to_csv(staging / "timeseries.csv", index=False)
        solution.systemic_dataframe().to_csv(staging / "systemic.csv", index=False)
        plot_lesions(solution, staging / "lesions.png")
        (staging / "summary.json").write_text(
            json.dumps(summary_record(solution, scenario), indent=2) + "\n", encoding="utf-8"
        )
    return Path(directory)
