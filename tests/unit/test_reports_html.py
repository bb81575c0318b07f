"""The HTML form of a report: a whole document, no external references, respondent text inert."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from helpers.reports import analysis

from survey_tui.core.catalog import resolve_template
from survey_tui.core.reports import build_context, render
from survey_tui.core.reports.html import to_html


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.refs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.refs += [v or "" for k, v in attrs if k in ("src", "href", "srcset", "action")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse() -> tuple[_Collect, dict[str, Any]]:
    result = analysis()
    markdown = render(resolve_template("gap_report.md.j2"), build_context(result))
    parser = _Collect()
    parser.feed(to_html(markdown, title="Gap test <draft>"))
    return parser, result


def test_html_is_a_self_contained_document() -> None:
    parser, _ = _parse()
    assert parser.tags[:3] == ["html", "head", "meta"]
    assert "body" in parser.tags and "table" in parser.tags and "style" in parser.tags
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert all(not ref.startswith(("http:", "https:", "//")) for ref in parser.refs)


def test_html_shows_respondent_text_literally() -> None:
    parser, _ = _parse()
    text = "".join(parser.text)
    assert "| </td><script>alert(1)</script> {{ 7*7 }}" in text
    assert "Gap test <draft>" in text  # the title, escaped in the source, literal when parsed


def test_html_leaves_out_mermaid_source_but_keeps_the_text_chart() -> None:
    markdown = "# T\n\n```mermaid\nxychart-beta\n```\n\n```text\nbar 12.5\n```\n"
    page = to_html(markdown, title="T")
    assert "xychart-beta" not in page
    assert "bar 12.5" in page


def _html_with_charts() -> tuple[str, dict[str, Any]]:
    from survey_tui.core.reports.svg import charts

    result = analysis()
    context = build_context(result)
    markdown = render(resolve_template("gap_report.md.j2"), context)
    drawn = charts(context)
    assert "dumbbell" in drawn
    return to_html(markdown, title="Gap", charts=drawn), context


def test_svg_dumbbell_replaces_the_text_chart_and_names_every_mark() -> None:
    page, context = _html_with_charts()
    parser = _Collect()
    parser.feed(page)
    assert parser.tags.count("svg") == len(page.split("<svg")) - 1 >= 1
    assert "script" not in parser.tags and "http" not in page.split("<svg", 1)[1]
    assert "\u2588" not in page  # the plain-text bars gave way to the drawing
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    for theme in context["chart"]:
        for gid in context["groups"]:
            # Not colour alone: the group's name and its value are written beside its mark.
            short = context["analysis"]["groups"][gid]["label"].split(",")[0]
            assert f"{short} {theme['groups'][gid]['score']:.1f}" in svg
    assert "Managers" not in page  # the group below the threshold is not drawn either


def test_without_charts_the_text_chart_stays() -> None:
    result = analysis()
    markdown = render(resolve_template("gap_report.md.j2"), build_context(result))
    page = to_html(markdown, title="Gap")
    assert "<svg" not in page and "\u2588" in page


def test_chart_label_cannot_close_the_fence_or_inject() -> None:
    from survey_tui.core.reports.svg import charts

    result = analysis()
    context = build_context(result)
    theme = context["chart"][0]["construct"]
    context["labels"] = {**context["labels"], theme: "```\n<script>x</script> & co"}
    markdown = render(resolve_template("gap_report.md.j2"), context)
    chart = charts(context)["dumbbell"]
    assert "<script>" not in chart and "&lt;script&gt;" in chart
    page = to_html(markdown, title="Gap", charts={"dumbbell": chart})
    assert "<script>" not in page
    fenced = markdown.split("```text chart", 1)[1].split("```", 1)[0]
    assert "'''" in fenced and "<script>x</script>" in fenced  # literal, inside the fence


def test_every_chart_is_named_by_its_text_chart_and_described() -> None:
    from helpers.first_screen_data import questionnaire, records, two_waves

    from survey_tui.core.analysis import analyze
    from survey_tui.core.reports.svg import PALETTE, charts

    q = questionnaire()
    result = analyze(q, two_waves(), wave="after", baseline_wave="before", resamples=200)
    context = build_context(result)
    drawn = charts(context)
    assert set(drawn) == {"dumbbell", "quadrant 1", "trend"}
    for name, svg in drawn.items():
        assert 'role="img"' in svg and "<desc" in svg and "<script" not in svg, name
    # Not colour alone: every point of the quadrant is numbered and listed with its figures.
    assert "Incident response: 80% use, scores 0.0: fix" in drawn["quadrant 1"]
    assert "AI tools speed us up: +90.0 then, +40.0 now (more than noise)" in drawn["trend"]
    assert PALETTE[0] == "#0072B2"  # Okabe-Ito
    markdown = render(resolve_template("gap_report.md.j2"), context)
    page = to_html(markdown, title="T", charts=drawn)
    assert page.count("<svg") == 3 and "text chart" not in page
    one = build_context(analyze(q, records(), resamples=200))
    assert "trend" not in charts(one)  # no baseline, no trend
