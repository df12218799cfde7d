"""``GET /metrics``: request counts and latencies by route template, cache hits and
misses, rate-limit rejections and outbox lag, in Prometheus text format. The registry is
per process, so every check compares two scrapes."""

from __future__ import annotations

from tests.e2e.conftest import Api, memory_settings, open_api, write_post
from tests.e2e.metrics_scrape import requests, scrape, value
from tests.e2e.rate_limits import limited_settings, site

POST = "/api/v1/posts/{post_id}"
SECONDS = "inkport_http_request_duration_seconds"


async def test_requests_are_counted_by_route_template_status_and_timed(api: Api) -> None:
    before = await scrape(api.client)
    headers = await api.login((await api.sign_up("ada")).json()["username"])
    post = await write_post(api, headers)
    for _ in range(3):
        assert (await api.client.get(f"/api/v1/posts/{post['id']}")).status_code == 200
    missing = "/api/v1/posts/00000000-0000-0000-0000-000000000000"
    assert (await api.client.get(missing)).status_code == 404
    assert (await api.client.get("/no/such/path/123")).status_code == 404

    after = await scrape(api.client)
    assert requests(after, "GET", POST, 200) - requests(before, "GET", POST, 200) == 3
    assert requests(after, "GET", POST, 404) - requests(before, "GET", POST, 404) == 1
    assert requests(after, "GET", "unmatched", 404) - requests(before, "GET", "unmatched", 404) == 1
    assert requests(after, "GET", "/metrics", 200) >= 1
    assert not any("/no/such" in str(labels) for _, labels in after)
    count = f"{SECONDS}_count"
    assert (
        value(after, count, method="GET", route=POST)
        - value(before, count, method="GET", route=POST)
        == 4
    )
    assert value(after, f"{SECONDS}_bucket", method="GET", route=POST, le="+Inf") >= 4


async def test_metrics_are_outside_the_openapi_document(api: Api) -> None:
    schema = (await api.client.get("/openapi.json")).json()
    assert "/metrics" not in schema["paths"]


async def test_cached_reads_count_hits_and_misses_and_the_outbox_lag_shows() -> None:
    client, container, _ = await open_api(
        memory_settings(cache_enabled=True, cache_backend="memory")
    )
    async with client:
        api = Api(client, container, _)
        headers = await api.login((await api.sign_up("ada")).json()["username"])
        post = await write_post(api, headers)
        before = await scrape(client)
        for _ in range(3):
            assert (await client.get(f"/api/v1/posts/{post['id']}")).status_code == 200
        after = await scrape(client)

    name = "inkport_cache_operations_total"
    assert value(after, name, result="miss") - value(before, name, result="miss") >= 1
    assert value(after, name, result="hit") - value(before, name, result="hit") >= 2
    assert value(after, "inkport_outbox_undelivered_events") >= 1  # PostPublished, no dispatcher
    assert value(after, "inkport_outbox_oldest_undelivered_age_seconds") >= 0
    assert ("inkport_outbox_oldest_undelivered_age_seconds", frozenset()) in after


async def test_rate_limit_rejections_are_counted_by_rule_and_metrics_are_never_limited() -> None:
    async with site(limited_settings(rate_limit_reads_per_ip="2/minute")) as s:
        client = s.at("203.0.113.9")
        before = await scrape(client)
        statuses = [(await client.get("/api/v1/tags")).status_code for _ in range(4)]
        assert statuses == [200, 200, 429, 429]
        for _ in range(3):
            after = await scrape(client)  # /metrics is outside /api: never refused

    name = "inkport_rate_limit_rejections_total"
    assert value(after, name, rule="reads_per_ip") - value(before, name, rule="reads_per_ip") == 2
