"""Simulation: a scenario (or a batch of them) through the model and solver to a Solution."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from abscopal.models.initial_state import SCLEROTIC_FRACTION_BY_PATTERN
from abscopal.parameters import ParameterSet, get_parameter_set
from abscopal.parameters.drugs import ANTIBODIES, TARGETS
from abscopal.parameters.organ_sites import lesion_specific_blood_flow_ml_per_min_per_g
from abscopal.protocols.schedule import TreatmentSchedule, compile_schedule
from abscopal.scenario import Scenario, load_scenario, scenario_from_dict
from abscopal.solution import Solution
from abscopal.solvers.diffrax_solver import SolverOptions, solve_batch

BOUNDARY_PADDING = 128
PK_FIELDS = (
    "clearance_l_per_day",
    "central_volume_l",
    "intercompartmental_clearance_l_per_day",
    "peripheral_volume_l",
    "max_saturable_elimination_mg_per_day",
    "saturable_half_concentration_mg_per_l",
    "absorption_rate_per_day",
    "bioavailability",
    "occupancy_half_concentration_ug_per_ml",
)


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


def lesion_constants(scenario: Scenario, parameters: ParameterSet) -> dict[str, np.ndarray]:
    """Per-lesion constants: baseline volume, growth rate, blood flow, PD-L1, bone flags."""
    default_rate = parameters.value("tumor_gompertz_rate_per_day")
    capacity = parameters.value("tumor_carrying_capacity_mm3")
    growth, flow, pd_l1, bone, sclerosis, volume = [], [], [], [], [], []
    for lesion in scenario.lesions:
        volume.append(lesion.baseline_volume)
        if lesion.doubling_time_day is not None:
            logarithm = max(math.log(capacity / lesion.baseline_volume), 0.05)
            growth.append(math.log(2.0) / (lesion.doubling_time_day * logarithm))
        else:
            growth.append(default_rate)
        flow.append(
            lesion_specific_blood_flow_ml_per_min_per_g(
                lesion.organ,
                parameters.value("cardiac_output_ml_per_min"),
                scenario.body_weight_kg,
            )
        )
        pd_l1.append(
            parameters.value("pdl1_baseline")
            if lesion.pd_l1_baseline is None
            else lesion.pd_l1_baseline
        )
        bone.append(1.0 if lesion.organ == "bone" else 0.0)
        sclerosis.append(SCLEROTIC_FRACTION_BY_PATTERN[lesion.bone_pattern or "none"])
    return {
        "baseline_volume_mm3": np.array(volume),
        "growth_rate_per_day": np.array(growth),
        "specific_blood_flow": np.array(flow),
        "pdl1_baseline": np.array(pd_l1),
        "is_bone": np.array(bone),
        "sclerotic_fraction_initial": np.array(sclerosis),
    }


def pk_constants(schedule: TreatmentSchedule, body_weight_kg: float) -> dict[str, np.ndarray]:
    """PK constants per target slot, clearances scaled allometrically to body weight."""
    columns: dict[str, list[float]] = {name: [] for name in PK_FIELDS}
    for slot, _target in enumerate(TARGETS):
        name = schedule.drug_by_target[slot]
        if name is None:
            for field in PK_FIELDS:
                columns[field].append(1.0)
            continue
        antibody = ANTIBODIES[name]
        scale = (body_weight_kg / antibody.reference_weight_kg) ** antibody.weight_exponent
        for field in PK_FIELDS:
            value = float(getattr(antibody, field))
            if field in ("clearance_l_per_day", "intercompartmental_clearance_l_per_day"):
                value *= scale
            columns[field].append(value)
    return {name: np.array(values) for name, values in columns.items()}


def padded_boundaries(count: int) -> int:
    """Boundary count rounded up so that similar scenarios share one compiled solver."""
    return int(math.ceil(count / BOUNDARY_PADDING) * BOUNDARY_PADDING)


def model_inputs(
    scenario: Scenario | Mapping[str, Any] | str | Path,
) -> tuple[dict[str, float], dict[str, np.ndarray], dict[str, np.ndarray], TreatmentSchedule]:
    """Parameters, lesion constants, PK constants and compiled schedule of one scenario (the
    inputs of the solvers, for cross-checks and custom batching)."""
    parsed = as_scenario(scenario)
    parameter_set = scenario_parameters(parsed)
    schedule = compile_schedule(parsed)
    return (
        parameter_set.values(),
        lesion_constants(parsed, parameter_set),
        pk_constants(schedule, parsed.body_weight_kg),
        schedule,
    )


def simulate_batch(
    scenarios: Sequence[Scenario | Mapping[str, Any] | str | Path],
    options: SolverOptions | None = None,
) -> list[Solution]:
    """Solve several scenarios with the same number of lesions in one batched call."""
    parsed = [as_scenario(scenario) for scenario in scenarios]
    if not parsed:
        return []
    lesion_counts = {len(scenario.lesions) for scenario in parsed}
    if len(lesion_counts) != 1:
        raise ValueError("all scenarios of one batch must have the same number of lesions")
    parameter_sets = [scenario_parameters(scenario) for scenario in parsed]
    schedules = [compile_schedule(scenario) for scenario in parsed]
    boundary_count = padded_boundaries(max(schedule.n_boundaries for schedule in schedules))
    padded = [schedule.padded(boundary_count) for schedule in schedules]

    def stack(rows: list[dict[str, Any]]) -> dict[str, np.ndarray]:
        return {
            key: np.stack([np.asarray(row[key], dtype=float) for row in rows]) for key in rows[0]
        }

    raw = solve_batch(
        stack([parameter_set.values() for parameter_set in parameter_sets]),
        stack([lesion_constants(s, ps) for s, ps in zip(parsed, parameter_sets, strict=True)]),
        stack(
            [pk_constants(sch, s.body_weight_kg) for sch, s in zip(schedules, parsed, strict=True)]
        ),
        stack([schedule.arrays() for schedule in padded]),
        options,
    )
    solutions = []
    for index, (scenario, parameter_set, schedule) in enumerate(
        zip(parsed, parameter_sets, schedules, strict=True)
    ):
        count = schedule.n_boundaries
        keep = schedule.is_output
        solutions.append(
            Solution(
                scenario=scenario,
                parameters=parameter_set,
                schedule=schedule,
                time_day=schedule.boundary_day[keep],
                lesion_states=raw["lesions"][index, :count][keep],
                systemic_states=raw["systemic"][index, :count][keep],
                status=int(raw["status"][index]),
                solver_steps=int(raw["steps"][index]),
            )
        )
    return solutions


def simulate(
    scenario: Scenario | Mapping[str, Any] | str | Path, options: SolverOptions | None = None
) -> Solution:
    """Simulate one scenario (a Scenario, a mapping as parsed from YAML, or a YAML path)."""
    return simulate_batch([scenario], options)[0]
