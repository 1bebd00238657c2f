"""The trial engine: every virtual patient through every arm, in chunks, streamed to Parquet.

Patients are grouped by lesion count (a batch needs one shape) and cut into chunks of
``chunk_size``; a chunk is one arm x one group slice, solved as one batch. Each finished chunk
is written as ``patients/``, ``measurements/`` and ``outcomes/<arm>/<chunk>.parquet`` (each to a
temporary name, then renamed) and recorded in ``manifest.json`` with row counts and SHA-256, so a killed run resumes without
recomputing finished chunks and gives identical files. Per-patient solver status (ok, solver
failed, non-finite) is a column: no patient is dropped silently.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from abscopal import __version__
from abscopal.staging import staged_file, write_text_atomically
from abscopal.trials.cohort import VirtualPatient, patient_scenario
from abscopal.trials.spec import TrialSpec

MANIFEST = "manifest.json"
TABLE_KINDS = ("patients", "measurements", "outcomes")
RUN_ENTRIES = (MANIFEST, *TABLE_KINDS)
"""What :func:`run_chunks` writes into a run's directory (the tables in one folder each)."""


@dataclass(frozen=True)
class Chunk:
    """One unit of work: an arm and a list of patients with the same lesion count."""

    arm: str
    key: str
    patients: tuple[VirtualPatient, ...]
    padded_size: int  # batch size solved (the last patient repeated): one compile per shape

    @property
    def id(self) -> str:
        """Identifier of the chunk in the manifest."""
        return f"{self.arm}/{self.key}"

    def relative_path(self, kind: str) -> str:
        """Parquet file of one table of the chunk (``patients``, ``measurements``,
        ``outcomes``), relative to the output directory."""
        return f"{kind}/{self.arm}/{self.key}.parquet"


def plan_chunks(spec: TrialSpec, patients: list[VirtualPatient], chunk_size: int) -> list[Chunk]:
    """Deterministic chunks: per arm, per lesion count (ascending), in patient order."""
    groups: dict[int, list[VirtualPatient]] = {}
    for patient in patients:
        groups.setdefault(patient.simulated_lesion_count, []).append(patient)
    chunks = []
    for arm in spec.arms:
        for count in sorted(groups):
            members = groups[count]
            for start in range(0, len(members), chunk_size):
                part = tuple(members[start : start + chunk_size])
                key = f"lesions{count}_{start // chunk_size:05d}"
                chunks.append(Chunk(arm.name, key, part, min(chunk_size, len(patients))))
    return chunks


def spec_digest(spec: TrialSpec, chunk_size: int) -> str:
    """Identity of a run's inputs: resuming with another trial file or chunking is refused."""
    text = json.dumps(
        {"spec": spec.model_dump(mode="json"), "chunk_size": chunk_size}, sort_keys=True
    )
    return hashlib.sha256(text.encode()).hexdigest()


def simulate_chunk(spec: TrialSpec, chunk: Chunk) -> pd.DataFrame:
    """Long table of one chunk: patient, arm, lesion (``occult`` if not seen at baseline), visit
    day, true diameter, status. Built from arrays in one table per chunk (one row per patient,
    output time and lesion, time-major as in :meth:`Solution.to_dataframe`)."""
    from abscopal.simulation import simulate_batch

    scenarios = [patient_scenario(spec, patient, chunk.arm) for patient in chunk.patients]
    padding = [scenarios[-1]] * max(0, chunk.padded_size - len(scenarios))
    solutions = simulate_batch(scenarios + padding)[: len(scenarios)]
    columns: dict[str, list[np.ndarray]] = {
        name: []
        for name in (
            "patient_id",
            "lesion",
            "organ",
            "irradiated",
            "dose_gy",
            "is_lymph_node",
            "occult",
            "day",
            "diameter_mm",
            "pd_l1_stratum",
            *spec.cohort.lesion_parameters,
            "status",
        )
    }
    for patient, solution in zip(chunk.patients, solutions, strict=True):
        diameters = solution.observables()["diameter_mm"]  # (output times, lesions)
        times, count = diameters.shape
        rows = times * count
        names = solution.lesion_names
        occult = set(patient.occult_names)
        columns["patient_id"].append(np.full(rows, patient.patient_id, dtype=np.int64))
        columns["lesion"].append(np.tile(np.asarray(names, dtype=object), times))
        for name, values in solution.lesion_attributes().items():
            columns[name].append(np.tile(values, times))
        columns["occult"].append(np.tile([n in occult for n in names], times))
        columns["day"].append(np.repeat(solution.time_day, count))
        columns["diameter_mm"].append(diameters.reshape(-1))
        columns["pd_l1_stratum"].append(np.full(rows, patient.pd_l1_stratum or "", dtype=object))
        for name in spec.cohort.lesion_parameters:
            own = [values[name] for values in patient.lesion_parameters]
            columns[name].append(np.tile(np.asarray(own, dtype=float), times))
        columns["status"].append(np.full(rows, solution.status.label, dtype=object))
    table = pd.DataFrame({name: np.concatenate(parts) for name, parts in columns.items()})
    table.insert(1, "arm", chunk.arm)
    return table


