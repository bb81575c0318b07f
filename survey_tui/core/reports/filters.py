"""Template filters: display formatting and escaping of respondent text.

Every figure a template shows comes from the analysis dict; these filters only format it.
Their words are product messages (:class:`~survey_tui.core.texts.Text`, English when read as a
``str``); a report rendered in another language shows them from its catalog
(:func:`survey_tui.core.reports.render.translating`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from survey_tui.core.texts import N_, T_, Text, Tn_

# Markdown punctuation that could start formatting, a link, raw HTML, a table cell boundary or
# (``{``/``}``) Jinja syntax if the report is ever fed to another template engine. A backslash
# before ASCII punctuation is a CommonMark escape, so each one still displays literally.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|{}#~&])")
# "%" only matters right after "{" (Jinja's "{%"); "!" only before "[" (escaped already).
_JINJA_PERCENT = re.compile(r"(?<=\\\{)%")
_NEWLINES = re.compile(r"\s*[\r\n]+\s*")
# At the start of a line, "1." / "1)" / "-" / "+" / "=" would start a list or a heading.
_LEADING = re.compile(r"^(\d+)([.)])|^([-+=])")


def md(value: Any) -> str:
    """Respondent text made safe for a Markdown table cell, list item or quote.

    Newlines become `` / `` (a newline would end the table row); Markdown, HTML and Jinja
    punctuation is backslash-escaped so ``</td><script>`` or ``{{ 7*7 }}`` shows literally.
    """
    text = _MD_SPECIAL.sub(r"\\\1", _NEWLINES.sub(" / ", str(value).strip()))
    text = _JINJA_PERCENT.sub(r"\\%", text)
    return _LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def plain(value: Any) -> str:
    """Text for inside a code fence (the text charts): one line, and no backtick that could
    close the fence. Markdown is not interpreted there, so nothing else needs escaping."""
    return _NEWLINES.sub(" / ", str(value).strip()).replace("`", "'")


def mermaid(value: Any) -> str:
    """Text inside a Mermaid chart's quoted label: one line, no quote or bracket to break it."""
    text = re.sub(r'["`\[\]]', "'", _NEWLINES.sub(" / ", str(value).strip()))
    return text.replace("{", "(").replace("}", ")")  # never template syntax


def unit(value: Any) -> str:
    """A unit after a number: ``%`` directly (``45.0%``), anything else after a space."""
    text = str(value or "").strip()
    if not text:
        return ""
    known = UNITS.get(text)
    if known is not None:  # a product word: shown in the report's language, after a space
        return T_(" {unit}", unit=known)
    return text if text == "%" else " " + md(text)


#: The units the delivery metrics are stored in (core/evidence), in the report's language.
UNITS: dict[str, Text] = {
    "hours": N_("hours"),
    "points": N_("points"),
    "defects": N_("defects"),
    "items": N_("items"),
    "commits": N_("commits"),
    "authors": N_("authors"),
    "lines": N_("lines"),
    "deployments": N_("deployments"),
}


def number(value: float, spec: str = ".1f") -> str:
    """``value`` formatted with ``spec``, never as ``-0.0``: a value that rounds to zero is
    zero (a bootstrap bound of -1e-15, or -0.0 from mirroring an interval, means 0)."""
    text = format(value, spec)
    return format(0.0, spec) if float(text) == 0.0 else text


#: A figure that does not exist (no answers, no interval, ...).
NA = N_("n/a")


def pts(value: float | None, signed: bool = False) -> str:
    """A score or gap in points, to 1 decimal (``+`` shown for positive gaps when ``signed``)."""
    if value is None:
        return NA
    return number(value, "+.1f" if signed else ".1f")


def direction(points: float | None) -> str:
    """``higher`` or ``lower`` for a gap as shown to 1 decimal, ``""`` when it shows as 0.0."""
    if points is None or float(f"{points:.1f}") == 0.0:
        return ""
    return N_("higher") if points > 0 else N_("lower")


