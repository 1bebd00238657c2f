"""Trace a JAX function into scalar expression nodes.

The function is traced to a jaxpr with :func:`jax.make_jaxpr`, then the jaxpr is interpreted
element by element on numpy object arrays of :class:`~abscopal.export.expressions.Node`. The
SBML export therefore writes the very equations the solver integrates, not a second copy of
them. Only the primitives the model uses are supported; anything else raises ExportError.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax
import jax.extend.core as jax_core
import numpy as np

from abscopal.export.expressions import BINARY, RELATIONS, UNARY, ExportError, ExpressionGraph

_STRUCTURAL = {
    "reshape": lambda x, p: np.reshape(x, p["new_sizes"]),
    "squeeze": lambda x, p: np.squeeze(x, axis=tuple(p["dimensions"])),
    "slice": lambda x, p: x[
        tuple(
            slice(start, stop, step)
            for start, stop, step in zip(
                p["start_indices"],
                p["limit_indices"],
                p["strides"] or (1,) * x.ndim,
                strict=True,
            )
        )
    ],
    "copy": lambda x, p: x,
    "copy_p": lambda x, p: x,
}


def _broadcast_in_dim(operand: np.ndarray, params: dict) -> np.ndarray:
    shape = params["shape"]
    expanded = [1] * len(shape)
    for axis, size in zip(params["broadcast_dimensions"], operand.shape, strict=True):
        expanded[axis] = size
    return np.broadcast_to(operand.reshape(expanded), shape).copy()


class Tracer:
    """Interprets jaxprs on object arrays of expression nodes."""

    def __init__(self, graph: ExpressionGraph) -> None:
        self.graph = graph

    def leaf(self, value: Any) -> np.ndarray:
        """A number, numeric array or node (array) as an object array of nodes."""
        array = np.asarray(value, dtype=object)
        return np.vectorize(self._node, otypes=[object])(array) if array.size else array

    def _node(self, value: Any):
        if hasattr(value, "op"):
            return value
        return self.graph.constant(float(value))

    def trace(self, function: Callable, *symbolic: Any, example: tuple) -> Any:
        """``function(*example)`` traced, then evaluated with ``symbolic`` leaves (pytrees of
        nodes or numbers with the same structure as ``example``)."""
        closed = jax.make_jaxpr(function)(*example)
        leaves = [self.leaf(leaf) for leaf in jax.tree_util.tree_leaves(symbolic)]
        outputs = self.evaluate(closed.jaxpr, [self.leaf(c) for c in closed.consts], leaves)
        shape = jax.tree_util.tree_structure(jax.eval_shape(function, *example))
        return jax.tree_util.tree_unflatten(shape, outputs)

    def evaluate(self, jaxpr, consts: list, arguments: list) -> list[np.ndarray]:
        """Evaluate ``jaxpr`` on object-array arguments."""
        env: dict = {}

        def read(var):
            if isinstance(var, jax_core.Literal):
                return self.leaf(var.val)
            return env[var]

        for var, value in zip(jaxpr.constvars, consts, strict=True):
            env[var] = value
        for var, value in zip(jaxpr.invars, arguments, strict=True):
            if tuple(var.aval.shape) != np.shape(value):
                raise ExportError(f"shape mismatch tracing the model: {var.aval.shape}")
            env[var] = value
        for equation in jaxpr.eqns:
            inputs = [read(var) for var in equation.invars]
            outputs = self._apply(equation.primitive.name, inputs, equation.params)
            for var, value in zip(equation.outvars, outputs, strict=True):
                env[var] = value
        return [read(var) for var in jaxpr.outvars]

    def _apply(self, name: str, inputs: list[np.ndarray], params: dict) -> list[np.ndarray]:
        graph = self.graph
        if name in BINARY or name in RELATIONS:
            return [_elementwise(lambda a, b: graph.binary(name, a, b), *inputs)]
        if name in UNARY:
            return [_elementwise(lambda a: graph.unary(name, a), inputs[0])]
        if name == "integer_pow":
            exponent = graph.constant(params["y"])
            return [_elementwise(lambda a: graph.binary("pow", a, exponent), inputs[0])]
        if name == "select_n":
            if len(inputs) != 3:
                raise ExportError("select_n with more than two cases cannot be exported")
            return [_elementwise(graph.select, *inputs)]
        if name == "convert_element_type":
            return [_elementwise(graph.as_number, inputs[0])]
        if name in _STRUCTURAL:
            return [_STRUCTURAL[name](inputs[0], params)]
        if name == "broadcast_in_dim":
            return [_broadcast_in_dim(inputs[0], params)]
        if name == "concatenate":
            return [np.concatenate(inputs, axis=params["dimension"])]
        if name == "stack":
            return [np.stack(inputs, axis=params["axis"])]
        if name == "reduce_sum":
            return [_reduce(graph, inputs[0], tuple(params["axes"]))]
        if name == "clamp":
            low, operand, high = inputs
            lower = _elementwise(lambda a, b: graph.binary("max", a, b), low, operand)
            return [_elementwise(lambda a, b: graph.binary("min", a, b), high, lower)]
        inner = params.get("jaxpr") or params.get("call_jaxpr")
        if inner is not None:
            closed = inner if hasattr(inner, "consts") else None
            body = closed.jaxpr if closed is not None else inner
            consts = [self.leaf(c) for c in closed.consts] if closed is not None else []
            return self.evaluate(body, consts, inputs)
        raise ExportError(f"the JAX operation '{name}' has no SBML translation")


def _elementwise(function: Callable, *arrays: np.ndarray) -> np.ndarray:
    broadcast = np.broadcast_arrays(*arrays)
    result = np.empty(broadcast[0].shape, dtype=object)
    for index in np.ndindex(result.shape):
        result[index] = function(*(array[index] for array in broadcast))
    return result


def _reduce(graph: ExpressionGraph, array: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    moved = np.moveaxis(array, axes, range(len(axes))) if axes else array
    flat = moved.reshape(-1, *moved.shape[len(axes) :])
    result = np.empty(flat.shape[1:], dtype=object)
    for index in np.ndindex(result.shape):
        total = graph.constant(0.0)
        for row in range(flat.shape[0]):
            total = graph.binary("add", total, flat[(row, *index)])
        result[index] = total
    return result
