"""The one forward-model interface the fitting machinery works on.

A forward model maps the log values of its fitted parameters to the log of what was measured,
at every measurement, in traceable JAX (so Levenberg-Marquardt can take forward-mode Jacobians
through it), and carries the measured values in the same order. :class:`TumorGrowthModel` is the
abscopal model solved for each treatment group of a calibration data set;
:class:`ExponentialGrowthModel` is a two-parameter toy that lets the fitting machinery be tested
in milliseconds, without the full model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import jax.numpy as jnp
import numpy as np
from jax import Array

from abscopal.calibration.data import CalibrationDataError, TumorData
from abscopal.calibration.problem import (
    GroupProblem,
    build_problem,
    observed_log_volumes,
    simulated_log_volumes,
)
from abscopal.parameters import UnknownParameterError
from abscopal.scenario import Scenario
from abscopal.simulation import scenario_parameters


class ForwardModel(Protocol):
    """What :func:`abscopal.calibration.fit.fit_forward_model` needs of a model."""

    @property
    def names(self) -> tuple[str, ...]:
        """The fitted parameters, in the order of ``log_values``."""
        ...

    @property
    def initial_values(self) -> dict[str, float]:
        """Starting value of each fitted parameter (its current value)."""
        ...

    @property
    def log_observed(self) -> np.ndarray:
        """Log of every measurement, in the order of :meth:`log_simulated`."""
        ...

    def log_simulated(self, log_values: Array) -> Array:
        """Log of the simulated value at every measurement (traceable)."""
        ...


@dataclass(frozen=True)
class TumorGrowthModel:
    """Tumor volumes of a calibration data set, simulated by the abscopal model with the
    scenario of each group (``scenarios`` maps group names, or ``"*"``, to scenarios)."""

    names: tuple[str, ...]
    initial_values: dict[str, float]
    problems: tuple[GroupProblem, ...]

    @classmethod
    def build(
        cls, data: TumorData, scenarios: Mapping[str, Scenario], names: Sequence[str]
    ) -> TumorGrowthModel:
        """The model for ``data``; refuses unknown parameter names with the nearest spelling."""
        if not names:
            raise CalibrationDataError("--fit", "name at least one parameter to fit")
        first = scenarios.get("*") or next(iter(scenarios.values()))
        base = scenario_parameters(first)
        try:
            initial = {name: base.value(name) for name in names}
        except UnknownParameterError as error:
            raise CalibrationDataError("--fit", error.message) from None
        return cls(tuple(names), initial, tuple(build_problem(data, scenarios, names)))

    @property
    def log_observed(self) -> np.ndarray:
        return observed_log_volumes(self.problems)

    def log_simulated(self, log_values: Array) -> Array:
        return simulated_log_volumes(log_values, self.problems, self.names)


@dataclass(frozen=True)
class ExponentialGrowthModel:
    """Toy forward model V(t) = V0 exp(r t) at ``times_day``, fitted to ``volumes_mm3``:
    parameters ``initial_volume_mm3`` and ``growth_rate_per_day``."""

    times_day: np.ndarray
    volumes_mm3: np.ndarray
    initial_values: dict[str, float]
    names: tuple[str, ...] = ("initial_volume_mm3", "growth_rate_per_day")

    @property
    def log_observed(self) -> np.ndarray:
        return np.log(self.volumes_mm3)

    def log_simulated(self, log_values: Array) -> Array:
        log_volume, log_rate = log_values[0], log_values[1]
        return log_volume + jnp.exp(log_rate) * jnp.asarray(self.times_day)
