"""The input-error type shared by scenarios, trial files, measurement and calibration tables,
parameter sets and web requests, and the one "did you mean" helper."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class InputError(ValueError):
    """Input that cannot be used: ``field`` is the path of the offending entry (e.g.
    ``lesions[1].organ``), ``message`` says what is wrong and what is accepted. The command
    line reports it as ``field: message`` with exit status 2."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


def did_you_mean(name: str, known: Iterable[str], cutoff: float = 0.5) -> str:
    """``"; did you mean 'x'?"`` for the nearest spelling of ``name`` among ``known``, or
    ``""`` when nothing is close."""
    match = difflib.get_close_matches(name, list(known), n=1, cutoff=cutoff)
    return f"; did you mean {match[0]!r}?" if match else ""
