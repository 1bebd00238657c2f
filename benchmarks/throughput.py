"""Patients per second of abscopal's batched solver against libRoadRunner and scipy, on the
same model, tolerances and output grid, measured in one run.

The model is the shipped NSCLC example (4 lesions, SBRT 3 x 8 Gy + pembrolizumab q3w, one
year) with a weekly output grid; patients differ in their lesion growth rates, effector kill
rate, precursor pool and priming rate (log-normal, CV 20 %, seeded). abscopal solves the model
it exports: libRoadRunner runs that SBML (one instance; parameters set and the model reset per
patient) and scipy ``solve_ivp`` runs the same JAX right-hand side one patient at a time. All
three use rtol 1e-6 and atol 1e-9. Compile / load time is reported apart from solve time.
Peers are timed on at most ``--peer-sample`` (libRoadRunner) and ``--scipy-sample`` patients of
each batch: a per-patient rate does not depend on the batch size for one-at-a-time engines.

    python benchmarks/throughput.py            # 1, 100 and 10,000 patients
    python benchmarks/throughput.py --quick    # under a minute; last line: ratio_vs_libroadrunner
    python benchmarks/throughput.py --sizes 1000 100000 --streams 1 --chunk-size 512
"""

from __future__ import annotations

import argparse
import platform
import resource
import time

import equinox as eqx
import numpy as np
import yaml

from abscopal import __version__
from abscopal.examples import example_path
from abscopal.export.roadrunner_peer import load_runner, simulate_grid
from abscopal.export.sbml import export_sbml
from abscopal.models.inputs import select_patients, stack_inputs
from abscopal.models.observation import measured_volume_mm3, sphere_diameter_mm
from abscopal.simulation import model_inputs, padded_boundaries
from abscopal.solvers.chunked import default_streams, solve_chunks
from abscopal.solvers.diffrax_solver import SolverOptions
from abscopal.solvers.scipy_reference import solve_reference

RTOL, ATOL = 1e-6, 1e-9
GROWTH = "tumor_gompertz_rate_per_day"
VARIED_PARAMETERS = (
    "effector_kill_rate_per_day",
    "precursor_count_baseline",
    "priming_rate_per_day",
)
CV = 0.2


def scenario() -> dict:
    data = yaml.safe_load(example_path("nsclc_sbrt_pembrolizumab").read_text())
    data["output_interval_day"] = 7
    return data


def cohort(count: int, seed: int):
    """Batched solver inputs for ``count`` patients and the matching SBML parameter values."""
    single, schedule = model_inputs(scenario())
    padded = schedule.padded(padded_boundaries(schedule.n_boundaries))
    single = eqx.tree_at(lambda item: item.schedule, single, padded.arrays())
    rng = np.random.default_rng(seed)
    sigma = np.sqrt(np.log(1.0 + CV**2))
    batch = stack_inputs([single] * count)
    parameters = dict(batch.parameters)
    for key in VARIED_PARAMETERS:
        parameters[key] = parameters[key] * rng.lognormal(-(sigma**2) / 2, sigma, count)
    # each lesion its own Gompertz rate (the example's lesions have no doubling time)
    n_lesions = batch.lesions.count
    growth = parameters[GROWTH][:, None] * rng.lognormal(-(sigma**2) / 2, sigma, (count, n_lesions))
    lesions = eqx.tree_at(
        lambda item: (item.own_values[GROWTH], item.has_own_value[GROWTH]),
        batch.lesions,
        (growth, np.ones_like(growth)),
    )
    batch = eqx.tree_at(lambda item: (item.parameters, item.lesions), batch, (parameters, lesions))
    return batch, schedule


def sbml_values(inputs, patient: int) -> dict[str, float]:
    """The varied values of one patient under their SBML identifiers."""
    growth = inputs.lesions.own_values[GROWTH][patient]
    return {
        **{key: float(inputs.parameters[key][patient]) for key in VARIED_PARAMETERS},
        **{f"growth_rate_per_day_lesion{j + 1}": float(rate) for j, rate in enumerate(growth)},
    }


def run_abscopal(
    inputs, schedule, chunk_size: int, streams: int, kept: int
) -> tuple[float, np.ndarray]:
    """Solve all patients; return the time and the diameters of the first ``kept``."""
    options = SolverOptions(rtol=RTOL, atol=ATOL)
    keep = np.flatnonzero(schedule.is_output)
    start = time.perf_counter()
    diameters, failed = [], 0
    for part, result in solve_chunks(
        inputs, chunk_size=chunk_size, streams=streams, options=options
    ):
        if part.start < kept:
            lesions = result["lesions"][: kept - part.start, keep]
            diameters.append(sphere_diameter_mm(measured_volume_mm3(lesions)))
        failed += int(np.sum(result["status"] != 0))
    elapsed = time.perf_counter() - start
    if failed:
        print(f"  abscopal: {failed} patients with solver status != ok")
    return elapsed, np.concatenate(diameters) if diameters else np.empty((0,))


