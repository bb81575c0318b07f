"""What the synthetic workshop of :mod:`survey_tui.core.demo` plants, as data.

Means are on the 1-5 favorable scale (5 = the favorable end; reverse-scored items are
answered so that the favorable side follows the mean) and are mapped onto each item's own
scale. Probabilities are per respondent and item.
"""

from __future__ import annotations

from typing import NamedTuple

GROUP_SIZES: dict[str, int] = {"executive": 12, "manager": 8, "frontline": 40}

# Mean favorability per construct and group at baseline: leaders optimistic, engineers
# critical, managers between.
CONSTRUCT_MEAN: dict[str, dict[str, float]] = {
    "executive": {
        "productivity": 4.3,
        "net_time": 4.2,
        "output_quality": 3.9,
        "adoption": 3.9,
        "integration": 4.1,
        "feedback_loop": 3.8,
        "success_definition": 4.0,
        "metrics": 4.0,
    },
    "manager": {
        "productivity": 3.6,
        "net_time": 3.5,
        "output_quality": 3.1,
        "adoption": 3.2,
        "integration": 3.1,
        "feedback_loop": 3.1,
        "success_definition": 3.0,
        "metrics": 3.4,
    },
    "frontline": {
        "productivity": 2.7,
        "net_time": 2.9,
        "output_quality": 2.3,
        "adoption": 2.5,
        "integration": 2.1,
        "feedback_loop": 2.2,
        "success_definition": 2.4,
        "metrics": 2.8,
    },
}

# Awareness items: each group answers its own side of the loop, and the sides differ.
AWARENESS_MEAN: dict[str, dict[str, float]] = {
    "feedback_reaches": {"executive": 4.0, "manager": 3.0, "frontline": 2.0},
    "success_defined": {"executive": 3.9, "manager": 2.8, "frontline": 1.9},
}


class WorkflowRow(NamedTuple):
    """What the demo plants for one workflow row, each as (frontline, executive)."""

    mean: tuple[float, float]  # favorability where AI is used
    used: tuple[float, float]  # the chance that AI is used for it at all (executives: belief)


# Workflow rows; managers sit halfway. Engineers find tests and documentation genuinely
# helped, incidents and requirements hindered; leaders see them near neutral (the widest
# disagreement).
ROWS: dict[str, WorkflowRow] = {
    "code_generation": WorkflowRow(mean=(3.5, 4.4), used=(0.95, 0.95)),
    "code_review": WorkflowRow(mean=(2.9, 3.8), used=(0.7, 0.85)),
    "test_writing": WorkflowRow(mean=(4.3, 4.2), used=(0.9, 0.9)),
    "documentation": WorkflowRow(mean=(4.2, 4.0), used=(0.85, 0.9)),
    "debugging": WorkflowRow(mean=(3.2, 3.9), used=(0.8, 0.85)),
    "incident_response": WorkflowRow(mean=(1.7, 3.4), used=(0.65, 0.8)),
    "ticket_triage": WorkflowRow(mean=(3.0, 3.6), used=(0.5, 0.75)),
    "requirements_analysis": WorkflowRow(mean=(1.9, 3.5), used=(0.6, 0.8)),
}

# "Don't know" where a group cannot observe: leaders on the teams' day-to-day, numbers and
# delivery metrics; managers less; engineers rarely (about their own work).
DONT_KNOW: dict[str, dict[str, float]] = {
    "executive": {
        "time_net_week": 0.25,
        "trust_output": 0.2,
        "review_burden": 0.3,
        "suggestions_changed_share": 0.35,
        "correcting_minutes": 0.3,
        "adoption_unofficial": 0.3,
        "voice_doubts": 0.15,
        "metrics": 0.2,
        "success_defined": 0.05,
    },
    "manager": {
        "suggestions_changed_share": 0.1,
        "correcting_minutes": 0.1,
        "metrics": 0.1,
    },
    "frontline": {"metrics": 0.05, "feedback_changed_decisions": 0.1},
}

# (mean, sd) for number questions per group: engineers report more correcting than
# leaders estimate.
NUMBER_MEAN: dict[str, dict[str, tuple[float, float]]] = {
    "suggestions_changed_share": {
        "executive": (20, 8),
        "manager": (32, 10),
        "frontline": (46, 14),
    },
    "correcting_minutes": {"executive": (15, 8), "manager": (30, 12), "frontline": (55, 20)},
}

# Single-choice weights (option value -> weight) per question and group.
CHOICE: dict[str, dict[str, dict[str, int]]] = {
    "usage_frequency": {
        "executive": {"daily": 5, "a_few_times_a_week": 4, "dont_know": 2, "rarely": 1},
        "manager": {"daily": 5, "a_few_times_a_week": 3, "a_few_times_a_month": 1},
        "frontline": {
            "daily": 20,
            "a_few_times_a_week": 10,
            "a_few_times_a_month": 5,
            "rarely": 3,
            "never": 2,
        },
    },
    # Leaders would judge by speed and volume, engineers by quality and rework: the success
    # contract starts from different places.
    "success_metric": {
        "executive": {"lead_time": 5, "deployment_frequency": 4, "time_to_resolution": 2},
        "manager": {"lead_time": 3, "rework": 3, "time_to_resolution": 2},
        "frontline": {
            "rework": 6,
            "escaped_defects": 5,
            "change_failure_rate": 3,
            "time_to_resolution": 3,
            "lead_time": 2,
        },
    },
    "feedback_channel": {
        "executive": {
            "a_short_survey_like_this_one": 4,
            "one_to_one_conversations": 4,
            "team_retrospectives": 2,
        },
        "manager": {"team_retrospectives": 4, "one_to_one_conversations": 2},
        "frontline": {
            "a_quick_note_whenever_something_happens": 5,
            "an_anonymous_form": 4,
            "team_retrospectives": 4,
            "a_short_survey_like_this_one": 2,
            "an_open_chat_channel": 1,
        },
    },
    "workflows_other_effect": {
        "executive": {"helps_somewhat": 2, "helps_a_lot": 1},
        "manager": {"helps_somewhat": 1, "no_real_effect": 1},
        "frontline": {"helps_somewhat": 3, "no_real_effect": 2, "hinders_somewhat": 2},
    },
    "metric_met": {
        "executive": {"met": 4, "partly_met": 5, "not_met": 1, "dont_know": 1},
        "manager": {"partly_met": 4, "not_met": 2, "no_metric": 1},
        "frontline": {"partly_met": 3, "not_met": 4, "no_metric": 5, "dont_know": 4},
    },
}

