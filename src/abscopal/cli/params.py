"""``abscopal params list`` and ``abscopal params show NAME``."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.table import Table

from abscopal.citations import references
from abscopal.cli.errors import UsageError
from abscopal.parameters import PARAMETER_SETS, UnknownParameterSetError, get_parameter_set


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    parser = commands.add_parser("params", help="list or show parameter sets")
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    listing = actions.add_parser("list", help="list the built-in parameter sets")
    listing.set_defaults(run=run_list)
    show = actions.add_parser("show", help="values, units and provenance of one set")
    show.add_argument("name", help="parameter set name (see 'abscopal params list')")
    show.set_defaults(run=run_show)


def run_list(arguments: argparse.Namespace) -> int:
    """Print the registered sets."""
    table = Table(title="parameter sets")
    for column in ("name", "species", "parameters", "description"):
        table.add_column(column)
    for parameter_set in PARAMETER_SETS.values():
        table.add_row(
            parameter_set.name,
            parameter_set.species,
            str(len(parameter_set)),
            parameter_set.description,
        )
    Console().print(table)
    return 0


def run_show(arguments: argparse.Namespace) -> int:
    """Print every value of one set with unit, provenance and sources."""
    try:
        parameter_set = get_parameter_set(arguments.name)
    except UnknownParameterSetError as error:
        raise UsageError(str(error)) from None
    console = Console(width=200)
    table = Table(title=f"{parameter_set.name}: {parameter_set.description}")
    for column in ("name", "value", "unit", "provenance", "sources", "description"):
        table.add_column(column, overflow="fold")
    for name, parameter in parameter_set.parameters.items():
        description = parameter.description + (f" ({parameter.note})" if parameter.note else "")
        table.add_row(
            name,
            f"{parameter.value:.6g}",
            parameter.unit,
            parameter.provenance,
            ", ".join(parameter.citations),
            description,
        )
    console.print(table)
    console.print(f"Calibration: {parameter_set.calibration_note}")
    for record in references(parameter_set.citation_keys()):
        console.print(f"[{record['key']}] {record['reference']}")
    return 0
