"""The dashboard's counts: submitted and in-progress responses per group, last submit time."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from survey_tui.core import texts
from survey_tui.core.i18n import Words
from survey_tui.core.live import IN_PROGRESS_WINDOW, Tally
from survey_tui.core.texts import T_
from survey_tui.frontends.tui.widgets.gap_view import waiting_text
from survey_tui.frontends.tui.words import words_of

WINDOW_MINUTES = round(IN_PROGRESS_WINDOW.total_seconds() / 60)


def render_counts(tally: Tally, minimum: int, since: str, w: Words) -> Text:
    """A small table of counts; groups below ``minimum`` say how many more are needed."""
    group, total = w(texts.COUNTS_GROUP), w(texts.COUNTS_TOTAL)
    submitted, in_progress = w(texts.COUNTS_SUBMITTED), w(texts.COUNTS_IN_PROGRESS)
    # Each column as wide as its head, in whichever language the heads are.
    name_width = max([len(group), len(total), *(len(g) for g in tally.groups)])
    done_width, open_width = len(submitted), len(in_progress)
    out = Text()
    out.append(f"  {group:<{name_width}}  {submitted}  {in_progress}\n", style="bold")
    for gid, count in tally.groups.items():
        out.append(
            f"  {gid:<{name_width}}  {count.complete:>{done_width}}  "
            f"{count.in_progress:>{open_width}}"
        )
        if count.complete < minimum:
            out.append(f"  {w(waiting_text(count.complete, minimum))}", style="italic")
        out.append("\n")
    out.append(
        f"  {total:<{name_width}}  {tally.complete:>{done_width}}  "
        f"{tally.in_progress:>{open_width}}\n",
        style="bold",
    )
    out.append(f"\n{w(T_(texts.LAST_SUBMIT, since=since))}\n")
    if tally.abandoned:
        note = texts.abandoned_note(tally.abandoned, WINDOW_MINUTES)
        out.append(f"{w(note)}\n", style="italic")
    if tally.other_versions:
        out.append(f"{w(texts.other_versions_note(tally.other_versions))}\n", style="italic")
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
        self.since = ""

    def show(self, tally: Tally, since: str) -> None:
        """Show ``tally``; ``since`` is the time since the last submit, in words."""
        self.tally = tally
        self.since = since
        self.refresh(layout=True)

    def render(self) -> Text:
        """The counts table (a short note before the first poll has answered)."""
        w, tally = words_of(self), self.tally
        if tally is None:
            return Text(w(texts.READING_STORE))
        return render_counts(tally, self.minimum, self.since, w)
