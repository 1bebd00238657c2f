"""Reproduce the fitted values of the ``mouse_tsa`` parameter set.

The loss is the sum of squared violations of the checks of the calibrated findings (each check
must hold with a safety margin of 0.03), evaluated with the validation suite's own scenarios.
A seeded random search over log-uniform values within 1/30 to 30 x the mouse defaults is
followed by Nelder-Mead from the best candidates (on the log scale, clipped to the bounds).

    python calibration/fit_mouse_tsa.py [--candidates 200] [--seed 0] [--findings P2]

prints the best values and the checks of every finding at those values.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
from scipy.optimize import minimize

from abscopal.parameters import get_parameter_set
from abscopal.simulation import simulate_batch
from abscopal.validation import FINDINGS

FITTED = (
    "dc_maturation_baseline",
    "priming_rate_per_day",
    "ctla4_priming_gain",
    "interferon_gain_per_gy",
    "precursor_count_baseline",
    "effector_kill_rate_per_day",
    "priming_dc_half_saturation",
    "dc_loading_half_saturation_mm3_per_day",
    "interferon_half_saturation",
    "interferon_decay_rate_per_day",
)
SAFETY_MARGIN = 0.03
BOUND = np.log(30.0)


def losses(findings, candidates: list[dict[str, float]]) -> list[float]:
    """Loss of each candidate: squared shortfalls of every check below the safety margin."""
    jobs = []
    for index, values in enumerate(candidates):
        for finding in findings:
            for group, scenario in finding.scenarios(values).items():
                jobs.append((index, finding.id, group, scenario))
    solutions = simulate_batch([job[3] for job in jobs])
    grouped: dict[tuple[int, str], dict] = {}
    for (index, finding_id, group, _), solution in zip(jobs, solutions, strict=True):
        grouped.setdefault((index, finding_id), {})[group] = solution
    result = []
    for index, values in enumerate(candidates):
        total = 0.0
        for finding in findings:
            parameters = {**get_parameter_set(finding.parameter_set).values(), **values}
            for check in finding.evaluate(grouped.get((index, finding.id), {}), parameters):
                total += max(0.0, SAFETY_MARGIN - check.margin) ** 2
        result.append(total)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--evaluations", type=int, default=250)
    parser.add_argument("--findings", default="P2")
    arguments = parser.parse_args()
    wanted = arguments.findings.split(",")
    findings = [finding for finding in FINDINGS if finding.id in wanted]
    defaults = get_parameter_set("mouse_default")
    centre = np.log([defaults.value(name) for name in FITTED])
    rng = np.random.default_rng(arguments.seed)
    started = time.perf_counter()
    points = centre + rng.uniform(-BOUND, BOUND, size=(arguments.candidates, len(FITTED)))

    def values(point: np.ndarray) -> dict[str, float]:
        clipped = np.clip(point, centre - BOUND, centre + BOUND)
        return {name: float(value) for name, value in zip(FITTED, np.exp(clipped), strict=True)}

    scores = losses(findings, [values(point) for point in points])
    order = np.argsort(scores)
    print(
        f"random search: best loss {scores[order[0]]:.4g} ({time.perf_counter() - started:.0f} s)"
    )
    best_point, best_loss = points[order[0]], scores[order[0]]
    for start in order[: arguments.starts]:
        fit = minimize(
            lambda point: losses(findings, [values(point)])[0],
            points[start],
            method="Nelder-Mead",
            options={"maxfev": arguments.evaluations, "xatol": 1e-3, "fatol": 1e-8},
        )
        print(f"Nelder-Mead from candidate {start}: loss {fit.fun:.4g}")
        if fit.fun < best_loss:
            best_point, best_loss = fit.x, fit.fun
    best = {name: float(f"{value:.3g}") for name, value in values(best_point).items()}
    print(json.dumps(best, indent=2))
    print(f"loss {best_loss:.4g}, {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
