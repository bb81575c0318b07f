"""``survey-tui report --template`` with hostile or runaway templates: every one stops with
``FILE:LINE: template: message``, exit 2, no traceback and nothing written. Real store, real
CLI; user templates render in a real child process (docs/reports.md)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from survey_tui.cli import main
from survey_tui.core.catalog import resolve_template
from survey_tui.core.errors import TemplateError

SURVEY = Path(__file__).resolve().parents[1] / "fixtures" / "reports" / "choices.yaml"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from survey_tui.core.loader import load
    from survey_tui.core.store import ResponseStore

    q = load(SURVEY)
    path = tmp_path_factory.mktemp("store") / "responses.json"
    store = ResponseStore(path)
    for group in ("executive", "manager", "frontline"):
        for value in (2, 3, 4):
            response = store.start(q, group=group)
            response["answers"] = {"quality": value, "tool": "copilot"}
            store.submit(response)
    return path


def _report(db: Path, template: Path, *extra: str, env: dict[str, str] | None = None) -> Result:
    args = ["report", str(SURVEY), "--db", str(db), "--template", str(template), *extra]
    return CliRunner().invoke(main, args, env=env)


def _refused(result: Result, where: str, fragment: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{where}: template: "), result.stderr
    assert fragment in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


# Each one used to hang, crash with a traceback, or allocate gigabytes.
HOSTILE = {
    "huge_range": ("{{ range(10**9) | list | length }}", "range() of 1,000,000,000"),
    "format_map_index": ("{{ '{0.x}'.format_map({}) }}", "IndexError"),
    "repeat_string": ("{{ ('a' * 10**10) | length }}", "at most 10,000,000"),
    "repeat_list": ("{{ ([0] * 10**10) | length }}", "at most 10,000,000"),
    "printf_width": ("{{ '%0999999999d' % 1 }}", "widths and precisions above 1000"),
    "printf_filter_star": ("{{ '%-*d' | format(10**9, 1) }}", "'*' width"),
    "format_width": ("{{ '{:0999999999}'.format(1) }}", "widths and precisions above 1000"),
    "format_map_width": ("{{ '{x:>999999999}'.format_map({'x': 1}) }}", "widths and precisions"),
    "power": ("{{ 10 ** (10 ** 10) }}", "too large a number"),
    "ljust": ("{{ 'x'.ljust(10**10) }}", "str.ljust()"),
    "center_filter": ("{{ 'x' | center(10**10) }}", "center would be"),
    "replace_growth": ("{{ ('x' * 10**6).replace('', 'yyyyyyyyyy') }}", "str.replace()"),
    "translate_growth": ("{{ ('a' * 10**6).translate({97: 'b' * 1000}) }}", "str.translate()"),
    "batch_fill": ("{{ [1] | batch(10**9, 'x') | list }}", "batch would be"),
    "bar_width": ("{{ 50 | bar(10**10) }}", "bar width must be 1 to 200"),
    "lipsum": ("{{ lipsum(10**6) }}", "lipsum()"),
    "recursive_macro": (
        "{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}",
        "nested too deeply",
    ),
    "doubling": (
        '{% set ns = namespace(s="x") %}{% for i in range(64) %}'
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
        "ran out of memory",
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_template_is_refused_at_its_line(db: Path, tmp_path: Path, name: str) -> None:
    source, fragment = HOSTILE[name]
    template = tmp_path / "mine.md.j2"
    template.write_text(f"# Our report\n\n{source}\n")
    out = tmp_path / "report.md"
    result = _report(db, template, "-o", str(out))
    _refused(result, f"{template}:3", fragment)
    assert not out.exists()


def test_template_that_extends_itself_is_refused(db: Path, tmp_path: Path) -> None:
    template = tmp_path / "loop.md.j2"
    template.write_text('{% extends "loop.md.j2" %}\n')
    _refused(_report(db, template), f"{template}:1", "extends or includes itself")


def test_endless_loop_stops_at_the_time_limit(db: Path, tmp_path: Path) -> None:
    template = tmp_path / "endless.md.j2"
    template.write_text(
        "# Report\n{% for i in range(99999) %}{% for j in range(99999) %}"
        "{{ i * j }}{% endfor %}{% endfor %}\n"
    )
    out = tmp_path / "report.html"
    env = {"SURVEY_TUI_TEMPLATE_TIMEOUT": "2"}
    result = _report(db, template, "--format", "html", "-o", str(out), env=env)
    _refused(result, f"{template}:2", "stopped after 2 s (an endless loop?)")
    assert not out.exists()


def test_a_bad_time_limit_is_a_clear_error(db: Path, tmp_path: Path) -> None:
    template = tmp_path / "ok.md.j2"
    template.write_text("# fine\n")
    result = _report(db, template, env={"SURVEY_TUI_TEMPLATE_TIMEOUT": "soon"})
    assert result.exit_code == 2
    assert result.stderr.startswith("SURVEY_TUI_TEMPLATE_TIMEOUT: must be a number of seconds")


def test_only_j2_or_jinja_files_are_templates(db: Path, tmp_path: Path) -> None:
    # `--template /etc/shadow` used to print that file.
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET\n")
    result = _report(db, secret)
    _refused(result, str(secret), "must be a .j2 or .jinja file")
    assert "TOP SECRET" not in result.output
    including = tmp_path / "include.md.j2"
    including.write_text('# Report\n{% include "secret.txt" %}\n')
    result = _report(db, including)
    _refused(result, f"{including}:2", "only .j2 and .jinja files are templates")
    assert "TOP SECRET" not in result.output


def test_a_jinja_file_is_a_template(db: Path, tmp_path: Path) -> None:
    template = tmp_path / "short.jinja"
    template.write_text("# {{ analysis.questionnaire.title }}\n")
    result = _report(db, template)
    assert result.exit_code == 0, result.output
    assert result.stdout == "# Choices test\n"


def test_user_copy_of_the_shipped_report_renders_the_same(db: Path, tmp_path: Path) -> None:
    """The child process renders exactly what the in-process (shipped) path renders."""
    copy = tmp_path / "gap_copy.md.j2"
    shutil.copy(resolve_template("gap_report.md.j2"), copy)
    shipped = _report(db, resolve_template("gap_report.md.j2"))
    mine = _report(db, copy)
    assert shipped.exit_code == 0 and mine.exit_code == 0, mine.output
    assert mine.stdout == shipped.stdout and "## Choice questions" in mine.stdout


def test_user_template_is_stopped_from_a_worker_thread(tmp_path: Path) -> None:
    """The TUI renders in worker threads, where no signal alarm can be set: the child process
    still stops a runaway template there."""
    from survey_tui.core.reports import render

    template = tmp_path / "endless.md.j2"
    template.write_text(
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
    )
    caught: list[BaseException] = []

    def work() -> None:
        try:
            render(template, {"minimum": 3}, timeout=1)
        except BaseException as error:  # handed to the test thread
            caught.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert len(caught) == 1 and isinstance(caught[0], TemplateError)
    assert str(caught[0]).startswith(f"{template}:1: template: stopped after 1 s")


def test_child_ignores_modules_in_the_working_folder(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report run in a folder holding a json.py must not run that file in the child."""
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "json.py").write_text('raise SystemExit("a stray json.py ran")\n')
    template = folder / "mine.md.j2"
    template.write_text("# {{ analysis.questionnaire.title }}\n")
    monkeypatch.chdir(folder)
    result = _report(db, Path("mine.md.j2"))
    assert result.exit_code == 0, result.output
    assert result.stdout == "# Choices test\n"


def test_ordinary_formatting_still_works(tmp_path: Path) -> None:
    from survey_tui.core.reports import render

    template = tmp_path / "fmt.md.j2"
    template.write_text(
        "{{ '{:*>6}'.format(1) }} {{ '%5.1f%%' % 12.345 }} {{ '%-4s|' | format('a') }} "
        "{{ '{x:0>3}'.format_map({'x': 7}) }} {{ 'ab' * 3 }} {{ 2 ** 10 }} {{ 'a-b'.replace('-', '+') }} "
        "{{ range(3) | join(',') }} {{ 'x' | center(5) }}|\n"
    )
    text = render(template, {"minimum": 3})
    assert text == "*****1  12.3% a   | 007 ababab 1024 a+b 0,1,2   x  |\n"
