"""Reproduce the fitted values of the ``mouse_tsa`` parameter set.

The loss is the sum of squared violations of the checks of the calibrated findings (each check
must hold with a safety margin of 0.03), evaluated with the validation suite's own scenarios.
Stage 1 fits ten priming / interferon / kill values to P2 (Dewan 2009): a seeded random search
over log-uniform values within 1/30 to 30 x the mouse defaults, then Nelder-Mead from the best
candidates (on the log scale, clipped to the bounds). Stage 2 starts from the stage-1 optimum
(``STAGE_ONE``), adds seven PD-L1 / exhaustion values and fits P2, P3 (Deng 2014) and P6
(Dovedi 2014, on ``mouse_ct26``, which shares the immune values) together; its random search
spreads the candidates within 1/4 to 4 x the starting point.

    python calibration_scripts/fit_mouse_tsa.py                      # stage 1 (P2), ~35 s
    python calibration_scripts/fit_mouse_tsa.py --stage 2 --findings P2,P3,P6 \
        --candidates 400 --starts 3 --evaluations 1000       # stage 2, ~7 min: mouse_tsa

prints the best values and the loss. (Stage 2 fitted to P2 and P3 alone reaches a loss of 6e-6
but then P6 and P10 fail, so P6 is among the fitted findings.)
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
from scipy.optimize import minimize

from abscopal.parameters import get_parameter_set
from abscopal.parameters.sets.mouse_tsa import TSA_FITTED_VALUES
from abscopal.simulation import simulate_batch
from abscopal.validation import FINDINGS

FITTED = (
    "dc_maturation_baseline",
    "priming_rate_per_day",
    "ctla4_priming_gain",
    "interferon_gain_per_day",
    "precursor_count_baseline",
    "effector_kill_rate_per_day",
    "priming_dc_half_saturation",
    "dc_loading_half_saturation_mm3_per_day",
    "interferon_half_saturation",
    "interferon_decay_rate_per_day",
)
# Stage 2 adds the PD-L1 / exhaustion values that adaptive resistance (P3, P6) depends on and
# starts from the stage-1 optimum (P2 alone, from the mouse defaults).
ADAPTIVE_RESISTANCE = (
    "pdl1_baseline",
    "pdl1_radiation_induction_max",
    "pdl1_inhibition_constant",
    "exhaustion_rate_per_day",
    "exhausted_death_rate_per_day",
    "reinvigoration_rate_per_day",
    "precursor_pd1_expansion_rate_per_day",
)
# After the revision of the immunogenicity kinetics (issue 20) stage 2 also fits the size of
# the Trex1 effect, which Dewan 2009's 20 x 1 versus 6 x 5 and 8 x 3 (P2, calibrated) measures;
# the Trex1 threshold stays Vanpouille-Box 2017's.
IMMUNOGENICITY = ("trex1_dna_clearance_gain",)
STAGE_ONE = {
    "dc_maturation_baseline": 0.00257,
    "priming_rate_per_day": 0.798,
    "ctla4_priming_gain": 2.2,
    "interferon_gain_per_day": 0.504,
    "precursor_count_baseline": 0.0364,
    "effector_kill_rate_per_day": 8.48,
    "priming_dc_half_saturation": 3000.0,
    "dc_loading_half_saturation_mm3_per_day": 6.84,
    "interferon_half_saturation": 0.614,
    "interferon_decay_rate_per_day": 0.951,
}
SAFETY_MARGIN = 0.03
BOUND = np.log(30.0)
STAGE_TWO_SPREAD = np.log(4.0)


def losses(findings, candidates: list[dict[str, float]]) -> list[float]:
    """Loss of each candidate: squared shortfalls of every check below the safety margin."""
    jobs = []
    for index, values in enumerate(candidates):
        for finding in findings:
            for group, scenario in finding.scenarios(values).items():
                jobs.append((index, finding.id, group, scenario))
    by_lesions: dict[int, list] = {}
    for job in jobs:
        by_lesions.setdefault(len(job[3]["lesions"]), []).append(job)
    grouped: dict[tuple[int, str], dict] = {}
    for batch in by_lesions.values():
        solutions = simulate_batch([job[3] for job in batch])
        for (index, finding_id, group, _), solution in zip(batch, solutions, strict=True):
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
    parser.add_argument("--stage", type=int, choices=(1, 2), default=1)
    parser.add_argument(
        "--start",
        choices=("stage-one", "recorded"),
        default="stage-one",
        help="stage 2 starts from the stage-1 optimum or from the values mouse_tsa records",
    )
    arguments = parser.parse_args()
    wanted = arguments.findings.split(",")
    findings = [finding for finding in FINDINGS if finding.id in wanted]
    defaults = get_parameter_set("mouse_default")
    names = FITTED if arguments.stage == 1 else FITTED + ADAPTIVE_RESISTANCE + IMMUNOGENICITY
    default_point = np.log([defaults.value(name) for name in names])
    low, high = default_point - BOUND, default_point + BOUND
    rng = np.random.default_rng(arguments.seed)
    started = time.perf_counter()
    if arguments.stage == 1:
        points = default_point + rng.uniform(-BOUND, BOUND, size=(arguments.candidates, len(names)))
    else:
        start_values = TSA_FITTED_VALUES if arguments.start == "recorded" else STAGE_ONE
        stage_one = np.log([start_values.get(name, defaults.value(name)) for name in names])
        spread = rng.uniform(
            -STAGE_TWO_SPREAD, STAGE_TWO_SPREAD, (arguments.candidates, len(names))
        )
        points = np.clip(np.vstack([stage_one, stage_one + spread[1:]]), low, high)

    def values(point: np.ndarray) -> dict[str, float]:
        clipped = np.clip(point, low, high)
        return {name: float(value) for name, value in zip(names, np.exp(clipped), strict=True)}

    scores = losses(findings, [values(point) for point in points])
    order = np.argsort(scores)
    print(
        f"random search: best loss {scores[order[0]]:.4g} ({time.perf_counter() - started:.0f} s)",
        flush=True,
    )
    best_point, best_loss = points[order[0]], scores[order[0]]
    for start in order[: arguments.starts]:
        fit = minimize(
            lambda point: losses(findings, [values(point)])[0],
            points[start],
            method="Nelder-Mead",
            options={"maxfev": arguments.evaluations, "xatol": 1e-3, "fatol": 1e-8},
        )
        print(f"Nelder-Mead from candidate {start}: loss {fit.fun:.4g}", flush=True)
        if fit.fun < best_loss:
            best_point, best_loss = fit.x, fit.fun
    best = {name: float(f"{value:.3g}") for name, value in values(best_point).items()}
    print(json.dumps(best, indent=2))
    print(f"loss {best_loss:.4g}, {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
