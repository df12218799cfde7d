from __future__ import annotations

import json

import pytest
import structlog
from structlog.testing import capture_logs

from tests.e2e.conftest import PASSWORD, Api


async def test_every_response_carries_request_id_timing_and_security_headers(api: Api) -> None:
    response = await api.client.get("/health/live")
    assert len(response.headers["x-request-id"]) == 32
    assert response.headers["x-process-time"].endswith("ms")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'none'" in response.headers["content-security-policy"]


async def test_a_valid_incoming_request_id_is_kept_and_echoed_in_problems(api: Api) -> None:
    response = await api.client.get("/api/v1/users/nobody", headers={"X-Request-ID": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    assert response.json()["request_id"] == "abc-123"


@pytest.mark.parametrize("bad", ["", "with space", "x" * 200, "<script>"])
async def test_an_invalid_incoming_request_id_is_replaced(api: Api, bad: str) -> None:
    response = await api.client.get("/health/live", headers={"X-Request-ID": bad})
    assert response.headers["x-request-id"] != bad
    assert len(response.headers["x-request-id"]) == 32


async def test_unknown_routes_and_methods_are_problems(api: Api) -> None:
    missing = await api.client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    assert missing.headers["content-type"] == "application/problem+json"
    wrong_method = await api.client.delete("/api/v1/users")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["code"] == "method_not_allowed"


async def test_an_unexpected_error_is_a_500_problem_without_internals(api: Api) -> None:
    def explode() -> None:
        raise RuntimeError("secret internals")

    api.container.use_cases.social.override(explode)  # resolving the service blows up
    try:
        with capture_logs() as logs:
            response = await api.client.get(
                "/api/v1/users/ada", headers={"X-Request-ID": "req-500"}
            )
    finally:
        api.container.use_cases.social.reset_override()
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "internal_error"
    assert body["request_id"] == "req-500"
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text
    assert response.headers["x-request-id"] == "req-500"
    assert any(e["event"] == "unhandled_error" and e.get("request_id") == "req-500" for e in logs)


async def test_one_access_log_event_per_request_without_secrets(api: Api) -> None:
    structlog.contextvars.clear_contextvars()
    with capture_logs() as logs:
        await api.client.post(
            "/api/v1/users",
            json={"username": "ada", "email": "ada@example.com", "password": PASSWORD},
        )
        await api.client.post("/api/v1/auth/token", data={"username": "ada", "password": PASSWORD})
    access = [e for e in logs if e["event"] == "request"]
    assert [(e["method"], e["route"], e["status"]) for e in access] == [
        ("POST", "/api/v1/users", 201),
        ("POST", "/api/v1/auth/token", 200),
    ]
    assert all("duration_ms" in e and e["request_id"] for e in access)
    assert PASSWORD not in json.dumps(logs, default=str)


async def test_liveness_and_readiness_on_the_in_memory_store(api: Api) -> None:
    assert (await api.client.get("/health/live")).json() == {"status": "ok"}
    ready = await api.client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok"}


async def test_a_database_outage_is_a_503_problem_with_retry_after(api: Api) -> None:
    api.db.available = False
    response = await api.client.get("/api/v1/users/ada")
    assert response.status_code == 503
    assert response.json()["code"] == "service_unavailable"
    assert response.headers["retry-after"]
    api.db.available = True
    assert (await api.client.get("/api/v1/users/ada")).status_code == 404


async def test_the_openapi_document_describes_the_api(api: Api) -> None:
    schema = (await api.client.get("/openapi.json")).json()
    assert {"/api/v1/users", "/api/v1/auth/token", "/api/v1/users/me", "/health/ready"} <= schema[
        "paths"
    ].keys()
    assert "OAuth2PasswordBearer" in schema["components"]["securitySchemes"]
    assert (await api.client.get("/docs")).status_code == 200


async def test_a_405_names_every_method_the_path_serves(api: Api) -> None:
    response = await api.client.delete("/api/v1/users/me")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, PATCH"
