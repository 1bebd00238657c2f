"""Typed command-line option values: finite numbers within stated bounds, refused by argparse
in one line naming the option (``argument --seed: ...``) before any work starts."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable


def _show(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() and abs(bound) < 1e15 else f"{bound:g}"


def number(
    low: float | None = None,
    high: float | None = None,
    *,
    above: bool = False,
    integer: bool = False,
) -> Callable[[str], float]:
    """An argparse ``type`` accepting a finite number (an integer when ``integer``) that is
    >= ``low`` (> ``low`` when ``above``) and <= ``high``; the message states the accepted form."""
    kind = "a whole number" if integer else "a finite number"
    bounds = []
    if low is not None:
        bounds.append(f"{'>' if above else '>='} {_show(low)}")
    if high is not None:
        bounds.append(f"<= {_show(high)}")
    accepted = kind + (" " + " and ".join(bounds) if bounds else "")

    def convert(text: str) -> float:
        try:
            value: float = int(text) if integer else float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"give {accepted}, not {text[:40]!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"give {accepted}, not {text[:40]!r}")
        too_low = low is not None and (value <= low if above else value < low)
        if too_low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"give {accepted}, not {text[:40]!r}")
        return value

    convert.__name__ = accepted  # argparse names the type in some messages
    return convert


SEED = number(0, 2**32 - 1, integer=True)
"""A random seed: numpy's seeds are whole numbers from 0 to 2^32 - 1."""
NON_NEGATIVE = number(0)
POSITIVE = number(0, above=True)
COUNT = number(1, integer=True)
PORT = number(1, 65535, integer=True)