def process_chunk(spec: TrialSpec, chunk: Chunk) -> dict[str, pd.DataFrame]:
    """Solve a chunk and read it: lesion table, visit measurements and per-patient outcomes."""
    from abscopal.trials.outcomes import chunk_outcomes

    table = simulate_chunk(spec, chunk)
    measurements, outcomes = chunk_outcomes(spec, chunk.arm, chunk.key, table)
    return {"patients": table, "measurements": measurements, "outcomes": outcomes}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_json(path: Path, data: dict) -> None:
    write_text_atomically(path, json.dumps(data, indent=2))


class ResumeError(ValueError):
    """An output directory that does not belong to this trial file and chunking."""


def run_chunks(
    spec: TrialSpec,
    chunks: list[Chunk],
    directory: str | Path,
    chunk_size: int,
    resume: bool = False,
    execute: Callable[[TrialSpec, list[Chunk]], Iterator[tuple[Chunk, dict[str, pd.DataFrame]]]]
    | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Run (or finish) all chunks into ``directory``; returns the manifest."""
    directory = Path(directory)
    manifest_path = directory / MANIFEST
    digest = spec_digest(spec, chunk_size)
    manifest = {
        "version": __version__,
        "trial": spec.name,
        "seed": spec.seed,
        "input_digest": digest,
        "chunk_size": chunk_size,
        "chunks": {},
    }
    if manifest_path.exists():
        if not resume:
            raise ResumeError(
                f"{directory} already holds a trial run; use --resume to finish it "
                "or choose another output directory"
            )
        previous = _previous_manifest(manifest_path)
        if previous.get("input_digest") != digest:
            raise ResumeError(
                f"{directory} holds a run of another trial file or chunk size; "
                "resume needs the same inputs"
            )
        manifest["chunks"] = {
            key: entry
            for key, entry in previous["chunks"].items()
            if all(
                (directory / item["path"]).is_file()
                and _sha256(directory / item["path"]) == item["sha256"]
                for item in entry["files"].values()
            )
        }
    directory.mkdir(parents=True, exist_ok=True)
    todo = [chunk for chunk in chunks if chunk.id not in manifest["chunks"]]
    done = len(chunks) - len(todo)
    if progress:
        progress(done, len(chunks))
    runner = execute or _execute_in_process
    for chunk, tables in runner(spec, todo):
        files = {}
        for kind, frame in tables.items():
            relative = chunk.relative_path(kind)
            path = directory / relative
            with staged_file(path) as staged:
                frame.to_parquet(staged, index=False)
            files[kind] = {"path": relative, "rows": len(frame), "sha256": _sha256(path)}
        manifest["chunks"][chunk.id] = {
            "arm": chunk.arm,
            "patients": len(chunk.patients),
            "files": files,
        }
        _write_json(manifest_path, manifest)
        done += 1
        if progress:
            progress(done, len(chunks))
    manifest["complete"] = True
    _write_json(manifest_path, manifest)
    return manifest


def outcomes_in_memory(
    spec: TrialSpec, patients: list[VirtualPatient], chunk_size: int = 128
) -> pd.DataFrame:
    """Per-patient outcomes of every arm, computed in process and kept in memory (nothing is
    written; for fitting loops and checks that need only the endpoints)."""
    chunks = plan_chunks(spec, patients, chunk_size)
    frames = [tables["outcomes"] for _, tables in _execute_in_process(spec, chunks)]
    return pd.concat(frames, ignore_index=True)


def _execute_in_process(spec: TrialSpec, chunks: list[Chunk]):
    for chunk in chunks:
        yield chunk, process_chunk(spec, chunk)


def _previous_manifest(path: Path) -> dict:
    """The manifest of an earlier run, or a :class:`ResumeError` when it is damaged (truncated,
    edited, not what a run writes)."""
    try:
        previous = json.loads(path.read_text(encoding="utf-8"))
        chunks = previous["chunks"]
        if not isinstance(chunks, dict) or not all(
            isinstance(entry.get("files"), dict)
            and all({"path", "sha256"} <= set(item) for item in entry["files"].values())
            for entry in chunks.values()
        ):
            raise TypeError("chunks")
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        raise ResumeError(
            f"{path} is damaged (not the manifest a run writes); remove the directory or "
            "choose another one"
        ) from None
    return previous


def read_table(directory: str | Path, kind: str = "patients") -> pd.DataFrame:
    """One table (``patients``, ``measurements`` or ``outcomes``) of all chunks of a run, in
    chunk order."""
    directory = Path(directory)
    manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    frames = [
        pd.read_parquet(directory / manifest["chunks"][key]["files"][kind]["path"])
        for key in sorted(manifest["chunks"])
    ]
    return pd.concat(frames, ignore_index=True)
