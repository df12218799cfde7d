"""What one bench run does, from ``BENCH_*`` environment variables (defaults sized for the
project's 2-core machine: the whole run takes about five minutes)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
RESULTS = ROOT / "bench" / "results"


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _list(name: str) -> tuple[str, ...]:
    raw = os.environ.get(name, "")
    return tuple(item.strip() for item in raw.split(",") if item.strip())


@dataclass(frozen=True)
class BenchConfig:
    duration: int  # seconds measured per scenario
    warmup: int  # seconds of discarded load before each measurement
    threads: int  # wrk threads
    connections: int  # wrk connections
    scenarios: tuple[str, ...]  # empty: all
    targets: tuple[str, ...]  # sqlite, postgres, baseline; empty: all
    users: int
    posts: int
    admin_url: str  # a PostgreSQL database to connect to for DROP/CREATE DATABASE
    pg_database: str

    @classmethod
    def from_env(cls) -> BenchConfig:
        return cls(
            duration=_int("BENCH_DURATION", 10),
            warmup=_int("BENCH_WARMUP", 2),
            threads=_int("BENCH_THREADS", 1),
            connections=_int("BENCH_CONNECTIONS", 16),
            scenarios=_list("BENCH_SCENARIOS"),
            targets=_list("BENCH_TARGETS"),
            users=_int("BENCH_USERS", 1000),
            posts=_int("BENCH_POSTS", 10_000),
            admin_url=os.environ.get(
                "BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/test"
            ),
            pg_database=os.environ.get("BENCH_PG_DATABASE", "inkport_bench"),
        )

    def wants_scenario(self, name: str) -> bool:
        return not self.scenarios or name in self.scenarios

    def wants_target(self, name: str) -> bool:
        return not self.targets or name in self.targets
