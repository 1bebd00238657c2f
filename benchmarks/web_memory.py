"""Resident memory of the web explorer over a browsing session of varied patients.

    python benchmarks/web_memory.py --requests 40                       # the server's budget
    python benchmarks/web_memory.py --requests 40 --program-limit 1000  # no budget (peer)

Random patients (1-8 lesions in lung, liver or nodes, an SBRT course, pembrolizumab, 60-700
days; seed 0) are posted to ``/api/simulate`` through Starlette's test client; the process's
resident set size (``VmRSS``) is printed after each request, then the ratio of the final size
to the size after the first request.
"""

from __future__ import annotations

import argparse
import random
import time
import warnings


def rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--program-limit", type=int, default=None)
    arguments = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from abscopal.web import create_app
    from abscopal.web.compiled_programs import ProgramBudget

    budget = ProgramBudget(arguments.program_limit) if arguments.program_limit else None
    client = TestClient(create_app(program_budget=budget), base_url="http://127.0.0.1:8050")
    rng = random.Random(0)
    start, sizes = time.monotonic(), []
    for index in range(arguments.requests):
        count = rng.randint(1, 8)
        organs = ["lung", "liver", "lymph_node"]
        scenario = {
            "name": "memory",
            "lesions": [
                {"name": f"l{k}", "organ": rng.choice(organs), "baseline_diameter_mm": 25.0}
                for k in range(count)
            ],
            "external_beam": [
                {
                    "target": "l0",
                    "dose_per_fraction_gy": rng.choice([2, 8, 12]),
                    "fractions": rng.randint(1, 10),
                    "start_day": rng.randint(0, 20),
                }
            ],
            "checkpoint": [
                {
                    "drug": "pembrolizumab",
                    "dose_mg": 200,
                    "doses": rng.randint(1, 8),
                    "start_day": rng.randint(0, 30),
                }
            ],
            "duration_day": rng.randint(60, 700),
        }
        status = client.post("/api/simulate", json={"scenario": scenario}).status_code
        sizes.append(rss_mb())
        print(
            f"{index:3d} lesions={count} status={status} rss={sizes[-1]} MB "
            f"t={time.monotonic() - start:.0f} s",
            flush=True,
        )
    print(f"final/first RSS: {sizes[-1]} / {sizes[0]} MB = {sizes[-1] / sizes[0]:.2f}")


if __name__ == "__main__":
    main()
