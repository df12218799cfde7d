"""SQL statements per request, counted in-process: the app is built against the bench
database and each scenario's request is sent once through ``httpx.ASGITransport``.

Inkport: inside ``adapters.sqlalchemy.statement_counter``'s counting context, which sees
SQLAlchemy statements and the lean read path's driver fetches alike. Baseline: its own
counter of asyncpg fetches."""

from __future__ import annotations

import os
from typing import Any

import httpx

from adapters.sqlalchemy.statement_counter import counting_statements, install
from bench import baseline_app
from bench.probe import request_args
from bench.scenarios import Scenario
from entrypoints.http import create_app
from entrypoints.settings import Settings

Counts = dict[str, int | None]


async def count_baseline(dsn: str, scenarios: list[Scenario], refs: dict[str, list[str]]) -> Counts:
    os.environ["BENCH_BASELINE_DSN"] = dsn
    app = baseline_app.app
    counts: Counts = {}
    async with app.router.lifespan_context(app), _client(app) as client:
        for scenario in scenarios:
            before = baseline_app.queries_run
            response = await client.request(**request_args(scenario, _ref(scenario, refs), None))
            response.raise_for_status()
            counts[scenario.name] = baseline_app.queries_run - before
    return counts


async def count_inkport(
    url: str,
    scenarios: list[Scenario],
    refs: dict[str, list[str]],
    password: str,
    *,
    cache: bool = False,
) -> tuple[Counts, str]:
    """Statements of one request per scenario (after one warm-up request, which may also
    set up connections), and a note on anything that went wrong."""
    app = create_app(Settings(database_url=url, log_level="WARNING", cache_enabled=cache))
    install(app.state.container.adapters.engine())
    counts: Counts = {}
    problems = []
    async with app.router.lifespan_context(app), _client(app) as client:
        users = sorted({s.user for s in scenarios if s.user})
        tokens = {user: await _sign_in(client, user, password) for user in users}
        for scenario in scenarios:
            token = tokens.get(scenario.user) if scenario.user else None
            for _ in range(2 if cache else 1):  # the cache's first read only starts an epoch
                await client.request(**request_args(scenario, _ref(scenario, refs), token))
            with counting_statements() as count:
                response = await client.request(
                    **request_args(scenario, _ref(scenario, refs), token)
                )
            counts[scenario.name] = count.statements
            if response.status_code != scenario.expected_status:
                counts[scenario.name] = None
                if not (scenario.optional and response.status_code == 404):
                    problems.append(f"{scenario.name} answered {response.status_code}")
    return counts, "; ".join(problems)


async def _sign_in(client: httpx.AsyncClient, username: str, password: str) -> str:
    response = await client.post(
        "/api/v1/auth/token", data={"username": username, "password": password}
    )
    response.raise_for_status()
    token: str = response.json()["access_token"]
    return token


def _client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench.test")


def _ref(scenario: Scenario, refs: dict[str, list[str]]) -> str | None:
    return refs[scenario.ids][1] if scenario.ids else None
