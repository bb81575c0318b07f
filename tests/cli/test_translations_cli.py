"""``survey-tui translations export/import``: the translators' round trip on real files
(docs/questionnaires.md, "Translating a questionnaire")."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.catalog import shipped_questionnaire_files
from survey_tui.core.loader import load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "languages"
BILINGUAL = FIXTURES / "bilingual.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["translations", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def write_rows(path: Path, table: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(table)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return str(path)


def copy(tmp_path: Path, source: Path = BILINGUAL) -> Path:
    target = tmp_path / source.name
    shutil.copyfile(source, target)
    return target


def with_languages(path: Path) -> None:
    """Declare ``[en, de]`` in a one-language file (the translator's first step)."""
    text = path.read_text(encoding="utf-8")
    if re.search(r"^languages:", text, re.MULTILINE):
        return
    path.write_text(
        re.sub(r"^(version: .*)$", r"\1\nlanguages: [en, de]", text, count=1, flags=re.M),
        encoding="utf-8",
    )


@pytest.mark.parametrize("shipped", shipped_questionnaire_files(), ids=lambda p: p.name)
def test_every_shipped_questionnaire_round_trips_untouched(tmp_path: Path, shipped: Path) -> None:
    path = copy(tmp_path, shipped)
    with_languages(path)
    before = path.read_bytes()
    languages = load_languages(path)
    for tag in languages[1:]:
        out = tmp_path / f"{tag}.csv"
        code, _, err = run("export", str(path), "--lang", tag, "-o", str(out))
        assert code == 0, err
        stamp = path.stat().st_mtime_ns
        code, stdout, err = run("import", str(path), str(out), "--lang", tag)
        assert code == 0, err
        assert "nothing written" in stdout
        assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp


def load_languages(path: Path) -> list[str]:
    from survey_tui.core.translations import read

    return read(path).languages


@pytest.mark.parametrize("shipped", shipped_questionnaire_files(), ids=lambda p: p.name)
def test_every_shipped_questionnaire_can_be_translated_and_keeps_its_comments(
    tmp_path: Path, shipped: Path
) -> None:
    path = copy(tmp_path, shipped)
    # A language nobody ships: every text goes through import (plain strings become maps).
    text = path.read_text(encoding="utf-8")
    if "languages:" in text:
        text = re.sub(r"^languages: \[(.*)\]$", r"languages: [\1, fr]", text, flags=re.M)
    else:
        text = re.sub(r"^(version: .*)$", r"\1\nlanguages: [en, fr]", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    comments = [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]
    code, exported, _ = run("export", str(path), "--lang", "fr")
    assert code == 0
    table = rows(exported)
    assert table[0] == ["path", "source", "translation"]
    assert all(row[2] == "" for row in table[1:])
    filled = [table[0]] + [[p, s, f"(fr) {s}"] for p, s, _ in table[1:]]
    code, out, err = run(
        "import", str(path), write_rows(tmp_path / "fr.csv", filled), "--lang", "fr"
    )
    assert code == 0, err
    assert f"{len(filled) - 1} fr texts written" in out
    q = load(path)  # validates: every text now has its French
    french = q.in_language("fr")
    assert french.title == f"(fr) {load(path).title}"
    after = path.read_text(encoding="utf-8")
    kept = [line.strip() for line in after.splitlines() if line.lstrip().startswith("#")]
    assert set(comments) <= set(kept) | {c for c in comments if c in after}
    # The export now carries the translations, and importing it again changes nothing.
    code, again, _ = run("export", str(path), "--lang", "fr")
    assert [row[2] for row in rows(again)[1:]] == [row[2] for row in filled[1:]]
    before = path.read_bytes()
    assert (
        "nothing written"
        in run(
            "import", str(path), write_rows(tmp_path / "again.csv", rows(again)), "--lang", "fr"
        )[1]
    )
    assert path.read_bytes() == before


def test_an_edit_changes_only_its_own_line(tmp_path: Path) -> None:
    path = copy(tmp_path)
    code, exported, _ = run("export", str(path), "--lang", "de")
    table = rows(exported)
    for row in table:
        if row[0] == "sections.0.questions.2.text":
            row[2] = "Noch etwas?"
        if row[0] == "scales.agree5.labels.2":
            row[2] = "Weder noch"
    before = path.read_text(encoding="utf-8").splitlines()
    code, out, err = run(
        "import", str(path), write_rows(tmp_path / "de.csv", table), "--lang", "de"
    )
    assert code == 0, err
    assert out.strip() == f"{path}: 2 de texts written"
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [
        ("      - {en: Neutral, de: Neutral}", "      - {en: Neutral, de: Weder noch}"),
        ("          de: Sonst noch etwas?", "          de: Noch etwas?"),
    ]
    assert "    labels:   # from disagree to agree" in after


def test_a_plain_text_becomes_a_language_map(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "id: plain\ntitle: Plain  # the title\nversion: 1\nlanguages: [en, de]\n"
        "groups:\n  - id: all\n    label: Everyone\nsections:\n  - id: s\n    title: Section\n"
        "    questions:\n      - id: ok\n        type: single_choice\n"
        "        text: Is it fine?\n        options: [Yes, Maybe]\n",
        encoding="utf-8",
    )
    table = [
        ["path", "source", "translation"],
        ["title", "Plain", "Schlicht"],
        ["groups.0.label", "Everyone", "Alle"],
        ["sections.0.title", "Section", "Abschnitt"],
        ["sections.0.questions.0.text", "Is it fine?", "Passt es?"],
        # A translation PyYAML would read as a boolean stays text.
        ["sections.0.questions.0.options.0", "Yes", "On"],
        ["sections.0.questions.0.options.1", "Maybe", "Vielleicht"],
    ]
    code, _, err = run("import", str(path), write_rows(tmp_path / "de.csv", table), "--lang", "de")
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    assert re.search(r"^title: \{en: Plain, de: Schlicht\} +# the title$", text, re.M)
    assert 'options:\n          - {en: Yes, de: "On"}\n' in text
    german = load(path).in_language("de")
    question = german.sections[0].questions[0]
    assert [o.label for o in question.options] == ["On", "Vielleicht"]  # type: ignore[union-attr]
    assert [o.value for o in question.options] == ["yes", "maybe"]  # type: ignore[union-attr]


def test_formula_like_texts_are_escaped_and_come_back(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "id: cells\ntitle: '=Cells'\nversion: 1\nlanguages: [en, de]\n"
        "groups:\n  - id: all\n    label: '-Everyone'\nsections:\n  - id: s\n    title: '@Section'\n"
        "    questions:\n      - id: t\n        type: text\n        text: '+Anything?'\n",
        encoding="utf-8",
    )
    code, exported, _ = run("export", str(path), "--lang", "de")
    assert code == 0
    assert rows(exported)[1] == ["title", "'=Cells", ""]
    table = [
        row if i == 0 else [row[0], row[1], "'" + row[1][1:] + " DE"]
        for i, row in enumerate(rows(exported))
    ]
    code, _, err = run("import", str(path), write_rows(tmp_path / "de.csv", table), "--lang", "de")
    assert code == 0, err
    assert load(path).in_language("de").title == "=Cells DE"


def refused(tmp_path: Path, table: list[list[str]], *extra: str) -> tuple[str, Path]:
    path = copy(tmp_path)
    before = path.read_bytes()
    csv_file = write_rows(tmp_path / "de.csv", table)
    code, out, err = run("import", str(path), csv_file, "--lang", "de", *extra)
    assert code == 2, out
    assert path.read_bytes() == before
    assert "Traceback" not in err
    return err, Path(csv_file)


def exported_table(tmp_path: Path) -> list[list[str]]:
    return rows(run("export", str(BILINGUAL), "--lang", "de")[1])


def test_an_unknown_path_is_refused_with_its_line(tmp_path: Path) -> None:
    table = exported_table(tmp_path)
    table[3][0] = "groups.1.lable"
    err, csv_file = refused(tmp_path, table)
    assert err.strip() == (
        f"{csv_file}:4:1: groups.1.lable: no shown text at this path (did you mean "
        "'groups.1.label'?); export again to get the paths"
    )


def test_a_wrong_header_is_refused(tmp_path: Path) -> None:
    table = exported_table(tmp_path)
    table[0] = ["path", "english", "german"]
    err, csv_file = refused(tmp_path, table)
    assert err.strip() == (
        f"{csv_file}:1:1: the header must be path,source,translation, not 'path,english,german'"
    )


def test_a_changed_source_and_a_repeated_path_are_refused(tmp_path: Path) -> None:
    table = exported_table(tmp_path)
    table[1][1] = "Old title"
    table.append(list(table[2]))
    err, csv_file = refused(tmp_path, table)
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"{csv_file}:2:2: title: the source text changed since the export")
    assert lines[1] == f"{csv_file}:{len(table)}:1: groups.0.label: appears twice (first on line 3)"


def test_a_translation_the_questionnaire_refuses_is_placed_on_its_line(tmp_path: Path) -> None:
    table = exported_table(tmp_path)
    line = next(i for i, row in enumerate(table) if row[0] == "sections.0.questions.1.text")
    table[line][2] = "Nutzen Sie \x07 KI?"
    err, csv_file = refused(tmp_path, table)
    assert err.startswith(f"{csv_file}:{line + 1}:3: sections.0.questions.1.text: the translation")
    assert "U+0007" in err


def test_language_errors(tmp_path: Path) -> None:
    code, _, err = run("export", str(BILINGUAL), "--lang", "fr")
    assert code == 2
    assert (
        err.strip()
        == f"{BILINGUAL}:5:12: languages: 'fr' is not declared: add it to languages (en, de) first"
    )
    code, _, err = run("export", str(BILINGUAL), "--lang", "EN")
    assert code == 2 and "'en' is the source language" in err
    one = Path(__file__).resolve().parents[1] / "fixtures" / "data_exchange" / "survey.yaml"
    code, _, err = run("export", str(one), "--lang", "de")
    assert code == 2 and err.startswith(
        f"{one}:1:1: declares no languages: add languages: [en, de]"
    )


def test_a_shipped_questionnaire_is_written_only_as_a_copy(tmp_path: Path) -> None:
    code, exported, _ = run("export", "ai-expectation-gap", "--lang", "de")
    assert code == 0
    csv_file = tmp_path / "de.csv"
    csv_file.write_text(exported, encoding="utf-8")
    code, _, err = run("import", "ai-expectation-gap", str(csv_file), "--lang", "de")
    assert code == 2 and "give -o OUT.yaml" in err
    out = tmp_path / "copy.yaml"
    code, stdout, _ = run(
        "import", "ai-expectation-gap", str(csv_file), "--lang", "de", "-o", str(out)
    )
    assert code == 0 and "nothing written" in stdout and not out.exists()
