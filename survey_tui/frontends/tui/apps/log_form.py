"""The feedback log's one-screen form (``survey-tui log QUESTIONNAIRE`` in a terminal).

Keyboard first: Tab moves between the fields, a list opens with Enter and jumps to what is
typed, Enter in the last field (or Ctrl+S) saves, Esc leaves without logging. The group,
workflow and tool start at this device's last choices. What the form collects is checked by
``core.feedback.entries.check_draft``, like every other way in; the app returns the entry (the
command stores it) or None.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, RadioButton, RadioSet, Select, Static

from survey_tui.core import texts
from survey_tui.core.feedback.entries import (
    NOTE_MAX,
    OTHER_MAX,
    Draft,
    Entry,
    check_draft,
    find_choice,
    log_of,
)
from survey_tui.core.i18n import words
from survey_tui.core.model import OTHER_TOOL, Questionnaire
from survey_tui.core.texts import T_
from survey_tui.core.textsafety import strip_controls
from survey_tui.frontends.tui.widgets.footer import QuietFooter

_PROMPTS = {
    "group": texts.LOG_CHOOSE_GROUP,
    "workflow": texts.LOG_CHOOSE_WORKFLOW,
    "tool": texts.LOG_CHOOSE_TOOL,
}


def _initial(given: str | None, remembered: str | None, choices: list[tuple[str, str]]) -> Any:
    """The id a list starts at: what the command line gave, else the last choice, else none."""
    for candidate in (given, remembered):
        if candidate:
            found, _ = find_choice(candidate, choices, "value")
            if found is not None:
                return found
    return Select.NULL


class LogFormApp(App[Entry | None]):
    """Group (when there is a choice), workflow, tool, outcome, minutes, note, date."""

    TITLE = "survey-tui log"
    CSS = """
    #form { padding: 0 2; }
    #form Label { text-style: bold; }
    #form Select, #form Input, #form RadioSet { margin-left: 4; width: 1fr; max-width: 72; }
    #form .hint { color: $text-muted; }
    #other-tool { display: none; }
    #other-tool.-shown { display: block; }
    #errors { color: $error; text-style: bold; margin-top: 1; }
    RadioSet { width: 100%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", texts.LOG_SAVE_KEY),
        Binding("escape", "cancel", texts.LOG_LEAVE_KEY),
    ]

    def __init__(
        self,
        questionnaire: Questionnaire,
        draft: Draft | None = None,
        *,
        contributor: str,
        last: dict[str, str] | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.q = questionnaire
        self.feedback = log_of(questionnaire)
        self.draft = draft or Draft()
        self.contributor = contributor
        self.last = last or {}
        self.today = today or date.today()
        self.sub_title = questionnaire.title
        # The form speaks the questionnaire copy's language, like its workflows and outcomes.
        self.words = words(questionnaire.language)
        self._labels: dict[str, str] = {}

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste):
            # Textual draws pasted ESC and C1 as they are: cleaned before any field gets them.
            event.text = strip_controls(event.text)
        await super().on_event(event)

    def compose(self) -> ComposeResult:
        d = self.draft
        with VerticalScroll(id="form"):
            w = self.words
            yield Static(Text(f"{w(texts.LOG_TITLE)}: {self.q.title}"), classes="title")
            if len(self.q.group_ids) > 1:
                groups = [(g.id, g.label) for g in self.q.groups]
                chosen = _initial(d.group, self.last.get("group"), groups)
                yield from self._select("group", w(texts.LOG_GROUP), groups, chosen)
            workflows = [(w.id, w.label) for w in self.q.log_workflows()]
            chosen = _initial(d.workflow, self.last.get("workflow"), workflows)
            yield from self._select("workflow", w(texts.LOG_WORKFLOW), workflows, chosen)
            tools = [(t.value, t.label) for t in self.feedback.tools]
            other = bool(d.tool) and d.other and _initial(d.tool, None, tools) is Select.NULL
            chosen = OTHER_TOOL if other else _initial(d.tool, self.last.get("tool"), tools)
            yield from self._select(
                "tool", w(texts.LOG_TOOL), [*tools, (OTHER_TOOL, w(texts.LOG_OTHER_LABEL))], chosen
            )
            yield Input(
                d.tool if other else "",
                placeholder=w(texts.LOG_WHICH_TOOL),
                max_length=OTHER_MAX,
                id="other-tool",
                classes="-shown" if other else "",
                compact=True,
            )
            yield self._label("outcome", w(texts.LOG_OUTCOME))
            chosen = _initial(d.outcome, None, [(o.value, o.label) for o in self.feedback.outcomes])
            with RadioSet(id="outcome", compact=True):
                for o in self.feedback.outcomes:
                    yield RadioButton(Text(o.label), value=o.value == chosen, name=o.value)
            yield self._label("minutes", w(texts.LOG_MINUTES))
            yield Input(
                str(d.minutes) if d.minutes is not None else "",
                type="integer",
                placeholder=w(T_(texts.LOG_MINUTES_RANGE, limit=self.feedback.max_minutes)),
                id="minutes",
                compact=True,
            )
            yield self._label("note", w(T_(texts.LOG_NOTE_UP_TO, limit=NOTE_MAX)))
            yield Input(d.note or "", max_length=NOTE_MAX, id="note", compact=True)
            yield self._label("date", w(texts.LOG_DATE))
            yield Input(d.date or self.today.isoformat(), max_length=10, id="date", compact=True)
            yield Static(w(texts.LOG_KEYS), classes="hint")
            yield Static("", id="errors", markup=False)
        yield QuietFooter()

    def _select(
        self, field: str, label: str, options: list[tuple[str, str]], chosen: Any
    ) -> ComposeResult:
        """A labelled drop-down of ``options`` ((value, label) pairs) with ``chosen`` set."""
        yield self._label(field, label)
        yield Select(
            [(Text(text), value) for value, text in options],
            value=chosen,
            prompt=self.words(_PROMPTS[field]),
            id=field,
            compact=True,
        )

    def _label(self, field: str, text: str) -> Label:
        self._labels[field] = text
        return Label(Text(f"  {text}"), id=f"label-{field}")

    @on(events.DescendantFocus)
    def _mark_focused(self, event: events.DescendantFocus) -> None:
        """A marker before the focused field's label: where the keyboard is, even without
        colour (a monochrome terminal, a screen reader reading the text)."""
        field = {"other-tool": "tool"}.get(event.widget.id or "", event.widget.id or "")
        for name, text in self._labels.items():
            marker = "▸ " if name == field else "  "
            self.query_one(f"#label-{name}", Label).update(Text(marker + text))

    def on_mount(self) -> None:
        # Start at the first field without a value: a repeat entry goes straight to outcome.
        for widget in self.query("#form Select, #form RadioSet, #form Input"):
            empty = (
                (isinstance(widget, Select) and widget.value is Select.NULL)
                or (isinstance(widget, RadioSet) and widget.pressed_index < 0)
                or (isinstance(widget, Input) and widget.id == "minutes" and not widget.value)
            )
            if empty:
                widget.focus()
                return
        self.query_one("#minutes", Input).focus()

    @on(Select.Changed, "#tool")
    def _tool_changed(self, event: Select.Changed) -> None:
        field = self.query_one("#other-tool", Input)
        field.set_class(event.value == OTHER_TOOL, "-shown")
        if event.value == OTHER_TOOL:
            field.focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def collected(self) -> Draft:
        """What the form holds now, as a draft for ``check_draft``."""

        def chosen(selector: str) -> str | None:
            found = self.query(selector)
            if not found:
                return None
            value = found.first(Select).value
            return None if value is Select.NULL else str(value)

        tool = chosen("#tool")
        other = tool == OTHER_TOOL
        if other:
            tool = self.query_one("#other-tool", Input).value
        pressed = self.query_one("#outcome", RadioSet).pressed_button
        return Draft(
            group=chosen("#group"),
            workflow=chosen("#workflow"),
            tool=tool,
            outcome=pressed.name if pressed is not None else None,
            minutes=self.query_one("#minutes", Input).value,
            note=self.query_one("#note", Input).value,
            date=self.query_one("#date", Input).value,
            other=other,
        )

    def action_save(self) -> None:
        entry, problems = check_draft(
            self.q, self.collected(), contributor=self.contributor, today=self.today
        )
        if entry is not None:
            self.exit(entry)
            return
        self.query_one("#errors", Static).update(
            "\n".join(f"{name.capitalize()}: {self.words(message)}" for name, message in problems)
        )
        first = problems[0][0]
        target = {"tool": "#tool", "note": "#note"}.get(first, f"#{first}")
        found = self.query(target)
        if found:
            found.first().focus()

    def action_cancel(self) -> None:
        self.exit(None)
