"""The Dask executor keeps a bounded window of chunks on the cluster."""

from __future__ import annotations

import pandas as pd
import pytest

from abscopal.trials.cohort import sample_cohort
from abscopal.trials.distributed import DaskExecutor
from abscopal.trials.engine import plan_chunks, process_chunk
from abscopal.trials.spec import trial_from_dict


def _tasks_on_scheduler(dask_scheduler) -> int:
    return len(dask_scheduler.tasks)


@pytest.mark.slow
def test_finished_chunks_are_released_and_equal_the_in_process_ones():
    from tests.trials.conftest import TRIAL

    spec = trial_from_dict(TRIAL)
    chunks = plan_chunks(spec, sample_cohort(spec, spec.patients, spec.seed), 1)
    assert len(chunks) == 12
    executor = DaskExecutor(workers=1, window=2)
    try:
        held = []
        results = {}
        for chunk, tables in executor(spec, chunks):
            held.append(executor.client.run_on_scheduler(_tasks_on_scheduler))
            results[chunk.id] = tables
    finally:
        executor.close()
    assert sorted(results) == sorted(chunk.id for chunk in chunks)
    # never more than the window (the next chunk is submitted before one is handed over), not
    # one task per finished chunk
    assert max(held) <= 2
    first = chunks[0]
    expected = process_chunk(spec, first)
    for kind in ("patients", "outcomes"):
        pd.testing.assert_frame_equal(results[first.id][kind], expected[kind])
