"""``demo``: a synthetic workshop in its own store, then the dashboard on it."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from survey_tui.commands.common import explicit_db, load_questionnaire
from survey_tui.core.errors import StoreError
from survey_tui.core.record import Record

FLAGSHIP = "ai-expectation-gap"
DEMO_FILE = "demo.json"


def demo_store_path() -> Path:
    """Where the demo goes without --db: one file in the user data dir, made anew each time
    (never the real store, no new temporary folder per run)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("survey-tui")) / DEMO_FILE


@click.command()
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    default=None,
    help=f"Where to write the demo store (also as survey-tui --db PATH demo). Default: "
    f"{DEMO_FILE} in the user data dir, replaced on each run; $SURVEY_TUI_DB is not used, "
    "so the demo never lands in your real store unless you name it.",
)
@click.option("--seed", default=2026, show_default=True, type=int, help="Generator seed.")
@click.option(
    "--no-dashboard",
    is_flag=True,
    help="Only create the store (the dashboard never opens when stdout is not a terminal).",
)
def demo(db: str | None, seed: int, no_dashboard: bool) -> None:
    """Create a synthetic workshop (executives, managers, frontline; two waves) to explore,
    with synthetic delivery metrics and a 90-day success plan beside it.

    Then open the facilitator dashboard on it (r reveals the gaps, p previews the report,
    q quits). Without --db the store is demo.json in the user data dir (made anew each run),
    never your real store: $SURVEY_TUI_DB is not used for the demo.

    \b
    Example:
      survey-tui demo --db demo.json
    """
    from survey_tui.core.demo import synthetic_workshop
    from survey_tui.core.store import ResponseStore

    q = load_questionnaire(FLAGSHIP)
    db = db or explicit_db()
    if db is None:
        path = demo_store_path()
        _start_afresh(path)
    else:
        path = Path(db)
        if path.exists() and ResponseStore(path).responses(q.id, status=None, copy=False):
            # Mixing synthetic answers into real ones would silently poison the analysis.
            raise StoreError(
                f"{path}: already holds responses to {q.id!r}; use a new file for the demo"
            )
    records = synthetic_workshop(q, seed=seed)
    inserted, _ = ResponseStore(path).insert_many(records)
    plan, evidence = add_demo_evidence(path, records, seed)
    counts: dict[str, int] = {}
    for record in records:
        counts[record["group"]] = counts.get(record["group"], 0) + 1
    waves = [w for w in dict.fromkeys(r["wave"] for r in records) if w]  # in generation order
    quoted = shlex.quote(str(path))
    click.echo(f"Demo store: {path}")
    click.echo(
        f"{inserted} synthetic responses to {q.id!r} (seed {seed}), waves {', '.join(waves)}: "
        + ", ".join(f"{g} {n}" for g, n in counts.items())
    )
    if plan is not None:
        click.echo(f"{evidence} weekly values of synthetic delivery metrics; success plan {plan}")
    click.echo("\nNext:")
    click.echo(f"  survey-tui dashboard {FLAGSHIP} --db {quoted}")
    click.echo(f"  survey-tui analyze {FLAGSHIP} --db {quoted} --wave baseline")
    click.echo(
        f"  survey-tui analyze {FLAGSHIP} --db {quoted} --baseline-wave baseline --wave 90-day"
    )
    click.echo(f"  survey-tui report {FLAGSHIP} --db {quoted} --wave baseline -o report.md")
    click.echo(
        f"  survey-tui report {FLAGSHIP} --db {quoted} "
        "--baseline-wave baseline --wave 90-day -o report.md"
    )
    if plan is not None:
        _evidence_steps(quoted, plan)
    if no_dashboard or not sys.stdout.isatty():
        return
    from survey_tui.commands.dashboard import open_dashboard

    open_dashboard(q, path, None)


def _evidence_steps(quoted: str, plan: Path) -> None:
    click.echo(f"  survey-tui evidence list --db {quoted}")
    click.echo(
        f"  survey-tui report {FLAGSHIP} --db {quoted} --baseline-wave baseline "
        f"--wave 90-day --plan {shlex.quote(str(plan))} -o report.md"
    )


def add_demo_evidence(path: Path, records: list[Record], seed: int) -> tuple[Path | None, int]:
    """Synthetic delivery metrics in the demo store and a success plan beside it
    (``STORE.plan.yaml``; an existing file is left alone): the plan's path, how many values."""
    from survey_tui.core.evidence.demo import demo_plan_yaml, synthetic_evidence
    from survey_tui.core.evidence.records import put_metrics
    from survey_tui.core.store import ResponseStore

    rows = synthetic_evidence(records, seed=seed)
    text = demo_plan_yaml(records)
    if not rows or text is None:
        return None, 0
    put_metrics(ResponseStore(path), rows)
    plan = path.with_name(path.stem + ".plan.yaml")
    if not plan.exists():
        plan.write_text(text, encoding="utf-8")
    return plan, len(rows)


def _start_afresh(path: Path) -> None:
    """Remove the previous demo store and its plan (ours alone: nobody else writes them)."""
    plan = path.with_name(path.stem + ".plan.yaml")
    for leftover in (path, path.with_name(path.name + ".journal"), plan):
        leftover.unlink(missing_ok=True)
