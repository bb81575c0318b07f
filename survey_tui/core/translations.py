"""Translators' round trip (docs/questionnaires.md, "Translating a questionnaire").

``survey-tui translations export`` writes one CSV row per shown text of a questionnaire
(``path,source,translation``: the dotted path as in error messages, the default language's
text, the text in the target language when there is one); ``translations import`` writes the
filled-in column back into the YAML with :mod:`survey_tui.core.yamledit`, which keeps the
file's comments, key order and quoting. Importing an unedited export changes nothing and
writes nothing.

Export works on a file that does not validate yet: adding ``de`` to ``languages`` makes every
text lack its German, and the export is how the German gets there.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from survey_tui.core.errors import DataError, Problem, QuestionnaireError, SurveyError
from survey_tui.core.export import csv_line
from survey_tui.core.languages import Site, declared_languages, fold, text_sites
from survey_tui.core.store.exchange import spreadsheet_plain, spreadsheet_safe
from survey_tui.core.yamlsource import SourceMap, YamlProblems, decode, format_path, read_yaml

HEADER = ["path", "source", "translation"]
# CSV columns, as error positions name them (a spreadsheet's A, B, C).
PATH_COLUMN, SOURCE_COLUMN, TRANSLATION_COLUMN = 1, 2, 3


@dataclass(frozen=True)
class Text:
    """One shown text: where it is, the default language's text and the target's (or "")."""

    site: Site
    path: str
    source: str
    translation: str


@dataclass(frozen=True)
class Questionnaire:
    """A questionnaire file as the translators' tools read it (it need not validate)."""

    file: str
    text: str
    data: dict[str, Any]
    source: SourceMap
    languages: list[str]


def read(path: str | FsPath) -> Questionnaire:
    """The file at ``path``, parsed with positions; a file that declares no languages is an
    error (translating starts by declaring them)."""
    file = str(path)
    try:
        raw = FsPath(path).read_bytes()
    except OSError as error:
        raise QuestionnaireError([Problem(file, None, None, "", str(error.strerror))]) from None
    try:
        text = decode(raw, file)
        data, source = read_yaml(text, file)
    except YamlProblems as exc:
        raise QuestionnaireError(exc.problems) from None
    if not isinstance(data, dict):
        raise QuestionnaireError([Problem(file, 1, 1, "", "the top level must be a mapping")])
    languages = declared_languages(data)
    if not languages:
        message = (
            "declares no languages: add languages: [en, de] (the language the texts are in "
            "now first, then the one to translate into)"
        )
        where = ("languages",) if "languages" in data else ()
        raise QuestionnaireError([source.problem(where, message, key=True)])
    return Questionnaire(file, text, data, source, languages)


def target_language(q: Questionnaire, tag: str) -> str:
    """The declared tag ``--lang`` names (any case, ``_`` for ``-``); not the default."""
    for declared in q.languages:
        if fold(declared) == fold(tag):
            if declared == q.languages[0]:
                message = f"{declared!r} is the source language: name the one to translate into"
                raise QuestionnaireError([q.source.problem(("languages", 0), message)])
            return declared
    matches = difflib.get_close_matches(tag, q.languages, n=1, cutoff=0.5)
    hint = f" (did you mean {matches[0]!r}?)" if matches else ""
    message = f"{tag!r} is not declared{hint}: add it to languages ({', '.join(q.languages)}) first"
    raise QuestionnaireError([q.source.problem(("languages",), message)])


def texts(q: Questionnaire, tag: str) -> Iterator[Text]:
    """Every shown text whose default-language text is a string, in file order."""
    default = q.languages[0]
    for site in text_sites(q.data):
        value = site.value
        source = value.get(default) if isinstance(value, dict) else value
        if not isinstance(source, str):
            continue
        translation = value.get(tag) if isinstance(value, dict) else None
        yield Text(
            site,
            format_path(site.path),
            source,
            translation if isinstance(translation, str) else "",
        )


def export_csv(path: str | FsPath, tag: str) -> tuple[str, int, int]:
    """The translators' CSV for ``tag``, its number of rows and how many have no
    translation yet."""
    q = read(path)
    tag = target_language(q, tag)
    lines = [csv_line(HEADER)]
    missing = 0
    for text in texts(q, tag):
        missing += not text.translation
        cells = [text.path, spreadsheet_safe(text.source), spreadsheet_safe(text.translation)]
        lines.append(csv_line(cells))
    return "".join(lines), len(lines) - 1, missing


@dataclass(frozen=True)
class Row:
    line: int
    path: str
    source: str
    translation: str


def parse_csv(file: str, data: bytes) -> list[Row]:
    """The rows of a translators' CSV; any malformed line is a :class:`DataError`."""
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(
            [Problem(file, None, None, "", f"not UTF-8 text ({error.reason})")]
        ) from None
    problems: list[Problem] = []
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    header: list[str] | None = None
    start = 1
    try:
        for fields in reader:
            line, start = start, reader.line_num + 1
            if not any(f.strip() for f in fields):
                continue
            if header is None:
                header = [f.strip() for f in fields]
                if header != HEADER:
                    got = ",".join(header)
                    problems.append(
                        Problem(
                            file,
                            line,
                            1,
                            "",
                            f"the header must be path,source,translation, not {got!r}",
                        )
                    )
                    break
                continue
            if len(fields) > len(HEADER):
                message = f"row has {len(fields)} fields; path,source,translation has 3"
                problems.append(Problem(file, line, len(HEADER) + 1, "", message))
                continue
            fields += [""] * (len(HEADER) - len(fields))
            path, source, translation = (spreadsheet_plain(f) for f in fields)
            rows.append(Row(line, path.strip(), source, translation))
    except csv.Error as error:
        problems.append(Problem(file, start, None, "", f"not valid CSV ({error})"))
    if header is None and not problems:
        problems.append(Problem(file, None, None, "", "empty: expected path,source,translation"))
    if problems:
        raise DataError(problems)
    return rows


