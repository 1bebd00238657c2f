"""What the Golden 2015 prediction hinges on: abscopal response rate of
``examples/trials/golden_2015.yaml`` when single cohort medians are changed.

Golden et al. 2015 reported an abscopal response (>= 30 % shrinkage of a non-irradiated lesion)
in 11 of 41 patients (26.8 %, 95 % CI 14.2-42.9) after radiotherapy to two sites with GM-CSF.
The shipped trial file is a prediction of ``human_nsclc`` with the assumed GM-CSF parameters.
This script re-runs it (same seed, both arms: with GM-CSF and the radiotherapy-alone
counterfactual) with one or two cohort medians replaced, so that the note in docs/trials.md can
say which assumption the prediction turns on. Nothing here is fitted.

``--pd-l1-scan V ...`` instead sets only the PD-L1 inhibition constant and runs both this trial
(abscopal response rate) and PEMBRO-RT with its SBRT-alone arm (``fit_pembro_rt.evaluate``, 150
per arm): can one value of the brake serve both trials?

    python calibration_scripts/golden_sensitivity.py --patients 300
    python calibration_scripts/golden_sensitivity.py --pd-l1-scan 0.05 0.1 0.2
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from abscopal.trials.endpoints import trial_endpoints
from abscopal.trials.engine import outcomes_in_memory
from abscopal.trials.plausibility import virtual_population
from abscopal.trials.spec import TrialSpec, load_trial

TRIAL = Path(__file__).resolve().parents[1] / "examples" / "trials" / "golden_2015.yaml"
SLOW_GROWTH = 0.00127  # human_default: volume doubling ~100 days (patients stable on therapy)
VARIANTS: dict[str, dict[str, float]] = {
    "as shipped (human_nsclc)": {},
    "GM-CSF uptake gain 5": {"gm_csf_dc_uptake_gain": 5.0},
    "GM-CSF uptake gain 20": {"gm_csf_dc_uptake_gain": 20.0},
    "PD-L1 inhibition constant 0.5": {"pdl1_inhibition_constant": 0.5},
    "PD-L1 0.5 + gain 5": {"pdl1_inhibition_constant": 0.5, "gm_csf_dc_uptake_gain": 5.0},
    "slow growth": {"tumor_gompertz_rate_per_day": SLOW_GROWTH},
    "slow growth + PD-L1 0.5": {
        "tumor_gompertz_rate_per_day": SLOW_GROWTH,
        "pdl1_inhibition_constant": 0.5,
    },
    "slow growth + PD-L1 0.5 + gain 5": {
        "tumor_gompertz_rate_per_day": SLOW_GROWTH,
        "pdl1_inhibition_constant": 0.5,
        "gm_csf_dc_uptake_gain": 5.0,
    },
}


def with_medians(spec: TrialSpec, medians: dict[str, float], patients: int) -> TrialSpec:
    """The trial with cohort medians replaced (sampled CVs kept; others fixed)."""
    return spec.with_cohort_medians(medians).model_copy(update={"patients": patients})


def abscopal_rates(spec: TrialSpec) -> dict[str, tuple[float, float, float]]:
    """Abscopal response rate (estimate, CI low, CI high) per arm."""
    patients, _ = virtual_population(spec)
    table = trial_endpoints(outcomes_in_memory(spec, patients), [arm.name for arm in spec.arms])
    rows = table[table.endpoint == "abscopal_response_rate"]
    return {
        arm: (estimate, low, high)
        for arm, estimate, low, high in zip(
            rows.arm, rows.estimate, rows.ci_low, rows.ci_high, strict=True
        )
    }


def pd_l1_scan(spec: TrialSpec, values: list[float], patients: int) -> None:
    """Golden 2015 and PEMBRO-RT with only the PD-L1 inhibition constant changed."""
    from fit_pembro_rt import TRIAL as PEMBRO_RT  # sibling script (run from calibration/)
    from fit_pembro_rt import evaluate
    from fit_pembro_rt import with_medians as pembro_rt_with

    pembro_rt = load_trial(Path(__file__).resolve().parents[1] / PEMBRO_RT)
    for value in values:
        medians = {"pdl1_inhibition_constant": value}
        golden = abscopal_rates(with_medians(spec, medians, patients))
        result = evaluate(pembro_rt_with(pembro_rt, medians, 150))
        print(
            f"PD-L1 constant {value:g}: Golden RT + GM-CSF {golden['rt_gm_csf'][0]:.3f}, "
            f"RT alone {golden['rt_alone'][0]:.3f} | PEMBRO-RT out-of-field ORR pembrolizumab "
            f"{result['orr_pembro']:.3f}, SBRT + pembrolizumab {result['orr_sbrt']:.3f}, SBRT "
            f"alone {result['orr_sbrt_alone']:.3f}; median PFS {result['pfs_pembro_day']:g} / "
            f"{result['pfs_sbrt_day']:g} days",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=300)
    parser.add_argument("--pd-l1-scan", type=float, nargs="+", metavar="VALUE")
    arguments = parser.parse_args()
    spec = load_trial(TRIAL)
    if arguments.pd_l1_scan:
        pd_l1_scan(spec, arguments.pd_l1_scan, arguments.patients)
        return
    print(f"abscopal response rate, {arguments.patients} patients per arm, seed {spec.seed}")
    print(f"{'variant':36s} {'RT + GM-CSF':>22s} {'RT alone':>22s} {'s':>5s}")
    for label, medians in VARIANTS.items():
        start = time.perf_counter()
        rates = abscopal_rates(with_medians(spec, medians, arguments.patients))
        cells = [
            f"{100 * e:5.1f} ({100 * lo:4.1f}-{100 * hi:4.1f})"
            for e, lo, hi in (rates["rt_gm_csf"], rates["rt_alone"])
        ]
        elapsed = time.perf_counter() - start
        print(f"{label:36s} {cells[0]:>22s} {cells[1]:>22s} {elapsed:5.0f}", flush=True)


if __name__ == "__main__":
    main()
