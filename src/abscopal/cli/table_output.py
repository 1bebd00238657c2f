"""Tables printed by the commands: rich on a terminal (fitted to its width), or CSV / JSON on
standard output for other programs (``--format``)."""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from typing import Any

import pandas as pd
from rich.console import Console

FORMATS = ("table", "csv", "json")
PIPE_WIDTH = 200  # a table written to a file or pipe is not folded to 80 columns


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--format table|csv|json``."""
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table (default, fitted to the terminal), csv or json on standard output",
    )


def table_console(quiet: bool = False) -> Console:
    """A console as wide as the terminal, or :data:`PIPE_WIDTH` when output is not a terminal."""
    return Console(quiet=quiet, width=None if sys.stdout.isatty() else PIPE_WIDTH)


def _finite(value: Any) -> Any:
    """JSON has no NaN or infinity: such a number is written as null."""
    return None if isinstance(value, float) and not math.isfinite(value) else value


def write_records(records: Sequence[dict[str, Any]], output_format: str) -> None:
    """Write ``records`` (flat dicts, one per row) as CSV or a JSON list to standard output."""
    if output_format == "json":
        finite = [{key: _finite(value) for key, value in record.items()} for record in records]
        sys.stdout.write(json.dumps(finite, indent=2, allow_nan=False) + "\n")
    else:
        pd.DataFrame(list(records)).to_csv(sys.stdout, index=False)
