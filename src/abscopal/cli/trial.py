"""``abscopal trial TRIAL.yaml [-o DIR] [--resume] [--workers N | --scheduler ADDRESS]``."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.markdown import Markdown
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from abscopal.cli.arguments import COUNT
from abscopal.cli.errors import UsageError, input_error
from abscopal.scenario import ScenarioError


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    parser = commands.add_parser("trial", help="run a virtual trial (all patients, all arms)")
    parser.add_argument("trial", help="trial YAML file")
    parser.add_argument("-o", "--output", default="trial-output", help="output directory")
    parser.add_argument("--patients", type=COUNT, help="override the file's number of patients")
    parser.add_argument("--chunk-size", type=COUNT, default=64, help="patients per chunk")
    parser.add_argument("--resume", action="store_true", help="finish an interrupted run")
    parser.add_argument("--workers", type=COUNT, help="run chunks on a local Dask cluster")
    parser.add_argument("--scheduler", help="address of an existing Dask scheduler")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress or table")
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    """Run the subcommand."""
    from abscopal.trials.spec import load_trial

    if arguments.workers and arguments.scheduler:
        raise UsageError("give --workers (local cluster) or --scheduler (existing), not both")
    try:
        spec = load_trial(arguments.trial)
        if arguments.patients is not None:
            spec = spec.model_copy(update={"patients": arguments.patients})
        from abscopal.trials.cohort import correlation_matrix

        correlation_matrix(spec)
    except ScenarioError as error:
        raise input_error("trial", error.field, error.message) from None
    return _run(spec, arguments)


def _run(spec, arguments: argparse.Namespace) -> int:
    from abscopal.cli.run_scenario import output_directory_or_fail
    from abscopal.reports.trial_report import TRIAL_REPORT_OUTPUTS
    from abscopal.trials.distributed import dask_executor
    from abscopal.trials.engine import RUN_ENTRIES

    output_directory_or_fail(arguments.output, (*RUN_ENTRIES, *TRIAL_REPORT_OUTPUTS))
    console = Console(stderr=True, quiet=arguments.quiet)
    executor = None
    if arguments.workers or arguments.scheduler:  # connected before the population is drawn
        try:
            executor = dask_executor(workers=arguments.workers, scheduler=arguments.scheduler)
        except ModuleNotFoundError as error:
            where = "--scheduler" if arguments.scheduler else "--workers"
            raise UsageError(f"{where}: {error}") from None
        except (OSError, TimeoutError, ValueError) as error:
            where = f"--scheduler {arguments.scheduler}" if arguments.scheduler else "--workers"
            reason = " ".join(str(error).split())[:200]
            raise UsageError(f"{where}: no Dask cluster reachable ({reason})") from None
    try:
        return _run_with(spec, arguments, console, executor)
    finally:
        if executor is not None:
            executor.close()


def _run_with(spec, arguments: argparse.Namespace, console: Console, executor) -> int:
    from abscopal.reports.trial_report import (
        endpoints_markdown,
        primary_endpoint_lines,
        write_trial_outputs,
    )
    from abscopal.trials.engine import ResumeError, plan_chunks, read_table, run_chunks
    from abscopal.trials.plausibility import virtual_population

    try:
        with console.status(f"generating {spec.patients} plausible virtual patients"):
            patients, population = virtual_population(spec)
    except ScenarioError as error:
        raise input_error("trial", error.field, error.message) from None
    console.print(
        f"virtual population: {population.candidates} candidates, {population.plausible} "
        f"plausible ({100 * population.plausible_rate:.0f} %), {population.selected} selected"
    )
    chunks = plan_chunks(spec, patients, arguments.chunk_size)
    columns = (
        *Progress.get_default_columns()[:1],
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    try:
        with Progress(*columns, console=console, disable=arguments.quiet) as progress:
            task = progress.add_task(f"{spec.name}: chunks", total=len(chunks))
            manifest = run_chunks(
                spec,
                chunks,
                arguments.output,
                arguments.chunk_size,
                resume=arguments.resume,
                execute=executor,
                progress=lambda done, total: progress.update(task, completed=done, total=total),
            )
    except ResumeError as error:
        raise UsageError(str(error)) from None
    outcomes = read_table(arguments.output, "outcomes")
    endpoints = write_trial_outputs(spec, arguments.output, outcomes, manifest, population)
    if not arguments.quiet:
        shown = endpoints[
            endpoints["endpoint"].isin(
                [
                    "orr",
                    "out_of_field_orr",
                    "dcr",
                    "abscopal_response_rate",
                    "pfs_median_day",
                    "out_of_field_orr_difference",
                    "pfs_hazard_ratio",
                    "out_of_field_pfs_hazard_ratio",
                ]
            )
        ]
        for line in primary_endpoint_lines(spec, endpoints):
            console.print(line, highlight=False)
        console.print(Markdown(endpoints_markdown(shown)))
        console.print(
            f"outputs in {arguments.output}/ (endpoints.csv, report.md, figures, "
            "patients/, measurements/, outcomes/, manifest.json)"
        )
    failed = int((outcomes["status"] != "ok").sum())
    if failed:
        console.print(f"[yellow]{failed} patient-arm solves did not finish (status column)[/]")
    return 0
