"""The shipped questionnaires and the authoring guide's complete example.

These files are product content: the flagship survey (whose 90-day checkpoint is a later wave
of the same file) and the interview guide must load, lint clean, keep their ids, and stay
comparable with each other (shared groups, construct ids and, for repeated items, question ids,
wording and scale).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.catalog import shipped_questionnaire_files
from survey_tui.core.conditions import BoolOp, Not, parse
from survey_tui.core.loader import load, load_bytes
from survey_tui.core.model import (
    QUESTION_TYPES,
    LikertQuestion,
    MatrixQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    Questionnaire,
    SingleChoiceQuestion,
    TextQuestion,
)

ROOT = Path(__file__).resolve().parents[2]
QUESTIONNAIRES = ROOT / "questionnaires"
GUIDE = ROOT / "docs" / "questionnaires.md"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/questionnaire.schema.json"

FLAGSHIP_CONSTRUCTS = {
    "productivity",
    "net_time",
    "output_quality",
    "adoption",
    "integration",
    "feedback_loop",
    "success_definition",
    "metrics",
    "workflows",
}
LATER_WAVE = {"metric_met", "changes_noticed", "change_detail"}


@pytest.fixture(scope="module")
def flagship() -> Questionnaire:
    return load(QUESTIONNAIRES / "ai_expectation_gap.yaml")


@pytest.fixture(scope="module")
def interview() -> Questionnaire:
    return load(QUESTIONNAIRES / "ai_implementation_interview.yaml")


def constructs(q: Questionnaire) -> set[str]:
    return {item.construct for item in q.items() if item.construct is not None}


def rated(q: Questionnaire) -> list[LikertQuestion | MatrixQuestion | NumberQuestion]:
    return [
        x for x in q.questions() if isinstance(x, LikertQuestion | MatrixQuestion | NumberQuestion)
    ]


# --- every shipped file ---------------------------------------------------------------------


def test_the_shipped_questionnaires() -> None:
    names = {p.name for p in shipped_questionnaire_files()}
    assert names == {"ai_expectation_gap.yaml", "ai_implementation_interview.yaml"}
    # The separate checkpoint could not be compared with the baseline (another id, fewer
    # items); the 90-day round is now a wave of the flagship.


@pytest.mark.parametrize("path", shipped_questionnaire_files(), ids=lambda p: p.name)
def test_every_shipped_file_loads_and_names_the_schema(path: Path) -> None:
    q = load(path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    assert q.description and q.consent, "shipped files explain themselves and ask consent"
    assert q.estimated_minutes is not None
    assert q.experience_group == "frontline"
    # Headcounts are organisation-specific: the shipped files leave them to the user's copy.
    assert all(g.headcount is None for g in q.groups)


def test_every_shipped_file_lints_clean_with_strict() -> None:
    files = [str(p) for p in shipped_questionnaire_files()]
    result = CliRunner().invoke(main, ["lint", "--strict", *files])
    assert result.exit_code == 0, result.output
    assert result.stdout == "".join(f"{f}: ok\n" for f in files)


@pytest.mark.parametrize(
    ("name", "expected_id", "mode"),
    [
        ("ai_expectation_gap.yaml", "ai-expectation-gap", "survey"),
        ("ai_implementation_interview.yaml", "ai-implementation-interview", "interview"),
    ],
)
def test_ids_and_modes(name: str, expected_id: str, mode: str) -> None:
    q = load(QUESTIONNAIRES / name)
    assert (q.id, q.mode) == (expected_id, mode)


# --- the flagship ---------------------------------------------------------------------------


def test_flagship_groups_and_compare(flagship: Questionnaire) -> None:
    assert flagship.version == 4
    assert flagship.group_ids == ["executive", "frontline", "manager"]
    assert flagship.compare_pair == ("executive", "frontline")
    assert flagship.experience == "frontline"
    assert flagship.group("executive").label == "Executives and senior leaders"  # type: ignore[union-attr]
    assert flagship.group("frontline").label == "Engineers, architects, tech leads"  # type: ignore[union-attr]
    assert flagship.min_group_size >= 5


def test_flagship_takes_about_10_minutes(flagship: Questionnaire) -> None:
    from survey_tui.core.lint.size import longest_path

    assert flagship.estimated_minutes == 10
    # The longest path (an engineer at the 90-day round, every follow-up shown) at the
    # per-type times of docs/questionnaires.md: within half a minute of the stated 10.
    seconds, group, wave = longest_path(flagship)
    assert (group, wave) == ("frontline", "90-day")
    assert 9 * 60 <= seconds <= 10.5 * 60


def test_flagship_covers_every_construct(flagship: Questionnaire) -> None:
    assert constructs(flagship) == FLAGSHIP_CONSTRUCTS
    per_construct = {c: 0 for c in FLAGSHIP_CONSTRUCTS}
    for item in flagship.items():
        if item.construct is not None:  # numbers and awareness items are in no construct
            per_construct[item.construct] += 1
    # A construct score from a single item is fragile; each has at least two, except the
    # time item, whose 7-point hour scale cannot share a construct with 5-point items.
    assert per_construct.pop("net_time") == 1
    assert min(per_construct.values()) >= 2, per_construct


def test_flagship_rated_items_are_worded_for_every_group_or_shared(flagship: Questionnaire) -> None:
    for question in rated(flagship):
        if isinstance(question.text, dict):
            assert set(question.text) == set(flagship.group_ids), question.id
        else:  # one wording for everyone: the most parallel of all
            assert question.id in {"feedback_changed_decisions", "success_measured_effect"}


def test_flagship_awareness_items(flagship: Questionnaire) -> None:
    awareness = {i.key for i in flagship.items() if i.kind == "awareness"}
    assert awareness == {"feedback_reaches", "success_defined"}
    assert all(i.construct is None for i in flagship.items() if i.kind == "awareness")


def test_flagship_every_rating_and_number_offers_dont_know(flagship: Questionnaire) -> None:
    for item in flagship.items():
        assert item.dont_know, item.key
    labels = {flagship.scale_of(q).dont_know for q in rated(flagship) if flagship.scale_of(q)}  # type: ignore[union-attr]
    assert labels == {"I don't know", "I can't estimate this", "Not used for this"}


def test_flagship_correction_numbers(flagship: Questionnaire) -> None:
    for qid, maximum, unit in (
        ("suggestions_changed_share", 100, "%"),
        ("correcting_minutes", 480, "min/day"),
    ):
        question = flagship.question(qid)
        assert isinstance(question, NumberQuestion)
        assert (question.min, question.max, question.unit) == (0, maximum, unit)
        assert question.direction == "lower_is_better"
        assert question.construct is None and question.dont_know
    share = flagship.question("suggestions_changed_share")
    assert share is not None and share.help is not None
    # What is counted, and what thrown-away output counts as.
    assert "Suggestions thrown away do not count" in share.help
    minutes = flagship.question("correcting_minutes")
    assert minutes is not None
    assert all(" and " not in t for t in minutes.text.values())  # type: ignore[union-attr]
    items = {i.key: i for i in flagship.items()}
    assert (items["correcting_minutes"].kind, items["correcting_minutes"].scale) == ("number", None)


def test_flagship_follow_up_appears_only_for_a_high_changed_share(
    flagship: Questionnaire,
) -> None:
    def shown(answers: dict[str, object]) -> bool:
        answers = {"usage_frequency": "daily", **answers}
        ids = [q.id for q in flagship.visible_questions(answers, "frontline")]
        return "correction_detail" in ids

    assert shown({"suggestions_changed_share": 70})
    assert not shown({"suggestions_changed_share": 10})
    assert not shown({"suggestions_changed_share": "dont_know"})
    assert not shown({})
    assert shown({"suggestions_changed_share": 40})
    assert not shown({"suggestions_changed_share": 39})


def test_flagship_workflow_grid(flagship: Questionnaire) -> None:
    matrix = flagship.question("workflows")
    assert isinstance(matrix, MatrixQuestion)
    assert matrix.construct == "workflows" and matrix.is_required
    assert len(matrix.rows) == 8
    scale = flagship.scale_of(matrix)
    assert scale is not None and scale.labels is not None
    assert (scale.min, scale.max, scale.dont_know) == (1, 5, "Not used for this")
    assert (scale.labels[0], scale.labels[-1]) == ("Hinders a lot", "Helps a lot")
    # Usage frequency per workflow, from the people doing the work.
    weekly = flagship.question("workflows_weekly")
    assert isinstance(weekly, MultiChoiceQuestion) and weekly.groups == ["frontline"]
    assert [o.label for o in weekly.options][:8] == [r.label for r in matrix.rows]
    assert weekly.other
    # "Other": named after the grid and rated on the grid's labels, outside the construct.
    other = flagship.question("workflows_other_effect")
    assert isinstance(other, SingleChoiceQuestion)
    assert [o.label for o in other.options] == scale.labels

    def rated_other(name: object) -> bool:
        answers = {"usage_frequency": "daily", "workflows_other": name}
        return "workflows_other_effect" in {
            q.id for q in flagship.visible_questions(answers, "frontline")
        }

    assert rated_other("Database migrations") and not rated_other("")


def test_flagship_metric_items_ask_about_a_fixed_window_not_the_cause(
    flagship: Questionnaire,
) -> None:
    items = {i.key: i for i in flagship.items() if i.construct == "metrics"}
    assert set(items) == {
        "metric_throughput",
        "metric_resolution_time",
        "metric_review_defects",
        "metric_escaped_defects",
        "metric_rework",
    }
    for key, item in items.items():
        question = flagship.question(key)
        assert question is not None and isinstance(question.text, dict)
        for wording in question.text.values():
            assert wording.startswith("In the last 3 months, how has"), wording
            assert "AI" not in wording and "story points" not in wording.lower()
        if key != "metric_throughput":
            # "Decreased a lot" (1) is the favorable answer for time, defects and rework.
            assert item.reverse and item.is_favorable(1) and not item.is_favorable(5)
    evidence = {q.id: q.evidence for q in flagship.questions() if q.evidence}
    assert evidence == {
        "metric_throughput": "merges",
        "metric_resolution_time": "time_to_resolution_hours",
        "metric_escaped_defects": "escaped_defects",
        "metric_rework": "rework_pct",  # measurable from git at once (evidence git)
    }


def test_flagship_new_items(flagship: Questionnaire) -> None:
    time = flagship.question("time_net_week")
    scale = flagship.scale_of(time)  # type: ignore[arg-type]
    assert scale is not None and scale.labels is not None
    # Both directions, the same buckets on each side of "no net difference".
    assert scale.labels[0] == "Cost more than 4 hours"
    assert scale.labels[-1] == "Saved more than 4 hours"
    assert [x.split(" ", 1)[1] for x in scale.labels[:3]] == [
        x.split(" ", 1)[1] for x in reversed(scale.labels[4:])
    ]
    blockers = flagship.question("blockers")
    assert isinstance(blockers, MultiChoiceQuestion)
    assert {"access", "policy", "training"} <= set(blockers.option_values())
    for qid in ("trust_output", "voice_doubts", "review_burden"):
        assert isinstance(flagship.question(qid), LikertQuestion), qid
    assert isinstance(flagship.question("success_metric"), SingleChoiceQuestion)
    assert isinstance(flagship.question("success_target"), TextQuestion)
    channel = flagship.question("feedback_channel")
    assert isinstance(channel, SingleChoiceQuestion) and channel.other


def test_the_90_day_round_is_a_wave_of_the_flagship(flagship: Questionnaire) -> None:
    answers = {"usage_frequency": "daily"}
    baseline = [q.id for q in flagship.visible_questions(answers, "frontline", "baseline")]
    later = [q.id for q in flagship.visible_questions(answers, "frontline", "90-day")]
    # Everything the baseline asks is asked again, in the same order; three items are added.
    assert [x for x in later if x not in LATER_WAVE] == baseline
    assert set(later) - set(baseline) == LATER_WAVE
    for qid in LATER_WAVE:
        assert flagship.question(qid).show_if == "wave == '90-day'"  # type: ignore[union-attr]
    met = flagship.question("metric_met")
    assert isinstance(met, SingleChoiceQuestion)
    assert met.option_values() == ["met", "partly_met", "not_met", "no_metric", "dont_know"]
    changes = flagship.question("changes_noticed")
    assert isinstance(changes, MultiChoiceQuestion)
    # Negative changes are offered too, not only the hoped-for ones.
    assert {
        "ai_tools_were_restricted_or_withdrawn",
        "reviewing_ai_generated_code_took_more_time",
        "problems_caused_by_ai_output_reached_users",
    } <= set(changes.option_values())


def test_flagship_asks_the_open_questions(flagship: Questionnaire) -> None:
    for qid in ("helps_most", "friction_most"):
        question = flagship.question(qid)
        assert isinstance(question, TextQuestion) and question.multiline, qid


# --- the interview stays comparable with the flagship -----------------------------------------


def _same_item(a: Questionnaire, b: Questionnaire, qid: str, groups: list[str]) -> None:
    qa, qb = a.question(qid), b.question(qid)
    assert qa is not None and qb is not None and qa.type == qb.type, qid
    assert (qa.construct, qa.gap) == (qb.construct, qb.gap), qid
    for group in groups:
        assert qa.text_for(group) == qb.text_for(group), (qid, group)
    if isinstance(qa, LikertQuestion) and isinstance(qb, LikertQuestion):
        assert qa.reverse == qb.reverse, qid
        assert a.scale_of(qa) == b.scale_of(qb), qid
    if isinstance(qa, NumberQuestion) and isinstance(qb, NumberQuestion):
        assert (qa.min, qa.max, qa.direction) == (qb.min, qb.max, qb.direction), qid


def test_interview_has_probes_and_shares_the_flagship_items(
    flagship: Questionnaire, interview: Questionnaire
) -> None:
    assert {"frontline", "executive"} <= set(interview.group_ids)
    assert interview.compare_pair == flagship.compare_pair
    assert interview.estimate_minutes() == 40
    questions = list(interview.questions())
    notes = [q for q in questions if isinstance(q, TextQuestion)]
    assert notes and all(q.multiline for q in notes)
    assert sum(1 for q in questions if q.probes) >= len(questions) // 2
    assert all(q.probes for q in notes if q.id != "interviewer_observations")
    rated_ids = {item.question_id for item in interview.items()}
    assert rated_ids == {
        "trust_output",
        "productivity_teams",
        "adoption_unofficial",
        "integration_workflows",
        "feedback_reaches",
        "success_defined",
    }
    assert constructs(interview) <= constructs(flagship)
    for qid in rated_ids:
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
    unseen = {"trust_output", "suggestions_changed_share", "workflows", "workflows_weekly"}
    assert unseen <= daily
    assert not unseen & never
    assert {"productivity_teams", "adoption_unofficial", "success_metric"} <= never


def test_guide_complete_example_lints_clean(tmp_path: Path) -> None:
    # The guide's model file practises what the lint section preaches.
    path = tmp_path / "example.yaml"
    path.write_text(guide_example(), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--strict", str(path)])
    assert (result.exit_code, result.stdout) == (0, f"{path}: ok\n"), result.output


def test_guide_lint_examples_are_the_tested_fixtures() -> None:
    # Every bad example of "The rules" names a rule that has a fixture pair in the suite.
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("### The rules") : text.index("### Silencing a warning")]
    named = set(re.findall(r"^\*\*`([a-z-]+)`\*\*", section, re.MULTILINE))
    from survey_tui.core.lint import RULES

    assert len(named) == len(RULES)
    fixtures = {p.stem for p in (ROOT / "tests" / "fixtures" / "lint").glob("*.yaml")}
    for rule in named:
        stem = rule.replace("-", "_")
        assert any(f.startswith(stem) and f.endswith("_bad") for f in fixtures), rule


@pytest.mark.parametrize("path", shipped_questionnaire_files(), ids=lambda p: p.name)
def test_every_shipped_file_passes_its_own_json_schema(path: Path) -> None:
    # Editors check files against the schema: it must accept what the loader accepts.
    import jsonschema
    import yaml

    from survey_tui.core.schema import questionnaire_schema

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(questionnaire_schema()).validate(data)


def test_flagship_is_in_english_and_german(flagship: Questionnaire) -> None:
    assert flagship.languages == ["en", "de"]
    assert flagship.language_names() == {"en": "English", "de": "Deutsch"}
    german = flagship.in_language("de")
    assert german.title == "KI-Erwartungslücke"
    # The same items, groups, option values and scales: answers in German are the same data.
    assert [q.id for q in german.questions()] == [q.id for q in flagship.questions()]
    for english, deutsch in zip(flagship.questions(), german.questions(), strict=True):
        assert getattr(deutsch, "options", None) is None or [o.value for o in deutsch.options] == [
            o.value for o in english.options
        ]
        # Per-group wording is translated for every group that has its own.
        if isinstance(english.text, dict):
            assert isinstance(deutsch.text, dict) and set(deutsch.text) == set(english.text)
            assert all(deutsch.text[g] != english.text[g] for g in english.text)
        else:
            assert deutsch.text != english.text
    assert german.scales["agree5"].dont_know == "Weiß nicht"


def test_flagship_feedback_log_outcomes_read_in_german(flagship: Questionnaire) -> None:
    """The log form (TUI and /log) shows the outcomes in the respondent's language: the
    flagship words them in both, with the default outcomes' values and savings."""
    from survey_tui.core.model import DEFAULT_LOG_OUTCOMES

    english, german = flagship.feedback_log, flagship.in_language("de").feedback_log
    assert english is not None and german is not None
    defaults = [(o.value, o.label, o.saves) for o in DEFAULT_LOG_OUTCOMES]
    assert [(o.value, o.label, o.saves) for o in english.outcomes] == defaults
    assert [o.value for o in german.outcomes] == [o.value for o in english.outcomes]
    assert all(d.label != e.label for d, e in zip(german.outcomes, english.outcomes, strict=True))
