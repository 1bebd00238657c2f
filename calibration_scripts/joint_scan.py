"""PEMBRO-RT and Golden 2015 side by side for a few candidate cohort settings.

Each setting replaces cohort medians and/or adds occult lesions (``cohort.occult_lesions``:
metastases below detection that surface as RECIST new lesions) in both trial files, then runs

* PEMBRO-RT (``examples/trials/pembro_rt.yaml``) with its two arms plus SBRT alone (the
  monotherapy null): out-of-field ORR per arm (best response, and at the 12-week read-out),
  median PFS, PFS hazard ratio (all lesions and out of field);
* Golden 2015 (``examples/trials/golden_2015.yaml``) with radiotherapy + GM-CSF, the same
  radiotherapy alone and no treatment: the abscopal response rate (any non-irradiated lesion
  -30 %). The untreated arm is the floor that measurement noise and spontaneous shrinkage give.

Targets: PEMBRO-RT out-of-field ORR 18 % / 36 % at 12 weeks (best response, pooled: 19.7 % /
41.7 %), median PFS 58 / 201 days, HR 0.71; SBRT alone and radiotherapy alone: rare distant
responses; Golden 26.8 % (14.2-42.9 %). Same seeds throughout, so settings are compared on the
same virtual patients (paired), though measurement noise is drawn per chunk and shifts with the
lesion count. Nothing is fitted here; docs/trials.md records what the scan showed.

    python calibration_scripts/joint_scan.py --patients 1000 --setting shipped \
        --setting 'occult [0,1] 1 mm={"occult": {"count": [0, 1], "diameter": {"median_mm": 1}}}'
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from abscopal.trials.endpoints import trial_endpoints
from abscopal.trials.engine import outcomes_in_memory
from abscopal.trials.plausibility import virtual_population
from abscopal.trials.spec import Arm, OccultLesions, TrialSpec, load_trial

TRIALS = Path(__file__).resolve().parents[1] / "examples" / "trials"


def configured(spec: TrialSpec, setting: dict, patients: int, extra_arms: list[Arm]) -> TrialSpec:
    """The trial with the setting's medians and occult lesions, ``patients`` per arm."""
    spec = spec.with_cohort_medians(setting.get("medians", {}))
    if setting.get("occult") is not None:
        occult = OccultLesions(**setting["occult"])
        spec = spec.model_copy(
            update={"cohort": spec.cohort.model_copy(update={"occult_lesions": occult})}
        )
    return spec.model_copy(update={"patients": patients, "arms": [*spec.arms, *extra_arms]})


def endpoints(spec: TrialSpec) -> dict[tuple[str, str], float]:
    """Endpoint estimates of one in-memory run, keyed by (arm, endpoint)."""
    patients, _ = virtual_population(spec)
    table = trial_endpoints(outcomes_in_memory(spec, patients), [arm.name for arm in spec.arms])
    return {
        (arm, name): value
        for arm, name, value in zip(table.arm, table.endpoint, table.estimate, strict=True)
    }


def scan(setting: dict, patients: int) -> dict[str, float]:
    """The PEMBRO-RT and Golden read-outs of one setting."""
    pembro_rt = load_trial(TRIALS / "pembro_rt.yaml")
    alone = pembro_rt.arms[1].model_copy(update={"name": "sbrt_alone", "checkpoint": []})
    pembro = endpoints(configured(pembro_rt, setting, patients, [alone]))
    golden = endpoints(
        configured(
            load_trial(TRIALS / "golden_2015.yaml"), setting, patients, [Arm(name="untreated")]
        )
    )
    return {
        "ORR pembro": pembro[("pembrolizumab", "out_of_field_orr")],
        "ORR SBRT+pembro": pembro[("sbrt_pembrolizumab", "out_of_field_orr")],
        "ORR SBRT alone": pembro[("sbrt_alone", "out_of_field_orr")],
        "12-wk ORR pembro": pembro[("pembrolizumab", "out_of_field_orr_at_read_out")],
        "12-wk ORR SBRT+pembro": pembro[("sbrt_pembrolizumab", "out_of_field_orr_at_read_out")],
        "PFS pembro [d]": pembro[("pembrolizumab", "pfs_median_day")],
        "PFS SBRT+pembro [d]": pembro[("sbrt_pembrolizumab", "pfs_median_day")],
        "PFS HR": pembro[("sbrt_pembrolizumab_vs_pembrolizumab", "pfs_hazard_ratio")],
        "out-of-field PFS HR": pembro[
            ("sbrt_pembrolizumab_vs_pembrolizumab", "out_of_field_pfs_hazard_ratio")
        ],
        "Golden RT+GM-CSF": golden[("rt_gm_csf", "abscopal_response_rate")],
        "Golden RT alone": golden[("rt_alone", "abscopal_response_rate")],
        "Golden untreated": golden[("untreated", "abscopal_response_rate")],
    }


def parse_setting(text: str) -> tuple[str, dict]:
    """``shipped`` or ``LABEL={"medians": {...}, "occult": {...}}``."""
    if text == "shipped":
        return text, {}
    label, _, body = text.partition("=")
    return label, json.loads(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=300, help="virtual patients per arm")
    parser.add_argument("--setting", action="append", required=True, metavar="LABEL=JSON")
    arguments = parser.parse_args()
    for text in arguments.setting:
        label, setting = parse_setting(text)
        started = time.perf_counter()
        result = scan(setting, arguments.patients)
        cells = ", ".join(
            f"{name} {value:.3g}"
            if "[d]" in name or "HR" in name
            else f"{name} {100 * value:.1f} %"
            for name, value in result.items()
        )
        print(f"{label} ({time.perf_counter() - started:.0f} s): {cells}", flush=True)


if __name__ == "__main__":
    main()
