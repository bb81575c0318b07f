"""The dashboard's gap view puts every theme's gap line in the same place, however long the
theme's name (issue 18: names pushed the gap line from the right edge to below the bars)."""

from __future__ import annotations

from typing import Any

from survey_tui.frontends.tui.widgets.gap_view import render_gap_view


def analysis(names: list[str]) -> dict[str, Any]:
    constructs = [
        {
            "construct": name,
            "gap": {"points": 10.0 + i, "ci95": [2.0, 18.0], "effect": "small"},
            "groups": {"lead": {"score": 70.0}, "eng": {"score": 55.0}},
        }
        for i, name in enumerate(names)
    ]
    return {
        "min_group_size": 5,
        "groups": {"lead": {"n": 9, "suppressed": False}, "eng": {"n": 9, "suppressed": False}},
        "compare": ["lead", "eng"],
        "expectation_gap_index": 12.0,
        "constructs": constructs,
    }


def test_gap_line_has_one_place_whatever_the_name() -> None:
    names = ["speed", "the quality of what the tools produce and how far it can be trusted"]
    labels = {n: n.capitalize() for n in names}
    lines = render_gap_view(analysis(names), labels, 80).plain.splitlines()
    for name in names:
        at = lines.index(labels[name])
        assert lines[at + 1].startswith("  gap +"), lines[at : at + 4]
        assert lines[at + 2].lstrip().startswith("lead")
