"""Schemathesis on the RealWorld operations, signed in with ``Authorization: Token``
(tests/e2e/test_openapi_conformance.py covers the whole document with a Bearer token,
which these routes refuse)."""

from __future__ import annotations

import asyncio

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from entrypoints.container import build_container
from entrypoints.http import create_app
from entrypoints.realworld.schemas.base import TAG
from tests.e2e.conftest import PASSWORD, memory_settings

container = build_container(memory_settings())
app = create_app(container=container)


async def _author_token() -> str:
    """An author with one published article, so that reads find something."""
    cases = container.use_cases
    await cases.users().sign_up(username="writer", email="writer@example.com", password=PASSWORD)
    token = (await cases.auth().sign_in("writer", PASSWORD)).access_token
    actor = await cases.auth().authenticate(token)
    await cases.posts().create(actor, title="Hello", description="d", body="b", publish=True)
    return token


AUTH = {"Authorization": f"Token {asyncio.run(_author_token())}"}
schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(tag=TAG)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_realworld_api_honours_its_openapi_document(case: schemathesis.Case) -> None:
    # Schema-valid values the domain rightly refuses (a username with a "!", an image
    # that is no URL, following oneself) make the acceptance check noise here. Negative
    # cases that drop the Authorization header get it back from `headers`, so the
    # rejection check would misread them; every other check runs on them.
    excluded = [positive_data_acceptance]
    if case.meta is not None and case.meta.generation.mode.is_negative:
        excluded.append(negative_data_rejection)
    case.call_and_validate(headers=AUTH, excluded_checks=excluded)
