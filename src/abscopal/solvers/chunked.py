"""Large batches in fixed-size chunks, solved concurrently on the CPU cores.

Every chunk has the same shape (the last one is padded by repeating its final patient and the
padding is dropped), so one compiled solver serves all chunks. XLA runs one chunk's small
element-wise kernels on one core; ``streams`` chunks run at once in threads (the solver releases
the GIL), which is how a batch uses every core. Results come back in patient order, chunk by
chunk, so memory stays flat in the number of patients.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from abscopal._jax_setup import configure_jax
from abscopal.models.inputs import PatientInputs, batch_size, select_patients
from abscopal.solvers.diffrax_solver import SolverOptions, solve_batch


def default_streams() -> int:
    """Concurrent chunks: the cores this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def solve_chunks(
    inputs: PatientInputs,
    chunk_size: int = 256,
    streams: int | None = None,
    options: SolverOptions | None = None,
) -> Iterator[tuple[slice, dict[str, np.ndarray]]]:
    """Yield ``(patient slice, solve_batch result)`` for consecutive chunks of the batch."""
    configure_jax()  # before the worker threads start
    count = batch_size(inputs)
    size = max(1, min(chunk_size, count))
    starts = list(range(0, count, size))
    streams = streams or default_streams()

    def work(start: int) -> tuple[slice, dict[str, np.ndarray]]:
        stop = min(start + size, count)
        index = np.minimum(np.arange(start, start + size), stop - 1)
        result = solve_batch(select_patients(inputs, index), options)
        return slice(start, stop), {key: value[: stop - start] for key, value in result.items()}

    if streams == 1 or len(starts) == 1:
        for start in starts:
            yield work(start)
        return
    with ThreadPoolExecutor(streams) as pool:
        pending = [pool.submit(work, start) for start in starts[:streams]]
        following = iter(starts[streams:])
        while pending:
            done = pending.pop(0).result()
            nxt = next(following, None)
            if nxt is not None:
                pending.append(pool.submit(work, nxt))
            yield done
