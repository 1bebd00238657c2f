"""Solvers: the batched diffrax engine and the scipy reference."""

from abscopal import _jax_setup  # noqa: F401  (float64 and the compilation cache)
