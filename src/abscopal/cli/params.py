"""``abscopal params list`` and ``abscopal params show NAME``."""

from __future__ import annotations

import argparse

from rich.table import Table

from abscopal.citations import references
from abscopal.cli.errors import UsageError
from abscopal.cli.table_output import add_format_option, table_console, write_records
from abscopal.parameters import PARAMETER_SETS, UnknownParameterSetError, get_parameter_set


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    parser = commands.add_parser("params", help="list or show parameter sets")
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    listing = actions.add_parser("list", help="list the built-in parameter sets")
    add_format_option(listing)
    listing.set_defaults(run=run_list)
    show = actions.add_parser("show", help="values, units and provenance of one set")
    show.add_argument("name", help="parameter set name (see 'abscopal params list')")
    add_format_option(show)
    show.set_defaults(run=run_show)


def run_list(arguments: argparse.Namespace) -> int:
    """Print the registered sets."""
    records = [
        {
            "name": parameter_set.name,
            "species": parameter_set.species,
            "parameters": len(parameter_set),
            "description": parameter_set.description,
        }
        for parameter_set in PARAMETER_SETS.values()
    ]
    if arguments.format != "table":
        write_records(records, arguments.format)
        return 0
    table = Table(title="parameter sets")
    for column in ("name", "species", "parameters", "description"):
        table.add_column(column, overflow="fold")
    for record in records:
        table.add_row(*(str(value) for value in record.values()))
    table_console().print(table)
    return 0


def run_show(arguments: argparse.Namespace) -> int:
    """Print every value of one set with unit, provenance and sources."""
    try:
        parameter_set = get_parameter_set(arguments.name)
    except UnknownParameterSetError as error:
        raise UsageError(str(error)) from None
    records = [
        {
            "name": name,
            "value": parameter.value,
            "unit": parameter.unit,
            "provenance": parameter.provenance,
            "sources": ", ".join(parameter.citations),
            "description": parameter.description
            + (f" ({parameter.note})" if parameter.note else ""),
        }
        for name, parameter in parameter_set.parameters.items()
    ]
    if arguments.format != "table":
        write_records(records, arguments.format)
        return 0
    console = table_console()
    table = Table(title=f"{parameter_set.name}: {parameter_set.description}")
    for column in ("name", "value", "unit", "provenance", "sources", "description"):
        table.add_column(column, overflow="fold")
    for record in records:
        table.add_row(
            *(f"{value:.6g}" if isinstance(value, float) else value for value in record.values())
        )
    console.print(table)
    console.print(f"Calibration: {parameter_set.calibration_note}")
    for record in references(parameter_set.citation_keys()):
        console.print(f"[{record['key']}] {record['reference']}")
    return 0
