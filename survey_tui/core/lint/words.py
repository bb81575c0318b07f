"""The word lists behind the wording rules of ``survey-tui lint``, in one place.

Only English for now: another language gets its own :class:`Lexicon` beside :data:`ENGLISH`.
Patterns are regular expressions over the lower-cased text (apostrophes straightened); they
are written to be precise rather than complete, because a warning on a good item teaches
authors to ignore the linter (docs/questionnaires.md explains each rule).
"""

from __future__ import annotations

from dataclasses import dataclass

# A determiner (and an optional modifier such as "engineering") before a group noun:
# "my team", "the engineering teams", "our organisation".
_OWNER = r"(?:(?:my|our|your|the|their)\s+(?:own\s+)?(?:[a-z-]+\s+)?)?"


@dataclass(frozen=True)
class Lexicon:
    """Everything the wording rules know about one language."""

    #: Whose work an item is about, by level; matched in this order, each match removed
    #: before the next level is looked for ("my team" is a team, not "my").
    referents: tuple[tuple[str, tuple[str, ...]], ...]
    #: The respondent as the one who judges ("as far as you know", "the teams I oversee"):
    #: removed before referents are looked for, since they name the observer, not the work.
    perspective: tuple[str, ...]
    #: Other people whose work the respondent reports on (the "don't know" rule).
    others: tuple[str, ...]
    #: Words that join two claims in one statement.
    joiners: str
    #: Phrases with "and"/"or" that are one idea, not two claims.
    single_ideas: tuple[str, ...]
    #: Wordings that presuppose the answer (a benefit, an improvement).
    leading: tuple[str, ...]
    #: Absolute words that make an agreement item unanswerable for most people.
    absolutes: str
    #: Label words of a neutral midpoint.
    neutral: tuple[str, ...]
    #: Intensity words of scale labels: strong, then mild.
    strong: tuple[str, ...]
    mild: tuple[str, ...]
    #: The two poles of a bipolar scale, as word stems (negative, positive); the first pair
    #: found in a scale's labels is its axis.
    poles: tuple[tuple[str, str], ...]
    #: A label word that marks an agreement scale.
    agreement: str


ENGLISH = Lexicon(
    referents=(
        (
            "team",
            (
                r"\b" + _OWNER + r"teams?(?:'s|')?(?:\(s\))?",
                r"\b" + _OWNER + r"squads?\b",
                r"\bpeople around (?:me|you)\b",
                r"\bcolleagues?\b",
            ),
        ),
        (
            "organisation",
            (
                r"\b"
                + _OWNER
                + r"(?:organi[sz]ations?|company|companies|business|firm|department|division)\b",
                r"\bwe\b",
                r"\bus\b",
                r"\bours?\b",
            ),
        ),
        ("respondent", (r"\b(?:i|me|my|mine|myself|you|your|yours|yourself)\b",)),
    ),
    perspective=(
        r"\bas far as (?:i|you) (?:know|can tell|can see|can judge)\b",
        r"\bfrom what (?:i|you) (?:see|hear|know)\b",
        r"\b(?:do|would|did|can) (?:i|you) (?:estimate|think|say|expect|guess|judge|believe)\b",
        r"\bin (?:my|your) (?:view|opinion|estimate|judge?ment)\b",
        r"\b(?:that |who |whom )?(?:i|you) (?:oversee|lead|manage|run|supervise|"
        r"(?:am|are) responsible for|work (?:in|on|with)|belong to|(?:am|are) part of)\b",
    ),
    others=(
        r"\bengineers?\b",
        r"\bdevelopers?\b",
        r"\bpeople\b",
        r"\bstaff\b",
        r"\bthey\b",
        r"\btheir\b",
        r"\bthem\b",
        r"\bothers\b",
    ),
    joiners=r"\b(?:and|or)\b",
    single_ideas=(
        r"\bmore or less\b",
        r"\bwhether or not\b",
        r"\bone or more\b",
        r"\bsooner or later\b",
        r"\btrial and error\b",
        r"\bback and forth\b",
        r"\bpros and cons\b",
        r"\bbetween [^,.;:?!]+? and\b",
    ),
    leading=(
        r"\bhow (?:much|far|many [a-z]+) (?:(?:has|have|did|does|do|will|would) )?"
        r"[^.?!]{0,80}?\b(?:improv|increas|sav|help|boost|benefit|speed|reduc)[a-z]*\b",
        r"\bhow (?:much )?(?:better|faster|easier|more productive)\b",
        r"\b(?:time|hours|minutes) (?:saved|freed)\b",
        r"\bthe (?:benefits|improvements|gains) (?:of|from)\b",
        r"\b(?:don't|wouldn't|isn't|aren't|doesn't) (?:you|it) (?:agree|think|say|seem)\b",
    ),
    absolutes=(
        r"\b(?:always|never|every|everyone|everybody|everything|all|none|nobody|nothing|"
        r"no one|completely|entirely|totally|absolutely)\b"
    ),
    neutral=(
        "neither",
        "neutral",
        "no change",
        "no noticeable change",
        "no real effect",
        "no effect",
        "no net",
        "no difference",
        "about the same",
        "unchanged",
        "undecided",
        "mixed",
        "fair",
        "average",
        "moderate",
    ),
    strong=(
        "strongly",
        "very",
        "extremely",
        "a lot",
        "greatly",
        "much",
        "completely",
        "totally",
        "highly",
        "genuinely",
        "significantly",
        "major",
    ),
    mild=(
        "somewhat",
        "slightly",
        "a little",
        "a bit",
        "moderately",
        "fairly",
        "rather",
        "mostly",
        "partly",
    ),
    poles=(
        ("disagree", "agree"),
        ("decreas", "increas"),
        ("dissatisf", "satisf"),
        ("unlikely", "likely"),
        ("hinder", "help"),
        ("harm", "help"),
        ("friction", "help"),
        ("cost", "sav"),
        ("worse", "better"),
        ("poor", "good"),
        ("bad", "good"),
        ("negativ", "positiv"),
        ("slower", "faster"),
        ("lower", "higher"),
        ("fewer", "more"),
        ("less", "more"),
    ),
    agreement=r"\bagree\b",
)
