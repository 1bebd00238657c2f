"""Wall time of `abscopal simulate` on the demo scenario, cold and warm compilation cache, warm
with and without the exported solver programs (``jax.export``: no tracing in a new process),
against the scipy reference solve of the same scenario measured in the same run.

    python benchmarks/cli_timing.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCENARIO = Path(__file__).resolve().parents[1] / "examples" / "nsclc_sbrt_pembrolizumab.yaml"


def timed_cli(cache_dir: str, output: str, exported: bool = True) -> float:
    environment = dict(os.environ, ABSCOPAL_CACHE_DIR=cache_dir)
    if not exported:
        environment["ABSCOPAL_DISABLE_EXPORTED_PROGRAMS"] = "1"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "abscopal.cli.main", "simulate", str(SCENARIO), "-o", output, "-q"],
        check=True,
        env=environment,
    )
    return time.perf_counter() - start


def timed_scipy_reference() -> float:
    from abscopal.simulation import model_inputs
    from abscopal.solvers.scipy_reference import solve_reference

    inputs, _ = model_inputs(SCENARIO)
    start = time.perf_counter()
    solve_reference(inputs, rtol=1e-6, atol=1e-9)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
        cold = timed_cli(cache, f"{out}/cold")
        warm = min(timed_cli(cache, f"{out}/warm{k}") for k in range(arguments.repeats))
        traced = min(
            timed_cli(cache, f"{out}/traced{k}", exported=False) for k in range(arguments.repeats)
        )
    reference = timed_scipy_reference()
    print(f"scenario={SCENARIO.name}")
    print(f"cold_cache_s={cold:.2f} (target < 15)")
    print(f"warm_cache_s={warm:.2f} (target < 2)")
    print(f"warm_cache_traced_s={traced:.2f} (the same without exported programs: traced anew)")
    print(f"ratio_warm_traced_vs_exported={traced / warm:.2f}")
    print(f"scipy_reference_solve_s={reference:.2f} (same model, same tolerances, solve only)")
    print(f"ratio_warm_cli_vs_scipy_solve={reference / warm:.2f}")


if __name__ == "__main__":
    main()
