"""The ``abscopal`` command: one subcommand per module in this package."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from abscopal.cli import (
    assess,
    calibrate,
    demo,
    export_sbml,
    params,
    serve,
    simulate,
    trial,
    validate,
)
from abscopal.cli.errors import UsageError

SUBCOMMANDS = (demo, simulate, assess, trial, validate, calibrate, export_sbml, params, serve)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit status 2, no usage dump
        sys.stderr.write(f"abscopal: error: {message} (see 'abscopal --help')\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """Argument parser with all subcommands."""
    from abscopal import __version__

    parser = _Parser(
        prog="abscopal",
        description="Simulate local radiotherapy and checkpoint inhibitors across all lesions.",
    )
    parser.add_argument("--version", action="version", version=f"abscopal {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in SUBCOMMANDS:
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (2 for bad input)."""
    parser = build_parser()
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as stop:  # a refused option (2), --help or --version (0)
        return stop.code if isinstance(stop.code, int) else 2
    try:
        return int(arguments.run(arguments) or 0)
    except UsageError as error:
        sys.stderr.write(f"abscopal: error: {error}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("abscopal: interrupted\n")
        return 130
    except BrokenPipeError:  # the reader went away (``abscopal params show X | head``)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that the final flush does not fail again
        return 141


if __name__ == "__main__":
    raise SystemExit(main())
