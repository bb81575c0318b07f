"""The dashboard's counts: submitted and in-progress responses per group, last submit time."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from survey_tui.core.live import IN_PROGRESS_WINDOW, Tally
from survey_tui.frontends.tui.widgets.gap_view import waiting_text

WINDOW_MINUTES = round(IN_PROGRESS_WINDOW.total_seconds() / 60)


def render_counts(tally: Tally, minimum: int, since: str) -> Text:
    """A small table of counts; groups below ``minimum`` say how many more are needed."""
    name_width = max([len("group"), len("total"), *(len(g) for g in tally.groups)])
    out = Text()
    out.append(f"  {'group':<{name_width}}  submitted  in progress\n", style="bold")
    for gid, count in tally.groups.items():
        out.append(f"  {gid:<{name_width}}  {count.complete:>9}  {count.in_progress:>11}")
        if count.complete < minimum:
            out.append(f"  {waiting_text(count.complete, minimum)}", style="italic")
        out.append("\n")
    out.append(
        f"  {'total':<{name_width}}  {tally.complete:>9}  {tally.in_progress:>11}\n", style="bold"
    )
    out.append(f"\nLast submit: {since}\n")
    if tally.abandoned:
        out.append(
            f"({tally.abandoned} unfinished responses untouched for over {WINDOW_MINUTES} "
            "minutes are not counted as in progress)\n",
            style="italic",
        )
    if tally.other_versions:
        out.append(
            f"({tally.other_versions} responses to another version of the questionnaire "
            "are not counted)\n",
            style="italic",
        )
    return out


class CountsPanel(Widget):
    """Shows the latest :class:`Tally`."""

    DEFAULT_CSS = """
    CountsPanel { height: auto; }
    """

    def __init__(self, minimum: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.minimum = minimum
        self.tally: Tally | None = None
        self.since = "no submits yet"

    def show(self, tally: Tally, since: str) -> None:
        """Show ``tally``; ``since`` is the time since the last submit, in words."""
        self.tally = tally
        self.since = since
        self.refresh(layout=True)

    def render(self) -> Text:
        """The counts table (a short note before the first poll has answered)."""
        if self.tally is None:
            return Text("Reading the store...")
        return render_counts(self.tally, self.minimum, self.since)
