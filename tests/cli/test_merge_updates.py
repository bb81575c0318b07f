"""`merge` keeps the newer copy of a response (issue 11, "merge loses later answers").

The exact sequence a facilitator meets: a laptop's store is merged while one response is
still partial; the respondent finishes on the laptop; the next merge must update it, and an
old copy of the laptop file merged later must not turn it back into a partial. Real sessions,
real store files, the real `merge` command (click's CliRunner).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.loader import load
from survey_tui.core.session import Session
from survey_tui.core.store import ResponseStore

SMALL = Path(__file__).resolve().parents[1] / "ui" / "run_small.yaml"


def merge(into: Path, *sources: Path) -> str:
    result = CliRunner().invoke(main, ["merge", "--into", str(into), *map(str, sources)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_response_completed_after_a_merge_is_updated_by_the_next(tmp_path: Path) -> None:
    laptop, central, stale = tmp_path / "laptop.json", tmp_path / "all.json", tmp_path / "old.json"
    q = load(SMALL)
    session = Session(q, ResponseStore(laptop), group="a")
    session.record_answer("lik", 4)  # partial: one answer so far
    ResponseStore(laptop).compact()
    shutil.copy(laptop, stale)  # a copy of the laptop file taken at this point
    assert "1 new responses, 0 already present, 0 updated" in merge(central, laptop)
    assert ResponseStore(central).responses("small") == []  # partial, not complete

    session.record_answer("hours", 12)
    session.record_answer("nps", 9)
    session.submit()
    ResponseStore(laptop).compact()
    assert "0 new responses, 0 already present, 1 updated" in merge(central, laptop)
    [done] = ResponseStore(central).responses("small")
    assert done["answers"] == {"lik": 4, "hours": 12, "nps": 9}

    # The stale partial copy never replaces the complete response.
    assert "0 new responses, 1 already present, 0 updated" in merge(central, stale)
    assert "0 new responses, 2 already present, 0 updated" in merge(central, laptop, stale)
    [still] = ResponseStore(central).responses("small")
    assert still == done
    assert ResponseStore(central).responses("small", status="partial") == []


def _copy(record: dict[str, object], **changes: object) -> dict[str, object]:
    return {**record, **changes}


def test_the_later_copy_wins_and_complete_beats_partial_at_equal_times(tmp_path: Path) -> None:
    base: dict[str, object] = {
        "response_id": "r1",
        "questionnaire_id": "small",
        "questionnaire_version": 1,
        "group": "a",
        "wave": "default",
        "status": "partial",
        "answers": {"lik": 1},
        "updated_at": "2026-11-24T10:00:00Z",
    }
    one, two, into = tmp_path / "one.json", tmp_path / "two.json", tmp_path / "all.json"
    ResponseStore(one).insert_many([base])
    ResponseStore(two).insert_many([_copy(base, answers={"lik": 2}, status="complete")])
    assert "1 new responses" in merge(into, one)
    assert "1 updated" in merge(into, two)  # same time: the complete copy wins
    assert ResponseStore(into).get("r1")["answers"] == {"lik": 2}  # type: ignore[index]

    later = _copy(base, status="complete", answers={"lik": 3}, updated_at="2026-11-24T11:00:00Z")
    newer = tmp_path / "newer.json"
    ResponseStore(newer).insert_many([later])
    assert "1 updated" in merge(into, newer)
    assert "0 updated" in merge(into, two)  # the earlier complete copy does not come back
    partial_later = tmp_path / "partial_later.json"
    ResponseStore(partial_later).insert_many([_copy(base, updated_at="2026-11-25T00:00:00Z")])
    assert "0 updated" in merge(into, partial_later)  # a partial never replaces a complete
    assert ResponseStore(into).get("r1")["answers"] == {"lik": 3}  # type: ignore[index]
