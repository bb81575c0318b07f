"""The words the respondent's front ends show (TUI, ``--plain``, web form), in one place.

Buttons, prompts, progress and messages live here so that the terminal and the browser say
the same thing, and so that a translation (gettext) has one module to wrap. Keys and layout
hints that only make sense in one front end ("Ctrl+S to start") stay with that front end;
the reasons an answer is refused are in :mod:`survey_tui.core.answers`.
"""

from __future__ import annotations

# --- buttons ---------------------------------------------------------------------------
START = "Start"
NEXT = "Next"
BACK = "Back"
SUBMIT = "Submit"
CHANGE = "Change"
START_OVER = "Start over"
NEXT_RESPONDENT = "Next respondent"

# --- welcome ---------------------------------------------------------------------------
CONSENT_AGREE = "I agree to take part"
# An interview guide's welcome is read by the interviewer, about the interviewee.
INTERVIEW_CONSENT_AGREE = "The interviewee agrees to take part"
INTERVIEW_GROUP_PROMPT = "Which group is the interviewee in?"
CONSENT_NEEDED = "Please tick 'I agree' to take part."
GROUP_PROMPT = "Which of these describes you best?"
GROUP_NEEDED = "Please choose the group that describes you."

# --- questions -------------------------------------------------------------------------
OPTIONAL = "(optional)"
PROGRESS_ONE = "Question {number} of {of}"
PROGRESS_RANGE = "Questions {first}-{last} of {of}"
PROGRESS_OF = "{total}"
PROGRESS_UP_TO = "up to {total}"
OTHER_OPTION = "Other"
OTHER_TEXT = "Your own answer"
OTHER_RULE = "Your own answer (Other) cannot contain ';'."
PROBES = "Probes (for the interviewer, ask as needed)"
NOTES = "Notes"
CHARACTERS = "{count} / {limit} characters"
UP_TO_CHARACTERS = "Up to {limit} characters."
MORE_QUESTIONS = "Your answers brought up more questions on this page; please look at them."

# --- errors ----------------------------------------------------------------------------
ERROR_PREFIX = "Error:"
ERRORS_TITLE = "There is a problem"

# --- review, submit, thanks ------------------------------------------------------------
REVIEW_TITLE = "Review your answers"
STILL_NEEDED = "Some questions still need an answer."
THANKS_TITLE = "Thank you!"
RECORDED = "{what} has been recorded."
YOUR_RESPONSE = "Your response"
THE_INTERVIEW = "The interview"
CHANGE_WHICH = "answer {number}"
CLOSE_TAB = "You can close this page now."
CONTINUE = "Continue"

# --- resume and kiosk ------------------------------------------------------------------
RESUME_TITLE = "Unfinished response found"
RESUME_STARTED = "Started {started} UTC with {count} given so far."
ANSWERS = ("{count} answer", "{count} answers")
SAVED_ON_LEAVING = (
    "Your answers so far are saved. To carry on, run the same command again in this "
    "terminal and choose Resume."
)
PRACTICE = (
    "Practice run: this response is marked as practice; analysis, reports, export and the "
    "dashboard leave it out, and survey-tui delete --test removes it."
)
NOTHING_SAVED_ON_LEAVING = "Stopped before the first answer; nothing was recorded."
RESUMED = "Welcome back: your earlier answers are kept, carry on where you left off."
KIOSK_NEXT = "The survey restarts for the next person in a moment."

# --- hints under a question (what the answer may be) -------------------------------------
CHOOSE_RANGE = "Choose {low} to {high}."
CHOOSE_EXACTLY = "Choose {low}."
CHOOSE_UP_TO = "Choose up to {high}."
CHOOSE_AT_LEAST = "Choose at least {low}."
NUMBER_RANGE = "{kind} from {low} to {high}{unit}."
NUMBER_ANY = "{kind}{unit}."
A_NUMBER = "A number"
A_WHOLE_NUMBER = "A whole number"

# --- the web form's refusals (shown as a page, with one line in the server log) ----------
EXPIRED_TITLE = "This page has expired"
EXPIRED = "Your answers so far are kept. Continue from where you were."
REFUSED_TITLE = "Request refused"
REFUSED = "This request did not come from the survey's own pages."
NOT_FOUND_TITLE = "Page not found"
NOT_FOUND = "There is no such page in this survey."
TOO_MANY_TITLE = "Too many requests"
TOO_MANY = "Please wait a moment, then try again."
BAD_REQUEST_TITLE = "Bad request"
BAD_REQUEST = "The survey could not read what your browser sent."
FAILED_TITLE = "Something went wrong"
FAILED = "Your answer could not be saved. Please try again in a moment."

# --- the feedback log's form (TUI, web /log) ---------------------------------------------
LOG_TITLE = "Log one AI event"
LOG_INTRO = (
    "A few seconds: which workflow, which tool, what came of it. Anonymous: only the day, "
    "your group and a random device token are kept."
)
LOG_GROUP = "Your group"
LOG_WORKFLOW = "Workflow"
LOG_TOOL = "AI tool"
LOG_OTHER_TOOL = "Other tool (if it is not in the list)"
LOG_OUTCOME = "What came of it"
LOG_MINUTES = "Minutes saved (if it helped) or lost (otherwise)"
LOG_NOTE = "Note (optional)"
LOG_DATE = "Day it happened"
LOG_SAVE = "Log it"
LOG_DONE = "Logged. Thank you: log the next one whenever it happens."
LOG_UNDO = "Undo my last entry"
LOG_UNDONE = "Your last entry was removed."
LOG_NOTHING_TO_UNDO = "There is no entry of yours to undo."
LOG_CHOOSE = "Choose"


def answers_count(count: int) -> str:
    """ "1 answer", "3 answers"."""
    return ANSWERS[0 if count == 1 else 1].format(count=count)
