"""Metrics with several workers: ``inkport serve --workers 2`` on a SQLite file, requests
spread over both, and every scrape (whichever worker answers it) shows the sum."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from entrypoints.metrics import MULTIPROC_ENV, shared_metrics_dir
from tests.e2e.metrics_scrape import parse, requests
from tests.e2e.test_real_server import INKPORT, _free_port

pytestmark = pytest.mark.slow
N = 40


def _wait_until_live(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health/live", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    pytest.fail("inkport serve --workers 2 did not come up within 30 s")


def _timers(shared: Path) -> list[str]:
    """Only workers time requests: one histogram file per worker that served one."""
    return [name for name in os.listdir(shared) if name.startswith("histogram_")]


def test_two_workers_add_up_their_request_counts(tmp_path: Path) -> None:
    shared = tmp_path / "metrics"
    shared.mkdir()
    port = _free_port()
    env = {
        **os.environ,
        "INKPORT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'inkport.db'}",
        "INKPORT_ARGON2_MEMORY_COST": "1024",
        "INKPORT_LOG_LEVEL": "WARNING",
        MULTIPROC_ENV: str(shared),
    }
    subprocess.run([INKPORT, "migrate"], env=env, check=True, capture_output=True, timeout=60)
    command = [INKPORT, "serve", "--workers", "2", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_live(base)
        before = requests(parse(httpx.get(f"{base}/metrics").text), "GET", "/health/live", 200)
        sent = 0
        deadline = time.monotonic() + 30  # the second worker may still be starting
        while sent < N or len(_timers(shared)) < 2:
            assert time.monotonic() < deadline, f"one worker served all {sent} requests"
            # A new connection each time: the kernel spreads them over the workers.
            assert httpx.get(f"{base}/health/live").status_code == 200
            sent += 1
        for _ in range(6):
            scraped = parse(httpx.get(f"{base}/metrics").text)
            assert requests(scraped, "GET", "/health/live", 200) - before == sent
            assert ("inkport_outbox_undelivered_events", frozenset()) in scraped
        assert len(_timers(shared)) == 2
    finally:
        server.terminate()
        server.wait(timeout=15)


def test_serve_makes_a_shared_directory_only_for_several_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(MULTIPROC_ENV, raising=False)
    with shared_metrics_dir(1):
        assert MULTIPROC_ENV not in os.environ
    with shared_metrics_dir(2):
        directory = Path(os.environ[MULTIPROC_ENV])
        assert directory.is_dir()
    assert MULTIPROC_ENV not in os.environ and not directory.exists()
