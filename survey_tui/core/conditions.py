"""``show_if`` conditions: a tokenizer and a recursive-descent parser.

The grammar (docs/questionnaires.md, "Conditions") is parsed by hand, never handed to ``eval`` or ``ast``:

    expr       := and_expr ('or' and_expr)*
    and_expr   := not_expr ('and' not_expr)*
    not_expr   := 'not' not_expr | comparison
    comparison := operand (('=='|'!='|'<'|'<='|'>'|'>='|'in'|'not' 'in') operand)?
    operand    := NUMBER | STRING | 'true' | 'false' | NAME | list | '(' expr ')'
    list       := '[' (literal (',' literal)* ','?)? ']'

The tree the parser builds, and its three-valued evaluation, are in
:mod:`survey_tui.core.condition_tree`; this module re-exports the node classes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from survey_tui.core.condition_tree import (
    BoolOp,
    Compare,
    ListLiteral,
    Literal,
    Name,
    Node,
    Not,
)
from survey_tui.core.errors import SurveyError
from survey_tui.core.textsafety import describe

__all__ = [
    "COMPARISONS",
    "KEYWORDS",
    "MAX_CONDITION_LENGTH",
    "MAX_DEPTH",
    "BoolOp",
    "Compare",
    "Condition",
    "ConditionSyntaxError",
    "ListLiteral",
    "Literal",
    "Name",
    "Node",
    "Not",
    "Token",
    "evaluate_source",
    "may_show_for_group",
    "parse",
    "tokenize",
]

MAX_CONDITION_LENGTH = 2000
MAX_DEPTH = 50


class ConditionSyntaxError(SurveyError):
    """A condition that does not parse; ``offset`` is the 0-based column in the source."""

    title = "Invalid condition"

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Token:
    kind: str  # NUMBER STRING NAME OP KEYWORD EOF
    value: Any
    offset: int


_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<number>-?(?:\d+\.\d*|\.\d+|\d+)(?![A-Za-z_]))
  | (?P<string>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<name>[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)?)
  | (?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,)
    """,
    # ASCII only outside quotes: Python's \d and \s would take '٢' as 2 and U+00A0 as a
    # space, so a condition could read differently from what it does.
    re.VERBOSE | re.ASCII,
)
KEYWORDS = {"and", "or", "not", "in", "true", "false"}
COMPARISONS = {"==", "!=", "<", "<=", ">", ">=", "in", "not in"}


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN_RE.match(source, pos)
        if match is None:
            char = source[pos]
            hint = ""
            if char == "=":
                hint = " (use == to compare)"
            elif char in "&|!":
                hint = " (use and, or, not)"
            elif char in "'\"":
                hint = " (unterminated string)"
            elif not char.isascii():
                hint = (
                    f", {describe(char)}: outside quotes a condition uses only ASCII letters,"
                    " digits, spaces and operators"
                )
            raise ConditionSyntaxError(f"unexpected character {char!r}{hint}", pos)
        kind = match.lastgroup
        text = match.group()
        if kind == "number":
            value: Any = float(text) if any(c in text for c in ".") else int(text)
            tokens.append(Token("NUMBER", value, pos))
        elif kind == "string":
            body = text[1:-1]
            value = re.sub(r"\\(.)", r"\1", body)
            tokens.append(Token("STRING", value, pos))
        elif kind == "name":
            if text in KEYWORDS:
                tokens.append(Token("KEYWORD", text, pos))
            else:
                tokens.append(Token("NAME", text, pos))
        elif kind == "op":
            tokens.append(Token("OP", text, pos))
        pos = match.end()
    tokens.append(Token("EOF", None, len(source)))
    return tokens


