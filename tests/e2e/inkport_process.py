"""``inkport migrate`` then ``inkport serve`` as a real process, for tests that need to
do things to it from outside (stop the servers it depends on)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.outage_servers import free_port

INKPORT = str(Path(sys.executable).parent / "inkport")


@contextmanager
def inkport_server(settings: dict[str, str], workdir: Path) -> Iterator[str]:
    """``inkport migrate`` then ``inkport serve`` with these ``INKPORT_*`` settings (plus a
    free port and cheap password hashing); yields the base URL once it answers."""
    port = free_port()
    env = {
        **os.environ,
        "INKPORT_PORT": str(port),
        "INKPORT_ARGON2_MEMORY_COST": "1024",
        "INKPORT_LOG_FORMAT": "json",
        **settings,
    }
    # cwd: no stray .env file is read.
    subprocess.run(
        [INKPORT, "migrate"], env=env, cwd=workdir, check=True, capture_output=True, timeout=60
    )
    log = (workdir / "inkport.log").open("wb")
    process = subprocess.Popen(
        [INKPORT, "serve"], env=env, cwd=workdir, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not _answers(f"{base}/health/live"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"inkport serve did not come up; see {workdir / 'inkport.log'}")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.TransportError:
        return False
