"""The dashboard's gap view: per construct, group scores as text bars, the gap, the index.

Every figure is written as a number next to its bar, and every judgement ("significant",
"waiting for 3 more") in words, so nothing depends on colour. A group below the anonymity
threshold gets "waiting for N more" and no figure at all: the analysis already withholds its
numbers (``suppressed``), and this view never shows a total that would reveal them either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget

from survey_tui.core import texts
from survey_tui.core.i18n import ENGLISH, Words
from survey_tui.core.reports.filters import human, pts
from survey_tui.core.texts import T_
from survey_tui.frontends.tui.words import words_of

if TYPE_CHECKING:
    from survey_tui.core.analysis.types import (
        Analysis,
        ConstructEntry,
        ConstructFigures,
        Gap,
        GroupInfo,
    )
    from survey_tui.core.analysis.types_extras import Scorecard, ScorecardRow

FULL = "\u2588"
EMPTY = "\u00b7"


def text_bar(score: float, width: int) -> str:
    """A bar for a 0-100 score: one block per 100/width points, dots for the rest."""
    filled = max(0, min(width, round(score * width / 100)))
    return FULL * filled + EMPTY * (width - filled)


def waiting_text(n: int, minimum: int) -> texts.Text:
    """What a group below the threshold shows instead of figures."""
    return T_(texts.WAITING_FOR, count=max(1, minimum - n))


def gap_text(entry: ConstructEntry, compare: list[str] | None) -> texts.Text:
    """The gap of one construct in words: points, 95% CI, p-value and significance."""
    gap = entry.get("gap")
    if not compare or gap is None:
        return texts.GAP_NO_PAIR
    if gap.get("not_asked"):
        return T_(texts.GAP_NOT_ASKED_OF, groups=", ".join(gap["not_asked"]))
    ci95 = gap.get("ci95")
    if gap.get("suppressed") or gap.get("points") is None or ci95 is None:
        return texts.GAP_WAITING
    low, high = ci95
    return T_(
        texts.GAP_LINE,
        points=pts(gap["points"], True),
        low=pts(low, True),
        high=pts(high, True),
        effect=_effect(gap.get("effect")),
        verdict=verdict(gap),
    )


def _effect(effect: str | None) -> texts.Text:
    known = texts.EFFECTS.get(effect or None)
    return known if known is not None else T_(texts.OTHER_EFFECT, effect=effect)


def verdict(gap: Gap) -> texts.Text:
    """One significance rule in words (docs/statistics.md): significant, not confirmed (one
    test alone passes after correcting for the comparisons), or not significant."""
    if gap.get("significant"):
        return texts.SIGNIFICANT
    return texts.NOT_CONFIRMED if gap.get("not_confirmed") else texts.NOT_SIGNIFICANT


def _widest_first(constructs: list[ConstructEntry]) -> list[ConstructEntry]:
    # The biggest gaps first: that is what the room wants to see on the reveal.
    def key(entry: ConstructEntry) -> float:
        gap = entry.get("gap")
        points = gap.get("points") if gap else None
        return -abs(points) if isinstance(points, int | float) else 0.0

    return sorted(constructs, key=key)


@dataclass(frozen=True)
class _Layout:
    """The columns of one drawing (the group names', the bars') and the anonymity threshold."""

    name_width: int
    bar_width: int
    minimum: int
    w: Words  # the words of the app that shows the view


def render_gap_view(
    analysis: Analysis, labels: dict[str, str], width: int, w: Words | None = None
) -> Text:
    """The whole gap view as text for a view ``width`` columns wide, in the words ``w``
    (English when None)."""
    w = w or ENGLISH
    width = max(40, width)
    groups: dict[str, GroupInfo] = analysis["groups"]
    name_width = max(len(g) for g in groups) if groups else 8
    number_width = 6  # " 100.0"
    layout = _Layout(
        name_width=name_width,
        bar_width=max(10, min(50, width - name_width - number_width - 4)),
        minimum=int(analysis["min_group_size"]),
        w=w,
    )
    out = Text()
    _append_summary(out, analysis, layout.minimum, w)
    compare = analysis.get("compare")
    for entry in _widest_first(analysis.get("constructs", [])):
        name = labels.get(entry["construct"]) or human(entry["construct"])
        # The same place for every theme, whatever the length of its name: the name on its
        # own line, the gap on the next, then one bar per group.
        out.append("\n")
        out.append(name[:width] + "\n", style="bold")
        out.append(f"  {w(gap_text(entry, compare))}\n")
        for gid, info in groups.items():
            _append_group_bar(out, gid, info, entry["groups"].get(gid), layout)
    for card in _scorecards(analysis):
        _append_scorecard(out, card, groups, width, w)
    return out


def _append_summary(out: Text, analysis: Analysis, minimum: int, w: Words) -> None:
    """The index, which pair the gaps compare, and how many each group submitted."""
    compare = analysis.get("compare")
    index = analysis.get("expectation_gap_index")
    if compare:
        pair = T_(texts.PAIR, first=compare[0], second=compare[1])
        if index is None:
            out.append(f"{w(texts.INDEX_WAITING)}\n", style="bold")
        else:
            out.append(w(T_(texts.INDEX_POINTS, index=f"{index:.1f}")), style="bold")
            out.append(f" {w(texts.INDEX_MEANING)}\n")
        out.append(f"{w(T_(texts.GAPS_ARE, pair=pair))}\n")
    counts = []
    for gid, info in analysis["groups"].items():
        shown = f"{gid} n={info['n']}"
        if info["suppressed"]:
            shown += f" ({w(waiting_text(int(info['n']), minimum))})"
        counts.append(shown)
    out.append(f"{w(T_(texts.SUBMITTED_COUNTS, counts=', '.join(counts)))}\n")


def _append_group_bar(
    out: Text, gid: str, info: GroupInfo, figures: ConstructFigures | None, layout: _Layout
) -> None:
    """One group's line under a construct: its bar and score, or why there is none."""
    out.append(f"  {gid:<{layout.name_width}} ")
    if figures is not None and figures.get("asked") is False:
        out.append(f"{layout.w(texts.NOT_ASKED)}\n", style="italic")
        return
    score = figures.get("score") if figures is not None else None
    if info["suppressed"] or figures is None or figures.get("suppressed") or score is None:
        if info["suppressed"]:
            waiting = waiting_text(int(info["n"]), layout.minimum)
            out.append(f"{layout.w(waiting)}\n", style="italic")
        else:
            too_few = T_(texts.TOO_FEW_TO_SHOW, minimum=layout.minimum)
            out.append(f"{layout.w(too_few)}\n", style="italic")
        return
    value = float(score)
    out.append(text_bar(value, layout.bar_width))
    out.append(f" {value:5.1f}\n", style="bold")