def respondents(n: int, noun: str = "respondent") -> str:
    """``1 respondent``, ``5 respondents`` (``noun``, in the singular, one of :data:`NOUNS`;
    any other noun is given an English "s")."""
    counted = NOUNS.get(noun)
    if counted is not None:
        return counted(n)
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


#: The nouns a shipped template counts, counted in the report's language.
NOUNS: dict[str, Callable[[int], Text]] = {
    "respondent": lambda n: Tn_("{count} respondent", "{count} respondents", n),
    "answer": lambda n: Tn_("{count} answer", "{count} answers", n),
    "complete interview": lambda n: Tn_(
        "{count} complete interview", "{count} complete interviews", n
    ),
    "complete response": lambda n: Tn_(
        "{count} complete response", "{count} complete responses", n
    ),
    "contributor": lambda n: Tn_("{count} contributor", "{count} contributors", n),
    "interview": lambda n: Tn_("{count} interview", "{count} interviews", n),
    "response": lambda n: Tn_("{count} response", "{count} responses", n),
}


def pct(value: float | None) -> str:
    """A percentage to 1 decimal, e.g. ``70.8%``."""
    if value is None:
        return NA
    return f"{value:.1f}%"


NOT_ASKED = N_("not asked")


def suppressed_text(minimum: int) -> str:
    """The marker shown instead of a withheld figure (docs/statistics.md, Anonymity)."""
    return T_("suppressed (n < {minimum})", minimum=minimum)


def score(figures: Mapping[str, Any] | None, minimum: int, key: str = "score") -> str:
    """One group's figure (``key``: score, favorable_pct, mean) or the suppression marker.

    ``figures``: any group's figures of the analysis (an item's, a construct's, a scorecard
    row's): templates pass them, so the filters read them as mappings."""
    if figures is not None and figures.get("asked") is False:
        return NOT_ASKED  # the group is never asked this: no wait for answers
    if figures is None or figures.get("suppressed") or figures.get(key) is None:
        return suppressed_text(minimum)
    value = figures[key]
    if key == "favorable_pct":
        return pct(value)
    if key == "mean":
        return f"{value:.2f}"
    return pts(value)


def ci(gap: Mapping[str, Any] | None, lower: bool = False) -> str:
    """The 95% CI of a gap, e.g. ``26.5 to 47.1``.

    ``lower``: the interval of how far the first group is *below* the second (the gap's
    interval mirrored), for prose that says "scores 30.0 points lower (95% CI 20.0 to 40.0
    points lower)": the sign is carried by the words, so the numbers must not carry it too.
    """
    if not gap or gap.get("suppressed") or not gap.get("ci95"):
        return NA
    low, high = gap["ci95"]
    if lower:
        low, high = -high, -low
    return T_("{low} to {high}", low=number(low), high=number(high))


def pvalue(value: float | None) -> str:
    """A p-value for display: ``< 0.001`` or 3 significant digits."""
    if value is None:
        return NA
    if value < 0.001:
        return "< 0.001"
    return f"{value:.3f}" if value < 0.1 else f"{value:.2f}"


def ptext(value: float | None) -> str:
    """A p-value as a phrase: ``p < 0.001`` or ``p = 0.031``."""
    shown = pvalue(value)
    return f"p {shown}" if shown.startswith("<") else f"p = {shown}"


def verdict(gap: Mapping[str, Any] | None) -> str:
    """The one significance rule in words (docs/statistics.md): ``significant`` (adjusted
    p < 0.05 and the CI excludes 0), ``not confirmed`` (only one of the two), ``no``."""
    if not gap or gap.get("suppressed"):
        return NA
    if gap.get("significant"):
        return N_("significant")
    return N_("not confirmed") if gap.get("not_confirmed") else N_("no")


