"""Run findings at the nominal parameter values and under parameter draws (robustness).

All scenarios of all findings and draws are solved together in fixed-size batches per lesion
count, so the whole suite compiles the solver once per shape.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from abscopal.parameters import get_parameter_set
from abscopal.simulation import simulate_batch
from abscopal.solution import Solution
from abscopal.validation.finding import Finding, FindingResult

DEFAULT_DRAWS = 200
DEFAULT_PERTURBATION = 0.2
BATCH_SIZE = 128
NOMINAL = -1


@dataclass(frozen=True)
class _Job:
    finding: int
    draw: int
    group: str
    scenario: dict[str, Any]


def perturbed_parameters(finding: Finding) -> tuple[str, ...]:
    """The values a robustness draw perturbs for ``finding``: the fitted values of its
    parameter set, else the finding's own ``robustness_parameters``."""
    parameter_set = get_parameter_set(finding.parameter_set)
    fitted = tuple(name for name in parameter_set if parameter_set[name].provenance == "fitted")
    return fitted or finding.robustness_parameters


def draw_factors(
    names: Sequence[str], draws: int, seed: int, perturbation: float
) -> list[dict[str, float]]:
    """``draws`` sets of multiplicative factors, log-uniform in [1 - p, 1 + p] per name."""
    rng = np.random.default_rng(seed)
    low, high = np.log(1.0 - perturbation), np.log(1.0 + perturbation)
    ordered = sorted(set(names))
    samples = np.exp(rng.uniform(low, high, size=(draws, len(ordered))))
    return [dict(zip(ordered, row, strict=True)) for row in samples]


def _solve(
    jobs: list[_Job], progress: Callable[[int, int], None] | None
) -> dict[tuple[int, int], dict[str, Solution]]:
    by_lesions: dict[int, list[_Job]] = defaultdict(list)
    for job in jobs:
        by_lesions[len(job.scenario["lesions"])].append(job)
    solved: dict[tuple[int, int], dict[str, Solution]] = defaultdict(dict)
    done = 0
    for group in by_lesions.values():
        for start in range(0, len(group), BATCH_SIZE):
            chunk = group[start : start + BATCH_SIZE]
            padding = (
                [chunk[0].scenario] * (BATCH_SIZE - len(chunk)) if len(group) > BATCH_SIZE else []
            )
            solutions = simulate_batch([job.scenario for job in chunk] + padding)
            for job, solution in zip(chunk, solutions, strict=False):
                solved[(job.finding, job.draw)][job.group] = solution
            done += len(chunk)
            if progress is not None:
                progress(done, len(jobs))
    return solved


def run_validation(
    findings: Sequence[Finding],
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
    perturbation: float = DEFAULT_PERTURBATION,
    progress: Callable[[int, int], None] | None = None,
) -> list[FindingResult]:
    """Check every finding at the nominal parameter values and in ``draws`` parameter draws
    (each perturbed value multiplied by a log-uniform factor within +-``perturbation``);
    robustness is the share of draws in which all of a finding's checks hold."""
    perturbed = {index: perturbed_parameters(finding) for index, finding in enumerate(findings)}
    factors = draw_factors(
        [name for names in perturbed.values() for name in names], draws, seed, perturbation
    )
    overrides: dict[tuple[int, int], dict[str, float]] = {}
    jobs: list[_Job] = []
    for index, finding in enumerate(findings):
        base = get_parameter_set(finding.parameter_set).values()
        runs = [NOMINAL] + (list(range(draws)) if perturbed[index] else [])
        for draw in runs:
            values = (
                {}
                if draw == NOMINAL
                else {name: base[name] * factors[draw][name] for name in perturbed[index]}
            )
            overrides[(index, draw)] = values
            for group, scenario in finding.scenarios(values).items():
                jobs.append(_Job(index, draw, group, scenario))
    solved = _solve(jobs, progress)

    results = []
    for index, finding in enumerate(findings):
        base = get_parameter_set(finding.parameter_set).values()

        def checks(
            draw: int,
            finding: Finding = finding,
            index: int = index,
            base: Mapping[str, float] = base,
        ):
            parameters = {**base, **overrides[(index, draw)]}
            return finding.evaluate(solved.get((index, draw), {}), parameters)

        nominal = tuple(checks(NOMINAL))
        robustness = None
        count = 0
        if perturbed[index]:
            held = [all(check.passed for check in checks(draw)) for draw in range(draws)]
            count = len(held)
            robustness = float(np.mean(held)) if held else None
        results.append(FindingResult(finding, nominal, robustness, count))
    return results
