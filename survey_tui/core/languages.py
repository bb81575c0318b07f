"""Questionnaires in several languages (docs/questionnaires.md, "Languages").

A questionnaire with ``languages: [en, de]`` may write every text a respondent or reader sees
as a plain string (the default language, the first declared) or as a map from language tag to
string; per-group wording nests language inside group. This module knows where those texts sit
in a file (:func:`text_sites`), picks one language's strings out of the raw data
(:func:`localize`) and matches requested tags to declared ones (:func:`resolve_language`).

The model itself only ever holds plain strings: :class:`~survey_tui.core.model.Questionnaire`
validates the default language's data, and ``in_language`` validates another language's.
Option values are pinned to the default language's labels, so an answer given in any language
is the same data.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from survey_tui.core.errors import SurveyError
from survey_tui.core.slugs import slugify

#: A BCP 47 tag as the format accepts it: a 2-3 letter language, then subtags (``pt-BR``,
#: ``zh-Hant-TW``, ``sr-Latn``).
TAG_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
_TAG = re.compile(TAG_PATTERN)

Path = tuple[str | int, ...]

# Texts a questionnaire, group, section, question... shows, by where they sit.
_TOP_TEXTS = ("title", "description", "consent", "topic")
_GROUP_TEXTS = ("label", "description")
_SECTION_TEXTS = ("title", "description")
_QUESTION_TEXTS = ("help", "short", "unit", "dont_know")
_OPTION_KEYS = frozenset({"value", "label"})


def is_tag(text: Any) -> bool:
    return isinstance(text, str) and bool(_TAG.match(text))


def fold(tag: str) -> str:
    """A tag compared case-insensitively, ``_`` read as ``-`` (``pt_br`` is ``pt-BR``)."""
    return tag.replace("_", "-").casefold()


def prefixes(tag: str) -> list[str]:
    """``zh-Hant-TW`` -> ``[zh-Hant, zh]``: what a tag falls back along, longest first."""
    parts = tag.split("-")
    return ["-".join(parts[:n]) for n in range(len(parts) - 1, 0, -1)]


def fallback_chain(tag: str, languages: Sequence[str]) -> list[str]:
    """The declared tags a text in ``tag`` is looked up in, in order: the tag itself, its
    prefixes that are declared (``pt-BR`` -> ``pt`` only when ``pt`` is), the default."""
    declared = {fold(t): t for t in languages}
    chain = [tag]
    chain += [declared[fold(p)] for p in prefixes(tag) if fold(p) in declared]
    if languages and languages[0] not in chain:
        chain.append(languages[0])
    return chain


def resolve_language(tag: str, languages: Sequence[str]) -> str:
    """The declared tag that serves a request for ``tag``: the tag itself (any case, ``_`` or
    ``-``), else its longest declared prefix. Raise :class:`SurveyError` otherwise."""
    declared = {fold(t): t for t in languages}
    for candidate in [tag, *prefixes(tag.replace("_", "-"))]:
        if fold(candidate) in declared:
            return declared[fold(candidate)]
    matches = difflib.get_close_matches(tag, list(languages), n=1, cutoff=0.5)
    hint = f" (did you mean {matches[0]!r}?)" if matches else ""
    listed = ", ".join(languages) if languages else "none"
    raise SurveyError(
        f"unknown language {tag!r}{hint}; the questionnaire's languages: {listed}",
        title="Unknown language",
    )


def language_name(tag: str) -> str:
    """The language's name in itself ("Deutsch", "Français"), capitalised as at the start of
    a line; the tag itself when Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(tag, sep="-")
        name = locale.get_display_name(locale)
    except (ValueError, UnknownLocaleError, TypeError):
        return tag
    if not name:
        return tag
    return name[:1].upper() + name[1:]


