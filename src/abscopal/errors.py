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
        self.field = _shortened(field, MAX_FIELD_CHARS)
        self.message = _shortened(message, MAX_MESSAGE_CHARS)
        super().__init__(f"{self.field}: {self.message}" if self.field else self.message)


MAX_FIELD_CHARS = 200
MAX_MESSAGE_CHARS = 1_000
"""Bounds on what one refusal echoes: an input's 20,000-character name must not become a
40 kB line."""


def _shortened(text: str, limit: int) -> str:
    text = str(text).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")  # one line
    return text if len(text) <= limit else text[: limit - 12] + " … (cut)"


def did_you_mean(name: str, known: Iterable[str], cutoff: float = 0.5) -> str:
    """``"; did you mean 'x'?"`` for the nearest spelling of ``name`` among ``known``, or
    ``""`` when nothing is close."""
    match = difflib.get_close_matches(name, list(known), n=1, cutoff=cutoff)
    return f"; did you mean {match[0]!r}?" if match else ""
