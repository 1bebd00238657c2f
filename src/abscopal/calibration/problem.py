"""A calibration problem: measured tumor sizes per group, the scenario each group received,
and the residual function (log simulated - log measured volume) of the fitted parameters,
traced through the solver so it can be differentiated."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import jax.numpy as jnp
import numpy as np

from abscopal.calibration.data import CalibrationDataError, TumorData
from abscopal.models.inputs import PatientInputs
from abscopal.models.observation import measured_volume_mm3
from abscopal.scenario import Scenario
from abscopal.simulation import model_inputs
from abscopal.solvers.diffrax_solver import SolverOptions, solve_patient

FIT_OPTIONS = SolverOptions(rtol=1e-7, atol=1e-9, layout="vmap", differentiation="forward")


@dataclass(frozen=True)
class GroupProblem:
    """One treatment group: its model inputs and where its measurements sit."""

    name: str
    scenario: Scenario
    inputs: PatientInputs
    time_index: np.ndarray
    lesion_index: np.ndarray
    log_observed: np.ndarray


def _group_scenario(scenario: Scenario, days: Sequence[float]) -> Scenario:
    last = max(days)
    return scenario.model_copy(
        update={
            "output_times_day": sorted({float(day) for day in days}),
            "duration_day": max(scenario.duration_day, last),
        }
    )


def build_problem(
    data: TumorData, scenarios: Mapping[str, Scenario], fitted: Sequence[str]
) -> list[GroupProblem]:
    """One :class:`GroupProblem` per group of ``data``; ``scenarios`` maps group names (or
    ``"*"`` for every group) to scenarios."""
    problems = []
    volumes = data.volumes_mm3()
    for group in data.groups:
        scenario = scenarios.get(group, scenarios.get("*"))
        if scenario is None:
            raise CalibrationDataError(
                "group",
                f"group {group!r} has no scenario; give --scenario {group}=FILE.yaml "
                "(or one scenario for every group)",
            )
        rows = data.group_table(group)
        lesion_names = scenario.lesion_names()
        unknown = sorted(set(rows["lesion"]) - set(lesion_names))
        if unknown:
            raise CalibrationDataError(
                "lesion",
                f"{unknown[0]!r} (group {group!r}) is not a lesion of its scenario "
                f"(lesions: {', '.join(lesion_names)})",
            )
        compiled = _group_scenario(scenario, rows["day"].tolist())
        inputs, schedule = model_inputs(compiled)
        boundary = schedule.boundary_day
        output_index = {
            float(day): int(k) for k, day in enumerate(boundary) if schedule.is_output[k]
        }
        problems.append(
            GroupProblem(
                name=group,
                scenario=compiled,
                inputs=inputs,
                time_index=np.array([output_index[float(day)] for day in rows["day"]]),
                lesion_index=np.array([lesion_names.index(item) for item in rows["lesion"]]),
                log_observed=np.log(volumes[rows.index.to_numpy()]),
            )
        )
    return problems


def simulated_log_volumes(
    log_values: jnp.ndarray,
    problems: Sequence[GroupProblem],
    names: Sequence[str],
    options: SolverOptions = FIT_OPTIONS,
) -> jnp.ndarray:
    """Log simulated volume at every measurement, for the fitted ``names`` at
    ``exp(log_values)`` (traceable)."""
    outputs = []
    for problem in problems:
        inputs = problem.inputs.with_parameters(
            {name: jnp.exp(log_values[index]) for index, name in enumerate(names)}
        )
        lesions, _, _, _ = solve_patient(inputs, options)
        picked = lesions[problem.time_index, problem.lesion_index]
        volume = measured_volume_mm3(picked)
        outputs.append(jnp.log(jnp.maximum(volume, 1e-9)))
    return jnp.concatenate(outputs)


def observed_log_volumes(problems: Sequence[GroupProblem]) -> np.ndarray:
    """Log measured volume of every measurement, in the order of the residuals."""
    return np.concatenate([problem.log_observed for problem in problems])