# --- where the texts are --------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """One shown text: its path in the file, its value (a string, a language map or a bad
    value) and whether it is an option given as a bare label (its value slugged from it)."""

    path: Path
    value: Any
    bare_option: bool = False


def is_language_map(value: Any, languages: Sequence[str], group_ids: Sequence[str] = ()) -> bool:
    """Whether a mapping at a text's place is a language map (not a group map or an option's
    ``{value, label}``): some key is a declared language and none is a group id."""
    if not isinstance(value, dict) or not value:
        return False
    keys = [str(k) for k in value]
    declared = {fold(t) for t in languages}
    if any(k in group_ids for k in keys) or _OPTION_KEYS & set(keys):
        return False
    return any(fold(k) in declared for k in keys) or not group_ids


def _dicts(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _keys(data: Mapping[str, Any], path: Path, keys: Sequence[str]) -> Iterator[Site]:
    for key in keys:
        if data.get(key) is not None:
            yield Site((*path, key), data[key])


def _options(value: Any, path: Path, languages: Sequence[str]) -> Iterator[Site]:
    if not isinstance(value, list):
        return
    for index, option in enumerate(value):
        if isinstance(option, str) or _option_is_map(option, languages):
            yield Site((*path, index), option, bare_option=True)
        elif isinstance(option, dict) and option.get("label") is not None:
            yield Site((*path, index, "label"), option["label"])


def _option_is_map(option: Any, languages: Sequence[str]) -> bool:
    """``- {en: Red, de: Rot}``: an option given as a bare label in several languages (a
    mapping with ``value``/``label``, or with no declared language, is the long form)."""
    if not isinstance(option, dict) or _OPTION_KEYS & set(option):
        return False
    declared = {fold(t) for t in languages}
    return any(fold(str(k)) in declared for k in option)


def _scale(scale: Any, path: Path) -> Iterator[Site]:
    if not isinstance(scale, dict):
        return
    labels = scale.get("labels")
    if isinstance(labels, list):
        for index, label in enumerate(labels):
            yield Site((*path, "labels", index), label)
    yield from _keys(scale, path, ("dont_know",))


def _rows(value: Any, path: Path) -> Iterator[Site]:
    for index, row in _dicts(value):
        yield from _keys(row, (*path, index), ("label",))


def _question(
    q: dict[str, Any], path: Path, group_ids: Sequence[str], languages: Sequence[str]
) -> Iterator[Site]:
    text = q.get("text")
    if isinstance(text, dict) and not is_language_map(text, languages, group_ids):
        for gid, wording in text.items():
            yield Site((*path, "text", gid), wording)
    elif text is not None:
        yield Site((*path, "text"), text)
    yield from _keys(q, path, _QUESTION_TEXTS)
    probes = q.get("probes")
    if isinstance(probes, list):
        for index, probe in enumerate(probes):
            yield Site((*path, "probes", index), probe)
    yield from _options(q.get("options"), (*path, "options"), languages)
    yield from _rows(q.get("rows"), (*path, "rows"))
    yield from _scale(q.get("scale"), (*path, "scale"))
    yield from _rows(q.get("themes"), (*path, "themes"))


def declared_languages(data: Mapping[str, Any]) -> list[str]:
    """The ``languages:`` of raw data that look like tags (the rest is validate's to report)."""
    value = data.get("languages")
    return [t for t in value if is_tag(t)] if isinstance(value, list) else []


def group_ids_of(data: Mapping[str, Any]) -> list[str]:
    return [str(g["id"]) for _, g in _dicts(data.get("groups")) if isinstance(g.get("id"), str)]


def text_sites(data: Mapping[str, Any]) -> Iterator[Site]:
    """Every shown text of raw questionnaire data, in file order (per-group wordings one by
    one). A value is a string, a language map, or something validate reports."""
    languages = declared_languages(data)
    group_ids = group_ids_of(data)
    yield from _keys(data, (), _TOP_TEXTS)
    for index, group in _dicts(data.get("groups")):
        yield from _keys(group, ("groups", index), _GROUP_TEXTS)
    scales = data.get("scales")
    if isinstance(scales, dict):
        for name, scale in scales.items():
            yield from _scale(scale, ("scales", name))
    log = data.get("feedback_log")
    if isinstance(log, dict):
        yield from _rows(log.get("workflows"), ("feedback_log", "workflows"))
        yield from _options(log.get("tools"), ("feedback_log", "tools"), languages)
        yield from _rows(log.get("outcomes"), ("feedback_log", "outcomes"))
    for si, section in _dicts(data.get("sections")):
        yield from _keys(section, ("sections", si), _SECTION_TEXTS)
        for qi, question in _dicts(section.get("questions")):
            yield from _question(question, ("sections", si, "questions", qi), group_ids, languages)


# --- one language's data ----------------------------------------------------------------------


def pick(value: Any, tag: str, languages: Sequence[str]) -> Any:
    """The text of a language map in ``tag`` (along :func:`fallback_chain`); a plain string
    as it is; anything else (or a map lacking every fallback) unchanged, for validate."""
    if not isinstance(value, dict):
        return value
    for candidate in fallback_chain(tag, languages):
        text = value.get(candidate)
        if isinstance(text, str):
            return text
    return value


def _slug(label: str) -> str:

    return slugify(label)


def _set(data: Any, path: Path, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _get(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def localize(data: Mapping[str, Any], tag: str | None = None) -> dict[str, Any]:
    """A copy of raw questionnaire data with every shown text a plain string in ``tag``
    (default: the default language). Data without ``languages`` is returned as it is.

    An option's value comes from the default language's label whatever is shown, so options
    that leave their value to the label get it pinned in every other language.
    """
    languages = declared_languages(data)
    if not languages:
        return dict(data)
    default = languages[0]
    tag = tag or default
    result = copy.deepcopy(dict(data))
    for site in text_sites(data):
        shown = pick(site.value, tag, languages)
        if site.bare_option:
            if tag == default and not isinstance(site.value, dict):
                continue  # `- Daily` stays as written: the model slugs it
            label = pick(site.value, default, languages)
            value = _slug(label) if isinstance(label, str) else ""
            _set(result, site.path, {"value": value, "label": shown})
            continue
        if tag != default and len(site.path) >= 3 and site.path[-3] in ("options", "tools"):
            option = _get(result, site.path[:-1])
            label = pick(site.value, default, languages)
            if not option.get("value") and isinstance(label, str):
                option["value"] = _slug(label)
        if isinstance(site.value, dict):
            _set(result, site.path, shown)
    return result
