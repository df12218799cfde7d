"""Two uvicorn workers behind one port, sharing PostgreSQL and Redis: the rate limit is
shared, a live update made through one worker reaches sockets on both, and every outbox
event is delivered once per subscriber although both workers run a dispatcher."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest

from adapters.notifications import verify_signature
from tests.e2e.processes import fresh_postgres_database, inkport_env, run_inkport, running_server
from tests.e2e.worker_cluster import (
    Cluster,
    close_all,
    eventually,
    some_heartbeats_later,
    watchers_on_both_workers,
)
from tests.integration.databases import POSTGRES_URL_VARIABLE, postgres_url
from tests.integration.webhook_receiver import ReceivedRequest, running_receiver
from tests.redis_server import redis_server_url

pytestmark = pytest.mark.slow
SIGN_IN_LIMIT = 3
WEBHOOK_SECRET = "multi-worker-webhook-secret"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    redis_url = redis_server_url()
    server_url = postgres_url()
    if server_url is None:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} not set: PostgreSQL tests skipped")
    log = tmp_path_factory.mktemp("multi_worker") / "server.log"
    with running_receiver() as receiver, fresh_postgres_database(server_url, "inkport_mw") as db:
        env = inkport_env(
            INKPORT_DATABASE_URL=db,
            INKPORT_REDIS_URL=redis_url,
            INKPORT_NOTIFIER="webhook",
            INKPORT_WEBHOOK_URL=receiver.url,
            INKPORT_WEBHOOK_SECRET=WEBHOOK_SECRET,
            INKPORT_OUTBOX_POLL_SECONDS="0.05",
            INKPORT_LIVE_HEARTBEAT_SECONDS="0.3",
            INKPORT_RATE_LIMIT_SIGN_IN_PER_ACCOUNT=f"{SIGN_IN_LIMIT}/minute",
            # Every request comes from 127.0.0.1, as other runs' on the same Redis did.
            INKPORT_RATE_LIMIT_SIGN_IN_PER_IP="10000/minute",
            INKPORT_RATE_LIMIT_SIGN_UP_PER_IP="10000/minute",
            INKPORT_RATE_LIMIT_WRITES_PER_USER="10000/minute",
            INKPORT_RATE_LIMIT_READS_PER_IP="10000/minute",
        )
        run_inkport(env, "migrate")
        # The server stops before its database is dropped.
        with running_server(env, log, workers=2, timeout=45) as server:
            yield Cluster(server, receiver, db, WEBHOOK_SECRET.encode())


async def test_the_per_account_sign_in_limit_is_shared_by_both_workers(cluster: Cluster) -> None:
    username = await cluster.sign_up("guarded")
    form = {"username": username, "password": "wrong password"}
    answers = [await cluster.request("POST", "/api/v1/auth/token", data=form) for _ in range(10)]
    while len(set(cluster.pids_of(answers))) < 2:  # the kernel may favour one worker a while
        assert len(answers) < 30, f"one worker answered all {len(answers)} sign-ins"
        answers.append(await cluster.request("POST", "/api/v1/auth/token", data=form))
    statuses = [answer.status_code for answer in answers]
    # Counters per worker would let each worker refuse only after its own 3 failures.
    assert statuses == [401] * SIGN_IN_LIMIT + [429] * (len(answers) - SIGN_IN_LIMIT)


async def test_a_comment_added_through_one_worker_reaches_sockets_on_both(
    cluster: Cluster,
) -> None:
    _, author = await cluster.account("speaker")
    post = await cluster.publish(author)
    watchers = await watchers_on_both_workers(cluster, post["id"])
    try:
        added = await cluster.request(
            "POST", f"/api/v1/posts/{post['id']}/comments", json={"body": "Hi"}, headers=author
        )
        assert added.status_code == 201, added.text
        await eventually(
            lambda: all(watcher.heard("comment_added") for watcher in watchers),
            "the comment heard on every socket",
        )
        await some_heartbeats_later(watchers)
    finally:
        await close_all(watchers)
    assert len({watcher.pid for watcher in watchers}) == 2
    for watcher in watchers:
        assert [m["comment_id"] for m in watcher.heard("comment_added")] == [added.json()["id"]]


async def test_each_outbox_event_reaches_each_subscriber_once(cluster: Cluster) -> None:
    author_name, author = await cluster.account("writer")
    followers = [await cluster.account("fan") for _ in range(3)]
    for _, headers in followers:
        followed = await cluster.request(
            "POST", f"/api/v1/users/{author_name}/follow", headers=headers
        )
        assert followed.status_code == 200, followed.text
    posts = [await cluster.publish(author, f"Post {n}") for n in range(3)]
    watchers = {post["id"]: await watchers_on_both_workers(cluster, post["id"]) for post in posts}
    everyone = [watcher for group in watchers.values() for watcher in group]
    try:
        commenters = [author] + [headers for _, headers in followers]
        added = await asyncio.gather(
            *(
                cluster.request(
                    "POST",
                    f"/api/v1/posts/{posts[n % 3]['id']}/comments",
                    json={"body": f"Comment {n}"},
                    headers=commenters[n % 4],
                )
                for n in range(21)
            )
        )
        assert [response.status_code for response in added] == [201] * 21
        await _until_the_outbox_is_drained(cluster)
        await eventually(
            lambda: all(len(watcher.heard("comment_added")) >= 7 for watcher in everyone),
            "7 comments heard on every socket",
        )
        await some_heartbeats_later(everyone)
    finally:
        await close_all(everyone)
    # Which worker answered the writes does not matter: both run a dispatcher polling the
    # same outbox every 50 ms, so they compete for every event whoever recorded it.
    expected = await _comment_events_in_outbox_order(cluster)
    for post_id, group in watchers.items():
        assert len(expected[post_id]) == 7
        for watcher in group:
            assert [m["event_id"] for m in watcher.heard("comment_added")] == expected[post_id]
    _assert_one_signed_notification_per_post_and_follower(
        cluster, author_name, posts, [name for name, _ in followers]
    )


async def _until_the_outbox_is_drained(cluster: Cluster) -> None:
    rows: list[dict[str, Any]] = []

    async def drained() -> bool:
        rows[:] = await cluster.outbox_rows()
        return all(row["delivered_at"] is not None for row in rows)

    for _ in range(200):
        if await drained():
            break
        await asyncio.sleep(0.1)
    pending = [row for row in rows if row["delivered_at"] is None]
    assert pending == [], f"undelivered or parked outbox events: {pending}"


async def _comment_events_in_outbox_order(cluster: Cluster) -> dict[str, list[str]]:
    """Per post, its CommentAdded event ids in stream (outbox position) order: the
    order every watcher of the post must hear them in."""
    expected: dict[str, list[str]] = {}
    for row in await cluster.outbox_rows():
        if row["name"] == "CommentAdded":
            expected.setdefault(str(row["stream_id"]), []).append(str(row["event_id"]))
    return expected


def _assert_one_signed_notification_per_post_and_follower(
    cluster: Cluster, author_name: str, posts: list[dict[str, Any]], followers: list[str]
) -> None:
    mine = [
        (request, json.loads(request.body))
        for request in list(cluster.receiver.requests)
        if json.loads(request.body)["author"]["username"] == author_name
    ]
    ids = [_header(request, "Inkport-Notification-Id") for request, _ in mine]
    assert len(ids) == len(set(ids)), f"a notification was delivered twice: {sorted(ids)}"
    pairs = sorted((body["post"]["id"], body["follower"]["username"]) for _, body in mine)
    assert pairs == sorted((post["id"], name) for post in posts for name in followers)
    assert all(_signed(cluster, request) for request, _ in mine)


def _signed(cluster: Cluster, request: ReceivedRequest) -> bool:
    return verify_signature(
        cluster.webhook_secret,
        _header(request, "Inkport-Timestamp"),
        request.body,
        _header(request, "Inkport-Signature"),
    )


def _header(request: ReceivedRequest, name: str) -> str:
    return {key.lower(): value for key, value in request.headers.items()}[name.lower()]
