"""Schemathesis: generated requests from the OpenAPI document never cause a 5xx, and every
response matches the documented schema."""

from __future__ import annotations

import asyncio

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from domain.errors import ValidationFailed
from domain.values import Email, Username
from entrypoints.container import build_container
from entrypoints.http import create_app
from tests.e2e.conftest import PASSWORD, memory_settings

container = build_container(memory_settings())
app = create_app(container=container)


async def _admin_token() -> str:
    admin = container.use_cases.admin()
    await admin.create_admin(username="root", email="root@example.com", password=PASSWORD)
    return (await container.use_cases.auth().sign_in("root", PASSWORD)).access_token


AUTH = {"Authorization": f"Bearer {asyncio.run(_admin_token())}"}
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_honours_its_openapi_document(case: schemathesis.Case) -> None:
    excluded = []
    # The acceptance check ("schema-valid data must be accepted") runs on the account
    # operations, where it found real gaps. On content operations schemathesis generates
    # "valid" values that are rightly refused (If-Match: 0 is a 412, DEL inside a tag),
    # so its verdict there is noise. Cursors, a wrong current password and a password the
    # policy refuses (common, or built on the username) are valid by schema yet rightly
    # refused. Every other check runs on every operation.
    account_operation = case.operation.path.startswith(("/api/v1/users", "/api/v1/auth"))
    negative = case.meta is not None and case.meta.generation.mode.is_negative
    if (
        not account_operation
        or negative
        or case.operation.path == "/api/v1/users/me/password"
        or "cursor" in (case.query or {})
        or _refused_password(case.body)
    ):
        excluded.append(positive_data_acceptance)
    case.call_and_validate(headers=AUTH, excluded_checks=excluded)


def _refused_password(body: object) -> bool:
    if not isinstance(body, dict) or not isinstance(body.get("password"), str):
        return False
    try:
        username, email = Username(body.get("username")), Email(body.get("email"))
        container.use_cases.password_policy().check(
            body["password"], username=username, email=email
        )
    except ValidationFailed:
        return True
    return False
