"""The tutorial notebooks run from top to bottom (executed with nbclient in a fresh kernel)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

nbclient = pytest.importorskip("nbclient")
nbformat = pytest.importorskip("nbformat")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "docs" / "notebooks").glob("*.ipynb"))


def test_there_are_three_tutorials():
    assert [path.name for path in NOTEBOOKS] == [
        "one_patient.ipynb",
        "reading_measurements.ipynb",
        "virtual_trial.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs(path: Path, tmp_path: Path, record_property):
    copy = tmp_path / path.name
    shutil.copy(path, copy)  # figures the notebook writes land in tmp_path
    notebook = nbformat.read(copy, as_version=4)
    started = time.perf_counter()
    nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
    ).execute()
    record_property("run_time_s", round(time.perf_counter() - started, 1))
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert errors == []
    assert all(cell.get("execution_count") for cell in notebook.cells if cell.cell_type == "code")
    assert any(tmp_path.glob("*.png"))  # each tutorial draws a figure
