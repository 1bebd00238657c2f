"""The model: lesion, immune, pharmacokinetic and radiobiology equations."""

from abscopal import _jax_setup  # noqa: F401  (float64 before any model array is built)
