"""Model exchange: the scenario's model as SBML Level 3, traced from the JAX equations."""
