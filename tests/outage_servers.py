"""A private PostgreSQL and a private Redis that a test may stop and start at will (the
shared servers named by INKPORT_TEST_POSTGRES_URL / INKPORT_TEST_REDIS_URL serve other
tests and must stay up).

Same convention as ``tests/redis_server.py``: with the variable unset these tests skip;
with it set (CI) a private server that cannot be made is a failure, not a skip."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

POSTGRES_URL_VARIABLE = "INKPORT_TEST_POSTGRES_URL"
REDIS_URL_VARIABLE = "INKPORT_TEST_REDIS_URL"
START_TIMEOUT_SECONDS = 20
_REDIS_NO_PERSISTENCE = ("--bind", "127.0.0.1", "--save", "", "--appendonly", "no")


def free_port() -> int:
    """A port nothing listens on now (the usual small race is fine in tests)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _accepts_connections(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _postgres_bin_dir() -> Path:
    """The newest installed server's binaries (Debian keeps them off ``PATH``)."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent  # a link on PATH leads to the rest
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if not versions:
        raise RuntimeError("no PostgreSQL server binaries (initdb) installed")
    return Path(versions[-1]).parent


class PrivatePostgres:
    """A throw-away cluster in a temporary directory, trust auth, database ``test``.
    Root cannot run a PostgreSQL server, so as root every command runs as ``postgres``."""

    def __init__(self) -> None:
        self._bin = _postgres_bin_dir()
        self._run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self._home = Path(tempfile.mkdtemp(prefix="inkport_outage_pg_"))
        if self._run_as:
            shutil.chown(self._home, user="postgres", group="postgres")
        self._data = self._home / "data"
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/test"
        try:
            self._run("initdb", "-D", str(self._data), "-U", "postgres", "--auth=trust", "-N")
            self.start()
            self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "test")
        except BaseException:
            self.destroy()
            raise

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self._home} "
            "-c fsync=off -c full_page_writes=off"
        )
        log = str(self._home / "server.log")
        self._run("pg_ctl", "-D", str(self._data), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        """Shut down the way an operator or a failover would: clients are disconnected."""
        self._run("pg_ctl", "-D", str(self._data), "-m", "fast", "-w", "stop")

    @contextmanager
    def frozen(self) -> Iterator[None]:
        """The server stops answering but keeps its sockets (a hung host, a network
        partition): connections open at the TCP level, then nothing comes back."""
        postmaster = int((self._data / "postmaster.pid").read_text().split()[0])
        with _stopped([postmaster, *_children(postmaster)]):
            yield

    def destroy(self) -> None:
        with suppress(subprocess.SubprocessError, OSError):
            self._run("pg_ctl", "-D", str(self._data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self._home, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        command = [*self._run_as, str(self._bin / program), *args]
        subprocess.run(
            command, check=True, capture_output=True, timeout=START_TIMEOUT_SECONDS, cwd="/"
        )


class PrivateRedis:
    """``redis-server`` without persistence on a port of its own; restarts keep the port."""

    def __init__(self) -> None:
        self._program = shutil.which("redis-server")
        if self._program is None:
            raise RuntimeError("redis-server is not installed")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        assert self._program is not None
        self._process = subprocess.Popen(
            [self._program, "--port", str(self.port), *_REDIS_NO_PERSISTENCE],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not _accepts_connections(self.port):
            if self._process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None

    @contextmanager
    def frozen(self) -> Iterator[None]:
        """Redis stops answering but keeps its socket (see ``PrivatePostgres.frozen``)."""
        assert self._process is not None
        with _stopped([self._process.pid]):
            yield

    def destroy(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait(timeout=10)
            self._process = None


@contextmanager
def _stopped(pids: list[int]) -> Iterator[None]:
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError):
                # Field 4 of /proc/PID/stat, counted after the parenthesised name.
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == parent:
                    found.append(int(entry.name))
    return found


def _cannot_run(variable: str, what: str, error: BaseException) -> str:
    detail = getattr(error, "stderr", None) or b""
    text = detail.decode(errors="replace") if isinstance(detail, bytes) else str(detail)
    return f"{variable} is set but a private {what} cannot be run: {error!r} {text}".strip()


@contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    """Skip without INKPORT_TEST_POSTGRES_URL; with it, fail if no cluster can be made."""
    if not os.environ.get(POSTGRES_URL_VARIABLE):
        pytest.skip(f"{POSTGRES_URL_VARIABLE} not set: outage tests on PostgreSQL skipped")
    try:
        server = PrivatePostgres()
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        pytest.fail(_cannot_run(POSTGRES_URL_VARIABLE, "PostgreSQL", error))
    try:
        yield server
    finally:
        server.destroy()


@contextmanager
def private_redis() -> Iterator[PrivateRedis]:
    """Skip without INKPORT_TEST_REDIS_URL; with it, fail if no redis-server can be run."""
    if not os.environ.get(REDIS_URL_VARIABLE):
        pytest.skip(f"{REDIS_URL_VARIABLE} not set: outage tests on Redis skipped")
    try:
        server = PrivateRedis()
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        pytest.fail(_cannot_run(REDIS_URL_VARIABLE, "Redis", error))
    try:
        yield server
    finally:
        server.destroy()
