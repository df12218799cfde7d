"""Start and stop the servers under test as real processes on free localhost ports."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.config import BIN, ROOT

READY_TIMEOUT = 60


@dataclass(frozen=True)
class Server:
    name: str
    base_url: str
    log: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def inkport_env(database_url: str, port: int, *, cache: bool = False) -> dict[str, str]:
    """Production-like settings: one worker, quiet logging, a real secret key; the read
    cache (in-process) only when asked."""
    return {
        **os.environ,
        "INKPORT_ENVIRONMENT": "production",
        "INKPORT_SECRET_KEY": secrets.token_urlsafe(48),
        "INKPORT_DATABASE_URL": database_url,
        "INKPORT_HOST": "127.0.0.1",
        "INKPORT_ALLOWED_HOSTS": "127.0.0.1",
        "INKPORT_PORT": str(port),
        "INKPORT_WORKERS": "1",
        "INKPORT_LOG_LEVEL": "WARNING",
        "INKPORT_LOG_FORMAT": "json",
        "INKPORT_RATE_LIMIT_ENABLED": "false",  # wrk is one client IP
        "INKPORT_ACCESS_TOKEN_MINUTES": "120",
        "INKPORT_CACHE_ENABLED": "true" if cache else "false",
        "INKPORT_CACHE_BACKEND": "memory",
    }


@contextmanager
def inkport(
    name: str, database_url: str, log_dir: Path, *, cache: bool = False
) -> Iterator[Server]:
    """``inkport serve`` (uvicorn, one worker, access log off) on ``database_url``."""
    port = free_port()
    command = [str(BIN / "inkport"), "serve", "--port", str(port), "--workers", "1"]
    env = inkport_env(database_url, port, cache=cache)
    with _process(name, command, env, port, log_dir) as server:
        _wait_ready(server, "/health/ready")
        yield server


@contextmanager
def baseline(pg_dsn: str, log_dir: Path) -> Iterator[Server]:
    """The flat FastAPI + asyncpg app under uvicorn with the same server settings."""
    port = free_port()
    command = [
        str(BIN / "uvicorn"),
        "bench.baseline_app:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--no-access-log",
        "--no-server-header",
        "--log-level",
        "warning",
    ]
    env = {**os.environ, "BENCH_BASELINE_DSN": pg_dsn}
    with _process("baseline", command, env, port, log_dir) as server:
        _wait_ready(server, "/health")
        yield server


@contextmanager
def _process(
    name: str, command: list[str], env: dict[str, str], port: int, log_dir: Path
) -> Iterator[Server]:
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / f"{name}.log"
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our own executables
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        server = Server(name, f"http://127.0.0.1:{port}", log)
        try:
            _check_alive(process, server)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        _check_clean_exit(process, server)


def _check_alive(process: subprocess.Popen[bytes], server: Server) -> None:
    time.sleep(0.2)
    if process.poll() is not None:
        raise RuntimeError(f"{server.name} exited at start-up; see {server.log}")


def _check_clean_exit(process: subprocess.Popen[bytes], server: Server) -> None:
    if process.returncode not in (0, -15):
        raise RuntimeError(f"{server.name} exited with {process.returncode}; see {server.log}")


def _wait_ready(server: Server, path: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        try:
            if httpx.get(server.base_url + path, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{server.name} was not ready within {READY_TIMEOUT} s; see {server.log}")


def logged_exceptions(server: Server) -> int:
    """Exceptions the server logged (a chain of causes counts once): errors even when
    every response was fine."""
    text = server.log.read_text(errors="replace") if server.log.exists() else ""
    chained = text.count("The above exception was the direct cause") + text.count(
        "During handling of the above exception"
    )
    return text.count("Traceback (most recent call last)") - chained


def sign_in(server: Server, username: str, password: str) -> str:
    """An access token from ``POST /api/v1/auth/token``."""
    response = httpx.post(
        f"{server.base_url}/api/v1/auth/token",
        data={"username": username, "password": password},
        timeout=30,
    )
    response.raise_for_status()
    token: str = response.json()["access_token"]
    return token
