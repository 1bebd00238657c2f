"""SBML unit definitions for the unit strings used by parameters, constants and states."""

from __future__ import annotations

import re

import libsbml

# unit string -> [(SBML base unit kind, exponent, scale, multiplier)]; [] = dimensionless
_PER_DAY = ("second", -1, 0, 86400.0)
UNIT_COMPONENTS: dict[str, list[tuple[str, int, int, float]]] = {
    "1": [],
    "PD-L1 units": [],
    "DC units": [],
    "effector/tumor": [],
    "suppressor/tumor": [],
    "day": [("second", 1, 0, 86400.0)],
    "hour": [("second", 1, 0, 3600.0)],
    "1/day": [_PER_DAY],
    "DC units/day": [_PER_DAY],
    "Gy": [("gray", 1, 0, 1.0)],
    "1/Gy": [("gray", -1, 0, 1.0)],
    "1/Gy^2": [("gray", -2, 0, 1.0)],
    "1/(Gy day)": [("gray", -1, 0, 1.0), _PER_DAY],
    "mm3": [("litre", 1, -6, 1.0)],
    "mm3/day": [("litre", 1, -6, 1.0), _PER_DAY],
    "mL": [("litre", 1, -3, 1.0)],
    "mL/min": [("litre", 1, -3, 1.0), ("second", -1, 0, 60.0)],
    "mL/min/g": [("litre", 1, -3, 1.0), ("second", -1, 0, 60.0), ("gram", -1, 0, 1.0)],
    "1/day per (mL/min)": [("litre", -1, -3, 1.0), ("dimensionless", 1, 0, 60.0 / 86400.0)],
    "g/mL": [("gram", 1, 0, 1.0), ("litre", -1, -3, 1.0)],
    "cells/uL": [("item", 1, 0, 1.0), ("litre", -1, -6, 1.0)],
    "1e6 cells": [("item", 1, 6, 1.0)],
    "mg": [("gram", 1, -3, 1.0)],
    "mg/day": [("gram", 1, -3, 1.0), _PER_DAY],
    "ug/day": [("gram", 1, -6, 1.0), _PER_DAY],
    "L": [("litre", 1, 0, 1.0)],
    "L/day": [("litre", 1, 0, 1.0), _PER_DAY],
    "mg/L": [("gram", 1, -3, 1.0), ("litre", -1, 0, 1.0)],
    "ug/mL": [("gram", 1, -6, 1.0), ("litre", -1, -3, 1.0)],
}


def unit_id(unit: str) -> str:
    """SBML identifier of a unit string ('dimensionless' for pure numbers)."""
    if not UNIT_COMPONENTS[unit]:
        return "dimensionless"
    slug = re.sub(r"[^0-9A-Za-z]+", "_", unit.replace("/", " per ")).strip("_")
    return f"u_{slug}"


def declare_units(model: libsbml.Model, units: set[str]) -> None:
    """Add a unit definition for each unit string (KeyError for an unknown one)."""
    for unit in sorted(units):
        components = UNIT_COMPONENTS[unit]
        if not components:
            continue
        definition = model.createUnitDefinition()
        definition.setId(unit_id(unit))
        definition.setName(unit)
        for kind, exponent, scale, multiplier in components:
            component = definition.createUnit()
            component.setKind(libsbml.UnitKind_forName(kind))
            component.setExponent(exponent)
            component.setScale(scale)
            component.setMultiplier(multiplier)
