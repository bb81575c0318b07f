"""Every malformed fixture fails with QuestionnaireError at exactly the right place.

Each file in tests/fixtures/malformed holds one failure mode (most are the valid
tests/fixtures/loader/good.yaml with one line changed), so the expected line is the changed one.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from survey_tui.core.errors import QuestionnaireError
from survey_tui.core.loader import load, load_bytes

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MALFORMED = FIXTURES / "malformed"
GOOD = FIXTURES / "loader" / "good.yaml"

Q2 = "sections.0.questions.2"

# file stem -> every problem expected: (line, column or None when not meaningful, field, text)
EXPECTED: dict[str, list[tuple[int, int | None, str, str]]] = {
    "syntax_error": [(27, None, "", "YAML syntax error: expected ',' or ']'")],
    "tab_indent": [(27, 3, "", "tab character: YAML is indented with spaces")],
    "duplicate_key": [(31, 9, f"{Q2}.type", "duplicate key 'type' (first given on line 30)")],
    "python_tag": [(1, 5, "id", "tag '!!python/object/apply:os.system' is not allowed")],
    "custom_tag": [(2, 8, "title", "tag '!secret' is not allowed")],
    "alias_bomb": [(5, 5, "a4", "expands to more than 100000 values (alias bomb?)")],
    "non_utf8": [(27, 39, "", "byte 0xe9 is not valid UTF-8")],
    "control_character": [(2, 14, "", "control character U+0007 is not allowed")],
    "empty": [(1, 1, "", "file is empty")],
    "top_level_list": [(1, 1, "", "the top level must be a mapping of keys (id, title, ...)")],
    "top_level_scalar": [(1, 1, "", "not a string")],
    "missing_id": [(2, 1, "id", "missing required key 'id'")],
    "bad_id_pattern": [(1, 5, "id", "'Loader_Good' is not a valid id: use lower-case letters")],
    "empty_question_text": [(27, 15, "sections.0.questions.1.text", "the question text is empty")],
    "question_groups_empty": [
        (29, 17, "sections.0.questions.1.groups", "lists no group, so nobody would be asked")
    ],
    "bool_as_number": [(3, 10, "version", "expected a whole number, got true")],
    "question_id_pattern": [
        (19, 13, "sections.0.questions.0.id", "use lower-case letters, digits and '_'")
    ],
    "bound_below_minimum": [
        (50, 21, "sections.0.questions.5.max_length", "must be at least 1, got 0")
    ],
    "unknown_top_key": [
        (1, 1, "title", "missing required key 'title'"),
        (2, 1, "titel", "unknown key 'titel' (did you mean 'title'?)"),
    ],
    "unknown_question_key": [
        (29, 9, f"{Q2}.text", "missing required key 'text'"),
        (31, 9, f"{Q2}.txt", "unknown key 'txt' (did you mean 'text'?)"),
    ],
    "unknown_question_type": [
        (35, 15, "sections.0.questions.3.type", "unknown question type 'numbr' (did you mean"),
    ],
    "unknown_scale": [
        (21, 16, "sections.0.questions.0.scale", "unknown scale 'agre5' (did you mean 'agree5'?)")
    ],
    "scale_min_ge_max": [(12, 10, "scales.agree5.max", "max (5) must be greater than min (5)")],
    "labels_mismatch": [(13, 13, "scales.agree5.labels", "3 labels for 5 scale points (1..5)")],
    "favorable_outside": [
        (14, 20, "scales.agree5.favorable.1", "favorable value 6 is outside the scale 1..5")
    ],
    "duplicate_question_id": [
        (
            34,
            13,
            "sections.0.questions.3.id",
            "duplicate question id 'uses_ai' (first used on line 25)",
        )
    ],
    "text_map_missing_group": [
        (22, 9, "sections.0.questions.0.text", "no wording for group(s) frontline")
    ],
    "text_map_unknown_group": [
        (
            25,
            11,
            "sections.0.questions.0.text.frontlime",
            "unknown group 'frontlime' (did you mean 'frontline'?)",
        )
    ],
    "compare_unknown_group": [
        (9, 22, "compare.1", "unknown group 'frontlien' (did you mean 'frontline'?)")
    ],
    "condition_syntax": [
        (33, 26, f"{Q2}.show_if", "invalid condition: unexpected character '=' (use == to compare)")
    ],
    "condition_unknown_question": [
        (33, 18, f"{Q2}.show_if", "unknown question 'use_ai' (did you mean 'uses_ai'?)")
    ],
    "condition_later_question": [(33, 18, f"{Q2}.show_if", "'hours' comes later in the file")],
    "condition_function_call": [(33, 18, f"{Q2}.show_if", "function calls are not allowed")],
    "condition_wrong_literal_type": [
        (
            49,
            31,
            "sections.0.questions.5.show_if",
            "cannot compare 'productivity' (likert, number) with text 'high'",
        )
    ],
    "condition_unknown_option": [
        (33, 26, f"{Q2}.show_if", "'yess' is not an option of 'uses_ai' (did you mean 'yes'?)")
    ],
    "multi_min_gt_max": [
        (33, 23, f"{Q2}.min_selected", "min_selected (3) is greater than max_selected (2)")
    ],
    "number_min_ge_max": [
        (38, 14, "sections.0.questions.3.max", "max (40) must be greater than min (40)")
    ],
    "question_groups_unknown": [
        (28, 29, "sections.0.questions.1.groups.1", "unknown group 'managers'; groups: executive")
    ],
    "empty_sections": [(15, 11, "sections", "needs at least 1 item")],
    "merge_key": [(14, 5, "scales.agree5", "merge keys (<<) are not supported")],
    "deeply_nested": [(2, None, "nest.0.0.0.0.0.…", "document nested too deeply")],
    # v2 fields
    "awareness_not_a_rating": [
        (36, 14, "sections.0.questions.3.gap", "an awareness item is rated (likert, nps or")
    ],
    "experience_group_unknown": [
        (9, 19, "experience_group", "unknown group 'frontlin' (did you mean 'frontline'?)")
    ],
    "dont_know_label_empty": [
        (15, 16, "scales.agree5.dont_know", 'the "don\'t know" label is empty')
    ],
    "evidence_bad_id": [
        (36, 19, "sections.0.questions.3.evidence", "'Lead-Time' is not a valid id")
    ],
    "lint_ignore_unknown_rule": [
        (
            22,
            25,
            "sections.0.questions.0.lint.ignore.0",
            "got 'referent' (did you mean 'referents'?)",
        )
    ],
}


def test_every_fixture_has_an_expectation() -> None:
    stems = {p.stem for p in MALFORMED.glob("*.yaml")}
    assert stems == set(EXPECTED)
    assert len(stems) >= 28


def test_the_base_file_is_valid() -> None:
    """The fixtures are one edit away from this file, so it must load cleanly."""
    q = load(GOOD)
    assert [x.id for x in q.questions()][:2] == ["productivity", "uses_ai"]
    # YAML 1.1 would read [Yes, No] as booleans; they must stay option labels.
    assert q.question("uses_ai").option_values() == ["yes", "no"]  # type: ignore[union-attr]


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_malformed_fixture_is_reported_at_the_right_place(stem: str) -> None:
    path = MALFORMED / f"{stem}.yaml"
    with pytest.raises(QuestionnaireError) as info:
        load(path)
    problems = info.value.problems
    expected = EXPECTED[stem]
    assert len(problems) == len(expected), [str(p) for p in problems]
    for problem, (line, column, field, text) in zip(problems, expected, strict=True):
        assert problem.file == str(path)
        assert problem.line == line, str(problem)
        if column is not None:
            assert problem.column == column, str(problem)
        assert problem.field == field, str(problem)
        assert text in problem.message, str(problem)
        # One problem, one line: FILE:LINE:COL: field: message
        rendered = str(problem)
        assert "\n" not in rendered
        assert rendered.startswith(f"{path}:{line}:")


def test_python_tag_is_never_constructed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(QuestionnaireError):
        load(MALFORMED / "python_tag.yaml")
    assert not (tmp_path / "survey_tui_pwned_marker").exists()
    assert list(tmp_path.iterdir()) == []


def test_alias_bomb_fails_with_bounded_memory() -> None:
    data = (MALFORMED / "alias_bomb.yaml").read_bytes()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(QuestionnaireError, match="alias bomb"):
            load_bytes(data, "bomb.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 10**10 leaves if expanded; a bounded loader stays far below 100 MB. The time check only
    # guards against a hang (the < 1 s goal is measured in benchmarks/loader_bench.py).
    assert peak < 100_000_000
    assert time.perf_counter() - started < 30


def test_deep_flow_nesting_is_refused_before_parsing() -> None:
    """PyYAML is quadratic in flow depth: 100k brackets would take ~25 s without the pre-check."""
    data = b"id: x\nnest: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"
    with pytest.raises(QuestionnaireError) as info:
        load_bytes(data, "deep.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (2, 6 + 257)
    assert "nested too deeply" in problem.message


@pytest.mark.parametrize(
    "data",
    [b"- " * 20_000 + b"x\n", b"".join(b" " * i + b"k:\n" for i in range(1500))],
    ids=["block-sequence", "block-mapping"],
)
def test_deep_block_nesting_is_a_questionnaire_error(data: bytes) -> None:
    with pytest.raises(QuestionnaireError, match="nested too deeply"):
        load_bytes(data, "deep.yaml")


def test_load_reports_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError, match="no such file"):
        load(tmp_path / "absent.yaml")
    with pytest.raises(QuestionnaireError, match="is a directory"):
        load(tmp_path)


def test_numbers_as_option_labels_and_yes_no_stay_text() -> None:
    text = (
        GOOD.read_text()
        .replace("options: [Yes, No]", "options: [1, 2, 5, on]")
        .replace("uses_ai == 'yes'", "uses_ai == '5'")
    )
    q = load_bytes(text.encode(), "numbers.yaml")
    assert q.question("uses_ai").option_values() == ["1", "2", "5", "on"]  # type: ignore[union-attr]


def test_yes_still_works_for_boolean_fields() -> None:
    text = GOOD.read_text().replace(
        "        text: Anything else?", "        text: Anything?\n        multiline: yes"
    )
    q = load_bytes(text.encode(), "yes.yaml")
    assert q.question("notes").multiline is True  # type: ignore[union-attr]


def test_non_finite_number_bounds_are_rejected() -> None:
    text = GOOD.read_text().replace("        max: 40", "        max: .inf")
    with pytest.raises(QuestionnaireError) as info:
        load_bytes(text.encode(), "inf.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.field) == (38, "sections.0.questions.3.max")
    assert "finite" in problem.message


def test_every_problem_in_a_file_is_reported_together() -> None:
    text = (
        GOOD.read_text()
        .replace("scale: agree5\n        text:", "scale: agre5\n        text:")
        .replace("        max: 40", "        max: 0")
    )
    with pytest.raises(QuestionnaireError) as info:
        load_bytes(text.encode(), "two.yaml")
    assert [p.line for p in info.value.problems] == [21, 38]


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            "        text: Do you use AI tools?",
            "        text:",
            (27, "sections.0.questions.1.text"),
            "expected text or a mapping, got nothing",
        ),
        (
            "        type: number",
            "        type: [number]",
            (35, "sections.0.questions.3.type"),
            "type must be one word, one of: likert",
        ),
        (
            "        scale: agree5\n        text:\n",
            "        scale: {min: 1}\n        text:\n",
            (21, "sections.0.questions.0.scale.max"),
            "missing required key 'max'",
        ),
    ],
    ids=["null-text", "type-list", "inline-scale"],
)
def test_union_errors_read_as_one_message(
    old: str, new: str, where: tuple[int, str], message: str
) -> None:
    """A value that fits no branch of ``str | mapping`` gets one clear message, not noise."""
    text = GOOD.read_text()
    assert old in text
    with pytest.raises(QuestionnaireError) as info:
        load_bytes(text.replace(old, new, 1).encode(), "union.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.field) == where
    assert problem.message == message or problem.message.startswith(message)


@pytest.mark.parametrize(
    ("condition", "where"),
    [
        ("show_if: >-\n          productivity <= 2 or\n          'tests' in use_casez", (51, 22)),
        ("show_if: productivity <= 2 or\n          'tests' in use_casez", (50, 22)),
        ("show_if: \"productivity <= 2 or\n          'tests' in use_casez\"", (50, 22)),
        ("show_if: |\n          productivity <= 2 or\n            'tests' in use_casez", (51, 24)),
    ],
    ids=["folded-block", "plain-folded", "double-quoted", "literal-block"],
)
def test_condition_problems_in_multi_line_values_point_at_the_token(
    condition: str, where: tuple[int, int]
) -> None:
    old = "show_if: productivity <= 2 or 'tests' in use_cases"
    text = GOOD.read_text()
    assert old in text
    with pytest.raises(QuestionnaireError) as info:
        load_bytes(text.replace(old, condition).encode(), "multi.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == where
    assert problem.message == "unknown question 'use_casez' (did you mean 'use_cases'?)"


def test_condition_error_at_end_points_after_the_last_character() -> None:
    old = "show_if: productivity <= 2 or 'tests' in use_cases"
    text = GOOD.read_text().replace(old, "show_if: |\n          productivity <= 2 or")
    with pytest.raises(QuestionnaireError) as info:
        load_bytes(text.encode(), "end.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (50, 31)
    assert "found end of condition" in problem.message


def test_utf16_file_is_named_as_such() -> None:
    data = GOOD.read_text().encode("utf-16")
    with pytest.raises(QuestionnaireError) as info:
        load_bytes(data, "notepad.yaml")
    assert [str(p) for p in info.value.problems] == [
        "notepad.yaml:1:1: file is UTF-16: save it as UTF-8"
    ]


def test_utf8_bom_and_crlf_are_accepted() -> None:
    data = b"\xef\xbb\xbf" + GOOD.read_bytes().replace(b"\n", b"\r\n")
    assert load_bytes(data, "windows.yaml").id == "loader-good"


def test_a_text_map_need_not_cover_groups_a_condition_always_hides() -> None:
    # Section s2 is only ever shown to group c, so its question needs no wording for a or b;
    # q2's own condition hides it from b whatever the answers, so b needs no wording there.
    data = b"""
