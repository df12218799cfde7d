"""A live client that stops reading is cut off; the others keep getting every message.

Driven at the ASGI level so that "stops reading" is exact: the slow client's socket
never accepts another frame (over real TCP this takes megabytes of kernel buffers)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, MutableMapping
from typing import Any

import pytest

from entrypoints.http import create_app
from entrypoints.http.routers import live as live_router
from tests.e2e.conftest import Api, memory_settings, open_api, write_post

MESSAGES = 30


class FakeSocket:
    """One websocket connection as the server sees it; ``stalls_after`` frames, it
    stops taking any more (a client that no longer reads)."""

    def __init__(self, stalls_after: int | None = None) -> None:
        self.frames: list[dict[str, Any]] = []
        self.closed_with: int | None = None
        self._stalls_after = stalls_after
        self._gone = asyncio.Event()
        self._connected = False

    async def receive(self) -> dict[str, Any]:
        if not self._connected:
            self._connected = True
            return {"type": "websocket.connect"}
        await self._gone.wait()
        return {"type": "websocket.disconnect", "code": 1000}

    async def send(self, message: MutableMapping[str, Any]) -> None:
        if message["type"] == "websocket.close":
            self.closed_with = message.get("code", 1000)
            return
        if message["type"] != "websocket.send":
            return
        if self._stalls_after is not None and len(self.frames) >= self._stalls_after:
            await asyncio.Event().wait()  # never returns
        self.frames.append(json.loads(message["text"]))

    def leave(self) -> None:
        self._gone.set()

    def types(self) -> list[str]:
        return [frame["type"] for frame in self.frames]


async def until(condition: Callable[[], bool], seconds: float = 5) -> None:
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 - the condition is plain state, not an event
            await asyncio.sleep(0.01)


def scope(path: str) -> dict[str, Any]:
    return {
        "type": "websocket",
        "asgi": {"version": "3.0"},
        "scheme": "ws",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"inkport.test")],
        "client": ("192.0.2.7", 50000),
        "server": ("inkport.test", 80),
        "subprotocols": [],
        "extensions": {"websocket.http.response": {}},
    }


async def test_a_client_that_stops_reading_is_dropped_and_the_others_hear_everything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(live_router, "SEND_TIMEOUT_SECONDS", 0.5)
    client, container, clock = await open_api(memory_settings(live_max_pending=5))
    app = create_app(container=container)
    async with client:
        api = Api(client, container, clock)
        await api.sign_up("ada")
        post = await write_post(api, await api.login("ada"))
        path = f"/api/v1/posts/{post['id']}/live"
        fast, slow = FakeSocket(), FakeSocket(stalls_after=1)
        tasks = [asyncio.create_task(app(scope(path), s.receive, s.send)) for s in (fast, slow)]
        await until(lambda: len(fast.frames) == 1 and len(slow.frames) == 1)
        bus = container.adapters.event_bus()
        for n in range(MESSAGES):
            await bus.publish(f"post:{post['id']}", {"type": "comment_added", "n": n})
            await asyncio.sleep(0.005)  # a fast client keeps up with this
        await asyncio.wait_for(tasks[1], 5)  # the slow client's connection ended
        await until(lambda: len(fast.frames) == MESSAGES + 1)
        fast.leave()
        await asyncio.wait_for(tasks[0], 5)
    assert fast.types() == ["subscribed"] + ["comment_added"] * MESSAGES
    assert [frame["n"] for frame in fast.frames[1:]] == list(range(MESSAGES))
    assert slow.types() == ["subscribed"]
    assert app.state.live_connections.total == 0
