"""``abscopal demo [-o DIR]``: the built-in NSCLC SBRT + pembrolizumab scenario."""

from __future__ import annotations

import argparse
from importlib import resources

from abscopal.cli.run_scenario import add_output_options, run_and_write

DEMO_SCENARIO = "nsclc_sbrt_pembrolizumab.yaml"


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    parser = commands.add_parser(
        "demo", help=f"run the built-in example ({DEMO_SCENARIO}) with no input"
    )
    parser.add_argument("-o", "--output", default="demo-output", help="output directory")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    add_output_options(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    """Run the subcommand."""
    with resources.as_file(resources.files("abscopal.examples") / DEMO_SCENARIO) as path:
        return run_and_write(
            path,
            arguments.output,
            arguments.quiet,
            arguments.figure_format,
            arguments.counterfactual,
        )
