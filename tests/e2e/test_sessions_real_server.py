"""Ended sessions and password changes on a real ``inkport serve``, on SQLite and
PostgreSQL: access tokens die at once, and the owner hears of the change by webhook.
(Deactivation: tests/e2e/test_sessions_api.py.)"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.processes import fresh_postgres_database, running_server, webhook_env
from tests.integration.databases import SqlDatabase, migrate, postgres_url
from tests.integration.webhook_receiver import Receiver, running_receiver

pytestmark = pytest.mark.slow
PASSWORD = "correct horse battery"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'inkport.db'}"
        return
    server = postgres_url()
    if server is None:
        pytest.skip("INKPORT_TEST_POSTGRES_URL is not set")
    with fresh_postgres_database(server, prefix="inkport_sessions") as url:
        yield url


def sign_in(base: str, username: str) -> dict[str, str]:
    form = {"username": username, "password": PASSWORD}
    tokens: dict[str, str] = httpx.post(f"{base}/api/v1/auth/token", data=form).json()
    return tokens


def me(base: str, tokens: dict[str, str]) -> int:
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    return httpx.get(f"{base}/api/v1/users/me", headers=headers).status_code


def password_changes(receiver: Receiver) -> list[dict[str, object]]:
    bodies = [json.loads(request.body) for request in receiver.requests]
    return [body for body in bodies if body["type"] == "account.password_changed"]


def test_ended_sessions_refuse_their_tokens_at_once_and_the_owner_is_told(
    database_url: str, tmp_path: Path
) -> None:
    migrate(SqlDatabase(database_url))
    with running_receiver() as receiver:
        env = webhook_env(database_url, receiver.url, "sessions-secret")
        with running_server(env, tmp_path / "inkport.log") as server:
            base = server.base
            body = {"username": "ada", "email": "ada@example.com", "password": PASSWORD}
            assert httpx.post(f"{base}/api/v1/users", json=body).status_code == 201

            # Sign-out ends its own session only.
            out, kept = sign_in(base, "ada"), sign_in(base, "ada")
            logout = {"refresh_token": out["refresh_token"]}
            assert httpx.post(f"{base}/api/v1/auth/logout", json=logout).status_code == 204
            assert (me(base, out), me(base, kept)) == (401, 200)

            # Reusing a rotated refresh token ends the whole family.
            stolen = sign_in(base, "ada")
            refresh = {"refresh_token": stolen["refresh_token"]}
            rotated = httpx.post(f"{base}/api/v1/auth/refresh", json=refresh).json()
            assert httpx.post(f"{base}/api/v1/auth/refresh", json=refresh).status_code == 401
            assert (me(base, stolen), me(base, rotated)) == (401, 401)

            # RealWorld PUT /api/user: other sessions end, the caller's goes on.
            login = {"user": {"email": "ada@example.com", "password": PASSWORD}}
            caller = httpx.post(f"{base}/api/users/login", json=login).json()["user"]["token"]
            update = {"user": {"password": "a brand new passphrase"}}
            caller_headers = {"Authorization": f"Token {caller}"}
            changed = httpx.put(f"{base}/api/user", json=update, headers=caller_headers)
            assert changed.status_code == 200
            assert httpx.get(f"{base}/api/user", headers=caller_headers).status_code == 200
            assert me(base, kept) == 401

            deadline = time.monotonic() + 10
            while not password_changes(receiver) and time.monotonic() < deadline:
                time.sleep(0.05)

    [notification] = password_changes(receiver)
    account = notification["account"]
    assert isinstance(account, dict)
    assert (account["username"], account["email"]) == ("ada", "ada@example.com")