def effect(gap: Mapping[str, Any] | None) -> str:
    """Cliff's delta in words, with "indicative" when a group has fewer than 10."""
    if not gap or gap.get("suppressed") or not gap.get("effect"):
        return NA
    size = EFFECTS.get(str(gap["effect"]), str(gap["effect"]))
    return T_("{effect} (indicative: n < 10)", effect=size) if gap.get("small_sample") else size


#: Cliff's delta's sizes (docs/statistics.md) as words.
EFFECTS: dict[str, Text] = {
    "negligible": N_("negligible"),
    "small": N_("small"),
    "medium": N_("medium"),
    "large": N_("large"),
}


def units(value: float | None, unit: str | None = None, signed: bool = False) -> str:
    """A figure in a number question's own unit: ``17 min/day``, ``+3.5 %``."""
    if value is None:
        return NA
    shown = f"{value:+.3g}" if signed else f"{value:.3g}"
    if "e" in shown:  # no scientific notation in a report
        shown = f"{value:+,.0f}" if signed else f"{value:,.0f}"
    if shown.lstrip("+-") in ("0", "0.0"):
        shown = "0"
    return f"{shown} {unit}".rstrip() if unit else shown


def human(identifier: Any) -> str:
    """An id like ``output_quality`` as words: ``Output quality``."""
    text = str(identifier).replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


_SHORT_CUT = re.compile(r",| and | or | \(|;|:")


def short(label: Any) -> str:
    """A group label shortened for a sentence or a chart: the words before the first comma,
    "and", "or" or bracket ("Engineers, architects, tech leads" -> "Engineers")."""
    text = str(label).strip()
    head = _SHORT_CUT.split(text, maxsplit=1)[0].strip()
    return head or text


def approx(value: float | None) -> str:
    """A derived figure (hours, FTE, cost) to two significant digits, so it shows no more
    precision than medians times assumptions have: ``12.25`` -> ``12``, ``4.08`` -> ``4.1``,
    ``1234`` -> ``1,200``."""
    if value is None:
        return NA
    rounded = float(f"{value:.2g}")
    if rounded == 0:
        return "0"
    if abs(rounded) >= 10:
        return f"{rounded:,.0f}"
    decimals = max(0, 1 - math.floor(math.log10(abs(rounded))))
    text = f"{rounded:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def sentence(value: Any) -> str:
    """Text with its first letter in upper case, the rest untouched (``capitalize`` would
    lower "APIs")."""
    text = str(value)
    return text[:1].upper() + text[1:]


def worded(entry: Mapping[str, Any], group: str) -> str:
    """The question as ``group`` saw it: its own ``wording`` when the wording differs by
    group, else the entry's label."""
    wording = entry.get("wording") or {}
    return str(wording.get(group) or entry.get("label") or "")


def whole_pct(value: float | None) -> str:
    """A share as a whole percentage (``33%``): response rates, use."""
    if value is None:
        return NA
    return f"{value:.0f}%"


def bar(value: float | None, width: int = 20) -> str:
    """A plain-text bar for a 0-100 score (one block per 100/width points), for viewers
    without Mermaid."""
    if not 1 <= width <= 200:
        raise ValueError(f"bar width must be 1 to 200, not {width}")
    if value is None:
        return ""
    filled = max(0, min(width, round(value * width / 100)))
    return "\u2588" * filled + "\u00b7" * (width - filled)


FILTERS: dict[str, Callable[..., Any]] = {
    "bar": bar,
    "short": short,
    "approx": approx,
    "whole_pct": whole_pct,
    "sentence": sentence,
    "worded": worded,
    "md": md,
    "plain": plain,
    "mermaid": mermaid,
    "unit": unit,
    "pts": pts,
    "direction": direction,
    "respondents": respondents,
    "pct": pct,
    "ci": ci,
    "pvalue": pvalue,
    "ptext": ptext,
    "human": human,
    "verdict": verdict,
    "effect": effect,
    "units": units,
}
