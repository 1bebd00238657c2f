"""Write a Solution's outputs (timeseries.csv, systemic.csv, summary.json, the lesion and immune
figures) so that a directory is only ever seen complete: files are written to a temporary
sibling first."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from abscopal import __version__
from abscopal.citations import references
from abscopal.parameters.drugs import ANTIBODIES
from abscopal.plotting.immune import plot_immune
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
        "lesions": solution.summary_records(),
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


FIGURE_FORMATS = ("png", "svg", "pdf")


def simulation_outputs(figure_format: str = "png") -> tuple[str, ...]:
    """The files :func:`write_outputs` writes with figures in ``figure_format``."""
    return (
        "timeseries.csv",
        "systemic.csv",
        "summary.json",
        f"lesions.{figure_format}",
        f"immune.{figure_format}",
    )


SIMULATION_OUTPUTS = simulation_outputs()
"""The files :func:`write_outputs` writes by default (PNG figures)."""


def write_outputs(
    solution: Solution,
    scenario: Scenario,
    directory: str | Path,
    figure_format: str = "png",
    counterfactual: Solution | None = None,
) -> Path:
    """Write all outputs of ``solution`` (simulated from ``scenario``) into ``directory`` and
    return it; figures as ``figure_format`` (png, svg, pdf), the lesion figure with the
    ``counterfactual`` (checkpoint inhibitor alone) curves when one is given."""
    if figure_format not in FIGURE_FORMATS:
        raise ValueError(f"figure format {figure_format!r}: give one of {FIGURE_FORMATS}")
    with staged_directory(directory) as staging:
        solution.to_dataframe().to_csv(staging / "timeseries.csv", index=False)
        solution.systemic_dataframe().to_csv(staging / "systemic.csv", index=False)
        plot_lesions(solution, staging / f"lesions.{figure_format}", counterfactual)
        plot_immune(solution, staging / f"immune.{figure_format}")
        record = summary_record(solution, scenario)
        if counterfactual is not None:
            record["counterfactual"] = {
                "label": "checkpoint inhibitor alone",
                "lesions": counterfactual.summary_records(),
            }
        (staging / "summary.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return Path(directory)
