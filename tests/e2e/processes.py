"""Real ``inkport`` processes for end-to-end tests: start one with a JSON log file, wait
until it answers, read back what it logged, stop it with a signal; and throw-away
PostgreSQL databases (a whole database, not a schema: the server runs migrations)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import httpx
import pytest
from sqlalchemy.engine import make_url

# The installed console script, exactly as operators run it.
INKPORT = (str(Path(sys.executable).parent / "inkport"),)
CHEAP_ARGON2_ENV = {
    "INKPORT_ARGON2_MEMORY_COST": "1024",
    "INKPORT_ARGON2_TIME_COST": "1",
    "INKPORT_ARGON2_PARALLELISM": "1",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def inkport_env(**settings: str) -> dict[str, str]:
    """This environment without any INKPORT_* setting of the caller's shell (a stray
    .env or exported variable must not change the server under test), plus ``settings``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("INKPORT_")}
    keep = {k: v for k, v in os.environ.items() if k.startswith("INKPORT_TEST_")}
    return {**base, **keep, **CHEAP_ARGON2_ENV, "INKPORT_LOG_FORMAT": "json", **settings}


def webhook_env(
    database_url: str, receiver_url: str, secret: str, **settings: str
) -> dict[str, str]:
    """A server on ``database_url`` that notifies followers through the test's webhook
    receiver, looks at the outbox every 50 ms and applies no rate limit."""
    return inkport_env(
        **{
            "INKPORT_DATABASE_URL": database_url,
            "INKPORT_RATE_LIMIT_ENABLED": "false",
            "INKPORT_OUTBOX_POLL_SECONDS": "0.05",
            "INKPORT_NOTIFIER": "webhook",
            "INKPORT_WEBHOOK_URL": receiver_url,
            "INKPORT_WEBHOOK_SECRET": secret,
            **settings,
        }
    )


def run_inkport(env: Mapping[str, str], *args: str, timeout: float = 60) -> None:
    """A one-shot command (``migrate``, ``seed``...); fails the test with its output."""
    done = subprocess.run(
        [*INKPORT, *args],
        env=dict(env),
        cwd=tempfile.gettempdir(),  # where no project .env is read
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        pytest.fail(f"inkport {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")


class InkportProcess:
    """One ``inkport <command>`` process whose stdout and stderr go to ``log_path``."""

    def __init__(self, args: list[str], env: Mapping[str, str], log_path: Path) -> None:
        self.log_path = log_path
        self._log_file = log_path.open("ab")
        self.process = subprocess.Popen(
            [*INKPORT, *args],
            env=dict(env),
            cwd=log_path.parent,  # where no project .env is read
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def events(self, name: str | None = None, **fields: Any) -> list[dict[str, Any]]:
        """The JSON log lines (optionally only event ``name`` with these field values);
        other lines (uvicorn's own, tracebacks) are skipped."""
        return [
            line
            for line in json_lines(self.log_text())
            if (name is None or line.get("event") == name)
            and all(line.get(key) == value for key, value in fields.items())
        ]

    def wait_for(
        self,
        condition: Callable[[], bool],
        what: str,
        timeout: float = 30,
        step: Callable[[], None] | None = None,
    ) -> None:
        """Polls ``condition`` (running ``step`` between polls); fails with the log tail
        when the time is up or the process died."""
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process.poll() is not None:
                self.fail(f"exited ({self.process.returncode}) before {what}")
            if time.monotonic() > deadline:
                self.fail(f"not {what} within {timeout:g} s")
            if step is not None:
                step()
            time.sleep(0.05)

    def fail(self, message: str) -> None:
        tail = "\n".join(self.log_text().splitlines()[-40:])
        pytest.fail(f"inkport (pid {self.pid}) {message}; log tail:\n{tail}")

    def signal(self, signum: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signum)

    def stop(self, timeout: float = 20) -> int:
        """SIGTERM, then SIGKILL if it will not go; returns the exit code."""
        self.signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait(timeout=10)
        self._log_file.close()
        return code


def json_lines(text: str) -> Iterator[dict[str, Any]]:
    for raw in text.splitlines():
        if not raw.startswith("{"):
            continue
        try:
            line = json.loads(raw)
        except ValueError:
            continue  # two processes' lines may interleave mid-line
        if isinstance(line, dict):
            yield line


class InkportServer(InkportProcess):
    """``inkport serve`` on a free port of 127.0.0.1."""

    def __init__(
        self, env: Mapping[str, str], log_path: Path, *, workers: int = 1, port: int = 0
    ) -> None:
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.ws_base = f"ws://127.0.0.1:{self.port}"
        self.workers = workers
        args = ["serve", "--port", str(self.port), "--workers", str(workers)]
        super().__init__(args, env, log_path)

    def ready(self) -> bool:
        try:
            return httpx.get(f"{self.base}/health/ready", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    def worker_pids(self) -> set[int]:
        """Processes that started an app (each logs its dispatcher's start, if enabled)."""
        return {line["pid"] for line in self.events("outbox_dispatcher_started")}

    def wait_until_serving(self, timeout: float = 30) -> None:
        """Ready on /health/ready, and with several workers (and the dispatcher on) every
        worker's app started."""
        self.wait_for(self.ready, "ready", timeout)
        if self.workers > 1:
            wanted = self.workers
            self.wait_for(lambda: len(self.worker_pids()) >= wanted, "all workers up", timeout)

    def request_pids(self, route: str, method: str | None = None) -> list[int]:
        """The pid of each logged request to ``route`` (the route template)."""
        extra = {"method": method} if method else {}
        return [line["pid"] for line in self.events("request", route=route, **extra)]


@contextmanager
def running_server(
    env: Mapping[str, str], log_path: Path, *, workers: int = 1, timeout: float = 30
) -> Iterator[InkportServer]:
    server = InkportServer(env, log_path, workers=workers)
    try:
        server.wait_until_serving(timeout)
        yield server
    finally:
        server.stop()


@contextmanager
def inkport_server(settings: Mapping[str, str], workdir: Path) -> Iterator[str]:
    """``inkport migrate`` then ``inkport serve`` with these settings; yields the base URL
    once the server is ready."""
    env = inkport_env(**settings)
    run_inkport(env, "migrate")
    with running_server(env, workdir / "inkport.log") as server:
        yield server.base


async def _on_postgres(url: str, sql: str) -> None:
    connection = await asyncpg.connect(_plain(url), timeout=5)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def _plain(url: str) -> str:
    """asyncpg wants ``postgresql://``, not SQLAlchemy's ``postgresql+asyncpg://``."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def fresh_postgres_database(server_url: str, prefix: str = "inkport_e2e") -> Iterator[str]:
    """A new, empty database on the server of ``server_url``; yields its URL and drops it
    afterwards (``WITH (FORCE)``: connections a killed process left are cut)."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    try:
        asyncio.run(_on_postgres(server_url, f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError) as error:
        pytest.fail(f"cannot create a database on {_plain(server_url)}: {error!r}")
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(_on_postgres(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
