"""The words the product itself shows, in one place: to respondents (TUI, ``--plain``, web
form) and to the facilitator (the home picker, the dashboard, the report preview).

Each constant is a message id of the gettext catalogs in ``survey_tui/locale`` (English is
the source language: the ids are the English texts). A constant is a :class:`Text`, a ``str``
that reads as English and remembers its id, so core code can hand it on as it is and a front
end shows it in the respondent's language with :class:`survey_tui.core.i18n.Words`.
Messages with values are made with :func:`T_` / :func:`Tn_` where they are needed (the
reasons an answer is refused are in :mod:`survey_tui.core.answers`). Babel's extractor finds
every message by the markers ``N_``, ``T_`` and ``Tn_`` (docs/front-ends.md, Languages).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Text(str):
    """A product message: its English text, plus what a translation needs (the message id,
    the plural form and count, the values of its ``{placeholders}``)."""

    msgid: str
    plural: str | None
    n: int | None  # the count a plural message depends on
    values: Mapping[str, Any] | None

    def __new__(
        cls,
        msgid: str,
        *,
        plural: str | None = None,
        count: int | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> Text:
        english = plural if plural is not None and count != 1 else msgid
        if values is not None:
            english = english.format(**values)
        made = super().__new__(cls, english)
        made.msgid, made.plural, made.n, made.values = msgid, plural, count, values
        return made


def N_(msgid: str) -> Text:
    """Mark a message for the catalogs (no values)."""
    return Text(msgid)


def T_(msgid: str, /, **values: Any) -> Text:
    """A message with the values of its ``{placeholders}`` (values may be Texts too)."""
    return Text(msgid, values=values)


def Tn_(singular: str, plural: str, count: int, /, **values: Any) -> Text:
    """A message that depends on a count ("1 answer", "3 answers"); ``count`` is a value too."""
    return Text(singular, plural=plural, count=count, values={"count": count, **values})


def join(*parts: str) -> str:
    """Hint parts on one line: "↑↓ or a digit to choose · Enter: next"."""
    return " · ".join(part for part in parts if part)


# --- buttons ---------------------------------------------------------------------------
START = N_("Start")
NEXT = N_("Next")
BACK = N_("Back")
SUBMIT = N_("Submit")
CHANGE = N_("Change")
START_OVER = N_("Start over")
NEXT_RESPONDENT = N_("Next respondent")
RESUME = N_("Resume")
CLOSE = N_("Close")
AGREE = N_("Agree")
BACK_TO_LIST = N_("Back to the list")
LIGHT_DARK = N_("Light/dark")
TOGGLE = N_("Toggle")  # a multiple-choice option, with Space
PALETTE = N_("palette")  # Textual's command palette key in the footer
# Key names as the footer shows them (Textual's own short names), by that name.
KEY_NAMES = {
    "pgup": N_("pgup"),
    "pgdn": N_("pgdn"),
    "enter": N_("enter"),
    "space": N_("space"),
}

# --- welcome ---------------------------------------------------------------------------
CONSENT_AGREE = N_("I agree to take part")
# An interview guide's welcome is read by the interviewer, about the interviewee.
INTERVIEW_CONSENT_AGREE = N_("The interviewee agrees to take part")
INTERVIEW_GROUP_PROMPT = N_("Which group is the interviewee in?")
CONSENT_NEEDED = N_("Please tick 'I agree' to take part.")
GROUP_PROMPT = N_("Which of these describes you best?")
GROUP_NEEDED = N_("Please choose the group that describes you.")
LANGUAGE_PROMPT = N_("Language")


def length_text(count: int, minutes: float, up_to: bool) -> Text:
    """ "7 questions, about 2 minutes." with "Up to" when conditions may ask fewer."""
    questions = Tn_("{count} question", "{count} questions", count)
    about = Tn_(
        "about {minutes} minute",
        "about {minutes} minutes",
        1 if minutes == 1 else 2,
        minutes=f"{minutes:g}",
    )
    if up_to:
        return T_("up to {questions}, {about}.", questions=questions, about=about)
    return T_("{questions}, {about}.", questions=questions, about=about)


# --- questions -------------------------------------------------------------------------
OPTIONAL = N_("(optional)")
PROGRESS_ONE = N_("Question {number} of {of}")
PROGRESS_RANGE = N_("Questions {first}-{last} of {of}")
PROGRESS_OF = N_("{total}")
PROGRESS_UP_TO = N_("up to {total}")
OTHER_OPTION = N_("Other")
OTHER_TEXT = N_("Your own answer")
OTHER_OWN_ANSWER = N_("Other: your own answer")  # the label of the web form's "Other" text box
OTHER_RULE = N_("Your own answer (Other) cannot contain ';'.")
OTHER_TYPE_BELOW = N_("Other (type below)")
OTHER_OPTIONAL = N_("Other (optional)")
PROBES = N_("Probes (for the interviewer, ask as needed)")
NOTES = N_("Notes")
NOTE = N_("Note")
CHARACTERS = N_("{count} / {limit} characters")
UP_TO_CHARACTERS = N_("Up to {limit} characters.")
MORE_QUESTIONS = N_("Your answers brought up more questions on this page; please look at them.")
NO_ANSWER = N_("(no answer)")
OTHER_ANSWER = N_("Other: {answer}")
DONT_KNOW = N_("don't know")

# --- what an answer may be (core.answer_rules; every front end shows the same) -----------
CHOOSE_RANGE = N_("Choose {low} to {high}.")
CHOOSE_EXACTLY = N_("Choose {low}.")
CHOOSE_UP_TO = N_("Choose up to {high}.")
CHOOSE_AT_LEAST = N_("Choose at least {low}.")
TYPE_KIND = N_("Type {kind}{unit}.")
TYPE_KIND_RANGE = N_("Type {kind} from {low} to {high}{unit}.")
KIND_NUMBER = N_("a number")
KIND_WHOLE_NUMBER = N_("a whole number")
MINUTES_UNIT = N_("min")

# --- the terminal's key hints (TUI) ----------------------------------------------------
KEYS_WELCOME = N_("↑↓/PgDn to read · Tab to the choices below · Ctrl+S to start")
KEYS_CONSENT = N_("{agree} (Space to tick, then Tab to the groups)")
KEYS_CONSENT_START = N_("{agree} (Space to tick, then Ctrl+S to start)")
KEYS_GROUP = N_("{prompt} (arrows or digit, then Enter)")
KEYS_LANGUAGE = N_("{prompt} (arrows or digit, then Enter)")
KEYS_NEXT = N_("Enter: next")
KEYS_CHOOSE = N_("↑↓ or a digit to choose")
KEYS_TEN = N_("↑↓ or 0-9 to choose · 10: type 1 then 0")
KEYS_MOVE = N_("↑↓ to move")
KEYS_TICK_UNTICK = N_("Space: tick or untick")
KEYS_TICK = N_("Space: tick")
KEYS_PAST_LAST = N_("↓ past the last: Other")
KEYS_MATRIX = N_("A digit (or ←→ and Space) rates a row and moves down")
KEYS_ROWS = N_("↑↓: rows")
KEYS_PAGE_NEXT = N_("PgDn: next")
KEYS_TEXT = N_("PgDn or Ctrl+N: next · Tab: buttons")
KEYS_REVIEW = N_("↑↓ to an answer, Enter to change it · Ctrl+S to submit")
KEYS_CLOSE = N_("Press Enter to close.")
KEYS_DONT_KNOW = N_("{key}: {label}")
NUMBER_PLACEHOLDER = N_("number")
OPTIONAL_SHORT = N_("optional")
NOTES_TITLE = N_("Notes (Tab here; saved as you type)")
NOTES_PLACEHOLDER = N_("Notes: what was said, close to their words")
PROBES_FOR_YOU = N_("Probes (for you, ask as needed):")
TIME = N_("Time {elapsed}")
REVIEW_NOTE = N_("Note: {note}")

# --- errors ----------------------------------------------------------------------------
ERROR_PREFIX = N_("Error:")
ERRORS_TITLE = N_("There is a problem")

# --- review, submit, thanks ------------------------------------------------------------
REVIEW_TITLE = N_("Review your answers")
STILL_NEEDED = N_("Some questions still need an answer.")
THANKS_TITLE = N_("Thank you!")
RECORDED = N_("{what} has been recorded.")
YOUR_RESPONSE = N_("Your response")
THE_INTERVIEW = N_("The interview")
CHANGE_WHICH = N_("answer {number}")
CLOSE_TAB = N_("You can close this page now.")
CONTINUE = N_("Continue")

# --- resume and kiosk ------------------------------------------------------------------
RESUME_TITLE = N_("Unfinished response found")
RESUME_STARTED = N_("Started {started} UTC with {count} given so far.")
RESUME_OR_START_OVER = N_("Resume it, or start over as a new respondent?")
RESUME_KEY = N_("Resume (R)")
START_OVER_KEY = N_("Start over (S)")
SAVED_ON_LEAVING = N_(
    "Your answers so far are saved. To carry on, run the same command again in this "
    "terminal and choose Resume."
)
PRACTICE = N_(
    "Practice run: this response is marked as practice; analysis, reports, export and the "
    "dashboard leave it out, and survey-tui delete --test removes it."
)
NOTHING_SAVED_ON_LEAVING = N_("Stopped before the first answer; nothing was recorded.")
RESUMED = N_("Welcome back: your earlier answers are kept, carry on where you left off.")
KIOSK_NEXT = N_("The survey restarts for the next person in a moment.")
KIOSK_NEXT_KEY = N_("The survey restarts for the next person in a moment (Enter: now).")
KIOSK_STILL_THERE = N_("Still there? Press any key, or this survey starts over in {seconds} s.")
KIOSK_LEAVE = N_("Leave (PIN)")
PIN_TITLE = N_("Facilitator PIN")
PIN_HELP = N_("Type the PIN and press Enter to leave. Esc: back to the survey.")
PIN_PLACEHOLDER = N_("PIN")
PIN_BACK = N_("Back to survey")
PIN_WAIT = N_("Wait {seconds} s before the next try.")
PIN_AGAIN = N_("You can try again now.")
PIN_TOO_MANY = N_("Too many wrong PINs.")
PIN_WRONG = N_("Wrong PIN (attempt {attempt}).")


def answers_count(count: int) -> Text:
    """ "1 answer", "3 answers"."""
    return Tn_("{count} answer", "{count} answers", count)


# --- the line-by-line prompts (--plain) ------------------------------------------------
PLAIN_HOW = N_("Type the number of your answer and press Enter. Type < to go back.")
PLAIN_NOTES = N_("After each rated or chosen question you can type a note (Enter: none).")
PLAIN_RESUME = N_("You have an unfinished response ({count}). Resume it? (yes/no) ")
PLAIN_AGREE = N_("Do you agree to take part? (yes/no): ")
PLAIN_INTERVIEW_AGREE = N_("Does the interviewee agree to take part? (yes/no): ")
PLAIN_DECLINED = N_("You did not agree; nothing was recorded.")
PLAIN_INPUT_ENDED = N_("Input ended; your answers so far are saved as an unfinished response.")
PLAIN_ENDED_EARLY = N_("Input ended before the survey was finished.")
PLAIN_THANKS = N_("Thank you! {what} has been recorded.")
PLAIN_YES_NO = N_("Please type yes or no.")
#: What a respondent may type for yes and no, besides "y"/"yes" and "n"/"no" (space-separated).
PLAIN_YES_WORDS = N_("y yes")
PLAIN_NO_WORDS = N_("n no")
PLAIN_CHOICE = N_("Your choice: ")
PLAIN_NUMBER_FROM = N_("Type a number from {low} to {high}.")
PLAIN_ERROR = N_("Error: {message}")
PLAIN_CURRENT_NOTE = N_("Current note: {note} (Enter keeps it)")
PLAIN_NOTE_PROMPT = N_("Note (Enter: none): ")
PLAIN_SEVERAL = N_("Type one or more numbers separated by commas.")
PLAIN_OTHER_AFTER = N_("Or add your own answer (Other) after the numbers, e.g. 1, 3, Pairing.")
PLAIN_OTHER = N_("Or type your own answer (Other).")
PLAIN_TYPE_TEXT = N_("Type your answer (up to {limit} characters).")
PLAIN_MORE_LINES = N_("End a line with {more} to go on on a new line.")
PLAIN_PROBES = N_("Probes (for the interviewer, ask as needed):")
PLAIN_OPTIONAL = N_("(Optional: press Enter to skip.)")
PLAIN_CURRENT = N_("Current answer: {answer} (Enter keeps it)")
PLAIN_SUBMIT = N_("Press Enter to submit, or type a number to change that answer: ")
#: Words that submit from the review besides an empty line (space-separated).
PLAIN_SUBMIT_WORDS = N_("y yes submit")
PLAIN_STILL_NEEDED = N_("Question {number} still needs an answer.")
PLAIN_CHANGE_WHICH = N_("Type a number from 1 to {count}, or press Enter.")
PLAIN_LANGUAGES = N_("Language: type its number (Enter: {language}).")

# --- the web form's refusals (shown as a page, with one line in the server log) ----------
EXPIRED_TITLE = N_("This page has expired")
EXPIRED = N_("Your answers so far are kept. Continue from where you were.")
NOT_FOUND_TITLE = N_("Page not found")
NOT_FOUND = N_("There is no such page in this survey.")
TOO_MANY_TITLE = N_("Too many requests")
TOO_MANY = N_("Please wait a moment, then try again.")
BAD_REQUEST_TITLE = N_("Bad request")
BAD_REQUEST = N_("The survey could not read what your browser sent.")
FAILED_TITLE = N_("Something went wrong")
FAILED = N_("Your answer could not be saved. Please try again in a moment.")
LANGUAGE_NAV = N_("Choose a language")

# --- the feedback log's form (TUI, web /log) ---------------------------------------------
LOG_TITLE = N_("Log one AI event")
LOG_INTRO = N_(
    "A few seconds: which workflow, which tool, what came of it. Anonymous: only the day, "
    "your group and a random device token are kept."
)
LOG_GROUP = N_("Your group")
LOG_WORKFLOW = N_("Workflow")
LOG_TOOL = N_("AI tool")
LOG_OTHER_TOOL = N_("Other tool (if it is not in the list)")
LOG_OUTCOME = N_("What came of it")
LOG_MINUTES = N_("Minutes saved (if it helped) or lost (otherwise)")
LOG_NOTE = N_("Note (optional)")
LOG_NOTE_UP_TO = N_("Note (optional), up to {limit} characters")
LOG_DATE = N_("Day it happened")
LOG_SAVE = N_("Log it")
LOG_DONE = N_("Logged. Thank you: log the next one whenever it happens.")
LOG_UNDO = N_("Undo my last entry")
LOG_UNDONE = N_("Your last entry was removed.")
LOG_NOTHING_TO_UNDO = N_("There is no entry of yours to undo.")
LOG_CHOOSE = N_("Choose")
LOG_CHOOSE_GROUP = N_("Choose your group")
LOG_CHOOSE_WORKFLOW = N_("Choose the workflow")
LOG_CHOOSE_TOOL = N_("Choose the tool")
LOG_OTHER_LABEL = N_("Other (type its name)")
LOG_WHICH_TOOL = N_("Which tool?")
LOG_MINUTES_RANGE = N_("0 to {limit}")
LOG_KEYS = N_("Enter in the last field or Ctrl+S saves; Esc leaves.")
LOG_SAVE_KEY = N_("Save")
LOG_LEAVE_KEY = N_("Leave without logging")

# --- the facilitator's home, dashboard and report preview -----------------------------
QUIT = N_("Quit")
RUN = N_("Run")
DASHBOARD = N_("Dashboard")
REPORT_PREVIEW = N_("Report preview")
CONTENTS = N_("Contents")  # the report preview's table of contents
REVEAL_HIDE = N_("Reveal/hide figures")
EXPORT = N_("Export")
WAVE = N_("Wave")
HOME_SUBTITLE = N_("choose a questionnaire")
DOES_NOT_LOAD = N_("{name} (does not load; run survey-tui validate)")
DOES_NOT_LOAD_TITLE = N_("Does not load")
NO_REPORT = N_("No report")
REPORT_TITLE = N_("{title}: report")
EXPORT_FAILED = N_("Export failed")
EXPORTED = N_("Exported")
EXPORTED_REPORT = N_("Report: {path}")
EXPORTED_RESPONSES = N_("Responses: {path}")
CANNOT_READ_STORE = N_("Cannot read the store")
NO_SUBMITTED_YET = N_("No submitted responses yet.")
# The dashboard's title line: "<title> | wave 2 | 12 submitted | figures hidden".
TITLE_SUBMITTED = N_("{count} submitted")
TITLE_READING = N_("reading")
FIGURES_SHOWN = N_("figures shown")
FIGURES_HIDDEN = N_("figures hidden")
NO_WAVE_YET = N_("no wave yet")
ALL_WAVES_POOLED = N_("all waves pooled")
WAVE_NAMED = N_("wave {wave}")
MOST_RECENT_WAVE = N_("the most recent wave")
SHOWING = N_("Showing {what}")  # after the w key: which wave the dashboard shows now
FIGURES_HIDDEN_HINT = N_("Figures hidden until the reveal: press r to show the gaps full-screen.")
FIGURES_HELD = N_(
    "Figures from {shown} of {submitted} submitted responses: a group's figures refresh when "
    "{step} new responses of that group have come in, so that no single response can be "
    "told apart."
)
# The counts table's column heads (the columns are as wide as their heads).
COUNTS_GROUP = N_("group")
COUNTS_SUBMITTED = N_("submitted")
COUNTS_IN_PROGRESS = N_("in progress")
COUNTS_TOTAL = N_("total")
LAST_SUBMIT = N_("Last submit: {since}")
READING_STORE = N_("Reading the store...")
LOG_READING_STORE = N_("Feedback log: reading the store...")
# The time since the last submit (core.live.since_text), after LAST_SUBMIT.
NO_SUBMITS_YET = N_("no submits yet")
SECONDS_AGO = N_("{seconds} s ago")
MINUTES_AGO = N_("{minutes} min ago")
HOURS_AGO = N_("{hours} h {minutes} min ago")
ON_DATE = N_("on {date}")
# The gap view (the reveal): the index, each construct's gap, each group's bar.
GAPS_ARE = N_("Gaps are {pair}, in points on a 0-100 scale.")
PAIR = N_("{first} minus {second}")  # the pair a gap compares: "lead minus eng"
INDEX_WAITING = N_("Expectation Gap Index: waiting for enough responses")
INDEX_POINTS = N_("Expectation Gap Index: {index} points")
INDEX_MEANING = N_("(mean size of the construct gaps)")
SUBMITTED_COUNTS = N_("Submitted: {counts}")
WAITING_FOR = N_("waiting for {count} more")  # a group below the anonymity threshold
GAP_NO_PAIR = N_("gap: no pair of groups to compare")
GAP_NOT_ASKED_OF = N_("gap: not asked of {groups}")
GAP_WAITING = N_("gap: waiting for enough responses")
GAP_LINE = N_("gap {points} pts (95% CI {low} to {high}, {effect}, {verdict})")
# The size of a gap (Cohen's d, docs/statistics.md); "no effect" when it has none.
EFFECTS = {
    None: N_("no effect"),
    "negligible": N_("negligible effect"),
    "small": N_("small effect"),
    "medium": N_("medium effect"),
    "large": N_("large effect"),
}
OTHER_EFFECT = N_("{effect} effect")  # an effect size this version does not name
SIGNIFICANT = N_("significant")
NOT_CONFIRMED = N_("not confirmed")
NOT_SIGNIFICANT = N_("not significant")
NOT_ASKED = N_("not asked")
TOO_FEW_TO_SHOW = N_("too few answers to show (n < {minimum})")
SCORECARD_TITLE = N_("Workflow scorecard: {label}")
SCORECARD_HELPS = N_("Helps ({doer} score 60+; scores 0-100 per group)")
SCORECARD_FRICTION = N_("Friction ({doer} score 40 or less)")
NOT_AVAILABLE = N_("n/a")  # a scorecard row's score a group does not show


def questionnaire_label(title: str, questionnaire_id: str, questions: int) -> Text:
    """The home list's line: "Team survey  (team_survey, 12 questions)"."""
    counted = Tn_("{count} question", "{count} questions", questions)
    return T_("{title}  ({id}, {questions})", title=title, id=questionnaire_id, questions=counted)


def abandoned_note(count: int, minutes: int) -> Text:
    """Unfinished responses the counts leave out of "in progress": nobody touched them lately."""
    return Tn_(
        "({count} unfinished response untouched for over {minutes} minutes is not counted as "
        "in progress)",
        "({count} unfinished responses untouched for over {minutes} minutes are not counted as "
        "in progress)",
        count,
        minutes=minutes,
    )


def other_versions_note(count: int) -> Text:
    """Responses the dashboard's counts leave out: another version of the questionnaire."""
    return Tn_(
        "({count} response to another version of the questionnaire is not counted)",
        "({count} responses to another version of the questionnaire are not counted)",
        count,
    )


def log_counts(entries: int, contributors: int, today: int, this_week: int) -> Text:
    """ "Feedback log: 41 entries from 9 contributors (3 today, 12 this week)"."""
    return T_(
        "Feedback log: {entries} from {contributors} ({today} today, {this_week} this week)",
        entries=Tn_("{count} entry", "{count} entries", entries),
        contributors=Tn_("{count} contributor", "{count} contributors", contributors),
        today=today,
        this_week=this_week,
    )
