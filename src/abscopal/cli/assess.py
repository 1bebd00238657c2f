"""``abscopal assess INPUT [--criteria recist|irecist|mrecist|mda|percist] [-o DIR]``
(RECIST 1.1 unless told otherwise).

INPUT is a measurement CSV (one row per lesion per scan), the simulator's ``timeseries.csv``, or
a scenario YAML (simulated first); simulated trajectories are sampled at a visit schedule with
optional measurement noise.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from abscopal.cli.arguments import NON_NEGATIVE, POSITIVE, SEED
from abscopal.cli.errors import UsageError


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    parser = commands.add_parser(
        "assess",
        help="imaging response (RECIST 1.1, iRECIST, mRECIST, MDA, PERCIST) and abscopal classification",
    )
    parser.add_argument(
        "input", help="measurements CSV, simulator timeseries.csv, or scenario YAML"
    )
    parser.add_argument(
        "--criteria",
        default="recist",
        choices=("recist", "irecist", "mrecist", "mda", "percist"),
        help="response criteria (default: recist, RECIST 1.1)",
    )
    parser.add_argument("-o", "--output", default="abscopal-assessment", help="output directory")
    parser.add_argument(
        "--confirm", action="store_true", help="CR/PR count only if confirmed >= 28 days later"
    )
    parser.add_argument(
        "--min-sd-days", type=NON_NEGATIVE, default=0.0, help="minimum days from baseline for SD"
    )
    parser.add_argument(
        "--flare-window-days", type=NON_NEGATIVE, default=90.0, help="MDA osteoblastic flare window"
    )
    parser.add_argument(
        "--liver-sul-mean", type=POSITIVE, default=None, help="PERCIST liver reference SUL"
    )
    parser.add_argument(
        "--liver-sul-sd", type=NON_NEGATIVE, default=0.0, help="PERCIST liver reference SD"
    )
    simulated = parser.add_argument_group("simulated input (timeseries.csv or scenario YAML)")
    simulated.add_argument(
        "--visit-interval-days", type=POSITIVE, default=42.0, help="scan every N days from day 0"
    )
    simulated.add_argument("--visit-days", default=None, help="explicit scan days, comma separated")
    simulated.add_argument(
        "--noise-sd-mm", type=NON_NEGATIVE, default=0.0, help="additive measurement noise SD [mm]"
    )
    simulated.add_argument(
        "--noise-cv", type=NON_NEGATIVE, default=0.0, help="relative measurement noise (CV)"
    )
    simulated.add_argument("--seed", type=SEED, default=0, help="seed of the measurement noise")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    parser.set_defaults(run=run)


def _visit_days(text: str | None) -> list[float] | None:
    if text is None:
        return None
    try:
        return [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise UsageError(
            f"--visit-days {text!r}: give days as numbers separated by commas, e.g. 0,42,84"
        ) from None


def _load(arguments: argparse.Namespace) -> tuple[Any, dict[str, Any]]:
    from abscopal.assessment.measurements import read_measurements
    from abscopal.assessment.simulated import (
        is_timeseries,
        measurements_from_timeseries,
        typed_timeseries,
    )

    path = Path(arguments.input)
    if not path.is_file():
        raise UsageError(f"input: no such file: {path}")
    source: dict[str, Any] = {
        "path": str(path),
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
    }
    sampling = {
        "visit_interval_day": arguments.visit_interval_days,
        "visit_days": _visit_days(arguments.visit_days),
        "noise_sd_mm": arguments.noise_sd_mm,
        "noise_cv": arguments.noise_cv,
        "seed": arguments.seed,
    }
    if path.suffix.lower() in (".yaml", ".yml"):
        from abscopal.cli.run_scenario import load_or_fail
        from abscopal.simulation import simulate

        scenario = load_or_fail(path)
        solution = simulate(scenario)
        source.update(kind="scenario", scenario=scenario.name, sampling=sampling)
        return measurements_from_timeseries(
            solution.to_dataframe(), patient_id=scenario.name, **sampling
        ), source
    frame = read_measurements(path)
    if is_timeseries(frame):
        numeric = typed_timeseries(frame)
        source.update(kind="simulator timeseries", sampling=sampling)
        return measurements_from_timeseries(numeric, **sampling), source
    source["kind"] = "measurements"
    return frame, source


def run(arguments: argparse.Namespace) -> int:
    """Run the subcommand."""
    from abscopal.assessment import MeasurementError, assess
    from abscopal.cli.run_scenario import output_directory_or_fail
    from abscopal.reports.assessment_outputs import ASSESSMENT_OUTPUTS, write_assessment

    console = Console(stderr=True, quiet=arguments.quiet)
    output_directory_or_fail(arguments.output, ASSESSMENT_OUTPUTS)
    try:
        with console.status(f"reading {arguments.input}"):
            measurements, source = _load(arguments)
        with console.status(f"assessing with {arguments.criteria}"):
            result = assess(
                measurements,
                arguments.criteria,
                confirm=arguments.confirm,
                min_stable_days=arguments.min_sd_days,
                flare_window_days=arguments.flare_window_days,
                liver_sul_mean=arguments.liver_sul_mean,
                liver_sul_sd=arguments.liver_sul_sd,
            )
    except MeasurementError as error:
        raise UsageError(f"{arguments.input}: {error}") from None
    try:
        directory = write_assessment(result, arguments.output, source)
    except OSError as error:
        raise UsageError(
            f"-o/--output: cannot write to {arguments.output}: {error.strerror}"
        ) from None
    table = Table(title=f"{result.criterion.title}: patients")
    for column in (
        "patient",
        "best overall response",
        "out-of-field BOR",
        "abscopal response",
        "onset day",
    ):
        table.add_column(column)
    for row in result.patients.itertuples():
        abscopal = {True: "yes", False: "no"}.get(row.out_of_field_response, "n/a")
        onset = (
            ""
            if row.first_abscopal_response_day != row.first_abscopal_response_day
            else f"{row.first_abscopal_response_day:g}"
        )
        table.add_row(
            str(row.patient_id),
            str(row.best_overall_response),
            str(row.out_of_field_best_overall_response or "n/a"),
            abscopal,
            onset,
        )
    console.print(table)
    console.print(
        f"outputs written to {directory}/ (timepoints.csv, lesions.csv, lesion_changes.csv, "
        "patients.csv, spider.png, waterfall.png, swimmer.png, assessment.json)"
    )
    return 0
