"""The display and escaping filters of report templates."""

from __future__ import annotations

from survey_tui.core.reports import filters


def test_md_escapes_table_html_and_jinja_syntax() -> None:
    out = filters.md("a | b\nc <td> `x` {{ y }} {% z %}")
    assert "\n" not in out
    assert "|" not in out.replace("\\|", "")
    assert "<" not in out.replace("\\<", "")
    assert "`" not in out.replace("\\`", "")
    assert "{{" not in out and "{%" not in out


def test_number_formats() -> None:
    assert filters.pts(37.25) == "37.2" or filters.pts(37.25) == "37.3"
    assert filters.pts(4.04, signed=True) == "+4.0"
    assert filters.pts(-4.04, signed=True) == "-4.0"
    assert filters.pct(70.833) == "70.8%"
    assert filters.pts(None) == "n/a"
    assert filters.pvalue(0.0004) == "< 0.001"
    assert filters.pvalue(0.0312) == "0.031"


def test_score_shows_the_suppression_marker() -> None:
    assert filters.score({"score": None, "suppressed": True}, 5) == "suppressed (n < 5)"
    shown = {"score": 73.96, "favorable_pct": 70.83, "suppressed": False}
    assert filters.score(shown, 5) == "74.0"
    assert filters.score(shown, 5, "favorable_pct") == "70.8%"
    assert filters.ci({"ci95": [26.46, 47.09], "suppressed": False}) == "26.5 to 47.1"


def test_md_keeps_list_markers_literal() -> None:
    from markdown_it import MarkdownIt

    for text in ("1. first", "- dash", "+ plus", "12) twelve"):
        html = MarkdownIt("commonmark").render(f"- {filters.md(text)}\n")
        assert html.count("<li>") == 1 and "<ol" not in html and "<ul>\n<li><ul>" not in html
        assert text in html


def test_plain_keeps_fenced_text_inside_its_fence() -> None:
    assert filters.plain("a ```\nb") == "a ''' / b"


def test_mermaid_label_cannot_break_the_chart_or_carry_template_syntax() -> None:
    assert filters.mermaid('say "hi" [x] {{ 7*7 }}\nnext') == "say 'hi' 'x' (( 7*7 )) / next"


def test_unit_sticks_a_percent_sign_to_the_number() -> None:
    assert filters.unit("%") == "%" and filters.unit("minutes/day") == " minutes/day"
    assert filters.unit(None) == "" and filters.unit("<b>") == " \\<b\\>"


def test_md_escapes_percent_only_where_it_would_start_jinja() -> None:
    assert filters.md("50 % done") == "50 % done"
    assert filters.md("{% raw %}") == "\\{\\% raw %\\}"
