"""Running trial chunks on Dask (dask.distributed): a local cluster (``workers``) or an existing
scheduler (``scheduler``). Each chunk is a task computing the same function as the in-process
engine, so results are identical for the same seed; finished chunks come back as they complete
and the engine writes them (one writer, the manifest stays consistent)."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from abscopal.trials.engine import Chunk, process_chunk
from abscopal.trials.spec import TrialSpec

CONNECT_TIMEOUT = "30s"  # how long an existing scheduler is tried before the trial is refused


class DaskExecutor:
    """Callable executor for :func:`abscopal.trials.engine.run_chunks`."""

    def __init__(
        self, workers: int | None = None, scheduler: str | None = None, window: int | None = None
    ) -> None:
        from distributed import Client, LocalCluster

        self.window = window
        self._cluster = None
        if scheduler:
            self.client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        else:
            self._cluster = LocalCluster(
                n_workers=workers or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self.client = Client(self._cluster)

    def __call__(
        self, spec: TrialSpec, chunks: list[Chunk]
    ) -> Iterator[tuple[Chunk, dict[str, pd.DataFrame]]]:
        """Chunks and their tables as they finish. At most ``window`` chunks are submitted at a
        time (default 4 per worker thread), and each result is released on the cluster once
        taken, so neither the scheduler nor the workers hold more than the window's results
        (holding every future kept every finished chunk's tables on the workers)."""
        from distributed import as_completed

        window = self.window or max(4, 4 * sum(self.client.nthreads().values()))
        pending = iter(chunks)
        running: dict = {}

        def submit() -> None:
            chunk = next(pending, None)
            if chunk is not None:
                future = self.client.submit(process_chunk, spec, chunk, pure=False)
                running[future] = chunk
                completed.add(future)

        completed = as_completed()
        for _ in range(window):
            submit()
        for future in completed:
            chunk = running.pop(future)
            tables = future.result()
            future.release()
            submit()
            yield chunk, tables

    def close(self) -> None:
        """Shut the client (and a local cluster) down."""
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


DASK_MISSING = (
    "Dask is not installed (an optional part of abscopal): pip install 'abscopal[distributed]'"
)


def dask_executor(workers: int | None = None, scheduler: str | None = None) -> DaskExecutor:
    """An executor on a new local cluster of ``workers`` processes or on ``scheduler``; raises
    :class:`ModuleNotFoundError` with :data:`DASK_MISSING` when Dask is not installed."""
    try:
        import distributed  # noqa: F401
    except ModuleNotFoundError:
        raise ModuleNotFoundError(DASK_MISSING) from None
    return DaskExecutor(workers=workers, scheduler=scheduler)
