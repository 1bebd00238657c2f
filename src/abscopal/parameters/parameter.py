"""One model parameter: value, unit, meaning and where the value comes from."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Provenance = Literal["source", "derived", "fitted", "assumed"]


@dataclass(frozen=True)
class Parameter:
    """A named model constant with its unit and provenance.

    ``provenance`` is ``"source"`` (taken from a publication in ``citations``), ``"derived"``
    (computed here from sourced values; ``note`` says how), ``"fitted"`` (fitted here; ``note``
    says to what) or ``"assumed"`` (a modelling choice with no direct measurement).
    """

    value: float
    unit: str
    description: str
    provenance: Provenance
    citations: tuple[str, ...] = ()
    note: str = ""
    lower: float = 0.0
    upper: float = float("inf")
    tags: frozenset[str] = field(default_factory=frozenset)

    def with_value(self, value: float, note: str = "") -> Parameter:
        """A copy holding ``value``, marked as overridden by the scenario."""
        return replace(
            self, value=float(value), provenance="assumed", note=note or "scenario override"
        )

    def fitted_to(self, value: float, citations: tuple[str, ...], note: str) -> Parameter:
        """A copy holding a value fitted here to the findings in ``citations``; ``note`` says
        to what and how, and the value it replaces is appended to it."""
        return replace(
            self,
            value=float(value),
            provenance="fitted",
            citations=tuple(dict.fromkeys((*self.citations, *citations))),
            note=f"{note} (replaces {self.value:g})",
        )
