"""The shown set (core.live.advance_shown): once figures are shown, a group's responses are
taken in only in steps of at least min_group_size, so two figures shown one after the other
never tell a single response apart."""

from __future__ import annotations

import random
from typing import Any

from survey_tui.core.live import ShownSet, advance_shown

K = 5


def response(n: int, group: str, wave: str = "default", stamp: str = "t0") -> dict[str, Any]:
    return {"response_id": f"{group}-{wave}-{n}", "group": group, "wave": wave, "updated_at": stamp}


def ids(records: list[dict[str, Any]]) -> list[str]:
    return [r["response_id"] for r in records]


def responses(group: str, count: int, wave: str = "default") -> list[dict[str, Any]]:
    return [response(n, group, wave) for n in range(count)]


def test_before_figures_are_shown_the_set_follows_every_response() -> None:
    shown = ShownSet()
    for count in (1, 5, 6, 7):
        shown = advance_shown(shown, responses("eng", count), K, hold=False)
        assert len(shown.records(None)) == count


def test_a_group_at_5_does_not_refresh_for_a_6th_response_but_does_at_10() -> None:
    lead = responses("lead", 5)
    shown = advance_shown(ShownSet(), lead + responses("eng", 5), K, hold=False)
    for count in range(6, 10):  # the counts move one by one, the figures do not
        shown = advance_shown(shown, lead + responses("eng", count), K, hold=True)
        assert ids(shown.records(None)) == ids(lead + responses("eng", 5))
    shown = advance_shown(shown, lead + responses("eng", 10), K, hold=True)
    assert ids(shown.records(None)) == ids(lead + responses("eng", 10))


def test_groups_step_independently_and_small_groups_follow_freely() -> None:
    shown = advance_shown(ShownSet(), responses("lead", 5) + responses("ops", 2), K, hold=False)
    # ops below 5: withheld in every figure, so it may follow the store (2 -> 3 -> 5)...
    for count in (3, 5):
        shown = advance_shown(shown, responses("lead", 6) + responses("ops", count), K, hold=True)
        assert len([r for r in shown.records(None) if r["group"] == "ops"]) == count
        assert len([r for r in shown.records(None) if r["group"] == "lead"]) == 5
    # ...but once shown at 5 it steps too.
    shown = advance_shown(shown, responses("lead", 6) + responses("ops", 6), K, hold=True)
    assert len([r for r in shown.records(None) if r["group"] == "ops"]) == 5


def test_an_edited_response_in_a_held_group_is_not_shown_until_the_next_step() -> None:
    shown = advance_shown(ShownSet(), responses("eng", 5), K, hold=False)
    edited = [*responses("eng", 4), response(4, "eng", stamp="t1"), response(5, "eng")]
    shown = advance_shown(shown, edited, K, hold=True)
    assert [r["updated_at"] for r in shown.records(None)] == ["t0"] * 5


def test_waves_are_separate_cells_and_a_wave_view_picks_its_own() -> None:
    first = responses("eng", 5, "w1") + responses("eng", 5, "w2")
    shown = advance_shown(ShownSet(), first, K, hold=False)
    more = [*first, response(5, "eng", "w1"), response(5, "eng", "w2")]  # +1 in each wave
    shown = advance_shown(shown, more, K, hold=True)  # +2 for eng over all waves: held
    assert ids(shown.records(None)) == ids(first)
    assert ids(shown.records("w2")) == ids(responses("eng", 5, "w2"))


def test_any_two_shown_sets_differ_per_group_by_none_or_at_least_k_once_published() -> None:
    """Random arrivals over 3 groups and 2 waves: between two successive shown sets, every
    group (one wave or all waves together) whose earlier figures were published (n >= K in
    every cell it spans) changed by nobody or by at least K responses."""
    rng = random.Random(11)
    cells = [(g, w) for g in ("a", "b", "c") for w in ("w1", "w2")]
    arrived: list[dict[str, Any]] = []
    counter = {cell: 0 for cell in cells}
    shown = advance_shown(ShownSet(), arrived, K, hold=True)
    for _ in range(200):
        group, wave = rng.choice(cells)
        arrived.append(response(counter[(group, wave)], group, wave))
        counter[(group, wave)] += 1
        before = shown
        shown = advance_shown(shown, arrived, K, hold=True)
        for group in ("a", "b", "c"):
            for wave in ("w1", "w2", None):
                old = {r["response_id"] for r in before.records(wave) if r["group"] == group}
                new = {r["response_id"] for r in shown.records(wave) if r["group"] == group}
                spans = [w for w in ("w1", "w2") if wave in (None, w)]
                published = all(
                    len([r for r in before.records(w) if r["group"] == group]) >= K for w in spans
                )
                if published:
                    assert old <= new and len(new - old) in {0} | set(range(K, 10_000))
