"""``abscopal calibrate DATA.csv --scenario [GROUP=]S.yaml --fit name1,name2 [-o DIR]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from abscopal.cli.arguments import COUNT, SEED
from abscopal.cli.errors import UsageError, input_error
from abscopal.cli.run_scenario import load_or_fail


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    parser = commands.add_parser(
        "calibrate", help="fit parameters to tumor-size time series (long CSV)"
    )
    parser.add_argument(
        "data", help="CSV with columns subject, group, day, lesion and volume_mm3 or diameter_mm"
    )
    parser.add_argument(
        "--scenario",
        action="append",
        required=True,
        metavar="[GROUP=]FILE",
        help="scenario each group received; repeat as GROUP=FILE per group, or give one FILE "
        "for every group",
    )
    parser.add_argument("--fit", required=True, help="comma-separated parameter names to fit")
    parser.add_argument(
        "--bounds",
        action="append",
        default=[],
        metavar="NAME=LOW:HIGH",
        help="bounds of a fitted parameter (default 1/100 to 100 x its starting value)",
    )
    parser.add_argument("--starts", type=COUNT, default=4, help="number of starts (default 4)")
    parser.add_argument("--seed", type=SEED, default=0, help="seed of the random starts")
    parser.add_argument("-o", "--output", default="calibration-output", help="output directory")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    parser.set_defaults(run=run)


def _scenarios(entries: list[str]) -> dict:
    scenarios = {}
    for entry in entries:
        group, separator, path = entry.partition("=")
        if not separator:
            group, path = "*", entry
        if not group or not path:
            raise UsageError(f"--scenario {entry!r}: use GROUP=FILE.yaml or FILE.yaml")
        if group in scenarios:
            raise UsageError(f"--scenario: group {group!r} is given twice")
        scenarios[group] = load_or_fail(path)
    return scenarios


def _bounds(entries: list[str]) -> dict[str, tuple[float, float]]:
    bounds = {}
    for entry in entries:
        name, _, interval = entry.partition("=")
        low, _, high = interval.partition(":")
        try:
            bounds[name.strip()] = (float(low), float(high))
        except ValueError:
            raise UsageError(
                f"--bounds {entry!r}: use NAME=LOW:HIGH with two numbers, e.g. "
                "tumor_alpha_per_gy=0.01:1"
            ) from None
    return bounds


def run(arguments: argparse.Namespace) -> int:
    """Fit, then write the outputs through a staging directory (nothing half-written)."""
    from abscopal.calibration import CalibrationDataError, fit_parameters, load_tumor_data
    from abscopal.calibration.report import CALIBRATION_OUTPUTS, write_calibration_outputs
    from abscopal.cli.run_scenario import output_directory_or_fail
    from abscopal.scenario import ScenarioError
    from abscopal.staging import staged_directory

    console = Console(stderr=True, quiet=arguments.quiet)
    output_directory_or_fail(arguments.output, CALIBRATION_OUTPUTS)
    names = [name.strip() for name in arguments.fit.split(",") if name.strip()]
    bounds = _bounds(arguments.bounds)
    unknown = sorted(set(bounds) - set(names))
    if unknown:
        raise UsageError(f"--bounds names {unknown[0]!r}, which is not in --fit")
    scenarios = _scenarios(arguments.scenario)
    data_path = Path(arguments.data)
    try:
        data = load_tumor_data(data_path)
        with console.status("fitting (compiling the solver on the first start)") as status:
            result = fit_parameters(
                data,
                scenarios,
                names,
                bounds,
                starts=arguments.starts,
                seed=arguments.seed,
                progress=lambda done, total: status.update(f"fitting: start {done}/{total} done"),
            )
        with staged_directory(arguments.output) as staging:
            write_calibration_outputs(result, data, scenarios, staging, data_path)
    except CalibrationDataError as error:
        raise UsageError(str(error)) from None
    except ScenarioError as error:
        raise input_error("scenario", error.field, error.message) from None
    for name in result.names:
        flag = "  (at a bound)" if result.at_bound[name] else ""
        console.print(
            f"{name} = {result.values[name]:.4g}  95 % CI {result.ci_low[name]:.4g} - "
            f"{result.ci_high[name]:.4g}{flag}"
        )
    console.print(f"wrote {arguments.output}/ (parameters.csv, fit.json, fit.png, report.md)")
    return 0
