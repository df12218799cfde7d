"""``inkport migrate`` and ``inkport serve`` as real processes on a SQLite file."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

INKPORT = str(Path(sys.executable).parent / "inkport")
pytestmark = pytest.mark.slow
PASSWORD = "correct horse battery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("server") / "inkport.db"
    port = _free_port()
    env = {
        **os.environ,
        "INKPORT_DATABASE_URL": f"sqlite+aiosqlite:///{database}",
        "INKPORT_PORT": str(port),
        "INKPORT_ARGON2_MEMORY_COST": "1024",
        "INKPORT_LOG_FORMAT": "json",
    }
    subprocess.run([INKPORT, "migrate"], env=env, check=True, capture_output=True, timeout=60)
    process = subprocess.Popen(
        [INKPORT, "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health/live", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("inkport serve did not come up within 30 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_served_app_is_ready_and_documents_itself(server: str) -> None:
    ready = httpx.get(f"{server}/health/ready")
    assert ready.status_code == 200 and ready.json()["checks"]["database"] == "ok"
    assert httpx.get(f"{server}/docs").status_code == 200
    assert "/api/v1/users" in httpx.get(f"{server}/openapi.json").json()["paths"]


def signed_up(server: str, username: str) -> dict[str, str]:
    """Signs ``username`` up and in; the bearer header."""
    body = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
    assert httpx.post(f"{server}/api/v1/users", json=body).status_code == 201
    tokens = httpx.post(
        f"{server}/api/v1/auth/token", data={"username": username, "password": PASSWORD}
    ).json()
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def test_sign_up_and_sign_in_work_over_a_real_socket(server: str) -> None:
    me = httpx.get(f"{server}/api/v1/users/me", headers=signed_up(server, "ada"))
    assert me.status_code == 200 and me.json()["email"] == "ada@example.com"
    again = {"username": "ada", "email": "ada@example.com", "password": PASSWORD}
    assert httpx.post(f"{server}/api/v1/users", json=again).status_code == 409


def test_a_live_client_sending_a_big_frame_is_disconnected(server: str) -> None:
    post = httpx.post(
        f"{server}/api/v1/posts",
        json={"title": "Live", "body": "Text", "publish": True},
        headers=signed_up(server, "bea"),
    ).json()
    url = server.replace("http://", "ws://") + f"/api/v1/posts/{post['id']}/live"
    with connect(url, open_timeout=10) as ws:
        assert json.loads(ws.recv(timeout=10))["type"] == "subscribed"
        ws.send("x" * 10_000)
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)  # the next heartbeat is 20 s away: only the close can come
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
