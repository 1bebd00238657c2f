"""Shared by ``demo`` and ``simulate``: run a scenario and write its outputs."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table

from abscopal.cli.errors import UsageError, input_error
from abscopal.scenario import Scenario, ScenarioError, load_scenario

FIRST_COMPILE_NOTE = (
    "compiling the solver (first run only, about 10-60 s; later runs read it from the cache)"
)


def load_or_fail(path: str | Path) -> Scenario:
    """Load a scenario or raise a one-line :class:`UsageError` naming the field."""
    try:
        return load_scenario(path)
    except ScenarioError as error:
        raise input_error("scenario", error.field, error.message) from None


def output_directory_or_fail(output: str | Path, produces: tuple[str, ...]) -> Path:
    """The output directory, checked before any work (:func:`check_output_directory`), or a
    one-line :class:`UsageError` naming the option."""
    from abscopal.staging import OutputPathError, check_output_directory

    try:
        return check_output_directory(output, produces)
    except OutputPathError as error:
        raise UsageError(f"{error.field}: {error.message}") from None


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """``--figure-format`` and ``--counterfactual``, shared by ``simulate`` and ``demo``."""
    parser.add_argument(
        "--figure-format",
        choices=("png", "svg", "pdf"),
        default="png",
        help="format of lesions.* and immune.* (default png)",
    )
    parser.add_argument(
        "--counterfactual",
        action="store_true",
        help="also solve the patient with the checkpoint inhibitor alone and draw it dotted",
    )


def _drug_alone(scenario: Scenario) -> Scenario:
    from abscopal.protocols.counterfactuals import SYSTEMIC_ALONE, counterfactual_treatments

    if not scenario.checkpoint or not scenario.treatment.radiation_targets():
        raise UsageError(
            "--counterfactual: the scenario needs both radiation and a checkpoint inhibitor "
            "(the counterfactual is the checkpoint inhibitor alone)"
        )
    treatment = counterfactual_treatments(scenario.treatment)[SYSTEMIC_ALONE]
    return scenario.with_treatment(treatment, name=f"{scenario.name}_drug_alone")


def run_and_write(
    scenario_path: str | Path,
    output: str | Path,
    quiet: bool = False,
    figure_format: str = "png",
    counterfactual: bool = False,
) -> int:
    """Validate, simulate and write outputs; print a table of lesion results."""
    from abscopal.reports.outputs import simulation_outputs, write_outputs
    from abscopal.simulation import simulate

    console = Console(stderr=True, quiet=quiet)
    scenario = load_or_fail(scenario_path)
    produces = simulation_outputs(figure_format)
    output_directory_or_fail(output, produces)
    other = _drug_alone(scenario) if counterfactual else None

    from abscopal._jax_setup import compilation_cache_is_empty

    if compilation_cache_is_empty():
        console.print(FIRST_COMPILE_NOTE)
    try:
        with console.status(f"simulating {scenario.name} ({scenario.duration_day:g} days)"):
            solution = simulate(scenario)
            alone = simulate(other) if other is not None else None
    except ScenarioError as error:
        raise input_error("scenario", error.field, error.message) from None
    try:
        directory = write_outputs(solution, scenario, output, figure_format, alone)
    except OSError as error:  # e.g. a full disk: the staging directory is gone again
        raise UsageError(f"-o/--output: cannot write to {output}: {error.strerror}") from None
    table = Table(title=f"{scenario.name}: lesion results")
    for column in ("lesion", "organ", "irradiated", "dose [Gy]", "best change [%]", "response"):
        table.add_column(column)
    for row in solution.summary_records():
        table.add_row(
            row["lesion"],
            row["organ"],
            "yes" if row["irradiated"] else "no",
            f"{row['dose_gy']:.1f}",
            f"{row['best_change_pct']:.1f}",
            row["response"],
        )
    console.print(table)
    console.print(f"outputs written to {directory}/ ({', '.join(produces)})")
    if not solution.ok:  # reported even with --quiet: the exit status alone does not say why
        Console(stderr=True).print(
            f"[red]solver status: {solution.status.value}; results may be incomplete[/red]",
            soft_wrap=True,
        )
        return 1
    return 0
