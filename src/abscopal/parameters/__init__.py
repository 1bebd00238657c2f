"""Parameters with units and provenance, and the registry of built-in parameter sets."""

from __future__ import annotations

from abscopal.errors import did_you_mean
from abscopal.parameters.parameter import Parameter
from abscopal.parameters.parameter_set import ParameterSet, UnknownParameterError
from abscopal.parameters.sets import (
    HUMAN_DEFAULT,
    HUMAN_NSCLC,
    MOUSE_B16,
    MOUSE_CT26,
    MOUSE_DEFAULT,
    MOUSE_TSA,
)

PARAMETER_SETS: dict[str, ParameterSet] = {
    parameter_set.name: parameter_set
    for parameter_set in (
        HUMAN_DEFAULT,
        HUMAN_NSCLC,
        MOUSE_DEFAULT,
        MOUSE_TSA,
        MOUSE_CT26,
        MOUSE_B16,
    )
}


class UnknownParameterSetError(KeyError):
    """A parameter-set name that is not registered."""

    def __init__(self, name: str) -> None:
        hint = did_you_mean(name, PARAMETER_SETS, cutoff=0.4)
        self.message = (
            f"unknown parameter set {name!r}{hint} (known: {', '.join(sorted(PARAMETER_SETS))})"
        )
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


def get_parameter_set(name: str) -> ParameterSet:
    """The built-in parameter set called ``name``."""
    try:
        return PARAMETER_SETS[name]
    except KeyError:
        raise UnknownParameterSetError(name) from None


__all__ = [
    "PARAMETER_SETS",
    "Parameter",
    "ParameterSet",
    "UnknownParameterError",
    "UnknownParameterSetError",
    "get_parameter_set",
]
