"""Patients per second of ``abscopal.assessment.assess`` per criterion on a synthetic cohort
(4 lesions per patient, 8 scans, one irradiated lesion, a new lesion in a third of patients).

    python benchmarks/assessment_throughput.py [--patients 300]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from abscopal.assessment import assess

ORGANS = ("lung", "liver", "adrenal", "bone", "lymph_node")


def cohort(patients: int, seed: int = 0) -> pd.DataFrame:
    """Synthetic measurements with trends between -60 % and +60 % over follow-up."""
    rng = np.random.default_rng(seed)
    rows = []
    days = np.arange(8) * 42.0
    for patient in range(patients):
        for lesion in range(4):
            organ = ORGANS[(patient + lesion) % len(ORGANS)]
            size = rng.uniform(12, 50) + (8 if organ == "lymph_node" else 0)
            trend = rng.uniform(-0.6, 0.6)
            for step, day in enumerate(days):
                value = max(size * (1 + trend * step / 7) + rng.normal(0, 1), 0.0)
                rows.append(
                    {
                        "patient_id": f"P{patient:05d}",
                        "lesion_id": f"L{lesion}",
                        "day": day,
                        "organ": organ,
                        "is_lymph_node": organ == "lymph_node",
                        "longest_diameter_mm": value + 2,
                        "short_axis_mm": value,
                        "viable_diameter_mm": 0.8 * value,
                        "sul_peak": 1.0 + value / 8,
                        "irradiated": lesion == 0,
                    }
                )
        if patient % 3 == 0:
            for day in days[4:]:
                rows.append(
                    {
                        "patient_id": f"P{patient:05d}",
                        "lesion_id": "N1",
                        "day": day,
                        "organ": "liver",
                        "kind": "new",
                        "is_lymph_node": False,
                        "longest_diameter_mm": 11.0,
                        "short_axis_mm": 9.0,
                        "viable_diameter_mm": 9.0,
                        "sul_peak": 3.0,
                        "irradiated": False,
                    }
                )
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=300)
    arguments = parser.parse_args()
    frame = cohort(arguments.patients)
    print(f"{arguments.patients} patients, {len(frame)} rows")
    for criteria in ("recist", "irecist", "mrecist", "percist"):
        start = time.perf_counter()
        assess(frame, criteria)
        elapsed = time.perf_counter() - start
        print(f"{criteria:8s} {elapsed:7.2f} s  {arguments.patients / elapsed:7.1f} patients/s")


if __name__ == "__main__":
    main()
