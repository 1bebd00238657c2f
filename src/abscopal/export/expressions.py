"""A small expression graph for the SBML export.

Model equations are traced from the JAX code (see :mod:`abscopal.export.trace`) into scalar
expression nodes. Nodes are interned, so equal sub-expressions are one node and can be named
once (common-subexpression elimination); arithmetic on constants is folded while the graph is
built. :meth:`ExpressionGraph.formula` prints a node as an SBML Level 3 infix formula
(``libsbml.parseL3Formula``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

BINARY = ("add", "sub", "mul", "div", "pow", "max", "min")
RELATIONS = {"gt": ">", "ge": ">=", "lt": "<", "le": "<=", "eq": "==", "ne": "!="}
UNARY = ("neg", "exp", "log")
_INFIX = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "^"}
_FOLD: dict[str, Callable[..., float]] = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "pow": lambda a, b: a**b,
    "max": max,
    "min": min,
    "neg": lambda a: -a,
    "exp": math.exp,
    "log": math.log,
    "gt": lambda a, b: float(a > b),
    "ge": lambda a, b: float(a >= b),
    "lt": lambda a, b: float(a < b),
    "le": lambda a, b: float(a <= b),
    "eq": lambda a, b: float(a == b),
    "ne": lambda a, b: float(a != b),
}


class Node:
    """One interned expression: an operation on argument nodes, a constant or a symbol."""

    __slots__ = ("args", "index", "op", "value")

    def __init__(self, op: str, args: tuple[Node, ...], value: float | str | None, index: int):
        self.op = op
        self.args = args
        self.value = value
        self.index = index

    @property
    def is_constant(self) -> bool:
        """Whether the node is a number."""
        return self.op == "const"

    def __repr__(self) -> str:
        return f"Node({self.op}, #{self.index})"


class ExportError(ValueError):
    """Something in the model cannot be written as SBML (names what and why)."""


class ExpressionGraph:
    """Builds interned, constant-folded expression nodes."""

    def __init__(self) -> None:
        self._nodes: dict[tuple, Node] = {}

    def _intern(self, op: str, args: tuple[Node, ...] = (), value: float | str | None = None):
        key = (op, tuple(arg.index for arg in args), value)
        node = self._nodes.get(key)
        if node is None:
            node = Node(op, args, value, len(self._nodes))
            self._nodes[key] = node
        return node

    def constant(self, value: float) -> Node:
        """A number (must be finite: SBML has no portable NaN arithmetic)."""
        number = float(value)
        if not math.isfinite(number):
            raise ExportError(f"the model contains the non-finite constant {number}")
        return self._intern("const", value=0.0 if number == 0.0 else number)

    def symbol(self, name: str) -> Node:
        """A named SBML quantity (parameter, state variable or ``time``)."""
        return self._intern("sym", value=name)

    def unary(self, op: str, operand: Node) -> Node:
        """``neg``, ``exp`` or ``log`` of ``operand``."""
        if operand.is_constant:
            return self.constant(_FOLD[op](operand.value))
        if op == "neg" and operand.op == "neg":
            return operand.args[0]
        return self._intern(op, (operand,))

    def binary(self, op: str, left: Node, right: Node) -> Node:
        """Arithmetic, ``max``/``min`` or a comparison (comparisons give 0/1-valued conditions)."""
        if left.is_constant and right.is_constant:
            return self.constant(_FOLD[op](left.value, right.value))
        simplified = self._identity(op, left, right)
        if simplified is not None:
            return simplified
        return self._intern(op, (left, right))

    def _identity(self, op: str, left: Node, right: Node) -> Node | None:
        zero, one = 0.0, 1.0
        lv = left.value if left.is_constant else None
        rv = right.value if right.is_constant else None
        if op == "add":
            return right if lv == zero else left if rv == zero else None
        if op == "sub":
            if rv == zero:
                return left
            return self.unary("neg", right) if lv == zero else None
        if op == "mul":
            if zero in (lv, rv):
                return self.constant(0.0)
            return right if lv == one else left if rv == one else None
        if op == "div":
            return left if rv == one else self.constant(0.0) if lv == zero else None
        if op == "pow":
            return left if rv == one else self.constant(1.0) if rv == zero else None
        if op in ("max", "min") and left is right:
            return left
        return None

    def select(self, condition: Node, if_false: Node, if_true: Node) -> Node:
        """``if_true`` where ``condition`` is non-zero, else ``if_false``."""
        if condition.is_constant:
            return if_true if condition.value else if_false
        if if_true is if_false:
            return if_true
        return self._intern("select", (condition, if_false, if_true))

    def as_number(self, condition: Node) -> Node:
        """A comparison as a 0/1 number (identity for anything else)."""
        if condition.op in RELATIONS:
            return self.select(condition, self.constant(0.0), self.constant(1.0))
        return condition

    # Printing ------------------------------------------------------------------------------

    def formula(self, node: Node, names: Mapping[int, str] | None = None, top: bool = True) -> str:
        """SBML L3 infix text of ``node``; nodes in ``names`` (by index) print as that name."""
        names = names or {}
        if not top and node.index in names:
            return names[node.index]
        if node.op == "const":
            return _number(float(node.value))  # type: ignore[arg-type]
        if node.op == "sym":
            return str(node.value)
        parts = [self.formula(arg, names, top=False) for arg in node.args]
        if node.op in _INFIX:
            return f"({parts[0]} {_INFIX[node.op]} {parts[1]})"
        if node.op in RELATIONS:
            return f"({parts[0]} {RELATIONS[node.op]} {parts[1]})"
        if node.op == "neg":
            return f"(-{parts[0]})"
        if node.op == "log":
            return f"ln({parts[0]})"
        if node.op == "select":
            condition = node.args[0]
            test = parts[0] if condition.op in RELATIONS else f"({parts[0]} != 0)"
            return f"piecewise({parts[2]}, {test}, {parts[1]})"
        return f"{node.op}({', '.join(parts)})"


def _number(value: float) -> str:
    text = repr(value)
    return f"({text})" if value < 0 else text


def shared_nodes(roots: Iterable[Node]) -> list[Node]:
    """Non-trivial nodes used by more than one parent, in dependency order (each after the
    nodes it uses): the candidates for named intermediate quantities."""
    parents: dict[int, int] = {}
    order: list[Node] = []
    seen: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False) for root in roots]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if node.index in seen:
            continue
        seen.add(node.index)
        stack.append((node, True))
        for arg in node.args:
            parents[arg.index] = parents.get(arg.index, 0) + 1
            stack.append((arg, False))
    return [
        node for node in order if parents.get(node.index, 0) > 1 and node.op not in ("const", "sym")
    ]
