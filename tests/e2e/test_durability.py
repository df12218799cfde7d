"""Durability under ``kill -9``: a real ``inkport serve`` under a write load is killed
outright; restarted on the same database, it still has every write it answered 2xx,
the database is sound, and every recorded event is still delivered."""

from __future__ import annotations

import asyncio
import random
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
import pytest

from tests.e2e.conftest import PASSWORD
from tests.e2e.metrics_scrape import parse, value
from tests.e2e.processes import InkportServer, fresh_postgres_database, webhook_env
from tests.integration.databases import SqlDatabase, migrate, postgres_url
from tests.integration.webhook_receiver import Receiver, running_receiver

pytestmark = pytest.mark.slow

KILL_AFTER_SECONDS = 1.5
DELIVERY_DEADLINE_SECONDS = 30.0

# Each query lists the rows breaking a rule that every write keeps in one transaction.
CONSISTENCY_QUERIES = {
    "comments_count differs from the comments": "SELECT p.id FROM posts p WHERE"
    " p.comments_count <> (SELECT count(*) FROM comments c WHERE c.post_id = p.id)",
    "favorites_count differs from the favourites": "SELECT p.id FROM posts p WHERE"
    " p.favorites_count <> (SELECT count(*) FROM favorites f WHERE f.post_id = p.id)",
    "a published post without its PostPublished event": "SELECT p.id FROM posts p WHERE"
    " p.status = 'published' AND NOT EXISTS (SELECT 1 FROM outbox o"
    " WHERE o.name = 'PostPublished' AND o.stream_id = p.id)",
    "outbox events still pending": "SELECT position FROM outbox"
    " WHERE delivered_at IS NULL AND parked_at IS NULL",
}


@dataclass(frozen=True)
class Database:
    url: str  # as INKPORT_DATABASE_URL
    problems: Callable[[], list[str]]  # what an integrity check finds; empty when sound


def sqlite_problems(path: Path) -> list[str]:
    """Run once the server has stopped (the stdlib module, not the app's driver)."""
    with closing(sqlite3.connect(path)) as db:
        problems = [str(row) for row in db.execute("PRAGMA integrity_check")]
        problems = [] if problems == ["('ok',)"] else problems
        problems += [f"foreign key: {row}" for row in db.execute("PRAGMA foreign_key_check")]
        for rule, query in CONSISTENCY_QUERIES.items():
            problems += [f"{rule}: {row}" for row in db.execute(query)]
    return problems


async def postgres_problems(url: str) -> list[str]:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        indexes = await connection.fetch(
            "SELECT c.oid::regclass::text AS name"
            " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE am.amname = 'btree' AND n.nspname = 'public'"
        )
        assert len(indexes) >= 10, "the schema's btree indexes were not found"
        problems = []
        for index in indexes:
            try:  # heapallindexed: every row of the table must be in the index too
                await connection.execute("SELECT bt_index_check($1::regclass, true)", index["name"])
            except asyncpg.PostgresError as error:
                problems.append(f"bt_index_check {index['name']}: {error}")
        for rule, query in CONSISTENCY_QUERIES.items():
            problems += [f"{rule}: {tuple(row)}" for row in await connection.fetch(query)]
        return problems
    finally:
        await connection.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        path = tmp_path / "inkport.db"
        yield Database(f"sqlite+aiosqlite:///{path}", lambda: sqlite_problems(path))
        return
    server = postgres_url()
    if server is None:
        pytest.skip("INKPORT_TEST_POSTGRES_URL is not set")
    with fresh_postgres_database(server, prefix="inkport_kill") as url:
        yield Database(url, lambda: asyncio.run(postgres_problems(url)))


@dataclass(frozen=True)
class Account:
    username: str
    headers: dict[str, str]


def sign_up(base: str, username: str) -> Account:
    body = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
    assert httpx.post(f"{base}/api/v1/users", json=body).status_code == 201
    form = {"username": username, "password": PASSWORD}
    token = httpx.post(f"{base}/api/v1/auth/token", data=form).json()["access_token"]
    return Account(username, {"Authorization": f"Bearer {token}"})


@dataclass
class Recorded:
    """The writes the server answered 2xx. Appends only: safe across threads."""

    posts: list[tuple[str, Account]] = field(default_factory=list)  # (post id, author)
    published: list[str] = field(default_factory=list)  # post ids
    comments: list[tuple[str, str]] = field(default_factory=list)  # (post id, comment id)
    favourites: list[tuple[Account, str]] = field(default_factory=list)  # (by, post id)


