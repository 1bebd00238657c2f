"""The chunked trial engine: Parquet per chunk, manifest, resume after a kill."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from abscopal.trials.cohort import sample_cohort
from abscopal.trials.engine import (
    MANIFEST,
    ResumeError,
    _execute_in_process,
    outcomes_in_memory,
    plan_chunks,
    read_table,
    run_chunks,
)
from abscopal.trials.spec import trial_from_dict

CHUNK = 2


@pytest.fixture(scope="module")
def trial():
    from tests.trials.conftest import TRIAL

    spec = trial_from_dict(TRIAL)
    patients = sample_cohort(spec, spec.patients, spec.seed)
    return spec, plan_chunks(spec, patients, CHUNK)


@pytest.fixture(scope="module")
def complete_run(trial, tmp_path_factory):
    spec, chunks = trial
    directory = tmp_path_factory.mktemp("complete")
    manifest = run_chunks(spec, chunks, directory, CHUNK)
    return directory, manifest


def test_every_patient_in_every_arm_with_status(trial, complete_run):
    _, chunks = trial
    directory, manifest = complete_run
    assert manifest["complete"] and len(manifest["chunks"]) == len(chunks)
    table = read_table(directory)
    assert table.groupby("arm").patient_id.nunique().to_dict() == {
        "pembrolizumab": 6,
        "sbrt_pembrolizumab": 6,
    }
    assert set(table.status) == {"ok"}
    assert sorted(table.day.unique()) == [0.0, 42.0, 84.0]
    irradiated = table[(table.arm == "sbrt_pembrolizumab") & table.irradiated]
    assert set(irradiated.lesion) == {"L1"}
    assert irradiated.dose_gy.min() == pytest.approx(24.0)
    # the paired design: the same patients and baselines in both arms
    baseline = table[table.day == 0].pivot_table(
        index=["patient_id", "lesion"], columns="arm", values="diameter_mm"
    )
    assert (baseline["pembrolizumab"] - baseline["sbrt_pembrolizumab"]).abs().max() < 1e-9


def test_resume_after_a_kill_recomputes_nothing_and_gives_identical_files(
    trial, complete_run, tmp_path
):
    spec, chunks = trial
    _, finished = complete_run
    calls: list[str] = []

    def killed_after_three(spec, todo):
        for count, (chunk, frame) in enumerate(_execute_in_process(spec, todo)):
            if count == 3:
                raise KeyboardInterrupt
            calls.append(chunk.id)
            yield chunk, frame

    with pytest.raises(KeyboardInterrupt):
        run_chunks(spec, chunks, tmp_path, CHUNK, execute=killed_after_three)
    partial = json.loads((tmp_path / MANIFEST).read_text())
    assert len(partial["chunks"]) == 3 and "complete" not in partial
    with pytest.raises(ResumeError, match="--resume"):
        run_chunks(spec, chunks, tmp_path, CHUNK)
    resumed: list[str] = []

    def recording(spec, todo):
        resumed.extend(chunk.id for chunk in todo)
        yield from _execute_in_process(spec, todo)

    manifest = run_chunks(spec, chunks, tmp_path, CHUNK, resume=True, execute=recording)
    assert set(resumed).isdisjoint(calls) and len(resumed) == len(chunks) - 3

    def hashes(manifest):
        return {
            item["path"]: item["sha256"]
            for entry in manifest["chunks"].values()
            for item in entry["files"].values()
        }

    assert hashes(manifest) == hashes(finished)
    assert len(hashes(manifest)) == 3 * len(chunks)  # patients, measurements, outcomes


def test_resume_refuses_another_trial_file(trial, complete_run, trial_data):
    _, chunks = trial
    directory, _ = complete_run
    trial_data["seed"] = 8
    with pytest.raises(ResumeError, match="another trial file"):
        run_chunks(trial_from_dict(trial_data), chunks, directory, CHUNK, resume=True)


def test_outcomes_in_memory_equal_the_written_run(trial, complete_run):
    spec, _ = trial
    directory, _ = complete_run
    patients = sample_cohort(spec, spec.patients, spec.seed)
    in_memory = outcomes_in_memory(spec, patients, CHUNK)
    written = read_table(directory, "outcomes")
    assert len(in_memory) == 2 * spec.patients
    pd.testing.assert_frame_equal(in_memory, written, check_dtype=False)