# Multi-choice chances (option value -> probability) per question and group.
MULTI: dict[str, dict[str, dict[str, float]]] = {
    "blockers": {
        "executive": {"training": 0.4, "access": 0.2, "nothing": 0.25, "dont_know": 0.25},
        "manager": {"time": 0.5, "training": 0.4, "policy": 0.3, "fit": 0.3},
        "frontline": {"fit": 0.5, "time": 0.45, "policy": 0.35, "access": 0.3, "training": 0.3},
    },
    "changes_noticed": {
        "executive": {
            "a_success_metric_for_ai_tools_was_shared": 0.5,
            "new_ai_tools_were_introduced": 0.4,
            "workflows_were_redesigned_around_ai_tools": 0.4,
        },
        "manager": {
            "reviewing_ai_generated_code_took_more_time": 0.35,
            "feedback_about_ai_tools_led_to_a_visible_change": 0.3,
            "more_pressure_to_use_ai_tools": 0.25,
        },
        "frontline": {
            "reviewing_ai_generated_code_took_more_time": 0.4,
            "more_pressure_to_use_ai_tools": 0.3,
            "feedback_about_ai_tools_led_to_a_visible_change": 0.25,
            "workflows_were_redesigned_around_ai_tools": 0.2,
            "problems_caused_by_ai_output_reached_users": 0.15,
            "ai_tools_were_restricted_or_withdrawn": 0.1,
        },
    },
}

TEXT_BANK: dict[str, dict[str, list[str]]] = {
    "helps_most": {
        "executive": [
            "Code generation: teams tell me features ship faster.",
            "Documentation. Our internal docs have never been this complete.",
            "Test writing; coverage went up across the portfolio.",
        ],
        "manager": [
            "Test writing. The team writes the boring cases much faster now.",
            "Documentation, especially release notes and runbooks.",
            "Boilerplate code for new services.",
        ],
        "frontline": [
            "Writing unit tests for existing code. It drafts the cases, I fix the asserts.",
            "Documentation: first drafts of READMEs and API docs.",
            "Explaining unfamiliar code in a legacy module.",
            "Generating test data and fixtures.",
            "Small refactors and boilerplate, nothing that needs real context.",
        ],
    },
    "friction_most": {
        "executive": [
            "Probably code review, people are still getting used to it.",
            "I have not heard of much friction.",
        ],
        "manager": [
            "Incident response: suggestions look confident but ignore our setup.",
            "Requirements work, the summaries miss what the customer actually asked.",
        ],
        "frontline": [
            "Incident response. Under pressure, a plausible but wrong answer costs us time.",
            "Requirements analysis: it invents acceptance criteria nobody asked for.",
            "Code review, because reviewers now have to check generated code line by line.",
            "Debugging anything distributed; it does not know our infrastructure.",
            "The approved tool is not allowed on our main repository, so we copy code around.",
        ],
    },
    "correction_detail": {
        "executive": ["I hear about outdated library versions and security concerns."],
        "manager": ["Wrong assumptions about our internal APIs; missing error handling."],
        "frontline": [
            "Hallucinated APIs and functions that do not exist in our codebase.",
            "Tests that pass but assert nothing useful.",
            "Code that ignores our conventions and has to be rewritten for review.",
            "Outdated library versions and insecure defaults.",
        ],
    },
    "workflows_other": {
        "executive": ["Architecture documents."],
        "manager": ["Estimating work.", "Writing job descriptions."],
        "frontline": [
            "Writing database migrations.",
            "Searching the codebase.",
            "Shell scripts for deployments.",
            "Translating error messages from other teams' services.",
        ],
    },
    "success_target": {
        "executive": [
            "Lead time down from 6 days to 4.",
            "Twice as many deployments a week.",
            "Tickets resolved 20% faster.",
        ],
        "manager": ["Rework under 10% of merged changes.", "Lead time down by a day."],
        "frontline": [
            "Rework no higher than before the rollout.",
            "No increase in defects found after release.",
            "Fewer than 2 failed changes a month.",
            "P2 tickets resolved within a day.",
        ],
    },
    "change_detail": {
        "executive": [
            "We shared a success metric; adoption looks steady.",
            "Teams asked for time to redesign reviews; we gave some.",
        ],
        "manager": ["Reviews take longer, but fewer generated tests are thrown away."],
        "frontline": [
            "We finally have a way to report bad suggestions, and someone reads them.",
            "More pressure to use the tools, no more time to review their output.",
            "The approved tool now works on the main repository.",
            "Nothing visible changed on my team.",
        ],
    },
}

# Chance of a free-text answer, where not the usual 0.8 (few name another workflow).
TEXT_CHANCE: dict[str, float] = {"workflows_other": 0.15}

# 90-day shift in mean favorability (the gap narrows).
WAVE_SHIFT: dict[str, float] = {"executive": -0.15, "manager": 0.1, "frontline": 0.3}