@dataclass
class Condition:
    """A parsed condition: evaluate it, or list the names it reads."""

    source: str
    tree: Node
    names: list[Name] = field(default_factory=list)

    def evaluate(self, context: Mapping[str, Any]) -> bool:
        return self.tree.evaluate(context) is True

    def comparisons(self) -> list[Compare]:
        return [n for n in self.tree.walk() if isinstance(n, Compare)]


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.tokens = tokenize(source)
        self.pos = 0
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def at(self, kind: str, value: Any = None) -> bool:
        token = self.current
        return token.kind == kind and (value is None or token.value == value)

    def expect_op(self, value: str) -> Token:
        if not self.at("OP", value):
            raise self.error(f"expected {value!r}")
        return self.advance()

    def error(self, message: str) -> ConditionSyntaxError:
        token = self.current
        found = "end of condition" if token.kind == "EOF" else repr(_token_text(token))
        return ConditionSyntaxError(f"{message}, found {found}", token.offset)

    def parse(self) -> Node:
        if self.current.kind == "EOF":
            raise ConditionSyntaxError("empty condition", 0)
        node = self.parse_or()
        if self.current.kind != "EOF":
            raise self.error("expected and, or, or the end of the condition")
        return node

    def parse_or(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionSyntaxError("condition is nested too deeply", self.current.offset)
        offset = self.current.offset
        operands = [self.parse_and()]
        while self.at("KEYWORD", "or"):
            self.advance()
            operands.append(self.parse_and())
        self.depth -= 1
        return operands[0] if len(operands) == 1 else BoolOp("or", operands, offset)

    def parse_and(self) -> Node:
        offset = self.current.offset
        operands = [self.parse_not()]
        while self.at("KEYWORD", "and"):
            self.advance()
            operands.append(self.parse_not())
        return operands[0] if len(operands) == 1 else BoolOp("and", operands, offset)

    def parse_not(self) -> Node:
        if self.at("KEYWORD", "not"):
            offset = self.advance().offset
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ConditionSyntaxError("condition is nested too deeply", offset)
            node = Not(self.parse_not(), offset)
            self.depth -= 1
            return node
        return self.parse_comparison()

    def comparison_operator(self) -> str | None:
        token = self.current
        if token.kind == "OP" and token.value in COMPARISONS:
            return str(token.value)
        if token.kind == "KEYWORD" and token.value == "in":
            return "in"
        if (
            token.kind == "KEYWORD"
            and token.value == "not"
            and self.tokens[self.pos + 1].kind == "KEYWORD"
            and self.tokens[self.pos + 1].value == "in"
        ):
            return "not in"
        return None

    def parse_comparison(self) -> Node:
        left = self.parse_operand()
        op = self.comparison_operator()
        if op is None:
            return left
        offset = self.current.offset
        self.advance()
        if op == "not in":
            self.advance()
        right = self.parse_operand()
        if self.comparison_operator() is not None:
            raise self.error("chained comparisons are not allowed; join them with and")
        return Compare(op, left, right, offset)

    def parse_literal(self) -> Literal | None:
        token = self.current
        if token.kind in ("NUMBER", "STRING"):
            self.advance()
            return Literal(token.value, token.offset)
        if token.kind == "KEYWORD" and token.value in ("true", "false"):
            self.advance()
            return Literal(token.value == "true", token.offset)
        return None

    def parse_operand(self) -> Node:
        literal = self.parse_literal()
        if literal is not None:
            return literal
        token = self.current
        if token.kind == "NAME":
            self.advance()
            if self.at("OP", "("):
                raise ConditionSyntaxError(
                    f"function calls are not allowed ({token.value}(...))", token.offset
                )
            return Name(str(token.value), token.offset)
        if self.at("OP", "["):
            start = self.advance().offset
            values: list[Literal] = []
            while not self.at("OP", "]"):
                item = self.parse_literal()
                if item is None:
                    raise self.error("a list may hold only numbers, strings, true and false")
                values.append(item)
                if self.at("OP", ","):
                    self.advance()
                elif not self.at("OP", "]"):
                    raise self.error("expected ',' or ']' in list")
            self.advance()
            return ListLiteral(values, start)
        if self.at("OP", "("):
            self.advance()
            node = self.parse_or()
            self.expect_op(")")
            return node
        raise self.error("expected a question id, a number, a quoted string or a list")


def _token_text(token: Token) -> str:
    if token.kind == "STRING":
        return repr(token.value)
    return str(token.value)


@lru_cache(maxsize=1024)
def parse(source: str) -> Condition:
    """Parse a condition; raises :class:`ConditionSyntaxError` with the column of the fault."""
    if len(source) > MAX_CONDITION_LENGTH:
        raise ConditionSyntaxError(
            f"condition is longer than {MAX_CONDITION_LENGTH} characters", MAX_CONDITION_LENGTH
        )
    tree = _Parser(source).parse()
    names = [n for n in tree.walk() if isinstance(n, Name)]
    return Condition(source, tree, names)


def evaluate_source(source: str, context: Mapping[str, Any]) -> bool:
    """Evaluate a condition's source text (parsed once, then cached)."""
    return parse(source).evaluate(context)


def may_show_for_group(condition: str | None, group: str) -> bool:
    """False only when ``condition`` is false for ``group`` whatever the answers and wave.

    Kleene logic makes this sound: with every answer unknown, a condition that still comes
    out false is false for every possible set of answers.
    """
    if condition is None:
        return True
    try:
        tree = parse(condition).tree
    except ConditionSyntaxError:
        return True  # reported where the questionnaire is checked
    return tree.evaluate({"group": group}) is not False
