"""The results table (Markdown, printed and written to bench/results/latest.md) and the
Inkport-on-PostgreSQL / baseline ratios with their targets."""

from __future__ import annotations

from dataclasses import dataclass

from bench.scenarios import BASELINE, POSTGRES, TARGETS, Scenario
from bench.wrk_runner import LoadResult

# Issue 3: single post >= 0.65 x the baseline, list page of 20 >= 0.5 x, on PostgreSQL.
RATIO_TARGETS = {"post": 0.65, "list": 0.5}


@dataclass
class Measurement:
    load: LoadResult | None = None
    statements: int | None = None
    note: str = ""


Results = dict[tuple[str, str], Measurement]  # (scenario, target) -> measurement


def ratios(results: Results) -> list[tuple[str, float, float]]:
    """(scenario, ratio, target) for each scenario with a ratio target that ran."""
    found = []
    for name, target in RATIO_TARGETS.items():
        ours = results.get((name, POSTGRES))
        theirs = results.get((name, BASELINE))
        if ours and theirs and ours.load and theirs.load and theirs.load.rps:
            found.append((name, ours.load.rps / theirs.load.rps, target))
    return found


def _cell(measurement: Measurement | None) -> list[str]:
    if measurement is None:
        return ["", "", "", ""]
    sql = "" if measurement.statements is None else str(measurement.statements)
    load = measurement.load
    if load is None:
        return ["skipped" if measurement.note.startswith("skipped") else "failed", "", "", sql]
    rps = f"{load.rps:,.0f}"
    if load.errors:
        rps += f" ({load.errors} errors)"
    return [rps, f"{load.p50_ms:.1f}", f"{load.p99_ms:.1f}", sql]


def table(scenarios: list[Scenario], results: Results) -> str:
    head = ["scenario", "request"]
    for target in TARGETS:
        head += [f"{target} req/s", "p50 ms", "p99 ms", "SQL/req"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for scenario in scenarios:
        cells = [scenario.name, f"`{scenario.label}`"]
        for target in TARGETS:
            cells += _cell(results.get((scenario.name, target)))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def ratio_lines(results: Results) -> list[str]:
    lines = []
    for name, ratio, target in ratios(results):
        verdict = "met" if ratio >= target else "MISSED"
        lines.append(
            f"- {name}: Inkport on PostgreSQL / baseline = **{ratio:.2f}** "
            f"(target >= {target:.2f}: {verdict})"
        )
    return lines or ["- no ratio: the post/list scenarios did not run on postgres and baseline"]


def notes(results: Results) -> list[str]:
    lines = []
    for (scenario, target), measurement in sorted(results.items()):
        if measurement.note:
            lines.append(f"- {scenario} on {target}: {measurement.note}")
        if measurement.load and measurement.load.errors:
            lines.append(f"- {scenario} on {target}: {measurement.load.error_detail}")
    return lines


def render(
    header: list[str], scenarios: list[Scenario], results: Results, errors: list[str]
) -> str:
    parts = ["# Inkport benchmark", "", *header, "", table(scenarios, results), ""]
    parts += ["## Ratios (one run, same machine)", "", *ratio_lines(results), ""]
    if found := notes(results):
        parts += ["## Notes", "", *found, ""]
    if errors:
        parts += ["## Errors (make bench fails)", "", *(f"- {e}" for e in errors), ""]
    return "\n".join(parts)
