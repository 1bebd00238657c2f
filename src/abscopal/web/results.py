"""What the web explorer shows for a scenario, and for two schedules side by side."""

from __future__ import annotations

import base64
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from abscopal.assessment.readings import overall_responses
from abscopal.plotting.counterfactuals import plot_counterfactuals
from abscopal.plotting.immune import plot_immune
from abscopal.plotting.lesions import plot_lesions
from abscopal.protocols.counterfactuals import AS_GIVEN, SYSTEMIC_ALONE, counterfactual_treatments
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


def _png(plot: Any, subject: Any) -> str:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "figure.png"
        plot(subject, path)
        return base64.b64encode(path.read_bytes()).decode("ascii")


def _curves(solution: Solution) -> dict[str, dict[str, list[float]]]:
    frame = solution.to_dataframe()
    return {
        name: {
            "diameter_mm": np.round(rows["diameter_mm"].to_numpy(), 4).tolist(),
            "volume_mm3": np.round(np.pi / 6.0 * rows["diameter_mm"].to_numpy() ** 3, 4).tolist(),
            "pd_l1": np.round(rows["pd_l1"].to_numpy(), 5).tolist(),
        }
        for name, rows in frame.groupby("lesion", sort=False)
    }


def result_record(solution: Solution) -> dict[str, Any]:
    """JSON-ready result: lesion table, the reading by every warranted criterion, schedule in
    words, curves and figures."""
    systemic = solution.systemic_dataframe()
    return {
        "name": solution.name,
        "species": solution.patient.species,
        "status": "ok" if solution.ok else f"solver status: {solution.status.value}",
        "schedule": describe_schedule(solution.treatment, solution.schedule),
        "lesions": solution.summary_records(),
        "criteria": overall_responses(solution),
        "time_day": solution.time_day.tolist(),
        "curves": _curves(solution),
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


def change_in_words(first: float, second: float, first_name: str, second_name: str) -> str:
    """How a percentage change under ``second`` compares with one under ``first``, in words a
    reader cannot misread: two shrinking lesions differ in shrinkage, two growing ones in
    growth."""
    gap = abs(second - first)
    if gap < 0.5:
        return "the same (within 0.5 percentage points)"
    if first <= 0 and second <= 0:
        kind = "more shrinkage" if second < first else "less shrinkage"
    elif first >= 0 and second >= 0:
        kind = "less growth" if second < first else "more growth"
    else:
        shrinks, grows = (second_name, first_name) if second < first else (first_name, second_name)
        return f"shrinkage with {shrinks}, growth with {grows} ({gap:.1f} percentage points apart)"
    return f"{gap:.1f} percentage points {kind} with {second_name}"


def difference_in_words(a: dict[str, Any], b: dict[str, Any], duration_day: float) -> str:
    """One paragraph: how schedule B differs from schedule A for the same patient."""
    sentences = []
    baseline_a, final_a = _distant_burden(a)
    _, final_b = _distant_burden(b)
    if baseline_a > 0:
        change_a = 100.0 * (final_a / baseline_a - 1.0)
        change_b = 100.0 * (final_b / baseline_a - 1.0)
        verdict = change_in_words(change_a, change_b, "A", "B")
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


def _final_change_pct(record: dict[str, Any], lesion: str, species: str = "human") -> float:
    """The final change of a lesion: of its diameter, or of its volume for a mouse."""
    row = next(row for row in record["lesions"] if row["lesion"] == lesion)
    if species == "mouse":
        return 100.0 * ((row["final_diameter_mm"] / row["baseline_diameter_mm"]) ** 3 - 1.0)
    return float(row["final_change_pct"])


def counterfactuals_in_words(
    variants: dict[str, dict[str, Any]], duration_day: float, species: str = "human"
) -> str:
    """For each lesion the combination never irradiates: its change under every variant, and
    what adding the radiation changed beyond the drug alone (the abscopal contribution)."""
    if AS_GIVEN not in variants or SYSTEMIC_ALONE not in variants:
        if len(variants) == 1:
            return "No treatment is given: the panels show the natural history only."
        return (
            "The treatment has no radiation and drug to combine: the panels show it against no "
            "treatment only."
        )
    combination = variants[AS_GIVEN]
    distant = [row["lesion"] for row in combination["lesions"] if not row["irradiated"]]
    if not distant:
        return "Every lesion is irradiated, so there is no distant lesion to read an abscopal effect in."
    sentences = []
    for lesion in distant:
        changes = ", ".join(
            f"{_final_change_pct(record, lesion, species):+.1f} % {label}"
            for label, record in variants.items()
        )
        verdict = change_in_words(
            _final_change_pct(variants[SYSTEMIC_ALONE], lesion, species),
            _final_change_pct(combination, lesion, species),
            "the drug alone",
            "the combination",
        )
        sentences.append(
            f"{lesion} (not irradiated), {'volume' if species == 'mouse' else 'diameter'} change "
            f"at day {duration_day:g}: {changes}; "
            f"adding the radiation to the drug: {verdict}."
        )
    return " ".join(sentences)


def counterfactual_scenarios(scenario: Scenario) -> dict[str, Scenario]:
    """The scenario under each of its counterfactual treatments (same patient)."""
    return {
        label: scenario.with_treatment(treatment, name=f"{scenario.name}_{label.replace(' ', '_')}")
        for label, treatment in counterfactual_treatments(scenario.treatment).items()
    }


def counterfactuals(scenarios: dict[str, Scenario], patient_name: str) -> dict[str, Any]:
    """Every counterfactual of one patient solved (``scenarios`` from
    :func:`counterfactual_scenarios`): curves, lesion tables, a figure on shared axes and the
    abscopal contribution in words."""
    solutions = {label: simulate(scenario) for label, scenario in scenarios.items()}
    variants = {
        label: {
            "label": label,
            "lesions": solution.summary_records(),
            "schedule": describe_schedule(solution.treatment, solution.schedule),
            "curves": _curves(solution),
            "status": "ok" if solution.ok else f"solver status: {solution.status.value}",
        }
        for label, solution in solutions.items()
    }
    first = next(iter(solutions.values()))
    last = list(scenarios.values())[-1]
    return {
        "name": patient_name,
        "species": first.patient.species,
        "time_day": first.time_day.tolist(),
        "variants": list(variants.values()),
        "sentence": counterfactuals_in_words(variants, last.duration_day, last.species),
        "figure_png": _png(partial(plot_counterfactuals, title=patient_name), solutions),
    }