class WriteLoad:
    """One thread per account writing until stopped: authors create posts (some as
    drafts), publish drafts, comment and favourite; readers comment and favourite."""

    def __init__(self, base: str, authors: list[Account], readers: list[Account]) -> None:
        self.base = base
        self.recorded = Recorded()
        self.stop = threading.Event()
        actors = [(account, True) for account in authors] + [(r, False) for r in readers]
        self._threads = [
            threading.Thread(target=self._write_as, args=(account, writes_posts, seed))
            for seed, (account, writes_posts) in enumerate(actors)
        ]

    def __enter__(self) -> Recorded:
        for thread in self._threads:
            thread.start()
        return self.recorded

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout=15)
            assert not thread.is_alive()

    def _write_as(self, account: Account, writes_posts: bool, seed: int) -> None:
        rng, drafts = random.Random(seed), list[str]()
        with httpx.Client(base_url=self.base, headers=account.headers, timeout=5) as client:
            while not self.stop.is_set():
                try:
                    self._one_write(client, account, rng, drafts if writes_posts else None)
                except httpx.TransportError:
                    time.sleep(0.02)  # killed: requests in flight (and later ones) fail

    def _one_write(
        self, client: httpx.Client, account: Account, rng: random.Random, drafts: list[str] | None
    ) -> None:
        roll, recorded = rng.random(), self.recorded
        if drafts is not None and roll < 0.45:
            publish = rng.random() < 0.6
            body = {"title": f"Load {uuid.uuid4().hex[:8]}", "body": "Text", "publish": publish}
            response = client.post("/api/v1/posts", json=body)
            if response.status_code == 201:
                post_id = response.json()["id"]
                recorded.posts.append((post_id, account))
                (recorded.published if publish else drafts).append(post_id)
        elif drafts and roll < 0.6:
            post_id = drafts.pop()
            if client.post(f"/api/v1/posts/{post_id}/publish").status_code == 200:
                recorded.published.append(post_id)
        elif recorded.published and roll < 0.85:
            post_id = rng.choice(recorded.published)
            response = client.post(f"/api/v1/posts/{post_id}/comments", json={"body": "Hi"})
            if response.status_code == 201:
                recorded.comments.append((post_id, response.json()["id"]))
        elif recorded.published:
            post_id = rng.choice(recorded.published)
            if client.post(f"/api/v1/posts/{post_id}/favorite").status_code == 200:
                recorded.favourites.append((account, post_id))


def assert_every_answered_write_is_there(base: str, recorded: Recorded) -> None:
    with httpx.Client(base_url=base, timeout=10) as client:
        for post_id, author in recorded.posts:  # drafts too: their author sees them
            got = client.get(f"/api/v1/posts/{post_id}", headers=author.headers)
            assert got.status_code == 200, f"post {post_id}, answered 201, is lost"
            if post_id in recorded.published:
                assert got.json()["status"] == "published", f"{post_id}'s publication lost"
        for post_id in {post_id for post_id, _ in recorded.comments}:
            kept = {comment["id"] for comment in all_comments(client, post_id)}
            lost = {c for p, c in recorded.comments if p == post_id} - kept
            assert not lost, f"comments answered 201 are lost: {lost}"
        for account, post_id in recorded.favourites:
            got = client.get(f"/api/v1/posts/{post_id}", headers=account.headers)
            assert got.json()["favorited"], f"{account.username}'s favourite of {post_id} lost"


def all_comments(client: httpx.Client, post_id: str) -> Iterator[dict[str, str]]:
    params: dict[str, str | int] = {"limit": 100}
    while True:
        page = client.get(f"/api/v1/posts/{post_id}/comments", params=params).json()
        yield from page["items"]
        if page["next_cursor"] is None:
            return
        params["cursor"] = page["next_cursor"]


def undelivered(base: str) -> float:
    return value(parse(httpx.get(f"{base}/metrics").text), "inkport_outbox_undelivered_events")


def notified(receiver: Receiver) -> set[tuple[str, str]]:
    """(post id, follower username) of every notification received."""
    bodies = [httpx.Response(200, content=request.body).json() for request in receiver.requests]
    return {(body["post"]["id"], body["follower"]["username"]) for body in bodies}


def test_every_answered_write_survives_kill_9_and_every_event_is_delivered(
    database: Database, tmp_path: Path
) -> None:
    with running_receiver() as receiver:
        env = webhook_env(database.url, receiver.url, "durability-secret")
        migrate(SqlDatabase(database.url))
        server = InkportServer(env, tmp_path / "first.log")
        try:
            server.wait_until_serving()
            authors = [sign_up(server.base, f"author{n}") for n in range(3)]
            readers = [sign_up(server.base, f"reader{n}") for n in range(2)]
            followed = authors[:2]  # author2 has nobody to notify
            for reader in readers:
                for author in followed:
                    url = f"{server.base}/api/v1/users/{author.username}/follow"
                    assert httpx.post(url, headers=reader.headers).status_code == 200
            receiver.delay_seconds = 0.2  # notifications lag: events are pending at the kill
            with WriteLoad(server.base, authors, readers) as recorded:
                time.sleep(KILL_AFTER_SECONDS)
                pending_at_kill = undelivered(server.base)
                server.process.kill()  # SIGKILL, mid-load: no shutdown code runs
            assert len(recorded.posts) >= 5 and recorded.published, "the load wrote too little"
            assert pending_at_kill > 0, "no event was pending when the server was killed"
        finally:
            server.stop()

        receiver.delay_seconds = 0
        restarted = InkportServer(env, tmp_path / "restarted.log")
        try:
            restarted.wait_until_serving()
            assert_every_answered_write_is_there(restarted.base, recorded)
            expected = {
                (post_id, reader.username)
                for post_id, author in recorded.posts
                if post_id in recorded.published and author in followed
                for reader in readers
            }
            restarted.wait_for(
                lambda: undelivered(restarted.base) == 0 and expected <= notified(receiver),
                "every event delivered",
                timeout=DELIVERY_DEADLINE_SECONDS,
            )
        finally:
            restarted.stop()
    assert database.problems() == []
