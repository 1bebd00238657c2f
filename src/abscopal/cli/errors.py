"""Errors that the command line reports as one line with exit status 2."""

from __future__ import annotations


class UsageError(Exception):
    """Bad input from the user: reported as one message, exit status 2, no traceback."""
