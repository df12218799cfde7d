"""The host check on arbitrary Host headers: only a named host or a subdomain of a
``*.`` pattern reaches the app, whatever the case, port or junk around it."""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from entrypoints.http.allowed_hosts import AllowedHostsMiddleware

LABELS = st.sampled_from(["blog", "example", "com", "eu", "evil", "x-y", "BLOG", "Com", ""])
NAMES = st.lists(LABELS, min_size=1, max_size=5).map(".".join)
PORTS = st.sampled_from(["", ":80", ":8443", ":", ":x", ":80:80"])
JUNK = st.text(alphabet=st.characters(codec="latin-1"), max_size=30)


def reached_app(host: bytes | None) -> bool:
    reached: list[bool] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        reached.append(True)

    async def send(message: Any) -> None:
        pass

    middleware = AllowedHostsMiddleware(app, ["blog.example.com", "*.blog.example.com"])
    headers = [] if host is None else [(b"host", host)]
    scope = {"type": "http", "path": "/api/v1/posts", "headers": headers, "state": {}}
    asyncio.run(middleware(scope, None, send))  # type: ignore[arg-type]
    return bool(reached)


def served(name: str) -> bool:
    name = name.lower()
    return name == "blog.example.com" or name.endswith(".blog.example.com")


@given(NAMES, PORTS)
def test_a_name_is_served_exactly_when_it_is_named_or_a_subdomain(name: str, port: str) -> None:
    valid_port = port == "" or port[1:].isdigit()
    assert reached_app(f"{name}{port}".encode()) is (served(name) and valid_port)


@given(JUNK)
def test_arbitrary_text_reaches_the_app_only_if_it_names_a_served_host(host: str) -> None:
    name = host.rsplit(":", 1)[0] if host.rsplit(":", 1)[-1].isdigit() and ":" in host else host
    assert reached_app(host.encode("latin-1")) is served(name)


def test_a_request_without_a_host_header_is_refused() -> None:
    assert reached_app(None) is False
