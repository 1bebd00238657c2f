"""The model: lesion, immune, pharmacokinetic and radiobiology equations."""

# JAX settings (float64, compilation cache) are made by abscopal._jax_setup.configure_jax,
# which the package's entry points call; importing the model changes nothing.
