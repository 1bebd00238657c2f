"""Running trial chunks on Dask (dask.distributed): a local cluster (``workers``) or an existing
scheduler (``scheduler``). Each chunk is a task computing the same function as the in-process
engine, so results are identical for the same seed; finished chunks come back as they complete
and the engine writes them (one writer, the manifest stays consistent)."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from abscopal.trials.engine import Chunk, process_chunk
from abscopal.trials.spec import TrialSpec


class DaskExecutor:
    """Callable executor for :func:`abscopal.trials.engine.run_chunks`."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        from distributed import Client, LocalCluster

        self._cluster = None
        if scheduler:
            self.client = Client(scheduler, timeout="30s")
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
        from distributed import as_completed

        futures = {
            self.client.submit(process_chunk, spec, chunk, pure=False): chunk for chunk in chunks
        }
        for future in as_completed(futures):
            yield futures[future], future.result()

    def close(self) -> None:
        """Shut the client (and a local cluster) down."""
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def dask_executor(workers: int | None = None, scheduler: str | None = None) -> DaskExecutor:
    """An executor on a new local cluster of ``workers`` processes or on ``scheduler``."""
    return DaskExecutor(workers=workers, scheduler=scheduler)
