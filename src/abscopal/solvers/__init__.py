"""Solvers: the batched diffrax engine and the scipy reference."""
