"""Solver programs exported once and read back give the traced solve's numbers, bit for bit."""

from __future__ import annotations

import jax
import numpy as np
import pytest

from abscopal.simulation import simulate_batch
from abscopal.solvers import exported_programs
from abscopal.solvers.diffrax_solver import SolverOptions
from tests.conftest import sbrt, two_lesion_patient


def _patients() -> list[dict]:
    first = two_lesion_patient(external_beam=[sbrt()], duration_day=120)
    second = two_lesion_patient(external_beam=[sbrt(dose=12.0)], duration_day=120)
    second["lesions"][1]["baseline_diameter_mm"] = 31.0
    return [first, second]


def _states(layout: str) -> list[np.ndarray]:
    solutions = simulate_batch(_patients(), SolverOptions(layout=layout))
    return [solution.lesion_states for solution in solutions]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ABSCOPAL_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(exported_programs, "_programs", {})
    return tmp_path / "exported"


@pytest.mark.parametrize("layout", ["vmap", "shared"])
def test_exported_and_traced_solves_agree_exactly(fresh_cache, monkeypatch, layout):
    exported = _states(layout)
    assert len(list(fresh_cache.glob("*.jaxexport"))) == 1  # written on first use
    monkeypatch.setenv(exported_programs.DISABLE_VARIABLE, "1")
    traced = _states(layout)
    for a, b in zip(exported, traced, strict=True):
        assert np.array_equal(a, b)


def test_a_later_process_reads_the_program_instead_of_tracing(fresh_cache, monkeypatch):
    first = _states("vmap")
    monkeypatch.setattr(exported_programs, "_programs", {})  # as a new process
    traced, read = [], []
    monkeypatch.setattr(jax.export, "export", lambda *a, **k: traced.append(1))
    deserialize = jax.export.deserialize
    monkeypatch.setattr(jax.export, "deserialize", lambda blob: read.append(1) or deserialize(blob))
    second = _states("vmap")
    assert traced == [] and read == [1]  # read back from disk, not traced again
    for a, b in zip(first, second, strict=True):
        assert np.array_equal(a, b)


def test_a_damaged_program_file_is_replaced(fresh_cache, monkeypatch):
    expected = _states("vmap")
    (path,) = fresh_cache.glob("*.jaxexport")
    path.write_bytes(b"not a program")
    monkeypatch.setattr(exported_programs, "_programs", {})
    again = _states("vmap")
    assert all(np.array_equal(a, b) for a, b in zip(expected, again, strict=True))
    assert path.stat().st_size > 1000  # a real program again


def test_the_key_follows_the_traced_libraries(monkeypatch):
    leaves = [jax.numpy.zeros(3)]
    treedef = jax.tree_util.tree_structure([0])
    assert "diffrax==" in exported_programs._library_versions()
    key = exported_programs.program_key("solve", SolverOptions(), leaves, treedef)
    monkeypatch.setattr(exported_programs, "_library_versions", lambda: "diffrax==99")
    assert exported_programs.program_key("solve", SolverOptions(), leaves, treedef) != key


def test_the_key_follows_options_and_shapes():
    leaves = [jax.numpy.zeros((2, 3)), jax.numpy.zeros(4)]
    treedef = jax.tree_util.tree_structure([0, 0])
    key = exported_programs.program_key("solve", SolverOptions(), leaves, treedef)
    assert key == exported_programs.program_key("solve", SolverOptions(), leaves, treedef)
    assert key != exported_programs.program_key("solve", SolverOptions(rtol=1e-7), leaves, treedef)
    other = [jax.numpy.zeros((3, 3)), jax.numpy.zeros(4)]
    assert key != exported_programs.program_key("solve", SolverOptions(), other, treedef)


def test_a_process_keeps_a_bounded_number_of_programs(fresh_cache, monkeypatch):
    monkeypatch.setattr(exported_programs, "MAX_KEPT", 2)
    for size in (1, 2, 3):
        leaves = [jax.numpy.ones(size)]
        exported = exported_programs._load_or_export(f"key{size}", lambda x: 2.0 * x, leaves)
        assert np.array_equal(exported.call(*leaves), 2.0 * np.ones(size))
    assert list(exported_programs._programs) == ["key2", "key3"]  # the oldest went first
    assert len(list(fresh_cache.glob("*.jaxexport"))) == 3  # all kept on disk
