"""The tree of a parsed ``show_if`` condition (built by :mod:`survey_tui.core.conditions`) and
how it is evaluated.

Evaluation uses three-valued logic: a comparison that reads an unanswered question is
*unknown*; ``not unknown`` is unknown, ``and``/``or`` follow Kleene's rules, and a condition
that ends unknown is false. So "a condition over an unanswered question is false" holds even
under ``not``, while ``a == 1 or b == 2`` is still true when only ``a`` is answered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from survey_tui.core.answered import is_answered

UNKNOWN = None  # the third truth value


class Node:
    offset: int = 0

    def evaluate(self, context: Mapping[str, Any]) -> bool | None:
        raise NotImplementedError

    def children(self) -> Iterator[Node]:
        return iter(())

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children():
            yield from child.walk()


@dataclass
class Literal(Node):
    value: Any
    offset: int = 0

    def evaluate(self, context: Mapping[str, Any]) -> bool | None:
        return bool(self.value)


@dataclass
class ListLiteral(Node):
    values: list[Literal]
    offset: int = 0

    def evaluate(self, context: Mapping[str, Any]) -> bool | None:
        return bool(self.values)

    def children(self) -> Iterator[Node]:
        return iter(self.values)


@dataclass
class Name(Node):
    name: str
    offset: int = 0

    def evaluate(self, context: Mapping[str, Any]) -> bool | None:
        value = context.get(self.name)
        if not is_answered(value):
            return UNKNOWN
        return bool(value)


@dataclass
class Not(Node):
    operand: Node
    offset: int = 0

    def evaluate(self, context: Mapping[str, Any]) -> bool | None:
        value = self.operand.evaluate(context)
        return UNKNOWN if value is UNKNOWN else not value

    def children(self) -> Iterator[Node]:
        yield self.operand


@dataclass
class BoolOp(Node):
    op: str  # "and" | "or"
    operands: list[Node]
    offset: int = 0

    def evaluate(self, context: Mapping[str, Any]) -> bool | None:
        decisive = self.op == "or"  # True decides an "or", False decides an "and"
        result: bool | None = not decisive
        for operand in self.operands:
            value = operand.evaluate(context)
            if value is decisive:
                return decisive
            if value is UNKNOWN:
                result = UNKNOWN
        return result

    def children(self) -> Iterator[Node]:
        return iter(self.operands)


_ORDERING: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: bool(a < b),
    "<=": lambda a, b: bool(a <= b),
    ">": lambda a, b: bool(a > b),
    ">=": lambda a, b: bool(a >= b),
}


@dataclass
class Compare(Node):
    op: str
    left: Node
    right: Node
    offset: int = 0

    def evaluate(self, context: Mapping[str, Any]) -> bool | None:
        left = _operand_value(self.left, context)
        right = _operand_value(self.right, context)
        if left is _MISSING or right is _MISSING:
            return UNKNOWN
        if self.op in ("==", "!="):
            equal = _equal(left, right)
            return equal if self.op == "==" else not equal
        if self.op in ("in", "not in"):
            if isinstance(right, list | tuple):
                found = any(_equal(left, item) for item in right)
            elif isinstance(right, str) and isinstance(left, str):
                found = left == right
            else:
                return UNKNOWN
            return found if self.op == "in" else not found
        if (_is_number(left) and _is_number(right)) or (
            isinstance(left, str) and isinstance(right, str)
        ):
            return _ORDERING[self.op](left, right)
        return UNKNOWN

    def children(self) -> Iterator[Node]:
        yield self.left
        yield self.right


_MISSING = object()


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _equal(a: Any, b: Any) -> bool:
    if _is_number(a) and _is_number(b):
        return bool(a == b)
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(type(a) is type(b) and a == b)


def _operand_value(node: Node, context: Mapping[str, Any]) -> Any:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, ListLiteral):
        return [v.value for v in node.values]
    if isinstance(node, Name):
        value = context.get(node.name)
        return _MISSING if not is_answered(value) else value
    truth = node.evaluate(context)
    return _MISSING if truth is UNKNOWN else truth
