"""Output destinations are checked before any work: a file, a path below a file, an empty or
over-long name, a directory holding other files, or a place where nothing can be created is
refused in one line naming the option (exit 2), and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

import abscopal.simulation
from abscopal.cli.main import main
from abscopal.reports.outputs import SIMULATION_OUTPUTS
from tests.conftest import EXAMPLES

SCENARIO = str(EXAMPLES / "mouse_two_flank_8x3_ctla4.yaml")


@pytest.fixture
def no_solve(monkeypatch):
    """A refusal must come before the solve."""

    def fail(*_, **__):
        raise AssertionError("the scenario was simulated before the destination was checked")

    monkeypatch.setattr(abscopal.simulation, "simulate", fail)


def refused(argv: list[str], capsys) -> str:
    assert main(argv) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "-o/--output" in lines[0]
    return lines[0]


def test_a_file_a_path_below_it_and_an_empty_name(tmp_path: Path, capsys, no_solve):
    existing = tmp_path / "notes.txt"
    existing.write_text("keep me")
    assert "is an existing file" in refused(["simulate", SCENARIO, "-o", str(existing)], capsys)
    below = existing / "out"
    assert "which is a file" in refused(["simulate", SCENARIO, "-o", str(below)], capsys)
    assert "give a directory name" in refused(["simulate", SCENARIO, "-o", ""], capsys)
    assert existing.read_text() == "keep me"


def test_over_long_names_and_places_nothing_can_be_created(tmp_path: Path, capsys, no_solve):
    long_name = str(tmp_path / ("x" * 300))
    assert "longer than 255 bytes" in refused(["simulate", SCENARIO, "-o", long_name], capsys)
    assert "cannot create files in /proc" in refused(
        ["simulate", SCENARIO, "-o", "/proc/abscopal-out"], capsys
    )


def test_a_directory_holding_other_files_is_refused_and_left_alone(
    tmp_path: Path, capsys, no_solve
):
    (tmp_path / "thesis.tex").write_text("draft")
    message = refused(["assess", SCENARIO, "--criteria", "recist", "-o", str(tmp_path)], capsys)
    assert "already holds other files (thesis.tex)" in message
    assert sorted(item.name for item in tmp_path.iterdir()) == ["thesis.tex"]


def test_earlier_outputs_may_be_replaced(tmp_path: Path):
    output = tmp_path / "out"
    assert main(["simulate", SCENARIO, "-o", str(output), "-q"]) == 0
    assert main(["simulate", SCENARIO, "-o", str(output), "-q"]) == 0
    assert sorted(item.name for item in output.iterdir()) == sorted(SIMULATION_OUTPUTS)


def test_export_sbml_refuses_a_directory_and_trial_a_file_before_any_work(
    tmp_path: Path, capsys, monkeypatch
):
    assert "is a directory" in refused(["export-sbml", SCENARIO, "-o", str(tmp_path)], capsys)

    import abscopal.trials.plausibility

    def fail(*_, **__):
        raise AssertionError("the population was drawn before the destination was checked")

    monkeypatch.setattr(abscopal.trials.plausibility, "virtual_population", fail)
    trial = str(EXAMPLES / "trials" / "pembro_rt.yaml")
    existing = tmp_path / "notes.txt"
    existing.write_text("keep me")
    assert "is an existing file" in refused(["trial", trial, "-o", str(existing)], capsys)
    assert "already holds other files (notes.txt)" in refused(
        ["trial", trial, "-o", str(tmp_path)], capsys
    )


def test_a_write_that_fails_is_one_line_and_leaves_nothing(tmp_path: Path, capsys, monkeypatch):
    import errno

    import abscopal.reports.outputs

    def full_disk(item, path, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(abscopal.reports.outputs, "plot_lesions", full_disk)
    output = tmp_path / "out"
    message = refused(["simulate", SCENARIO, "-o", str(output)], capsys)
    assert "No space left on device" in message
    assert sorted(item.name for item in tmp_path.iterdir()) == []  # no staging leftovers


def test_export_sbml_refuses_a_path_below_a_file(tmp_path: Path, capsys):
    existing = tmp_path / "notes.txt"
    existing.write_text("keep me")
    message = refused(["export-sbml", SCENARIO, "-o", str(existing / "model.xml")], capsys)
    assert "which is a file" in message and existing.read_text() == "keep me"