id: tmap
title: T
version: 1
groups: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}]
sections:
  - id: s
    title: S
    questions:
      - {id: q1, type: nps, text: How likely?}
      - {id: q2, type: text, text: {a: Hi A, c: Hi C}, show_if: "group != 'b' and q1 > 5"}
  - id: s2
    title: S2
    show_if: group == 'c'
    questions:
      - {id: q3, type: text, text: {c: Hi C}}
      - {id: q4, type: text, text: {c: Hi C}, show_if: "group == 'c' or q1 > 5"}
"""
    assert load_bytes(data, "t.yaml").question("q3") is not None
    # Without the section's condition, q3 and q4 can reach a and b: their wording is missing.
    with pytest.raises(QuestionnaireError) as caught:
        load_bytes(data.replace(b"    show_if: group == 'c'\n", b""), "t.yaml")
    assert [p.field for p in caught.value.problems] == [
        "sections.1.questions.0.text",
        "sections.1.questions.1.text",
    ]


def test_two_labels_on_a_longer_scale_name_its_ends() -> None:
    data = b"""
id: ends
title: Ends
version: 1
groups: [{id: a, label: A}]
scales:
  effort: {min: 0, max: 10, labels: [Not at all, Extremely]}
sections:
  - id: s
    title: S
    questions:
      - {id: q1, type: likert, scale: effort, text: How much?}
