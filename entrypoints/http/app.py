"""The FastAPI application factory."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError, WebSocketRequestValidationError
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware

from domain.errors import DomainError
from entrypoints.container import Container, build_container
from entrypoints.delivery import running_dispatcher
from entrypoints.dispatch_gate import dispatch_gate
from entrypoints.embedded import close
from entrypoints.http import problems
from entrypoints.http.allowed_hosts import AllowedHostsMiddleware
from entrypoints.http.api_docs import include_api_docs
from entrypoints.http.body_limit import BodyLimitMiddleware
from entrypoints.http.client_ip import ClientIpResolver
from entrypoints.http.live_connections import LiveConnections
from entrypoints.http.middleware import RequestContextMiddleware
from entrypoints.http.rate_limit import RateLimitMiddleware
from entrypoints.http.routers import (
    admin_outbox,
    auth,
    comments,
    health,
    listing,
    live,
    me,
    metrics,
    post_actions,
    posts,
    profiles,
    users,
)
from entrypoints.http.schemas.base import problem_responses
from entrypoints.logging import configure_logging, quiet_websocket_denials
from entrypoints.realworld import include_routers as include_realworld_routers
from entrypoints.realworld import routed
from entrypoints.settings import Settings

DESCRIPTION = """
Inkport is a blogging platform: accounts, posts, comments, tags, follows and favourites.

* Authenticate with `POST /api/v1/auth/token` (OAuth2 password form) and send
  `Authorization: Bearer <access_token>`. Access tokens are short-lived; renew them with
  `POST /api/v1/auth/refresh`.
* Every error is an RFC 9457 `application/problem+json` document with a stable `code`.
* Request bodies reject unknown fields.
"""


def create_app(settings: Settings | None = None, container: Container | None = None) -> FastAPI:
    """Build the HTTP app around a container (made from ``settings`` when not given)."""
    container = container or build_container(settings)
    settings = container.settings()
    configure_logging(settings.log_format, settings.log_level)
    quiet_websocket_denials()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            if settings.outbox_dispatcher:
                dispatcher = container.use_cases.dispatcher()
                gate = dispatch_gate(settings.database_url)
                await stack.enter_async_context(
                    running_dispatcher(dispatcher, settings.outbox_poll_seconds, gate)
                )
            yield
        # The dispatcher has finished its batch: now the connections may go.
        await close(container)
        if settings.rate_limit_enabled:
            await container.adapters.rate_limiter().close()
        if (probe := container.adapters.redis_health()) is not None:
            await probe.close()

    app = FastAPI(
        title="Inkport",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by include_api_docs, without a CDN
        redoc_url=None,
        # Any route may meet an unreadable body or invalid input.
        responses=problem_responses(400, 422),
        # A redirect would send the client (and a password it posted) to the Host header.
        redirect_slashes=False,
    )
    app.state.container = container
    app.state.client_ip = ClientIpResolver(settings.trusted_proxies)
    app.state.live_connections = LiveConnections(settings.live_max_connections_per_ip)

    # Hot reads first: routes are matched in order, and every miss costs time.
    routers = (
        listing,
        posts,
        comments,
        post_actions,
        me,
        users,
        profiles,
        auth,
        health,
        metrics,
        live,
        admin_outbox,
    )
    for module in routers:
        app.include_router(module.router)
    include_realworld_routers(app)
    include_api_docs(app)

    # `routed`: requests to the RealWorld API (/api/ but not /api/v1) get its error shape.
    app.add_exception_handler(DomainError, routed(problems.domain_error_handler))
    app.add_exception_handler(RequestValidationError, routed(problems.validation_error_handler))
    app.add_exception_handler(HTTPException, routed(problems.http_error_handler))
    app.add_exception_handler(WebSocketRequestValidationError, live.invalid_live_request)

    if settings.rate_limit_enabled:
        app.add_middleware(
            RateLimitMiddleware,
            limiter=container.adapters.rate_limiter(),
            client_ip=app.state.client_ip,
            tokens=container.adapters.token_issuer(),
        )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=settings.cors_allow_credentials,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "If-Match", "Idempotency-Key"],
            expose_headers=["ETag", "Location", "X-Request-ID"],
        )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(AllowedHostsMiddleware, allowed_hosts=settings.served_hosts)
    app.add_middleware(RequestContextMiddleware)
    return app
