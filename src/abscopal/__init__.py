"""abscopal: simulate local radiotherapy and checkpoint inhibitors across every lesion of a
patient, with the competing pro- and anti-immune effects of radiation.

    Scenario (YAML) -> Model + ParameterSet -> TreatmentSchedule -> Solver -> Solution

The public names below are imported on first use, so commands that do not solve (``assess``,
``params``, ``serve``, ``--help``) start without loading JAX. Importing changes no JAX setting:
the entry points that compute (``simulate``, the solvers, the command line) call
``abscopal._jax_setup.configure_jax`` (float64 and the persistent compilation cache).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "PARAMETER_SETS": "abscopal.parameters",
    "ParameterSet": "abscopal.parameters",
    "get_parameter_set": "abscopal.parameters",
    "Scenario": "abscopal.scenario",
    "ScenarioError": "abscopal.scenario",
    "load_scenario": "abscopal.scenario",
    "scenario_from_dict": "abscopal.scenario",
    "simulate": "abscopal.simulation",
    "simulate_batch": "abscopal.simulation",
    "Solution": "abscopal.solution",
}

__all__ = [
    "PARAMETER_SETS",
    "ParameterSet",
    "Scenario",
    "ScenarioError",
    "Solution",
    "__version__",
    "get_parameter_set",
    "load_scenario",
    "scenario_from_dict",
    "simulate",
    "simulate_batch",
]

if TYPE_CHECKING:
    from abscopal.parameters import PARAMETER_SETS, ParameterSet, get_parameter_set
    from abscopal.scenario import Scenario, ScenarioError, load_scenario, scenario_from_dict
    from abscopal.simulation import simulate, simulate_batch
    from abscopal.solution import Solution


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'abscopal' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
