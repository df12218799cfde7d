"""The app under a real uvicorn server in the test's own event loop: real sockets for
websocket clients, and the container at hand to look behind the API."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import uvicorn

from entrypoints.container import Container, build_container
from entrypoints.http import create_app
from entrypoints.settings import Settings
from tests.e2e.conftest import PASSWORD


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    def __init__(self, server: uvicorn.Server, container: Container, port: int) -> None:
        self.server = server
        self.container = container
        self.base = f"http://127.0.0.1:{port}"
        self.ws_base = f"ws://127.0.0.1:{port}"
        self.http = httpx.AsyncClient(base_url=self.base, timeout=10)

    async def author(self, username: str) -> dict[str, str]:
        body = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
        assert (await self.http.post("/api/v1/users", json=body)).status_code == 201
        response = await self.http.post(
            "/api/v1/auth/token", data={"username": username, "password": PASSWORD}
        )
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    async def post(self, headers: dict[str, str], *, publish: bool = True) -> dict[str, Any]:
        body = {"title": "Live", "body": "Text", "tags": ["live"], "publish": publish}
        response = await self.http.post("/api/v1/posts", json=body, headers=headers)
        assert response.status_code == 201, response.text
        post: dict[str, Any] = response.json()
        return post

    def live_url(self, post_ref: str) -> str:
        return f"{self.ws_base}/api/v1/posts/{post_ref}/live"


@asynccontextmanager
async def live_server(settings: Settings) -> AsyncIterator[LiveServer]:
    container = build_container(settings)
    port = free_port()
    config = uvicorn.Config(
        create_app(container=container),
        host="127.0.0.1",
        port=port,
        log_config=None,
        proxy_headers=False,  # as `inkport serve`: the app alone decides whom to trust
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    live = LiveServer(server, container, port)
    try:
        yield live
    finally:
        await live.http.aclose()
        server.should_exit = True
        await asyncio.wait_for(task, 15)