def run_roadrunner(runner, exported, inputs, sample: int) -> tuple[float, np.ndarray]:
    values = [sbml_values(inputs, i) for i in range(sample)]
    start = time.perf_counter()
    rows = [
        simulate_grid(runner, exported.output_days, exported.diameter_ids, values[i])
        for i in range(sample)
    ]
    return time.perf_counter() - start, np.stack(rows)


def run_scipy(inputs, schedule, sample: int) -> tuple[float, np.ndarray]:
    keep = np.flatnonzero(schedule.is_output)
    start = time.perf_counter()
    rows = []
    for i in range(sample):
        single = select_patients(inputs, np.asarray(i))
        single = eqx.tree_at(
            lambda item: item.schedule,
            single,
            {key: value[: schedule.n_boundaries] for key, value in single.schedule.items()},
        )
        result = solve_reference(single, rtol=RTOL, atol=ATOL, method="LSODA")
        rows.append(sphere_diameter_mm(measured_volume_mm3(result["lesions"][keep])))
    return time.perf_counter() - start, np.stack(rows)


def peak_memory() -> str:
    """Peak resident host memory of this process and, on an accelerator, peak device memory."""
    host = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    text = f"peak host RSS {host:.0f} MiB"
    import jax

    device = jax.devices()[0]
    stats = device.memory_stats() if device.platform != "cpu" else None
    if stats and "peak_bytes_in_use" in stats:
        text += f", peak {device.platform} memory {stats['peak_bytes_in_use'] / 2**20:.0f} MiB"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1, 100, 1000 patients, small samples")
    parser.add_argument("--sizes", type=int, nargs="+", help="batch sizes (patients)")
    parser.add_argument("--chunk-size", type=int, default=256)
    parser.add_argument("--streams", type=int, default=None, help="concurrent chunks (cores)")
    parser.add_argument("--peer-sample", type=int, default=None)
    parser.add_argument("--scipy-sample", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    sizes = arguments.sizes or ([1, 100, 1000] if arguments.quick else [1, 100, 10_000])
    peer_sample = arguments.peer_sample or (150 if arguments.quick else 2000)
    scipy_sample = arguments.scipy_sample or (2 if arguments.quick else 10)
    streams = arguments.streams or default_streams()
    print(
        f"abscopal {__version__}; {platform.processor() or platform.machine()}; "
        f"{default_streams()} cores; chunk {arguments.chunk_size}, {streams} streams; "
        f"rtol {RTOL:g} atol {ATOL:g}; weekly grid, 365 days, 4 lesions"
    )

    base_schedule = cohort(1, arguments.seed)[1]
    start = time.perf_counter()
    exported = export_sbml(scenario())
    runner = load_runner(exported.xml, rtol=RTOL, atol=ATOL)
    print(f"compile/load: libRoadRunner export+load {time.perf_counter() - start:.2f} s")
    for size in sorted({min(arguments.chunk_size, s) for s in sizes}):
        start = time.perf_counter()
        run_abscopal(cohort(size, arguments.seed)[0], base_schedule, arguments.chunk_size, 1, 0)
        print(
            f"compile: abscopal chunk of {size}: {time.perf_counter() - start:.2f} s (incl. solve)"
        )
    start = time.perf_counter()
    run_scipy(cohort(1, arguments.seed)[0], base_schedule, 1)
    print(f"compile: scipy right-hand side {time.perf_counter() - start:.2f} s (incl. one solve)")

    print(
        f"{'patients':>9} {'engine':>14} {'timed':>7} {'seconds':>9} {'patients/s':>11} {'ratio':>7}"
    )
    ratio = float("nan")
    for size in sizes:
        inputs, schedule = cohort(size, arguments.seed)
        rr_count = min(size, peer_sample)
        sp_count = min(size, scipy_sample)
        seconds, ours = run_abscopal(
            inputs, schedule, arguments.chunk_size, streams, max(rr_count, sp_count)
        )
        rr_seconds, peer = run_roadrunner(runner, exported, inputs, rr_count)
        sp_seconds, reference = run_scipy(inputs, schedule, sp_count)
        rr_rate = rr_count / rr_seconds
        for engine, count, elapsed in (
            ("abscopal", size, seconds),
            ("libroadrunner", rr_count, rr_seconds),
            ("scipy", sp_count, sp_seconds),
        ):
            rate = count / elapsed
            print(
                f"{size:>9} {engine:>14} {count:>7} {elapsed:>9.3f} {rate:>11.1f} "
                f"{rate / rr_rate:>7.2f}"
            )
        agreement_rr = np.max(np.abs(ours[:rr_count] - peer) / peer)
        agreement_sp = np.max(np.abs(ours[:sp_count] - reference) / reference)
        print(
            f"{'':>9} max relative diameter difference: vs libRoadRunner {agreement_rr:.1e}, "
            f"vs scipy {agreement_sp:.1e}"
        )
        print(f"{'':>9} {peak_memory()} (largest so far in this process)")
        ratio = (size / seconds) / rr_rate
    print(f"ratio_vs_libroadrunner={ratio:.2f}")


if __name__ == "__main__":
    main()
