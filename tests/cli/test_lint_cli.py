"""``survey-tui lint``: each rule fires on its bad fixture, at the marked line, and stays quiet
on its good one; exit 0 with warnings, 1 with --strict, 2 for a file that does not validate.

Every bad fixture in tests/fixtures/lint marks the line the warning must point at with a
``# <- RULE`` comment.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main

ROOT = Path(__file__).resolve().parents[2]
LINT = ROOT / "tests" / "fixtures" / "lint"
WARNING_RE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<field>\S+): warning: "
    r"(?P<message>.+) \((?P<fix>.+)\) \[(?P<rule>[a-z-]+)\]$"
)

# bad fixture -> (rule, the words the column points at, or None for a key or a list)
BAD: dict[str, tuple[str, str | None]] = {
    "referents_bad": ("referents", "our organisation"),
    "double_barrelled_bad": ("double-barrelled", "and correcting"),
    "leading_bad": ("leading", "How much has AI improved"),
    "absolute_bad": ("absolute", "always"),
    "scale_balance_labels_bad": ("scale-balance", "[Poor"),
    "scale_balance_favorable_bad": ("scale-balance", "[3, 4, 5]"),
    "dont_know_bad": ("dont-know", "Engineers on the teams"),
    "scale_mismatch_lengths_bad": ("scale-mismatch", "nps"),
    "scale_mismatch_pair_bad": ("scale-mismatch", "agree5_plain"),
    "ignored_construct_bad": ("ignored-construct", "output_quality"),
    "ignored_construct_awareness_bad": ("ignored-construct", "success"),
    "construct_groups_bad": ("construct-groups", "[executive]"),
    "length_bad": ("length", "2"),
    "anonymity_bad": ("anonymity", "[Copilot"),
    "untranslated_bad": ("untranslated", "AI output is usually"),
    "translation_length_bad": ("translation-length", "KI-Ergebnisse"),
}
GOOD = [*sorted(p.stem for p in LINT.glob("*_good.yaml")), "ignore_escape_hatch"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["lint", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def marked_line(path: Path, rule: str) -> tuple[int, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    [number] = [i for i, line in enumerate(lines, 1) if line.endswith(f"# <- {rule}")]
    return number, lines[number - 1]


def test_every_rule_has_a_bad_and_a_good_fixture() -> None:
    from survey_tui.core.lint import RULES

    stems = {p.stem for p in LINT.glob("*.yaml")}
    assert set(BAD) <= stems
    rules = {rule for rule, _ in BAD.values()}
    assert len(rules) == len(RULES)  # one rule name per rule function
    for stem in BAD:
        pair = re.sub(r"_(bad)$", "_good", stem)
        assert pair in stems or stem == "ignored_construct_awareness_bad", stem


@pytest.mark.parametrize("stem", sorted(BAD))
def test_bad_fixture_warns_at_the_marked_place(stem: str) -> None:
    rule, words = BAD[stem]
    path = LINT / f"{stem}.yaml"
    code, out, err = run("--strict", str(path))
    assert code == 1, out + err
    assert err == ""
    *warnings, summary = out.splitlines()
    assert summary == f"{path}: 1 warning"
    [warning] = warnings
    match = WARNING_RE.match(warning)
    assert match, warning
    assert match["rule"] == rule and match["file"] == str(path)
    line, source = marked_line(path, rule)
    assert int(match["line"]) == line, warning
    if words is not None:
        assert source[int(match["col"]) - 1 :].startswith(words), (warning, source)


@pytest.mark.parametrize("stem", GOOD)
def test_good_fixture_lints_clean_with_strict(stem: str) -> None:
    path = LINT / f"{stem}.yaml"
    code, out, err = run("--strict", str(path))
    assert (code, out, err) == (0, f"{path}: ok\n", "")


def test_the_escape_hatch_silences_only_the_named_rule(tmp_path: Path) -> None:
    text = (LINT / "ignore_escape_hatch.yaml").read_text(encoding="utf-8")
    without = tmp_path / "without.yaml"
    without.write_text(re.sub(r"        lint:\n.*\n.*\n", "", text), encoding="utf-8")
    code, out, _ = run(str(without))
    assert code == 0 and "[referents]" in out
    other = tmp_path / "other_rule.yaml"
    other.write_text(text.replace("ignore: [referents]", "ignore: [leading]"), encoding="utf-8")
    assert "[referents]" in run(str(other))[1]


def test_warnings_alone_exit_0_without_strict() -> None:
    path = LINT / "referents_bad.yaml"
    code, out, _ = run(str(path))
    assert code == 0 and "[referents]" in out


def test_a_file_that_does_not_validate_exits_2_with_validates_errors(tmp_path: Path) -> None:
    broken = ROOT / "tests" / "fixtures" / "malformed" / "unknown_scale.yaml"
    code, out, err = run("--strict", str(LINT / "absolute_bad.yaml"), str(broken))
    assert code == 2
    # The valid file is still linted; the broken one gets validate's located error.
    assert "[absolute]" in out
    assert f"{broken}:21:16: sections.0.questions.0.scale: unknown scale 'agre5'" in err
    assert "Traceback" not in out + err


def test_the_real_command_exits_1_with_strict() -> None:
    path = LINT / "leading_bad.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "survey_tui", "lint", "--strict", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "[leading]" in done.stdout
