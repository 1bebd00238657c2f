"""Shared fixtures: float64 JAX (enabled by importing abscopal) and scenario builders."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from abscopal._jax_setup import configure_jax

configure_jax()  # float64 before any test builds arrays (tests call model functions directly)

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "abscopal" / "examples"


def two_lesion_patient(**changes: Any) -> dict[str, Any]:
    """A human patient with a lung lesion and a liver lesion, untreated, 180 days."""
    base: dict[str, Any] = {
        "name": "two_lesion_test_patient",
        "species": "human",
        "body_weight_kg": 70,
        "lesions": [
            {"name": "lung", "organ": "lung", "baseline_diameter_mm": 25},
            {"name": "liver", "organ": "liver", "baseline_diameter_mm": 20},
        ],
        "duration_day": 180,
    }
    result = copy.deepcopy(base)
    result.update(copy.deepcopy(changes))
    return result


def sbrt(target: str = "lung", dose: float = 8.0, fractions: int = 3, **extra: Any) -> dict:
    """An external-beam course entry."""
    course = {"target": target, "dose_per_fraction_gy": dose, "fractions": fractions}
    course.update(extra)
    return course


@pytest.fixture
def examples_dir() -> Path:
    """Directory of the shipped example scenarios."""
    return EXAMPLES