def _append_scorecard(
    out: Text, card: Scorecard, groups: dict[str, GroupInfo], width: int, w: Words
) -> None:
    """A workflow scorecard: the rows that help, then the ones that cause friction."""
    out.append("\n")
    title = w(T_(texts.SCORECARD_TITLE, label=card.get("label") or card["question"]))
    out.append(title[:width] + "\n", style="bold")
    rows = {row["key"]: row for row in card["rows"]}
    label_width = min(28, max((len(str(r["label"])) for r in card["rows"]), default=8))
    doer = card.get("experience_group") or ""
    for heading, keys in (
        (w(T_(texts.SCORECARD_HELPS, doer=doer)), card.get("helps", [])),
        (w(T_(texts.SCORECARD_FRICTION, doer=doer)), card.get("friction", [])),
    ):
        if not keys:
            continue
        out.append(f"  {heading}:\n")
        for key in keys:
            if key in rows:
                label = str(rows[key]["label"])[:label_width]
                out.append(f"    {label:<{label_width}}  {_row_scores(rows[key], groups, w)}\n")


def _scorecards(analysis: Analysis) -> list[Scorecard]:
    return list(analysis.get("scorecards") or [])


def _row_scores(row: ScorecardRow, groups: dict[str, GroupInfo], w: Words) -> str:
    # Per-group scores of shown groups only.
    shown = []
    for gid in groups:
        figures = row["groups"].get(gid)
        if groups[gid]["suppressed"]:
            continue
        score = figures.get("score") if figures is not None else None
        if figures is None or figures.get("suppressed") or score is None:
            shown.append(f"{gid} {w(texts.NOT_AVAILABLE)}")
        else:
            shown.append(f"{gid} {score:.0f}")
    return "  ".join(shown)


class GapView(Widget):
    """Renders the latest analysis; re-flows its bars to its own width."""

    DEFAULT_CSS = """
    GapView { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.analysis: Analysis | None = None
        self.labels: dict[str, str] = {}
        self.message: str = texts.NO_SUBMITTED_YET

    def show(self, analysis: Analysis | None, labels: dict[str, str], message: str) -> None:
        """Show ``analysis`` (or ``message`` when there is none yet)."""
        self.analysis = analysis
        self.labels = labels
        self.message = message
        self.refresh(layout=True)

    def render(self) -> Text:
        """The gap view as text (the message when there is no analysis)."""
        w = words_of(self)
        if self.analysis is None:
            return Text(w(self.message))
        return render_gap_view(self.analysis, self.labels, self.size.width or 80, w)