"""
    scale = load_bytes(data, "ends.yaml").scales["effort"]
    assert [scale.label_for(v) for v in (0, 1, 9, 10)] == ["Not at all", None, None, "Extremely"]
    # Three labels for eleven points is neither: still an error.
    with pytest.raises(QuestionnaireError, match="give one label per point, or two for the ends"):
        load_bytes(data.replace(b"Not at all, Extremely", b"Low, Mid, High"), "ends.yaml")


def test_structural_and_cross_field_problems_come_in_one_run() -> None:
    # A typo'd key (structural) and an unknown group in `compare` and a bad condition
    # (cross-field): all three in one run, and nothing about the patched question itself.
    text = (
        GOOD.read_text()
        .replace("        options: [Yes, No]", "        optons: [Yes, No]")
        .replace("groups:\n", "compare: [executive, frontlin]\ngroups:\n", 1)
        .replace("    max: 40", "    max: 0")
    )
    with pytest.raises(QuestionnaireError) as info:
        load_bytes(text.encode(), "many.yaml")
    found = [(p.field, p.message) for p in info.value.problems]
    assert ("compare.1", "unknown group 'frontlin' (did you mean 'frontline'?)") in found
    assert any(f.endswith("optons") and "did you mean 'options'" in m for f, m in found)
    assert any(f.endswith("questions.3.max") for f, _ in found)
    # use_cases' condition reads the broken uses_ai: no consequential complaint about it.
    assert not any(f.endswith("questions.2.show_if") for f, _ in found)


def test_the_guide_shows_what_validate_really_prints() -> None:
    # docs/questionnaires.md promises one run reports every problem of its bad example.
    guide = (Path(__file__).resolve().parents[2] / "docs" / "questionnaires.md").read_text()
    intro = guide.index("one run reports every problem")
    example = guide[:intro].rsplit("```yaml\n", 1)[1].split("```", 1)[0]
    printed = guide[intro:].split("```text\n", 1)[1].split("```", 1)[0].strip().splitlines()
    with pytest.raises(QuestionnaireError) as info:
        load_bytes(example.encode(), "bad.yaml")
    assert [str(p) for p in info.value.problems] == printed
