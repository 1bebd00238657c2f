"""How a solve ended: one status per patient, its message and its name in output tables."""

from __future__ import annotations

import enum


class SolverStatus(enum.Enum):
    """Outcome of one patient's solve; the value is the message shown to the user."""

    OK = "ok"
    SOLVER_FAILED = "solver failed (maximum steps or step-size collapse)"
    NON_FINITE = "non-finite"

    @property
    def code(self) -> int:
        """The integer the traced solver returns for this status."""
        return _CODES[self]

    @property
    def label(self) -> str:
        """Name of the status in output tables (``ok``, ``solver_failed``, ``non_finite``)."""
        return self.name.lower()

    @classmethod
    def from_code(cls, code: int) -> SolverStatus:
        """The status of a solver return code."""
        return _BY_CODE[int(code)]


_CODES = {status: index for index, status in enumerate(SolverStatus)}
_BY_CODE = {index: status for status, index in _CODES.items()}
