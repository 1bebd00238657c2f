"""Example scenarios shipped with the package."""

from __future__ import annotations

from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent


def example_names() -> list[str]:
    """Names of the shipped example scenarios."""
    return sorted(path.stem for path in DIRECTORY.glob("*.yaml"))


def example_path(name: str) -> Path:
    """Path of a shipped example scenario (KeyError naming the choices if unknown)."""
    path = DIRECTORY / f"{name}.yaml"
    if not path.is_file():
        raise KeyError(f"unknown example {name!r}; choose one of {', '.join(example_names())}")
    return path
