"""``abscopal validate [--only ID] [--json PATH] [--draws N]``: the published-findings suite."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from abscopal.cli.arguments import SEED, number
from abscopal.cli.errors import UsageError
from abscopal.cli.table_output import add_format_option, table_console, write_records
from abscopal.staging import write_text_atomically


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    parser = commands.add_parser(
        "validate", help="check the model against published experimental findings"
    )
    parser.add_argument("--only", help="comma-separated finding IDs (e.g. P2,P5)")
    parser.add_argument("--json", help="write the results as a JSON list to this file")
    parser.add_argument(
        "--draws",
        type=number(0, 100_000, integer=True),
        default=200,
        help="parameter draws for robustness (default 200)",
    )
    parser.add_argument("--seed", type=SEED, default=0, help="seed of the parameter draws")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only failures")
    add_format_option(parser)
    parser.set_defaults(run=run)


def _selected(only: str | None):
    from abscopal.validation import FINDINGS, finding_ids

    if not only:
        return list(FINDINGS)
    wanted = [item.strip() for item in only.split(",") if item.strip()]
    unknown = [item for item in wanted if item not in finding_ids()]
    if unknown:
        raise UsageError(
            f"--only: unknown finding {unknown[0]!r} (known: {', '.join(finding_ids())})"
        )
    return [finding for finding in FINDINGS if finding.id in wanted]


def _flat(result) -> dict:
    record = result.as_dict()
    checks = record.pop("checks")
    record["simulated"] = result.simulated_text()
    record["checks_passed"] = sum(check["passed"] for check in checks)
    record["checks"] = len(checks)
    return record


def _coloured(verdict: str) -> str:
    if verdict == "FAIL":
        return "[red]FAIL[/red]"
    return "[green]pass[/green]" if verdict == "pass" else f"[yellow]{verdict}[/yellow]"


def _table(results) -> Table:
    table = Table(title="abscopal validate: published findings", show_lines=True)
    for column in (
        "ID",
        "finding",
        "source",
        "species / model",
        "expected",
        "simulated",
        "role",
        "robustness",
        "result",
    ):
        table.add_column(column, overflow="fold")
    for result in results:
        finding = result.finding
        robustness = "n/a" if result.robustness is None else f"{100 * result.robustness:.0f} %"
        table.add_row(
            finding.id,
            finding.title,
            finding.citation,
            finding.model,
            finding.expected,
            result.simulated_text(),
            finding.role,
            robustness,
            _coloured(result.verdict()),
        )
    return table


def run(arguments: argparse.Namespace) -> int:
    """Run the suite; exit status 1 when any finding fails."""
    findings = _selected(arguments.only)
    json_path = Path(arguments.json) if arguments.json else None
    if json_path is not None and not json_path.parent.exists():
        raise UsageError(f"--json: directory '{json_path.parent}' does not exist")
    from abscopal.validation import run_validation

    console = table_console(quiet=arguments.quiet or arguments.format != "table")
    progress = Progress(
        TextColumn("simulating"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} scenarios"),
        TimeRemainingColumn(),
        console=Console(stderr=True, quiet=arguments.quiet),
    )
    with progress:
        task = progress.add_task("validate", total=None)
        results = run_validation(
            findings,
            draws=arguments.draws,
            seed=arguments.seed,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    console.print(_table(results))
    if arguments.format != "table":
        write_records([_flat(result) for result in results], arguments.format)
    failed = [result.finding.id for result in results if not result.passed]
    calibrated = sum(result.finding.role == "calibrated" for result in results)
    console.print(
        f"{len(results) - len(failed)}/{len(results)} findings hold; {calibrated} calibrated, "
        f"{len(results) - calibrated} predicted; robustness = share of {arguments.draws} draws "
        "(fitted values x log-uniform factor within +-20 %) in which a finding still holds"
    )
    if json_path is not None:
        text = json.dumps([result.as_dict() for result in results], indent=2)
        write_text_atomically(json_path, text + "\n")
    if failed:
        Console(stderr=True).print(f"failing findings: {', '.join(failed)}")
        return 1
    return 0
