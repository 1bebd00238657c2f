"""Least-squares fit of chosen parameters to tumor-size time series: log-scale parameters with
bounds (a logistic map of an unconstrained variable), Levenberg-Marquardt (optimistix) with
forward-mode Jacobians through the solver, several seeded starts, and standard errors from the
Gauss-Newton approximation of the Hessian at the optimum."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np
import optimistix as optx

from abscopal._jax_setup import configure_jax
from abscopal.calibration.data import CalibrationDataError, TumorData
from abscopal.calibration.forward import ForwardModel, TumorGrowthModel
from abscopal.scenario import Scenario

DEFAULT_BOUND_FACTOR = 100.0
Z_95 = 1.959964


@dataclass(frozen=True)
class StartResult:
    """One start of the multi-start fit."""

    initial: dict[str, float]
    final: dict[str, float]
    sum_of_squares: float
    steps: int
    converged: bool


@dataclass(frozen=True)
class FitResult:
    """Fitted values with 95 % intervals (log-normal, from the Gauss-Newton Hessian)."""

    names: tuple[str, ...]
    values: dict[str, float]
    initial_values: dict[str, float]
    bounds: dict[str, tuple[float, float]]
    log_standard_error: dict[str, float]
    ci_low: dict[str, float]
    ci_high: dict[str, float]
    at_bound: dict[str, bool]
    correlation: np.ndarray
    sum_of_squares: float
    residual_sd_log: float
    observations: int
    starts: tuple[StartResult, ...]
    seed: int


def resolve_bounds(
    names: Sequence[str],
    initial: Mapping[str, float],
    bounds: Mapping[str, tuple[float, float]] | None = None,
) -> dict[str, tuple[float, float]]:
    """Bounds per fitted parameter: given ones, else 1/100 to 100 x the starting value."""
    resolved = {}
    for name in names:
        low, high = (bounds or {}).get(
            name, (initial[name] / DEFAULT_BOUND_FACTOR, initial[name] * DEFAULT_BOUND_FACTOR)
        )
        if not (0.0 < low < high):
            raise CalibrationDataError(
                "--bounds", f"{name}: need 0 < low < high on a log scale, got {low:g}:{high:g}"
            )
        if not low <= initial[name] <= high:
            raise CalibrationDataError(
                "--bounds",
                f"{name}: the starting value {initial[name]:g} lies outside {low:g}:{high:g}",
            )
        resolved[name] = (float(low), float(high))
    return resolved


def _fit_function(model: ForwardModel, log_low: np.ndarray, log_high: np.ndarray) -> Callable:
    observed = jnp.asarray(model.log_observed)

    def to_log(free):
        return log_low + (log_high - log_low) * jax.nn.sigmoid(free)

    def residual(free, _):
        return model.log_simulated(to_log(free)) - observed

    solver = optx.LevenbergMarquardt(rtol=1e-8, atol=1e-8)

    @jax.jit
    def fit_one(free0):
        solution = optx.least_squares(
            residual, solver, free0, options={"jac": "fwd"}, max_steps=200, throw=False
        )
        final = solution.value
        return (
            to_log(final),
            jnp.sum(residual(final, None) ** 2),
            solution.stats["num_steps"],
            solution.result == optx.RESULTS.successful,
        )

    return fit_one


def fit_parameters(
    data: TumorData,
    scenarios: Mapping[str, Scenario],
    names: Sequence[str],
    bounds: Mapping[str, tuple[float, float]] | None = None,
    starts: int = 4,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> FitResult:
    """Fit ``names`` (log scale, within ``bounds``) to ``data`` from ``starts`` starting points:
    the scenario's values, then log-uniform draws within the bounds (seeded)."""
    model = TumorGrowthModel.build(data, scenarios, names)
    return fit_forward_model(model, bounds, starts, seed, progress)


def fit_forward_model(
    model: ForwardModel,
    bounds: Mapping[str, tuple[float, float]] | None = None,
    starts: int = 4,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> FitResult:
    """Least-squares fit of any :class:`ForwardModel` on the log scale within ``bounds``, from
    its initial values and ``starts - 1`` seeded log-uniform draws."""
    configure_jax()
    if starts < 1:
        raise CalibrationDataError("--starts", "give at least 1 start")
    names = model.names
    initial = model.initial_values
    resolved = resolve_bounds(names, initial, bounds)
    log_low = np.log([resolved[name][0] for name in names])
    log_high = np.log([resolved[name][1] for name in names])
    fit_one = _fit_function(model, log_low, log_high)
    rng = np.random.default_rng(seed)
    starting_points = [np.log([initial[name] for name in names])]
    starting_points += [rng.uniform(log_low, log_high) for _ in range(starts - 1)]

    results = []
    for index, log_start in enumerate(starting_points):
        share = np.clip((log_start - log_low) / (log_high - log_low), 1e-6, 1 - 1e-6)
        log_final, sum_of_squares, steps, converged = fit_one(jnp.log(share / (1.0 - share)))
        results.append(
            StartResult(
                initial=dict(zip(names, np.exp(log_start).tolist(), strict=True)),
                final=dict(zip(names, np.exp(np.asarray(log_final)).tolist(), strict=True)),
                sum_of_squares=float(sum_of_squares),
                steps=int(steps),
                converged=bool(converged),
            )
        )
        if progress is not None:
            progress(index + 1, len(starting_points))
    finite = [result for result in results if np.isfinite(result.sum_of_squares)]
    if not finite:
        raise CalibrationDataError("--fit", "every start failed (the solver did not finish)")
    best = min(finite, key=lambda result: result.sum_of_squares)
    log_best = np.log([best.final[name] for name in names])
    return _with_uncertainty(model, log_best, best, results, resolved, seed)


def _with_uncertainty(model: ForwardModel, log_best, best, results, bounds, seed) -> FitResult:
    names, initial = model.names, model.initial_values
    jacobian = np.asarray(jax.jacfwd(model.log_simulated)(jnp.asarray(log_best)))
    count, parameters = jacobian.shape
    degrees = max(count - parameters, 1)
    variance = best.sum_of_squares / degrees
    covariance = variance * np.linalg.pinv(jacobian.T @ jacobian)
    standard_error = np.sqrt(np.clip(np.diag(covariance), 0.0, None))
    scale = np.where(standard_error > 0, standard_error, 1.0)
    correlation = covariance / np.outer(scale, scale)
    log_low = np.log([bounds[name][0] for name in names])
    log_high = np.log([bounds[name][1] for name in names])
    near = (log_best - log_low < 1e-3 * (log_high - log_low)) | (
        log_high - log_best < 1e-3 * (log_high - log_low)
    )
    return FitResult(
        names=tuple(names),
        values=dict(zip(names, np.exp(log_best).tolist(), strict=True)),
        initial_values=dict(initial),
        bounds=dict(bounds),
        log_standard_error=dict(zip(names, standard_error.tolist(), strict=True)),
        ci_low=dict(zip(names, np.exp(log_best - Z_95 * standard_error).tolist(), strict=True)),
        ci_high=dict(zip(names, np.exp(log_best + Z_95 * standard_error).tolist(), strict=True)),
        at_bound=dict(zip(names, near.tolist(), strict=True)),
        correlation=correlation,
        sum_of_squares=best.sum_of_squares,
        residual_sd_log=float(np.sqrt(variance)),
        observations=int(count),
        starts=tuple(results),
        seed=seed,
    )
