"""Errors that the command line reports as one line with exit status 2."""

from __future__ import annotations


class UsageError(Exception):
    """Bad input from the user: reported as one message, exit status 2, no traceback."""


def input_error(kind: str, field: str, message: str) -> UsageError:
    """The one-line report of a refused input file: ``kind field 'F': message`` for a field
    inside the file, the message alone when the file itself is the problem (``field`` is the
    command-line argument, e.g. ``SCENARIO``: "cannot read x.yaml: No such file or directory")."""
    if field.isupper():
        return UsageError(message)
    return UsageError(f"{kind} field '{field}': {message}")
