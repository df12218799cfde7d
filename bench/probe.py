"""One request of a scenario, sent with httpx: checks a route answers as expected before
wrk loads it, and serves the in-process statement count."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import httpx

from bench.scenarios import Scenario

_counter = itertools.count(1)


@dataclass(frozen=True)
class Probe:
    status: int
    detail: str

    @property
    def missing_route(self) -> bool:
        return self.status == 404


def request_args(scenario: Scenario, ref: str | None, token: str | None) -> dict[str, Any]:
    """Keyword arguments for ``httpx.AsyncClient.request`` doing what the wrk script does."""
    n = next(_counter)
    headers = {"Authorization": f"{scenario.scheme} {token}"} if token else {}
    body: dict[str, Any] | None = None
    if scenario.mode == "create_post":
        body = {
            "title": f"Probe post {n}",
            "description": "Written by the benchmark",
            "body": f"A body for probe post {n}.",
            "tags": ["bench", "performance"],
            "publish": True,
        }
    elif scenario.mode == "add_comment":
        body = {"body": f"Probe comment {n}: well written."}
    path = scenario.path.replace("{id}", ref or "")
    return {"method": scenario.method, "url": path, "headers": headers, "json": body}


async def probe(
    client: httpx.AsyncClient, scenario: Scenario, ref: str | None, token: str | None
) -> Probe:
    response = await client.request(**request_args(scenario, ref, token))
    detail = "" if response.status_code == scenario.expected_status else response.text[:300]
    return Probe(response.status_code, detail)
