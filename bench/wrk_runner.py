"""Drive a server with wrk (Debian's package) and read back its figures."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("wrk") / "scenario.lua"
_MARKER = "BENCH_RESULT "


@dataclass(frozen=True)
class Load:
    """What to send: wrk's Lua script builds each request from these."""

    mode: str  # get | create_post | add_comment
    path: str  # may hold "{id}", replaced by the lines of ids_file in turn
    authorization: str | None = None
    ids_file: Path | None = None


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int  # non-2xx/3xx responses plus socket errors and timeouts
    error_detail: str

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk is not installed: `apt-get install -y wrk` (make bench does it)")
    return found


def run(base_url: str, load: Load, *, seconds: int, threads: int, connections: int) -> LoadResult:
    command = [
        ensure_wrk(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(SCRIPT),
        base_url,
        "--",
        load.mode,
        load.path,
        load.authorization or "-",
        str(load.ids_file) if load.ids_file else "-",
    ]
    finished = subprocess.run(  # noqa: S603 - fixed executable, our own arguments
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    line = next((ln for ln in finished.stdout.splitlines() if ln.startswith(_MARKER)), None)
    if finished.returncode != 0 or line is None:
        raise RuntimeError(
            f"wrk failed ({finished.returncode}): {finished.stderr or finished.stdout}"
        )
    figures = json.loads(line.removeprefix(_MARKER))
    socket_errors = sum(
        figures[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts")
    )
    detail = ", ".join(
        f"{k}={figures[k]}"
        for k in ("status_errors", "connect_errors", "read_errors", "write_errors", "timeouts")
        if figures[k]
    )
    failed = {s: n for s, n in figures.get("statuses", {}).items() if not s.startswith(("2", "3"))}
    if failed:
        detail += " (statuses: " + ", ".join(f"{n} x {s}" for s, n in sorted(failed.items())) + ")"
    return LoadResult(
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        errors=figures["status_errors"] + socket_errors,
        error_detail=detail,
    )
