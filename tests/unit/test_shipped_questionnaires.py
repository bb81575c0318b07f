"""The shipped questionnaires and the authoring guide's complete example.

These files are product content: the flagship survey, the interview guide and the 90-day
checkpoint must load, keep their ids, and stay comparable with each other (shared groups,
construct ids and, for repeated items, question ids and wording).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from survey_tui.core.catalog import shipped_questionnaire_files
from survey_tui.core.conditions import BoolOp, Not, parse
from survey_tui.core.loader import load, load_bytes
from survey_tui.core.model import (
    QUESTION_TYPES,
    ChoiceBase,
    LikertQuestion,
    MatrixQuestion,
    NumberQuestion,
    Questionnaire,
    TextQuestion,
)

ROOT = Path(__file__).resolve().parents[2]
QUESTIONNAIRES = ROOT / "questionnaires"
GUIDE = ROOT / "docs" / "questionnaires.md"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/questionnaire.schema.json"

FLAGSHIP_CONSTRUCTS = {
    "productivity",
    "output_quality",
    "adoption",
    "integration",
    "feedback_loop",
    "success_definition",
    "metrics",
    "workflows",
}


@pytest.fixture(scope="module")
def flagship() -> Questionnaire:
    return load(QUESTIONNAIRES / "ai_expectation_gap.yaml")


@pytest.fixture(scope="module")
def interview() -> Questionnaire:
    return load(QUESTIONNAIRES / "ai_implementation_interview.yaml")


@pytest.fixture(scope="module")
def checkpoint() -> Questionnaire:
    return load(QUESTIONNAIRES / "ai_90_day_checkpoint.yaml")


def item_count(q: Questionnaire) -> int:
    """Scored items (matrix rows each) plus the unscored choice and text questions."""
    unscored = [
        question
        for question in q.questions()
        if isinstance(question, ChoiceBase | TextQuestion)
        or (isinstance(question, NumberQuestion) and not question.has_score)
    ]
    return len(q.items()) + len(unscored)


def constructs(q: Questionnaire) -> set[str]:
    return {item.construct for item in q.items() if item.construct is not None}


# --- every shipped file ---------------------------------------------------------------------


def test_the_three_questionnaires_are_shipped() -> None:
    names = {p.name for p in shipped_questionnaire_files()}
    assert {
        "ai_expectation_gap.yaml",
        "ai_implementation_interview.yaml",
        "ai_90_day_checkpoint.yaml",
    } <= names


@pytest.mark.parametrize("path", shipped_questionnaire_files(), ids=lambda p: p.name)
def test_every_shipped_file_loads_and_names_the_schema(path: Path) -> None:
    q = load(path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    assert q.description and q.consent, "shipped files explain themselves and ask consent"
    assert q.estimated_minutes is not None


@pytest.mark.parametrize(
    ("name", "expected_id", "mode"),
    [
        ("ai_expectation_gap.yaml", "ai-expectation-gap", "survey"),
        ("ai_implementation_interview.yaml", "ai-implementation-interview", "interview"),
        ("ai_90_day_checkpoint.yaml", "ai-90-day-checkpoint", "survey"),
    ],
)
def test_ids_and_modes(name: str, expected_id: str, mode: str) -> None:
    q = load(QUESTIONNAIRES / name)
    assert (q.id, q.mode) == (expected_id, mode)


# --- the flagship ---------------------------------------------------------------------------


def test_flagship_groups_and_compare(flagship: Questionnaire) -> None:
    assert flagship.group_ids == ["executive", "frontline", "manager"]
    assert flagship.compare_pair == ("executive", "frontline")
    assert flagship.group("executive").label == "Executives and senior leaders"  # type: ignore[union-attr]
    assert flagship.group("frontline").label == "Engineers, architects, tech leads"  # type: ignore[union-attr]
    assert flagship.min_group_size >= 5


def test_flagship_has_between_25_and_35_items(flagship: Questionnaire) -> None:
    assert 25 <= item_count(flagship) <= 35


def test_flagship_takes_under_12_minutes(flagship: Questionnaire) -> None:
    assert flagship.estimate_minutes() < 12
    # The app's own estimate (without the declared figure) must agree, so the declared
    # number cannot quietly drift below what the content takes.
    assert flagship.model_copy(update={"estimated_minutes": None}).estimate_minutes() < 12


def test_flagship_covers_every_construct(flagship: Questionnaire) -> None:
    assert constructs(flagship) == FLAGSHIP_CONSTRUCTS
    per_construct = {c: 0 for c in FLAGSHIP_CONSTRUCTS}
    for item in flagship.items():
        if item.construct is not None:  # numbers and awareness items are in no construct
            per_construct[item.construct] += 1
    # A construct score from a single item is fragile; each has at least two.
    assert min(per_construct.values()) >= 2, per_construct


def test_flagship_paired_items_are_worded_for_every_group(flagship: Questionnaire) -> None:
    for question in flagship.questions():
        if isinstance(question, LikertQuestion | MatrixQuestion | NumberQuestion):
            assert isinstance(question.text, dict), question.id
            assert set(question.text) == set(flagship.group_ids), question.id
            wordings = list(question.text.values())
            assert len(set(wordings)) > 1, question.id


def test_flagship_correction_numbers(flagship: Questionnaire) -> None:
    for qid, maximum, unit in (("correction_share", 100, "%"), ("correction_minutes", 480, None)):
        question = flagship.question(qid)
        assert isinstance(question, NumberQuestion)
        assert (question.min, question.max) == (0, maximum)
        assert question.direction == "lower_is_better"
        assert question.construct == "output_quality"
        if unit:
            assert question.unit == unit
    # Numbers stay in their own units: in no construct, never scored on 0-100.
    share = next(i for i in flagship.items() if i.key == "correction_share")
    assert (share.kind, share.construct, share.scale) == ("number", None, None)


def test_flagship_follow_up_appears_only_for_high_correction_share(
    flagship: Questionnaire,
) -> None:
    def shown(answers: dict[str, object]) -> bool:
        answers = {"usage_frequency": "daily", **answers}
        ids = [q.id for q in flagship.visible_questions(answers, "frontline")]
        return "correction_detail" in ids

    assert shown({"correction_share": 70})
    assert not shown({"correction_share": 10})
    assert not shown({})
    assert shown({"correction_share": 40}) and not shown({"correction_share": 39})


def test_flagship_workflow_matrix(flagship: Questionnaire) -> None:
    matrix = flagship.question("workflows")
    assert isinstance(matrix, MatrixQuestion)
    assert matrix.construct == "workflows"
    assert len(matrix.rows) == 8
    scale = flagship.scale_of(matrix)
    assert scale is not None and scale.labels is not None
    assert (scale.min, scale.max) == (1, 5)
    assert (scale.labels[0], scale.labels[-1]) == ("Creates friction", "Genuinely helps")


def test_flagship_metric_items_reverse_where_an_increase_is_bad(flagship: Questionnaire) -> None:
    items = {i.key: i for i in flagship.items() if i.construct == "metrics"}
    assert set(items) == {
        "metric_story_points",
        "metric_time_to_resolution",
        "metric_error_rates",
        "metric_rework",
    }
    assert not items["metric_story_points"].reverse
    for key in ("metric_time_to_resolution", "metric_error_rates", "metric_rework"):
        # "Decreased a lot" (1) is the favorable answer for time, errors and rework.
        assert items[key].reverse and items[key].is_favorable(1) and not items[key].is_favorable(5)


def test_flagship_asks_the_three_open_questions(flagship: Questionnaire) -> None:
    for qid in ("helps_most", "friction_most", "leadership_measure"):
        question = flagship.question(qid)
        assert isinstance(question, TextQuestion) and question.multiline, qid


# --- interview and checkpoint stay comparable with the flagship ------------------------------


def _same_item(a: Questionnaire, b: Questionnaire, qid: str, groups: list[str]) -> None:
    qa, qb = a.question(qid), b.question(qid)
    assert qa is not None and qb is not None and qa.type == qb.type, qid
    assert qa.construct == qb.construct, qid
    for group in groups:
        assert qa.text_for(group) == qb.text_for(group), (qid, group)
    if isinstance(qa, LikertQuestion) and isinstance(qb, LikertQuestion):
        assert qa.reverse == qb.reverse, qid
        assert a.scale_of(qa) == b.scale_of(qb), qid
    if isinstance(qa, NumberQuestion) and isinstance(qb, NumberQuestion):
        assert (qa.min, qa.max, qa.direction) == (qb.min, qb.max, qb.direction), qid


def test_checkpoint_repeats_flagship_items_word_for_word(
    flagship: Questionnaire, checkpoint: Questionnaire
) -> None:
    assert checkpoint.group_ids == flagship.group_ids
    assert checkpoint.compare_pair == flagship.compare_pair
    assert 10 <= item_count(checkpoint) <= 14
    assert constructs(checkpoint) <= constructs(flagship)
    scored = {item.question_id for item in checkpoint.items()}
    for qid in scored:
        _same_item(flagship, checkpoint, qid, checkpoint.group_ids)


def test_interview_has_probes_and_shares_constructs(
    flagship: Questionnaire, interview: Questionnaire
) -> None:
    assert {"frontline", "executive"} <= set(interview.group_ids)
    assert interview.estimate_minutes() == 40
    questions = list(interview.questions())
    notes = [q for q in questions if isinstance(q, TextQuestion)]
    assert notes and all(q.multiline for q in notes)
    assert sum(1 for q in questions if q.probes) >= len(questions) // 2
    assert all(q.probes for q in notes if q.id != "interviewer_observations")
    rated = {item.question_id for item in interview.items()}
    assert len(rated) >= 3
    assert constructs(interview) <= constructs(flagship)
    for qid in rated:
        _same_item(flagship, interview, qid, interview.group_ids)


# --- the authoring guide's complete example ----------------------------------------------------


def guide_example() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    match = re.search(
        r"<!-- complete-example:start -->\s*```yaml\n(.*?)```\s*<!-- complete-example:end -->",
        text,
        re.DOTALL,
    )
    assert match, "docs/questionnaires.md lost its marked complete example"
    return match.group(1)


def test_guide_complete_example_loads_and_shows_every_feature() -> None:
    q = load_bytes(guide_example().encode("utf-8"), "docs/questionnaires.md")
    questions = list(q.questions())
    assert {question.type for question in questions} == set(QUESTION_TYPES)
    conditions = [question.show_if for question in questions if question.show_if]
    conditions += [section.show_if for section in q.sections if section.show_if]
    operators: set[str] = set()
    names: set[str] = set()
    for source in conditions:
        parsed = parse(source)
        operators |= {c.op for c in parsed.comparisons()}
        operators |= {n.op for n in parsed.tree.walk() if isinstance(n, BoolOp)}
        operators |= {"not" for n in parsed.tree.walk() if isinstance(n, Not)}
        names |= {n.name for n in parsed.names}
    assert operators == {"==", "!=", "<", "<=", ">", ">=", "in", "not in", "and", "or", "not"}
    assert "group" in names
    assert any("." in name for name in names), "no matrix row condition (q.row)"
    multi = next(x for x in questions if x.type == "multi_choice")
    assert multi.min_selected and multi.max_selected and multi.other  # type: ignore[union-attr]
    numbers = [x for x in questions if isinstance(x, NumberQuestion)]
    assert {x.direction for x in numbers} == {"higher_is_better", "lower_is_better"}
    assert all(x.unit for x in numbers)
    assert any(
        isinstance(x, TextQuestion) and x.multiline and x.max_length != 2000 for x in questions
    )


def test_flagship_skips_quality_and_workflows_for_people_who_never_see_ai_used(
    flagship: Questionnaire,
) -> None:
    def visible(usage: str) -> set[str]:
        answers = {"usage_frequency": usage}
        return {q.id for q in flagship.visible_questions(answers, "frontline")}

    never, daily = visible("never"), visible("daily")
    assert {"output_quality_trust", "correction_share", "workflows"} <= daily
    assert not {"output_quality_trust", "correction_share", "workflows"} & never
    assert {"productivity_overall", "adoption_workarounds", "leadership_measure"} <= never


@pytest.mark.parametrize("path", shipped_questionnaire_files(), ids=lambda p: p.name)
def test_every_shipped_file_passes_its_own_json_schema(path: Path) -> None:
    # Editors check files against the schema: it must accept what the loader accepts.
    import jsonschema
    import yaml

    from survey_tui.core.schema import questionnaire_schema

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(questionnaire_schema()).validate(data)
