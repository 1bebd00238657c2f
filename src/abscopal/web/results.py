"""What the web explorer shows for a scenario, and for two schedules side by side."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from abscopal.plotting.immune import plot_immune
from abscopal.plotting.lesions import plot_lesions
from abscopal.protocols.describe import describe_schedule
from abscopal.scenario import Scenario, ScenarioError, parse_yaml_text, scenario_from_dict
from abscopal.simulation import simulate
from abscopal.solution import Solution
from abscopal.web.limits import enforce_limits


def validated(data: Any) -> Scenario:
    """A scenario from request JSON, within the web limits (raises :class:`ScenarioError`)."""
    scenario = scenario_from_dict(data)
    enforce_limits(scenario)
    return scenario


def scenario_yaml(scenario: Scenario) -> str:
    """The scenario as YAML text (defaults left out)."""
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, sort_keys=False)


def parse_yaml(text: str) -> dict[str, Any]:
    """Scenario mapping from uploaded YAML text (raises :class:`ScenarioError`)."""
    scenario = validated(parse_yaml_text(text, "file", "the uploaded file"))
    return scenario.model_dump(mode="json", exclude_defaults=True)


def _png(plot: Any, solution: Solution) -> str:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "figure.png"
        plot(solution, path)
        return base64.b64encode(path.read_bytes()).decode("ascii")


def result_record(solution: Solution) -> dict[str, Any]:
    """JSON-ready result: lesion table, schedule in words, curves and figures."""
    frame = solution.to_dataframe()
    systemic = solution.systemic_dataframe()
    curves = {
        name: {
            "diameter_mm": np.round(rows["diameter_mm"].to_numpy(), 4).tolist(),
            "pd_l1": np.round(rows["pd_l1"].to_numpy(), 5).tolist(),
        }
        for name, rows in frame.groupby("lesion", sort=False)
    }
    return {
        "name": solution.name,
        "status": "ok" if solution.ok else f"solver status: {solution.status.value}",
        "schedule": describe_schedule(solution.treatment, solution.schedule),
        "lesions": solution.summary(),
        "time_day": solution.time_day.tolist(),
        "curves": curves,
        "lymphocytes_per_ul": np.round(systemic["lymphocytes_per_ul"].to_numpy(), 3).tolist(),
        "circulating_effectors_1e6": np.round(
            systemic["circulating_effectors_1e6"].to_numpy(), 6
        ).tolist(),
        "lesions_png": _png(plot_lesions, solution),
        "immune_png": _png(plot_immune, solution),
    }


def run(scenario: Scenario) -> dict[str, Any]:
    """Simulate one scenario and build its result record."""
    return result_record(simulate(scenario))


def _distant_burden(record: dict[str, Any]) -> tuple[float, float]:
    distant = [row for row in record["lesions"] if not row["irradiated"]]
    baseline = sum(row["baseline_diameter_mm"] for row in distant)
    final = sum(row["final_diameter_mm"] for row in distant)
    return baseline, final


def difference_in_words(a: dict[str, Any], b: dict[str, Any], duration_day: float) -> str:
    """One paragraph: how schedule B differs from schedule A for the same patient."""
    sentences = []
    baseline_a, final_a = _distant_burden(a)
    _, final_b = _distant_burden(b)
    if baseline_a > 0:
        change_a = 100.0 * (final_a / baseline_a - 1.0)
        change_b = 100.0 * (final_b / baseline_a - 1.0)
        if abs(change_b - change_a) < 0.5:
            verdict = "the same (within 0.5 percentage points)"
        elif change_b < change_a:
            verdict = f"{change_a - change_b:.1f} percentage points more shrinkage with B"
        else:
            verdict = f"{change_b - change_a:.1f} percentage points more growth with B"
        sentences.append(
            f"At day {duration_day:g}, the summed diameter of the non-irradiated lesions changed by "
            f"{change_a:+.1f} % with A and {change_b:+.1f} % with B: {verdict}."
        )
    else:
        sentences.append("Every lesion is irradiated, so there is no distant lesion to compare.")
    for row_a, row_b in zip(a["lesions"], b["lesions"], strict=True):
        if row_a["response"] != row_b["response"]:
            sentences.append(
                f"{row_a['lesion']}: {row_a['response']} with A, {row_b['response']} with B "
                f"(best change {row_a['best_change_pct']:+.1f} % vs {row_b['best_change_pct']:+.1f} %)."
            )
    if len(sentences) == 1:
        sentences.append("No lesion changes its response category.")
    return " ".join(sentences)


def compare(first: Scenario, second: Scenario) -> dict[str, Any]:
    """Both schedules' results and the difference stated in words."""
    if first.lesions != second.lesions or first.species != second.species:
        raise ScenarioError(
            "b.lesions", "schedule B must use the same patient (lesions, species) as A"
        )
    a, b = run(first), run(second)
    return {"a": a, "b": b, "difference": difference_in_words(a, b, first.duration_day)}
