"""The ``show_if`` language: parsing, precedence, three-valued evaluation, located errors."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey_tui.core.conditions import (
    BoolOp,
    Compare,
    ConditionSyntaxError,
    ListLiteral,
    Literal,
    Not,
    evaluate_source,
    parse,
)
from survey_tui.core.errors import QuestionnaireError
from survey_tui.core.loader import load_bytes
from survey_tui.core.model import condition_context


def ev(source: str, **answers: Any) -> bool:
    return evaluate_source(source, answers)


# --- operators ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "value", "expected"),
    [
        ("a == 3", 3, True),
        ("a == 3", 4, False),
        ("a != 3", 4, True),
        ("a != 3", 3, False),
        ("a < 3", 2, True),
        ("a < 3", 3, False),
        ("a <= 3", 3, True),
        ("a <= 3", 4, False),
        ("a > 3", 4, True),
        ("a > 3", 3, False),
        ("a >= 3", 3, True),
        ("a >= 3", 2, False),
        ("a == 2.5", 2.5, True),
        ("a == 3", 3.0, True),  # numbers compare by value, int or float
        ("a == -1", -1, True),
        ("a in [1, 2, 3]", 2, True),
        ("a in [1, 2, 3]", 4, False),
        ("a not in [1, 2, 3]", 4, True),
        ("a not in [1, 2, 3]", 1, False),
        ("a == 'yes'", "yes", True),
        ('a == "yes"', "yes", True),
        ("a == 'yes'", "no", False),
        ("a < 'b'", "a", True),  # text orders as text
        ("a == true", True, True),
        ("a == false", True, False),
    ],
)
def test_every_operator(source: str, value: Any, expected: bool) -> None:
    assert ev(source, a=value) is expected


def test_mixed_types_are_not_equal_and_do_not_order() -> None:
    assert ev("a == '3'", a=3) is False
    assert ev("a != '3'", a=3) is True
    assert ev("a == 1", a=True) is False  # true is not the number 1
    assert ev("a < 'x'", a=3) is False
    assert ev("not a < 'x'", a=3) is False  # unknown stays unknown under not


def test_membership_in_multi_choice_answer() -> None:
    assert ev("'tests' in uses", uses=["code_review", "tests"]) is True
    assert ev("'docs' in uses", uses=["code_review", "tests"]) is False
    assert ev("'docs' not in uses", uses=["code_review", "tests"]) is True
    assert ev("'tests' in uses", uses=[]) is False  # nothing chosen = unanswered
    assert ev("'tests' not in uses", uses=[]) is False


def test_matrix_rows_and_group_and_wave() -> None:
    context = condition_context({"tools": {"copilot": 4, "chat": 1}}, "frontline", "w2")
    assert evaluate_source("tools.copilot >= 4 and tools.chat == 1", context) is True
    assert evaluate_source("tools.copilot < 4", context) is False
    assert evaluate_source("tools.other == 1", context) is False
    assert evaluate_source("group == 'frontline'", context) is True
    assert evaluate_source("group != 'executive' and wave == 'w2'", context) is True
    assert evaluate_source("wave in ['w1', 'w3']", context) is False
    # no group known: a condition on group is unknown, hence false either way
    no_group = condition_context({}, None, None)
    assert evaluate_source("group == 'frontline'", no_group) is False
    assert evaluate_source("group != 'frontline'", no_group) is False


# --- precedence and structure -------------------------------------------------------------


def test_precedence_not_binds_tighter_than_and_than_or() -> None:
    tree = parse("not a == 1 and b == 2 or c == 3").tree
    assert isinstance(tree, BoolOp) and tree.op == "or"
    left, right = tree.operands
    assert isinstance(left, BoolOp) and left.op == "and"
    assert isinstance(left.operands[0], Not)
    assert isinstance(left.operands[0].operand, Compare)
    assert isinstance(right, Compare) and right.op == "=="


@pytest.mark.parametrize(
    ("a", "b", "c", "expected"),
    [(1, 2, 0, False), (0, 2, 0, True), (0, 0, 3, True), (1, 0, 0, False), (0, 0, 0, False)],
)
def test_precedence_by_evaluation(a: int, b: int, c: int, expected: bool) -> None:
    assert ev("not a == 1 and b == 2 or c == 3", a=a, b=b, c=c) is expected


def test_parentheses_override_precedence() -> None:
    # a == 1 or b == 2 and c == 3  vs  (a == 1 or b == 2) and c == 3
    assert ev("a == 1 or b == 2 and c == 3", a=1, b=0, c=0) is True
    assert ev("(a == 1 or b == 2) and c == 3", a=1, b=0, c=0) is False
    assert ev("not (a == 1 or b == 2)", a=0, b=0) is True
    assert ev("not (a == 1 or b == 2)", a=0, b=2) is False
    assert ev("((((a == 1))))", a=1) is True


def test_lists_parse_to_literals() -> None:
    tree = parse("a in [1, 'x', true, 2.5,]").tree
    assert isinstance(tree, Compare) and isinstance(tree.right, ListLiteral)
    assert [v.value for v in tree.right.values] == [1, "x", True, 2.5]
    empty = parse("a in []").tree
    assert isinstance(empty, Compare) and isinstance(empty.right, ListLiteral)
    assert ev("a in []", a=1) is False


def test_names_are_listed_with_offsets() -> None:
    condition = parse("uses_ai == 'yes' and tools.copilot > 2")
    assert [(n.name, n.offset) for n in condition.names] == [("uses_ai", 0), ("tools.copilot", 21)]


def test_string_escapes() -> None:
    tree = parse(r"a == 'it\'s'").tree
    assert isinstance(tree, Compare) and isinstance(tree.right, Literal)
    assert tree.right.value == "it's"
    assert ev(r"a == 'it\'s'", a="it's") is True


# --- three-valued logic -------------------------------------------------------------------


def test_condition_over_unanswered_question_is_false() -> None:
    assert ev("a == 1") is False
    assert ev("a != 1") is False
    assert ev("not a == 1") is False
    assert ev("a == ''", a="") is False  # empty text counts as unanswered
    assert ev("a") is False


def test_kleene_or_and() -> None:
    assert ev("a == 1 or b == 2", a=1) is True
    assert ev("b == 2 or a == 1", a=1) is True
    assert ev("a == 1 or b == 2", a=0) is False
    assert ev("a == 1 and b == 2", a=1) is False
    assert ev("a == 0 and b == 2", a=1) is False
    assert ev("not (a == 0 and b == 2)", a=1) is True  # false and unknown = false
    assert ev("not (a == 1 and b == 2)", a=1) is False  # true and unknown = unknown


# --- syntax errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "offset", "text"),
    [
        ("", 0, "empty condition"),
        ("a = 1", 2, "use == to compare"),
        ("a == 1 && b == 2", 7, "use and, or, not"),
        ("a == 'open", 5, "unterminated string"),
        ("a ==", 4, "found end of condition"),
        ("(a == 1", 7, "expected ')'"),
        ("a == 1)", 6, "expected and, or, or the end"),
        ("len(a) > 1", 0, "function calls are not allowed"),
        ("1 < a < 3", 6, "chained comparisons are not allowed"),
        ("a in [b]", 6, "a list may hold only numbers, strings, true and false"),
        ("a in [1 2]", 8, "expected ',' or ']'"),
        ("a == 1 or", 9, "found end of condition"),
        ("a.b.c == 1", 3, "unexpected character '.'"),
        ("(" * 60 + "a" + ")" * 60, 50, "nested too deeply"),
    ],
)
def test_syntax_errors_carry_offsets(source: str, offset: int, text: str) -> None:
    with pytest.raises(ConditionSyntaxError) as info:
        parse(source)
    assert info.value.offset == offset
    assert text in info.value.message


def test_overlong_condition() -> None:
    with pytest.raises(ConditionSyntaxError, match="longer than"):
        parse("a == 1 or " * 300 + "a == 1")


def test_syntax_error_column_in_file() -> None:
    """The offset inside the condition is added to the column of the value (plus a quote)."""
    text = (
        "id: c\ntitle: C\nversion: 1\ngroups: [{id: a, label: A}]\nsections:\n"
        "  - id: s\n    title: S\n    questions:\n"
        "      - {id: q1, type: nps, text: T}\n"
        "      - id: q2\n        type: nps\n        text: T\n"
        "        show_if: 'q1 >= 9 and q1 =< 10'\n"
    )
    with pytest.raises(QuestionnaireError) as info:
        load_bytes(text.encode(), "c.yaml")
    (problem,) = info.value.problems
    # value starts at column 18 with a quote; '=' of '=<' is at offset 15 in the condition
    assert (problem.line, problem.column) == (13, 18 + 1 + 15)
    assert problem.field == "sections.0.questions.1.show_if"


def test_not_is_a_name_prefix_not_a_keyword_prefix() -> None:
    """``nothing`` and ``order`` are question ids, not ``not``/``or`` followed by text."""
    assert ev("nothing == 1 or order == 2", nothing=1) is True
    assert ev("android == 1", android=1) is True


# --- properties -----------------------------------------------------------------------------

_CONDITION_ALPHABET = st.sampled_from(
    [
        *list("ab_.019 ()[],'\"=!<>-\\\t\n"),
        "and ",
        "or ",
        "not ",
        "in ",
        "true",
        "false",
        "==",
        "q1",
        "é",
        "\x00",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_CONDITION_ALPHABET, max_size=30).map("".join)))
def test_parse_raises_only_condition_syntax_error(source: str) -> None:
    try:
        condition = parse(source)
    except ConditionSyntaxError as exc:
        assert 0 <= exc.offset <= max(len(source), 2000)
        return
    # Whatever parses also evaluates, on any answers, to a plain bool.
    assert condition.evaluate({}) in (True, False)
    answers = {n.name: 1 for n in condition.names}
    assert condition.evaluate(answers) in (True, False)


_YAML_PIECES = st.sampled_from(
    [
        "id: x\n",
        "title: T\n",
        "version: 1\n",
        "groups: [{id: a, label: A}]\n",
        "sections:\n",
        "  - id: s\n    title: S\n    questions:\n",
        "      - {id: q, type: nps, text: T}\n",
        "      - {id: r, type: likert, scale: s5, text: T, show_if: 'q > 5'}\n",
        "scales: {s5: {min: 1, max: 5}}\n",
        "&a [*a]\n",
        "!!python/name:os.system\n",
        "<<: {x: 1}\n",
        "- \n",
        "\t",
        ":",
        "'",
        "[",
        "{",
        "\xff",
        "\x00",
        "? ",
        "%YAML 1.1\n",
        "---\n",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200).map(str.encode),
        st.lists(_YAML_PIECES, max_size=14).map(
            lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
        ),
    )
)
def test_load_bytes_raises_only_questionnaire_error(data: bytes) -> None:
    try:
        load_bytes(data, "fuzz.yaml")
    except QuestionnaireError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert "\n" not in str(problem)
