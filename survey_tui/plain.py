"""``survey-tui run --plain``: the questionnaire as line-by-line prompts on stdin/stdout.

For screen-reader users (Textual has no screen-reader support) and for scripts: no
full-screen app, no colour, every choice numbered, the same validation, conditions and
autosave as the TUI (both drive :class:`survey_tui.core.session.Session`).
Typing ``<`` goes back one question; an empty line skips an optional question; a line of a
multi-line answer that ends with a backslash goes on on the next line. Long lines are wrapped at
word boundaries to the terminal's width.
In an interview guide (``mode: interview``) the probes are listed and, after each question
that is not itself free text, a note may be typed (an empty line: no note).
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable
from typing import Any, TextIO

from survey_tui.core import flow, texts
from survey_tui.core.answers import AnswerError, check_answer, format_answer, parse_answer
from survey_tui.core.errors import SurveyError
from survey_tui.core.model import (
    AnyQuestion,
    LikertQuestion,
    MatrixQuestion,
    MultiChoiceQuestion,
    NpsQuestion,
    NumberQuestion,
    Questionnaire,
    SingleChoiceQuestion,
    TextQuestion,
)
from survey_tui.core.session import Session, Stopwatch, Store, length_summary, wait_for_resumable
from survey_tui.core.textsafety import escape_for_terminal

BACK = "<"
#: Ending a line of a multi-line text answer with this goes on to a new line.
MORE = "\\"


class InputEnded(SurveyError):
    """Standard input ended before the survey was finished."""


class PlainRunner:
    """Asks every visible question in turn and stores the response."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        store: Store,
        *,
        group: str | None,
        wave: str,
        stdin: TextIO,
        stdout: TextIO,
    ) -> None:
        self.q = questionnaire
        self.store = store
        self.group = group
        self.wave = wave
        self.stdin = stdin
        self.stdout = stdout
        self.resume_key: str | None = None
        self.interview = questionnaire.mode == "interview"
        self.session: Session | None = None  # once the respondent has started answering
        self.test = False  # a rehearsal (run --test): marked, left out of every analysis
        self.width = max(40, shutil.get_terminal_size((80, 24)).columns)

    # --- io ----------------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        # Answers read back (review, resume, notes) may hold what a terminal would obey.
        lines = [wrapped for line in text.split("\n") for wrapped in self._wrap(line)]
        self.stdout.write(escape_for_terminal("\n".join(lines)) + "\n")
        self.stdout.flush()

    def _wrap(self, line: str) -> list[str]:
        """One line cut at word boundaries to the width; continuation lines hang under the
        text of a bullet or a numbered choice."""
        if len(line) < self.width:
            return [line]
        lead = re.match(r"\s*(?:[-•]\s+|\d+\.\s+)?", line)
        hang = " " * (lead.end() if lead else 0)
        return textwrap.wrap(
            line,
            self.width - 1,
            subsequent_indent=hang,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [line]

    def ask(self, prompt: str) -> str:
        self.stdout.write(escape_for_terminal(prompt))
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise InputEnded("Input ended before the survey was finished.")
        return line.rstrip("\n")

    # --- flow --------------------------------------------------------------------------
    def run(self) -> dict[str, Any] | None:
        """The whole pass; returns the stored record, or None when consent was declined.

        Ctrl+C saves what was answered, says so and how to carry on, then raises
        KeyboardInterrupt again for the command to end.
        """
        try:
            return self._run()
        except KeyboardInterrupt:
            session = self.session
            self.say()
            if session is not None and session.record is not None and not session.submitted:
                session.save()
                self.say(texts.SAVED_ON_LEAVING)
            else:
                self.say(texts.NOTHING_SAVED_ON_LEAVING)
            raise

    def _run(self) -> dict[str, Any] | None:
        q = self.q
        self.say(q.title)
        self.say("=" * len(q.title))
        if q.description:
            self.say(readable(q.description))
        self.say(length_summary(q, self.group).capitalize())
        self.say("Type the number of your answer and press Enter. Type < to go back.")
        if self.interview:
            self.say("After each rated or chosen question you can type a note (Enter: none).")
        if self.test:
            self.say(texts.PRACTICE)
        earlier = wait_for_resumable(q, self.store, self.resume_key, self.group, test=self.test)
        if earlier is not None:
            count = texts.answers_count(len(earlier.get("answers") or {}))
            self.say()
            if self._yes(f"You have an unfinished response ({count}). Resume it? (yes/no) "):
                session = Session.resumed(q, self.store, earlier)
                return self._finish(session, session.resume_point())
        if q.consent:
            self.say()
            self.say(readable(q.consent))
            who = "Does the interviewee" if self.interview else "Do you"
            if not self._yes(f"{who} agree to take part? (yes/no): "):
                self.say("You did not agree; nothing was recorded.")
                return None
        only = q.group_ids[0] if len(q.group_ids) == 1 else None
        group = self.group or only or self._choose_group()
        session = Session(
            q,
            self.store,
            group=group,
            wave=self.wave,
            mode="interview" if self.interview else "run",
            resume_key=self.resume_key,
            test=self.test,
        )
        session.begin()
        return self._finish(session, session.first())

    def _finish(self, session: Session, start: AnyQuestion | None) -> dict[str, Any] | None:
        """Questions from ``start`` on, the review, then submit (or save on end of input)."""
        self.session = session
        try:
            if start is not None:
                self._answer_all(session, start)
            while True:
                target = self._review(session)
                if target is None:
                    break
                self._answer_all(session, start=target, from_review=True)
        except InputEnded:
            session.save()
            self.say()
            self.say("Input ended; your answers so far are saved as an unfinished response.")
            return session.record
        record = session.submit()
        what = "The interview" if self.interview else "Your response"
        self.say(f"Thank you! {what} has been recorded.")
        return record

    def _yes(self, prompt: str) -> bool:
        while True:
            answer = self.ask(prompt).strip().casefold()
            if answer in ("y", "yes"):
                return True
            if answer in ("n", "no"):
                return False
            self.say("Please type yes or no.")

    def _choose_group(self) -> str:
        self.say()
        self.say(texts.INTERVIEW_GROUP_PROMPT if self.interview else texts.GROUP_PROMPT)
        for index, group in enumerate(self.q.groups, 1):
            about = f": {' '.join(group.description.split())}" if group.description else ""
            self.say(f"  {index}. {group.label}{about}")
        while True:
            text = self.ask("Your choice: ").strip()
            if text.isdigit() and 1 <= int(text) <= len(self.q.groups):
                return self.q.groups[int(text) - 1].id
            if text in self.q.group_ids:
                return text
            self.say(f"Type a number from 1 to {len(self.q.groups)}.")

    def _answer_all(
        self, session: Session, start: AnyQuestion | None = None, *, from_review: bool = False
    ) -> None:
        """Question after question from ``start``; from the review, only what changing an
        answer needs (``flow.after_edit``), then back to the review."""
        question = start or session.first()
        while question is not None:
            went_back = self._answer(session, question)
            if went_back:
                question = session.previous_before(question.id) or question
            elif from_review:
                question = flow.after_edit(session)
            else:
                question = session.next_after(question.id)

    def _answer(self, session: Session, question: AnyQuestion) -> bool:
        """Ask one question until it gets an acceptable answer; True if the user went back."""
        section = self.q.section_of(question.id)
        self.say()
        heading = flow.progress_text(session, question.id)
        self.say(heading + (f" - {section.title}" if section else ""))
        page = flow.page_of(session, question.id)
        intro = flow.section_intro(session, page) if page is not None else None
        if intro:
            self.say(readable(intro))
        self.say(question.text_for(session.group))
        if question.help:
            self.say(readable(question.help))
        self._describe(question, session.answers.get(question.id))
        stopwatch = Stopwatch()
        while True:
            if isinstance(question, MatrixQuestion):
                value: Any = self._ask_matrix(question, session)
                if value is BACK:
                    return True
            else:
                text = self._ask_text(question)
                if text.strip() == BACK:
                    return True
                if not text.strip() and question.id in session.answers:
                    value = session.answers[question.id]  # Enter keeps the earlier answer
                else:
                    try:
                        value = parse_answer(question, text, self.q.scale_of(question))
                    except AnswerError as error:
                        self.say(f"Error: {error.message}")
                        continue
            problem = check_answer(self.q, question, value)
            if problem is not None:
                self.say(f"Error: {problem}")
                continue
            session.record_answer(question.id, value, stopwatch.lap())
            if self.interview and not isinstance(question, TextQuestion):
                return self._note(session, question)
            return False

    def _ask_text(self, question: AnyQuestion) -> str:
        """One answer; a multi-line text goes on while its lines end with a backslash."""
        text = self.ask("> ")
        if isinstance(question, TextQuestion) and question.multiline:
            while text.endswith(MORE):
                text = text[: -len(MORE)] + "\n" + self.ask("  ")
        return text

    def _note(self, session: Session, question: AnyQuestion) -> bool:
        """The interviewer's note after an answer; True if they typed < to go back."""
        earlier = session.notes.get(question.id)
        if earlier:
            self.say(f"  Current note: {earlier} (Enter keeps it)")
        text = self.ask("Note (Enter: none): ")
        if text.strip() == BACK:
            return True
        if text.strip():
            session.set_note(question.id, text)
        return False

    def _ask_matrix(self, question: MatrixQuestion, session: Session) -> Any:
        scale = self.q.scale_of(question)
        assert scale is not None
        earlier = session.answers.get(question.id) or {}
        result: dict[str, int | str] = {}
        unsure = f", {_dont_know(scale.dont_know)}" if scale.dont_know else ""
        for row in question.rows:
            while True:
                text = self.ask(f"  {row.label} ({scale.min}-{scale.max}{unsure}): ").strip()
                if text == BACK:
                    return BACK
                if not text:
                    if row.id in earlier:
                        result[row.id] = earlier[row.id]
                    break
                try:
                    result[row.id] = parse_answer(question, f"{row.id}={text}", scale)[row.id]
                    break
                except AnswerError as error:
                    self.say(f"Error: {error.message}")
        return result

    def _describe(self, question: AnyQuestion, earlier: Any) -> None:
        """The choices, spelled out (no colour or position-only cues)."""
        say: Callable[[str], None] = self.say
        if isinstance(question, LikertQuestion | NpsQuestion | MatrixQuestion):
            scale = self.q.scale_of(question)
            assert scale is not None
            for value in scale.values:
                label = scale.label_for(value)
                if label:
                    say(f"  {value}. {label}")
            if isinstance(question, NpsQuestion) or not scale.labels or scale.labels_ends_only:
                say(f"  Type a number from {scale.min} to {scale.max}.")
            if scale.dont_know:
                say(f"  {_dont_know(scale.dont_know)}")
        elif isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
            for index, option in enumerate(question.options, 1):
                say(f"  {index}. {option.label}")
            if isinstance(question, MultiChoiceQuestion):
                say("  Type one or more numbers separated by commas.")
                if question.other:
                    say("  Or add your own answer (Other) after the numbers, e.g. 1, 3, Pairing.")
                    say(f"  {texts.OTHER_RULE}")
            elif question.other:
                say("  Or type your own answer (Other).")
        elif isinstance(question, NumberQuestion):
            say("  Type a " + ("whole " if question.integer else "") + "number" + _range(question))
            if question.dont_know:
                say(f"  {_dont_know(question.dont_know)}")
        elif isinstance(question, TextQuestion):
            say(f"  Type your answer (up to {question.max_length} characters).")
            if question.multiline:
                say(f"  End a line with {MORE} to go on on a new line.")
        if self.interview and question.probes:
            say("  Probes (for the interviewer, ask as needed):")
            for probe in question.probes:
                say(f"  - {probe}")
        if not question.is_required:
            say("  (Optional: press Enter to skip.)")
        if earlier is not None:
            say(f"  Current answer: {format_answer(self.q, question, earlier)} (Enter keeps it)")

    def _review(self, session: Session) -> AnyQuestion | None:
        """List every visible answer; the question to change, or None to submit."""
        items = flow.review_items(session)
        visible = [item.question for item in items]
        self.say()
        self.say(texts.REVIEW_TITLE)
        for item in items:
            self.say(f"  {item.number}. {item.text}")
            self.say(f"     {item.answer}")
        while True:
            text = self.ask("Press Enter to submit, or type a number to change that answer: ")
            text = text.strip()
            if not text or text.casefold() in ("y", "yes", "submit"):
                problem = flow.first_problem(session)
                if problem is not None:
                    number = visible.index(problem[0]) + 1
                    self.say(f"Question {number} still needs an answer.")
                    return problem[0]
                return None
            if text.isdigit() and 1 <= int(text) <= len(visible):
                return visible[int(text) - 1]
            self.say(f"Type a number from 1 to {len(visible)}, or press Enter.")


def _dont_know(label: str) -> str:
    """How to choose "don't know" (``parse_answer`` reads ``?``, ``dont_know`` or the label)."""
    return f"? = {label}"


def _range(question: NumberQuestion) -> str:
    unit = f" {question.unit}" if question.unit else ""
    if question.min is not None and question.max is not None:
        return f" from {question.min:g} to {question.max:g}{unit}."
    return f"{unit}."


def readable(markdown: str) -> str:
    """Authored Markdown as plain text for a screen reader: no emphasis marks or heading
    hashes read aloud, links as "text (address)", list bullets kept as "-"."""
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1 (\2)", markdown.strip())
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])", r"\2", text)
    text = re.sub(r"(?m)^#{1,6}\s+", "", text)
    text = re.sub(r"(?m)^(\s*)[*+]\s+", r"\1- ", text)
    return re.sub(r"`([^`]+)`", r"\1", text)
