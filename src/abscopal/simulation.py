"""Simulation: a scenario (or a batch of them) through the model and solver to a Solution."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from abscopal._jax_setup import configure_jax
from abscopal.models.inputs import PatientInputs, prepare, stack_inputs
from abscopal.parameters import ParameterSet, get_parameter_set
from abscopal.protocols.schedule import TreatmentSchedule, compile_schedule
from abscopal.scenario import Scenario, load_scenario, scenario_from_dict
from abscopal.solution import Solution
from abscopal.solvers.diffrax_solver import SolverOptions, solve_batch
from abscopal.solvers.status import SolverStatus

BOUNDARY_PADDING = 128


def as_scenario(scenario: Scenario | Mapping[str, Any] | str | Path) -> Scenario:
    """Accept a Scenario, a parsed mapping or a path to a YAML file."""
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, str | Path):
        return load_scenario(scenario)
    return scenario_from_dict(dict(scenario))


def scenario_parameters(scenario: Scenario) -> ParameterSet:
    """The scenario's parameter set with its overrides applied."""
    return get_parameter_set(scenario.parameter_set_name).with_overrides(
        scenario.parameter_overrides
    )


def padded_boundaries(count: int) -> int:
    """Boundary count rounded up so that similar scenarios share one compiled solver."""
    return int(math.ceil(count / BOUNDARY_PADDING) * BOUNDARY_PADDING)


def solver_shape(scenario: Scenario) -> tuple[int, int]:
    """The shape that decides which compiled solver program a scenario runs: its lesion count
    and its padded boundary count."""
    schedule = compile_schedule(scenario.treatment, scenario.patient)
    return len(scenario.lesions), padded_boundaries(schedule.n_boundaries)


def model_inputs(
    scenario: Scenario | Mapping[str, Any] | str | Path,
) -> tuple[PatientInputs, TreatmentSchedule]:
    """The solver inputs of one scenario and its compiled schedule (for cross-checks and
    custom batching)."""
    parsed = as_scenario(scenario)
    schedule = compile_schedule(parsed.treatment, parsed.patient)
    return _prepare(parsed, scenario_parameters(parsed), schedule), schedule


def _prepare(
    scenario: Scenario, parameter_set: ParameterSet, schedule: TreatmentSchedule
) -> PatientInputs:
    return prepare(
        parameter_set.values(),
        scenario.lesions,
        schedule.arrays(),
        schedule.drug_by_target,
        scenario.body_weight_kg,
    )


def simulate_batch(
    scenarios: Sequence[Scenario | Mapping[str, Any] | str | Path],
    options: SolverOptions | None = None,
) -> list[Solution]:
    """Solve several scenarios with the same number of lesions in one batched call."""
    configure_jax()
    parsed = [as_scenario(scenario) for scenario in scenarios]
    if not parsed:
        return []
    lesion_counts = {len(scenario.lesions) for scenario in parsed}
    if len(lesion_counts) != 1:
        raise ValueError("all scenarios of one batch must have the same number of lesions")
    parameter_sets = [scenario_parameters(scenario) for scenario in parsed]
    schedules = [compile_schedule(scenario.treatment, scenario.patient) for scenario in parsed]
    boundary_count = padded_boundaries(max(schedule.n_boundaries for schedule in schedules))
    padded = [schedule.padded(boundary_count) for schedule in schedules]

    inputs = stack_inputs(
        [
            _prepare(scenario, parameter_set, schedule)
            for scenario, parameter_set, schedule in zip(
                parsed, parameter_sets, padded, strict=True
            )
        ]
    )
    raw = solve_batch(inputs, options)
    solutions = []
    for index, (scenario, parameter_set, schedule) in enumerate(
        zip(parsed, parameter_sets, schedules, strict=True)
    ):
        count = schedule.n_boundaries
        keep = schedule.is_output
        solutions.append(
            Solution(
                name=scenario.name,
                patient=scenario.patient,
                treatment=scenario.treatment,
                parameters=parameter_set,
                schedule=schedule,
                time_day=schedule.boundary_day[keep],
                lesion_states=raw["lesions"][index, :count][keep],
                systemic_states=raw["systemic"][index, :count][keep],
                status=SolverStatus.from_code(raw["status"][index]),
                solver_steps=int(raw["steps"][index]),
            )
        )
    return solutions


def simulate(
    scenario: Scenario | Mapping[str, Any] | str | Path, options: SolverOptions | None = None
) -> Solution:
    """Simulate one scenario (a Scenario, a mapping as parsed from YAML, or a YAML path)."""
    return simulate_batch([scenario], options)[0]
