"""Virtual-trial throughput and peak memory against cohort size, one fresh process per size.

Each size runs `abscopal trial` on the PEMBRO-RT example (two arms, 2-5 lesions, one year,
6-weekly visits) in a child process and reads its wall time and peak resident memory
(`resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`). Patients per second count patient-arms
(every patient goes through both arms), including plausible-patient generation and the RECIST
reading.

    python benchmarks/trial_scaling.py --sizes 100 400 1000
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRIAL = Path(__file__).resolve().parents[1] / "examples" / "trials" / "pembro_rt.yaml"


def run(size: int, chunk_size: int) -> tuple[float, float]:
    """Wall seconds and peak memory [MiB] of one trial run in a child process."""
    with tempfile.TemporaryDirectory() as directory:
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "abscopal.cli.main",
                "trial",
                str(TRIAL),
                "-o",
                f"{directory}/out",
                "--patients",
                str(size),
                "--chunk-size",
                str(chunk_size),
                "-q",
            ],
            check=True,
        )
        elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 400, 1000])
    parser.add_argument("--chunk-size", type=int, default=64)
    arguments = parser.parse_args()
    print(
        f"{'patients':>9} {'patient-arms':>13} {'seconds':>9} {'patient-arms/s':>15} "
        f"{'peak MiB (max so far)':>22}"
    )
    for size in arguments.sizes:
        elapsed, peak = run(size, arguments.chunk_size)
        print(f"{size:>9} {2 * size:>13} {elapsed:>9.1f} {2 * size / elapsed:>15.1f} {peak:>22.0f}")


if __name__ == "__main__":
    main()
