"""The explorer's small virtual trial: a bounded cohort, two arms, endpoints with intervals.

The same engine as ``abscopal trial`` (plausible virtual population, every patient under every
arm, RECIST 1.1 reading on the trial's scan schedule), run in memory for at most
:data:`MAX_TRIAL_PATIENTS` patients so that a request stays a few minutes of work at most.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from typing import Any

from abscopal.parameters.drugs import ANTIBODIES
from abscopal.protocols.describe import course_labels
from abscopal.reports.trial_report import primary_names
from abscopal.scenario import ScenarioError
from abscopal.trials.endpoints import pfs, trial_endpoints
from abscopal.trials.spec import TrialSpec, trial_from_dict
from abscopal.trials.statistics import DAYS_PER_MONTH, kaplan_meier, log_rank
from abscopal.yaml_input import parse_yaml_text

MAX_TRIAL_PATIENTS = 200
MAX_TRIAL_ARMS = 2
MAX_TRIAL_FOLLOW_UP_DAY = 730.0
MAX_CANDIDATES_PER_PATIENT = 20
TRIAL_PROGRAMS = 4  # compiled programs a trial may add (population and arm chunk shapes)
TRIAL_LIMITS_TEXT = (
    f"trials: at most {MAX_TRIAL_PATIENTS} virtual patients, {MAX_TRIAL_ARMS} arms, "
    f"{MAX_TRIAL_FOLLOW_UP_DAY:g} days"
)
SHOWN_ENDPOINTS = (  # endpoint, label, kind
    ("orr_at_read_out", "objective response rate at the read-out day", "share"),
    (
        "out_of_field_orr_at_read_out",
        "out-of-field objective response rate at the read-out day",
        "share",
    ),
    ("orr_at_read_out_difference", "difference in response rate at the read-out day", "difference"),
    (
        "out_of_field_orr_at_read_out_difference",
        "difference in out-of-field response rate at the read-out day",
        "difference",
    ),
    ("orr", "objective response rate (RECIST 1.1)", "share"),
    ("out_of_field_orr", "out-of-field objective response rate", "share"),
    ("abscopal_response_rate", "abscopal response rate", "share"),
    ("dcr", "disease control rate", "share"),
    ("pfs_median_day", "median progression-free survival [months]", "months"),
    ("orr_difference", "difference in objective response rate", "difference"),
    ("out_of_field_orr_difference", "difference in out-of-field response rate", "difference"),
    ("pfs_hazard_ratio", "hazard ratio of progression (log-rank)", "ratio"),
)


def trial_examples() -> list[str]:
    """Names of the trial files shipped in the package."""
    folder = resources.files("abscopal.examples") / "trials"
    return sorted(
        item.name.removesuffix(".yaml") for item in folder.iterdir() if item.name.endswith(".yaml")
    )


def trial_example(name: str) -> dict[str, Any]:
    """The mapping of one shipped trial file."""
    folder = resources.files("abscopal.examples") / "trials"
    text = (folder / f"{name}.yaml").read_text(encoding="utf-8")
    return parse_yaml_text(text, "trial", name)


def validated_trial(data: Any) -> TrialSpec:
    """A trial from request JSON within the web limits (raises :class:`ScenarioError`)."""
    spec = trial_from_dict(data)
    if spec.patients > MAX_TRIAL_PATIENTS:
        raise ScenarioError(
            "patients", f"the web explorer runs at most {MAX_TRIAL_PATIENTS} virtual patients"
        )
    if len(spec.arms) > MAX_TRIAL_ARMS:
        raise ScenarioError("arms", f"the web explorer runs at most {MAX_TRIAL_ARMS} arms")
    if spec.follow_up_day > MAX_TRIAL_FOLLOW_UP_DAY:
        raise ScenarioError(
            "follow_up_day", f"the web explorer follows at most {MAX_TRIAL_FOLLOW_UP_DAY:g} days"
        )
    if spec.plausibility.max_candidates_per_patient > MAX_CANDIDATES_PER_PATIENT:
        raise ScenarioError(
            "plausibility.max_candidates_per_patient",
            f"the web explorer draws at most {MAX_CANDIDATES_PER_PATIENT} candidates per patient",
        )
    return spec


def program_keys(spec: TrialSpec) -> list[tuple[str, str, int]]:
    """What a trial counts against the server's compiled-program budget: its chunk shapes
    follow the cohort size, the lesion counts and each arm's schedule, so every distinct trial
    (design, size, seed) counts as :data:`TRIAL_PROGRAMS` new programs."""
    digest = hashlib.sha256(spec.model_dump_json().encode()).hexdigest()[:16]
    return [("trial", digest, index) for index in range(TRIAL_PROGRAMS)]


def _arm_lines(arm: Any, species: str) -> list[str]:
    lines = [text for _, _, text in course_labels(arm, species)]
    unknown = [course.drug for course in arm.checkpoint if course.drug not in ANTIBODIES]
    return lines + [f"unknown drug {name}" for name in unknown] or ["no treatment"]


def _endpoint_rows(spec: TrialSpec, endpoints: Any) -> list[dict[str, Any]]:
    rows = []
    table = endpoints.set_index(["arm", "endpoint"])
    arms = [arm.name for arm in spec.arms]
    comparisons = [f"{arm}_vs_{arms[0]}" for arm in arms[1:]]
    radiation = {arm.name: bool(arm.radiation_targets()) for arm in spec.arms}
    primary = set(primary_names(spec.primary_endpoint)) if spec.primary_endpoint else set()
    for endpoint, label, kind in SHOWN_ENDPOINTS:
        for arm in (*arms, *comparisons) if kind in ("difference", "ratio") else arms:
            if (arm, endpoint) not in table.index:
                continue
            row = table.loc[(arm, endpoint)]
            shown = label
            if endpoint == "abscopal_response_rate" and not radiation.get(arm, True):
                shown = "response of a non-irradiated lesion (this arm gives no radiation)"
            scale = 1.0 / DAYS_PER_MONTH if kind == "months" else 1.0
            rows.append(
                {
                    "primary": endpoint in primary,
                    "arm": arm,
                    "endpoint": endpoint,
                    "label": shown,
                    "kind": kind,
                    "estimate": float(row["estimate"] * scale),
                    "ci_low": float(row["ci_low"] * scale),
                    "ci_high": float(row["ci_high"] * scale),
                    "n": int(row["n"]),
                }
            )
    return sorted(rows, key=lambda row: not row["primary"])  # the primary endpoint first


def _curves(spec: TrialSpec, outcomes: Any) -> dict[str, dict[str, list[float]]]:
    curves = {}
    for arm in spec.arms:
        time, event = pfs(outcomes[outcomes["arm"] == arm.name])
        steps = kaplan_meier(time, event).step_curve(float(time.max()) if time.size else 0.0)
        curves[arm.name] = {
            "time_month": (steps["day"] / DAYS_PER_MONTH).round(4).tolist(),
            **{key: steps[key].round(5).tolist() for key in ("survival", "lower", "upper")},
        }
    return curves


def run_trial(spec: TrialSpec) -> dict[str, Any]:
    """Draw the population, run both arms and read the endpoints: JSON-ready but for NaN
    where a value is undefined (e.g. a median not reached), which the server's one JSON door
    (``abscopal.web.app._json``) writes as null."""
    from abscopal.trials.engine import outcomes_in_memory
    from abscopal.trials.plausibility import virtual_population

    patients, population = virtual_population(spec)
    outcomes = outcomes_in_memory(spec, patients)
    arms = [arm.name for arm in spec.arms]
    endpoints = trial_endpoints(outcomes, arms)
    hazard = None
    if len(arms) == 2:
        (time_a, event_a), (time_b, event_b) = (
            pfs(outcomes[outcomes["arm"] == arm]) for arm in arms
        )
        result = log_rank(time_a, event_a, time_b, event_b)
        hazard = {
            "arm": arms[1],
            "reference": arms[0],
            "hazard_ratio": float(result.hazard_ratio),
            "ci_low": float(result.ci_low),
            "ci_high": float(result.ci_high),
            "p_value": float(result.p_value),
        }
    return {
        "name": spec.name,
        "patients": spec.patients,
        "seed": spec.seed,
        "arms": [
            {"name": arm.name, "treatment": _arm_lines(arm, spec.species)} for arm in spec.arms
        ],
        "population": {
            "candidates": population.candidates,
            "plausible": population.plausible,
            "selected": population.selected,
        },
        "endpoints": _endpoint_rows(spec, endpoints),
        "pfs": _curves(spec, outcomes),
        "hazard_ratio": hazard,
        "solver_failed": int((outcomes["status"] != "ok").sum()),
    }
