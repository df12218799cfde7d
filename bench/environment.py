"""The header of a results file: what ran, where, on which data."""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import UTC, datetime

from bench.config import ROOT, BenchConfig
from bench.dataset import Dataset


def _git(*args: str) -> str:
    found = subprocess.run(  # noqa: S603 - fixed command
        ["git", *args],  # noqa: S607 - git from PATH
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip()


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def describe(config: BenchConfig, data: Dataset, elapsed: float) -> list[str]:
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    if _git("status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    counts = ", ".join(f"{len(rows):,} {name}" for name, rows in data.tables())
    return [
        f"- run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit}, took {elapsed:.0f} s",
        f"- machine: {os.cpu_count()} CPUs ({_cpu()}), Python {platform.python_version()}",
        f"- data set: {counts}; popular tag `{data.popular_tag}`",
        f"- load: wrk -t{config.threads} -c{config.connections}, {config.warmup} s warm-up "
        f"then {config.duration} s per scenario; one uvicorn worker per server, "
        "access log off, log level WARNING, read cache off except on the `(cache on)` rows "
        "(in-process cache)",
        "- SQL/req: statements for one request, counted in-process (see bench/statements.py)",
        "- command: `make bench` (overrides: BENCH_DURATION, BENCH_SCENARIOS, BENCH_TARGETS)",
    ]
