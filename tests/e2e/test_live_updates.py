"""Live updates over a real websocket: what a watcher hears, and what it is refused."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.e2e.conftest import memory_settings
from tests.e2e.live_server import LiveServer, live_server
from tests.e2e.metrics_scrape import scrape, value
from tests.redis_server import CLOSED_REDIS_URL

WAIT = 5.0


@pytest.fixture
async def server() -> AsyncIterator[LiveServer]:
    settings = memory_settings(
        outbox_poll_seconds=0.02, live_heartbeat_seconds=0.3, live_max_connections_per_ip=3
    )
    async with live_server(settings) as running:
        yield running


async def next_message(ws: ClientConnection, skip_heartbeats: bool = True) -> dict[str, Any]:
    while True:
        message: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), WAIT))
        if not (skip_heartbeats and message["type"] == "heartbeat"):
            return message


async def watch(server: LiveServer, post_ref: str) -> ClientConnection:
    ws = await connect(server.live_url(post_ref), open_timeout=WAIT)
    assert (await next_message(ws))["type"] == "subscribed"
    return ws


async def test_a_watcher_hears_comments_added_and_deleted_in_order(server: LiveServer) -> None:
    author = await server.author("ada")
    post = await server.post(author)
    async with await watch(server, post["id"]) as ws:
        added = await server.http.post(
            f"/api/v1/posts/{post['id']}/comments", json={"body": "Hi"}, headers=author
        )
        comment_id = added.json()["id"]
        await server.http.delete(
            f"/api/v1/posts/{post['id']}/comments/{comment_id}", headers=author
        )
        first, second = await next_message(ws), await next_message(ws)
    assert (first["type"], first["comment_id"]) == ("comment_added", comment_id)
    assert (second["type"], second["comment_id"]) == ("comment_deleted", comment_id)
    assert first["post_id"] == post["id"] and "body" not in first


async def test_a_watcher_by_slug_hears_updates_with_the_new_version(server: LiveServer) -> None:
    author = await server.author("ada")
    post = await server.post(author)
    async with await watch(server, post["slug"]) as ws:
        await server.http.patch(
            f"/api/v1/posts/{post['id']}", json={"title": "Renamed"}, headers=author
        )
        message = await next_message(ws)
    assert message["type"] == "post_updated" and message["version"] == post["version"] + 1


async def test_unpublishing_tells_the_watcher_and_closes_the_socket_normally(
    server: LiveServer,
) -> None:
    author = await server.author("ada")
    post = await server.post(author)
    async with await watch(server, post["id"]) as ws:
        await server.http.post(f"/api/v1/posts/{post['id']}/unpublish", headers=author)
        assert (await next_message(ws))["type"] == "post_unpublished"
        with pytest.raises(ConnectionClosed) as closed:
            await next_message(ws)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1000


async def test_deleting_the_post_tells_the_watcher_and_closes_the_socket(
    server: LiveServer,
) -> None:
    author = await server.author("ada")
    post = await server.post(author)
    async with await watch(server, post["id"]) as ws:
        await server.http.delete(f"/api/v1/posts/{post['id']}", headers=author)
        assert (await next_message(ws))["type"] == "post_deleted"
        with pytest.raises(ConnectionClosed):
            await next_message(ws)


async def test_a_watcher_hears_nothing_about_other_posts_but_heartbeats(
    server: LiveServer,
) -> None:
    author = await server.author("ada")
    watched, other = await server.post(author), await server.post(author)
    async with await watch(server, watched["id"]) as ws:
        await server.http.post(
            f"/api/v1/posts/{other['id']}/comments", json={"body": "Hi"}, headers=author
        )
        heard = [await next_message(ws, skip_heartbeats=False) for _ in range(3)]
    assert [m["type"] for m in heard] == ["heartbeat"] * 3


@pytest.mark.parametrize("ref", ["no-such-post", "00000000-0000-0000-0000-000000000000"])
async def test_watching_a_post_that_does_not_exist_is_a_404_problem(
    server: LiveServer, ref: str
) -> None:
    with pytest.raises(InvalidStatus) as refused:
        await connect(server.live_url(ref), open_timeout=WAIT)
    response = refused.value.response
    assert response.status_code == 404
    assert json.loads(response.body or b"{}")["code"] == "post_not_found"


@pytest.mark.parametrize("ref", ["no%00such", "%1B%5B31m", "%C2%85"])
async def test_watching_a_post_ref_with_control_characters_is_refused_before_any_lookup(
    server: LiveServer, ref: str
) -> None:
    with pytest.raises(InvalidStatus) as refused:
        await connect(server.live_url(ref), open_timeout=WAIT)
    assert refused.value.response.status_code == 422
    assert json.loads(refused.value.response.body)["code"] == "validation_failed"


async def test_watching_a_draft_is_a_404_even_for_its_author(server: LiveServer) -> None:
    author = await server.author("ada")
    draft = await server.post(author, publish=False)
    with pytest.raises(InvalidStatus) as refused:
        await connect(server.live_url(draft["id"]), additional_headers=author, open_timeout=WAIT)
    assert refused.value.response.status_code == 404


async def test_one_address_may_hold_only_so_many_sockets(server: LiveServer) -> None:
    author = await server.author("ada")
    post = await server.post(author)
    sockets = [await watch(server, post["id"]) for _ in range(3)]
    assert value(await scrape(server.http), "inkport_live_connections") == 3
    spoofed = {"X-Forwarded-For": "203.0.113.9"}  # not from a trusted proxy: ignored
    with pytest.raises(InvalidStatus) as refused:
        await connect(server.live_url(post["id"]), additional_headers=spoofed)
    assert refused.value.response.status_code == 429
    assert int(refused.value.response.headers["Retry-After"]) > 0
    assert json.loads(refused.value.response.body or b"{}")["code"] == "too_many_connections"
    await sockets.pop().close()
    await asyncio.sleep(0.1)  # the server notices the close
    sockets.append(await watch(server, post["id"]))
    for ws in sockets:
        await ws.close()
    assert server.container.settings().live_max_connections_per_ip == 3


async def test_a_server_shutting_down_closes_sockets_with_a_proper_code(
    server: LiveServer,
) -> None:
    author = await server.author("ada")
    post = await server.post(author)
    ws = await watch(server, post["id"])
    server.server.should_exit = True
    with pytest.raises(ConnectionClosed) as closed:
        await next_message(ws)
    assert closed.value.rcvd is not None and closed.value.rcvd.code in (1001, 1012)


async def test_watching_while_the_redis_bus_is_unreachable_is_a_503_problem() -> None:
    settings = memory_settings(redis_url=CLOSED_REDIS_URL, cache_enabled=False)
    async with live_server(settings) as server:
        author = await server.author("ada")
        post = await server.post(author)
        with pytest.raises(InvalidStatus) as refused:
            await connect(server.live_url(post["id"]), open_timeout=WAIT)
    assert refused.value.response.status_code == 503
    assert json.loads(refused.value.response.body or b"{}")["code"] == "service_unavailable"


async def test_opening_sockets_counts_against_the_reads_limit() -> None:
    settings = memory_settings(rate_limit_enabled=True, rate_limit_reads_per_ip="3/minute")
    async with live_server(settings) as server:
        author = await server.author("ada")
        post = await server.post(author)
        for _ in range(3):
            async with await watch(server, post["id"]):
                pass
        with pytest.raises(InvalidStatus) as refused:
            await connect(server.live_url(post["id"]), open_timeout=WAIT)
    response = refused.value.response
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert json.loads(response.body or b"{}")["code"] == "rate_limited"
