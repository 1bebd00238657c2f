"""ParameterSet: an immutable, named collection of parameters with citations."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from abscopal.errors import did_you_mean
from abscopal.parameters.parameter import Parameter


class UnknownParameterError(KeyError):
    """A parameter name that the set does not define."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.message = f"unknown parameter {name!r}{did_you_mean(name, known)}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ParameterSet:
    """Named parameter values for one species and tumor type, each with unit and provenance."""

    name: str
    species: str
    description: str
    parameters: Mapping[str, Parameter]
    calibration_note: str = ""
    citations: tuple[str, ...] = field(default=())

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self.parameters[name]
        except KeyError:
            raise UnknownParameterError(name, list(self.parameters)) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.parameters)

    def __len__(self) -> int:
        return len(self.parameters)

    def value(self, name: str) -> float:
        """The numeric value of parameter ``name``."""
        return self[name].value

    def values(self) -> dict[str, float]:
        """All values as a plain ``{name: float}`` dictionary."""
        return {name: parameter.value for name, parameter in self.parameters.items()}

    def with_overrides(self, overrides: Mapping[str, float]) -> ParameterSet:
        """A new set with some values replaced; unknown names raise with a suggestion."""
        updated = dict(self.parameters)
        for name, value in overrides.items():
            updated[name] = self[name].with_value(value)
        return ParameterSet(
            name=self.name if not overrides else f"{self.name} (with overrides)",
            species=self.species,
            description=self.description,
            parameters=updated,
            calibration_note=self.calibration_note,
            citations=self.citations,
        )

    def citation_keys(self) -> set[str]:
        """Every citation key that any value in the set rests on."""
        keys = set(self.citations)
        for parameter in self.parameters.values():
            keys.update(parameter.citations)
        return keys
