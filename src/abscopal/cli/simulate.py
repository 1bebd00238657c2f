"""``abscopal simulate SCENARIO.yaml [-o DIR]``."""

from __future__ import annotations

import argparse

from abscopal.cli.run_scenario import add_output_options, run_and_write


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    parser = commands.add_parser("simulate", help="simulate a scenario YAML file")
    parser.add_argument("scenario", help="scenario YAML file")
    parser.add_argument("-o", "--output", default="abscopal-output", help="output directory")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    add_output_options(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    """Run the subcommand."""
    return run_and_write(
        arguments.scenario,
        arguments.output,
        arguments.quiet,
        arguments.figure_format,
        arguments.counterfactual,
    )