def _same(a: str, b: str) -> bool:
    """Equal but for whitespace (a spreadsheet may trim or re-wrap a cell)."""
    return a.split() == b.split()


def check_rows(file: str, rows: list[Row], known: Mapping[str, Text]) -> list[Problem]:
    """Problems of rows against the questionnaire's texts: unknown or repeated paths, a
    source text that changed since the export."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for row in rows:
        text = known.get(row.path)
        if text is None:
            matches = difflib.get_close_matches(row.path, list(known), n=1, cutoff=0.6)
            hint = f" (did you mean {matches[0]!r}?)" if matches else ""
            message = f"no shown text at this path{hint}; export again to get the paths"
            problems.append(Problem(file, row.line, PATH_COLUMN, row.path, message))
        elif row.path in seen:
            message = f"appears twice (first on line {seen[row.path]})"
            problems.append(Problem(file, row.line, PATH_COLUMN, row.path, message))
        elif not _same(row.source, text.source):
            message = (
                f"the source text changed since the export (now {text.source!r}): check the "
                "translation against it and export again"
            )
            problems.append(Problem(file, row.line, SOURCE_COLUMN, row.path, message))
        seen.setdefault(row.path, row.line)
    return problems


@dataclass(frozen=True)
class Imported:
    """What an import would write: the new file text (None: nothing changes), how many
    texts it sets, and how many rows were left without a translation."""

    text: str | None
    changed: int
    empty: int


def import_csv(path: str | FsPath, csv_file: str, data: bytes, tag: str) -> Imported:
    """The questionnaire at ``path`` with the translations of a translators' CSV in ``tag``.

    Every problem (a bad header, an unknown path, a source text changed since the export, a
    translation the questionnaire refuses) is a :class:`DataError` naming its CSV line, and
    nothing is written; an empty translation leaves the text as it is.
    """
    from survey_tui.core.yamledit import Edit, set_texts

    q = read(path)
    tag = target_language(q, tag)
    known = {text.path: text for text in texts(q, tag)}
    rows = parse_csv(csv_file, data)
    problems = check_rows(csv_file, rows, known)
    if problems:
        raise DataError(problems)
    edits: list[Edit] = []
    lines: dict[str, int] = {}
    empty = 0
    for row in rows:
        text = known[row.path]
        if not row.translation.strip():
            empty += not text.translation
            continue
        translation = row.translation
        if text.source.endswith("\n") and not translation.endswith("\n"):
            translation += "\n"  # a `|` block stays a `|` block
        if translation != text.translation:
            edits.append(Edit(text.site.path, tag, translation))
            lines[row.path] = row.line
    new = set_texts(q.text, edits, q.languages)
    if new == q.text:
        return Imported(None, 0, empty)
    _check_written(q, new, edits, tag)
    problems = _introduced(q, new, csv_file, lines)
    if problems:
        raise DataError(problems)
    return Imported(new, len(edits), empty)


def _check_written(q: Questionnaire, new: str, edits: list[Any], tag: str) -> None:
    """Read the new text back as the loader will: every edit must be there as given (a
    safeguard: the YAML writer and the loader's parser must agree on every string)."""
    try:
        data, source = read_yaml(new, q.file)
    except YamlProblems as exc:
        raise QuestionnaireError(exc.problems) from None
    back = Questionnaire(q.file, new, data, source, q.languages)
    found = {text.site.path: text.translation for text in texts(back, tag)}
    wrong = [edit for edit in edits if found.get(edit.path) != edit.text]
    if wrong:
        where = format_path(wrong[0].path)
        raise SurveyError(
            f"{where}: the {tag} text would not read back as written; nothing was written",
            location=q.file,
        )


def _load_problems(text: str, file: str) -> list[Problem]:
    from survey_tui.core.loader import load_bytes

    try:
        load_bytes(text.encode("utf-8"), file)
    except QuestionnaireError as error:
        return [p for p in error.problems if not p.message.startswith("warning:")]
    return []


def _introduced(q: Questionnaire, new: str, csv_file: str, lines: dict[str, int]) -> list[Problem]:
    """Problems the new text has and the file had not (a German ``short`` over 80 characters,
    a control character), each placed on the CSV line of its translation."""
    before = {(p.field, p.message) for p in _load_problems(q.text, q.file)}
    found = []
    for problem in _load_problems(new, q.file):
        if (problem.field, problem.message) in before:
            continue
        owner = max(
            (
                path
                for path in lines
                if problem.field == path or problem.field.startswith(path + ".")
            ),
            key=len,
            default=None,
        )
        if owner is None:
            found.append(problem)
        else:
            message = f"the translation makes the questionnaire invalid: {problem.message}"
            found.append(Problem(csv_file, lines[owner], TRANSLATION_COLUMN, owner, message))
    return found
