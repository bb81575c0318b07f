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
from typing import Any, TextIO

from survey_tui.core import flow, texts
from survey_tui.core import model as qm
from survey_tui.core.answer_rules import count_rule, number_rule_of
from survey_tui.core.answer_text import format_answer
from survey_tui.core.answers import AnswerError, check_answer, parse_answer
from survey_tui.core.errors import SurveyError
from survey_tui.core.i18n import Words, in_each, words
from survey_tui.core.record import Record
from survey_tui.core.resume import ResumeSearch
from survey_tui.core.session import Session, Stopwatch, Store, length_summary
from survey_tui.core.texts import T_
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
        questionnaire: qm.Questionnaire,
        store: Store,
        *,
        group: str | None,
        wave: str,
        stdin: TextIO,
        stdout: TextIO,
        language: str | None = None,
    ) -> None:
        # The file as loaded (every language); ``q`` is it in the respondent's language.
        self.source = questionnaire
        self.q = questionnaire
        self.language_fixed = language is not None
        self.language: str | None = None
        self.w: Words = words(None)
        self._set_language(language or questionnaire.default_language)
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

    def _set_language(self, language: str | None) -> None:
        if language is not None and self.source.languages:
            self.q = self.source.in_language(language)
        self.language = language if self.source.languages else None
        self.w = words(language)

    # --- io ----------------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        """Print ``text`` (a product message in the respondent's language)."""
        text = self.w(text)
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
        self.stdout.write(escape_for_terminal(self.w(prompt)))
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise InputEnded(self.w(texts.PLAIN_ENDED_EARLY))
        return line.rstrip("\n")

    # --- flow --------------------------------------------------------------------------
    def run(self) -> Record | None:
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

    def _run(self) -> Record | None:
        self._choose_language()
        q = self.q
        self.say(q.title)
        self.say("=" * len(q.title))
        if q.description:
            self.say(readable(q.description))
        self.say(length_summary(q, self.group))
        self.say(texts.PLAIN_HOW)
        if self.interview:
            self.say(texts.PLAIN_NOTES)
        if self.test:
            self.say(texts.PRACTICE)
        earlier = ResumeSearch(q, self.store, self.resume_key, self.group, self.test).wait()
        if earlier is not None:
            count = texts.answers_count(len(earlier.get("answers") or {}))
            self.say()
            if self._yes(T_(texts.PLAIN_RESUME, count=count)):
                if earlier.get("language") and self.source.languages:
                    self._set_language(str(earlier["language"]))
                session = Session.resumed(self.q, self.store, earlier)
                return self._finish(session, session.resume_point())
        if q.consent:
            self.say()
            self.say(readable(q.consent))
            agree = texts.PLAIN_INTERVIEW_AGREE if self.interview else texts.PLAIN_AGREE
            if not self._yes(agree):
                self.say(texts.PLAIN_DECLINED)
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
            language=self.language,
        )
        session.begin()
        return self._finish(session, session.first())

    def _finish(self, session: Session, start: qm.AnyQuestion | None) -> Record | None:
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
            self.say(texts.PLAIN_INPUT_ENDED)
            return session.record
        record = session.submit()
        what = texts.THE_INTERVIEW if self.interview else texts.YOUR_RESPONSE
        self.say(T_(texts.PLAIN_THANKS, what=what))
        return record

    def _yes(self, prompt: str) -> bool:
        yes, no = self.w.words_for_yes_no()
        while True:
            answer = self.ask(prompt).strip().casefold()
            if answer in yes:
                return True
            if answer in no:
                return False
            self.say(texts.PLAIN_YES_NO)

    def _choose_language(self) -> None:
        """The declared languages, each in its own name, when there is a choice to make."""
        if self.language_fixed or len(self.source.languages) < 2:
            return
        names = self.source.language_names()
        tags = list(names)
        self.say(" · ".join(f"{i}. {name}" for i, name in enumerate(names.values(), 1)))
        default = names.get(str(self.language), tags[0])
        # Asked before the respondent has a language: in every declared one.
        prompt = in_each(T_(texts.PLAIN_LANGUAGES, language=default), tags, "\n")
        while True:
            text = self.ask(prompt + " ").strip()
            if not text:
                return
            if text.isdigit() and 1 <= int(text) <= len(tags):
                self._set_language(tags[int(text) - 1])
                self.say()
                return
            self.say(T_(texts.PLAIN_NUMBER_FROM, low=1, high=len(tags)))

    def _choose_group(self) -> str:
        self.say()
        self.say(texts.INTERVIEW_GROUP_PROMPT if self.interview else texts.GROUP_PROMPT)
        for index, group in enumerate(self.q.groups, 1):
            about = f": {' '.join(group.description.split())}" if group.description else ""
            self.say(f"  {index}. {group.label}{about}")
        while True:
            text = self.ask(texts.PLAIN_CHOICE).strip()
            if text.isdigit() and 1 <= int(text) <= len(self.q.groups):
                return self.q.groups[int(text) - 1].id
            if text in self.q.group_ids:
                return text
            self.say(T_(texts.PLAIN_NUMBER_FROM, low=1, high=len(self.q.groups)))

    def _answer_all(
        self, session: Session, start: qm.AnyQuestion | None = None, *, from_review: bool = False
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

    def _answer(self, session: Session, question: qm.AnyQuestion) -> bool:
        """Ask one question until it gets an acceptable answer; True if the user went back."""
        h = flow.heading(session, question)
        self.say()
        self.say(self.w(h.position) + (f" - {h.section}" if h.section else ""))
        if h.intro:
            self.say(readable(h.intro))
        self.say(h.text)
        if h.help:
            self.say(readable(h.help))
        self._describe(question, session.answers.get(question.id))
        stopwatch = Stopwatch()
        while True:
            if isinstance(question, qm.MatrixQuestion):
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
                        self.say(T_(texts.PLAIN_ERROR, message=error.message))
                        continue
            problem = check_answer(self.q, question, value)
            if problem is not None:
                self.say(T_(texts.PLAIN_ERROR, message=problem))
                continue
            session.record_answer(question.id, value, stopwatch.lap())
            if self.interview and not isinstance(question, qm.TextQuestion):
                return self._note(session, question)
            return False

    def _ask_text(self, question: qm.AnyQuestion) -> str:
        """One answer; a multi-line text goes on while its lines end with a backslash."""
        text = self.ask("> ")
        if isinstance(question, qm.TextQuestion) and question.multiline:
            while text.endswith(MORE):
                text = text[: -len(MORE)] + "\n" + self.ask("  ")
        return text

    def _note(self, session: Session, question: qm.AnyQuestion) -> bool:
        """The interviewer's note after an answer; True if they typed < to go back."""
        earlier = session.notes.get(question.id)
        if earlier:
            self.say("  " + self.w(T_(texts.PLAIN_CURRENT_NOTE, note=earlier)))
        text = self.ask(texts.PLAIN_NOTE_PROMPT)
        if text.strip() == BACK:
            return True
        if text.strip():
            session.set_note(question.id, text)
        return False

    def _ask_matrix(self, question: qm.MatrixQuestion, session: Session) -> Any:
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
                    self.say(T_(texts.PLAIN_ERROR, message=error.message))
        return result

    def _describe(self, question: qm.AnyQuestion, earlier: Any) -> None:
        """The choices, spelled out (no colour or position-only cues)."""
        w = self.w

        def say(text: str) -> None:
            self.say("  " + w(text))

        if isinstance(question, qm.LikertQuestion | qm.NpsQuestion | qm.MatrixQuestion):
            scale = self.q.scale_of(question)
            assert scale is not None
            for value in scale.values:
                label = scale.label_for(value)
                if label:
                    say(f"{value}. {label}")
            if isinstance(question, qm.NpsQuestion) or not scale.labels or scale.labels_ends_only:
                say(T_(texts.PLAIN_NUMBER_FROM, low=scale.min, high=scale.max))
            if scale.dont_know:
                say(_dont_know(scale.dont_know))
        elif isinstance(question, qm.SingleChoiceQuestion | qm.MultiChoiceQuestion):
            for index, option in enumerate(question.options, 1):
                say(f"{index}. {option.label}")
            if isinstance(question, qm.MultiChoiceQuestion):
                say(texts.PLAIN_SEVERAL)
                rule = count_rule(question)
                if rule is not None:
                    say(rule)
                if question.other:
                    say(texts.PLAIN_OTHER_AFTER)
                    say(texts.OTHER_RULE)
            elif question.other:
                say(texts.PLAIN_OTHER)
        elif isinstance(question, qm.NumberQuestion):
            say(number_rule_of(question))
            if question.dont_know:
                say(_dont_know(question.dont_know))
        elif isinstance(question, qm.TextQuestion):
            say(T_(texts.PLAIN_TYPE_TEXT, limit=question.max_length))
            if question.multiline:
                say(T_(texts.PLAIN_MORE_LINES, more=MORE))
        if self.interview and question.probes:
            say(texts.PLAIN_PROBES)
            for probe in question.probes:
                say(f"- {probe}")
        if not question.is_required:
            say(texts.PLAIN_OPTIONAL)
        if earlier is not None:
            say(T_(texts.PLAIN_CURRENT, answer=format_answer(self.q, question, earlier)))

    def _review(self, session: Session) -> qm.AnyQuestion | None:
        """List every visible answer; the question to change, or None to submit."""
        items = flow.review_items(session)
        visible = [item.question for item in items]
        self.say()
        self.say(texts.REVIEW_TITLE)
        for item in items:
            self.say(f"  {item.number}. {item.text}")
            self.say(f"     {self.w(item.answer)}")
        submit = set(self.w(texts.PLAIN_SUBMIT_WORDS).casefold().split()) | {"y", "yes", "submit"}
        while True:
            text = self.ask(texts.PLAIN_SUBMIT)
            text = text.strip()
            if not text or text.casefold() in submit:
                problem = flow.first_problem(session)
                if problem is not None:
                    number = visible.index(problem[0]) + 1
                    self.say(T_(texts.PLAIN_STILL_NEEDED, number=number))
                    return problem[0]
                return None
            if text.isdigit() and 1 <= int(text) <= len(visible):
                return visible[int(text) - 1]
            self.say(T_(texts.PLAIN_CHANGE_WHICH, count=len(visible)))


def _dont_know(label: str) -> str:
    """How to choose "don't know" (``parse_answer`` reads ``?``, ``dont_know`` or the label)."""
    return f"? = {label}"


def readable(markdown: str) -> str:
    """Authored Markdown as plain text for a screen reader: no emphasis marks or heading
    hashes read aloud, links as "text (address)", list bullets kept as "-"."""
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1 (\2)", markdown.strip())
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])", r"\2", text)
    text = re.sub(r"(?m)^#{1,6}\s+", "", text)
    text = re.sub(r"(?m)^(\s*)[*+]\s+", r"\1- ", text)
    return re.sub(r"`([^`]+)`", r"\1", text)
