"""abscopal: simulate local radiotherapy and checkpoint inhibitors across every lesion of a
patient, with the competing pro- and anti-immune effects of radiation.

    Scenario (YAML) -> Model + ParameterSet -> TreatmentSchedule -> Solver -> Solution
"""

from __future__ import annotations

from abscopal import _jax_setup  # noqa: F401  (float64 and the persistent compilation cache)
from abscopal.parameters import PARAMETER_SETS, ParameterSet, get_parameter_set
from abscopal.scenario import Scenario, ScenarioError, load_scenario, scenario_from_dict
from abscopal.simulation import simulate, simulate_batch
from abscopal.solution import Solution

__version__ = "0.1.0"

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
