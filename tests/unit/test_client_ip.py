"""The client address: the socket peer, unless the peer is a trusted proxy."""

from __future__ import annotations

import pytest

from entrypoints.http.client_ip import ClientIpResolver


def _scope(peer: str | None, *forwarded: str) -> dict[str, object]:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    return {"client": (peer, 1234) if peer else None, "headers": headers}


RESOLVE = ClientIpResolver(["10.0.0.0/8", "::1"])


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        pytest.param("203.0.113.9", ("198.51.100.1",), "203.0.113.9", id="untrusted-peer"),
        pytest.param("10.1.2.3", ("198.51.100.1",), "198.51.100.1", id="trusted-proxy"),
        pytest.param(
            "10.1.2.3", ("6.6.6.6, 198.51.100.1, 10.9.9.9",), "198.51.100.1", id="rightmost"
        ),
        pytest.param("10.1.2.3", ("6.6.6.6", "198.51.100.1"), "198.51.100.1", id="two-headers"),
        pytest.param("10.1.2.3", (), "10.1.2.3", id="proxy-without-header"),
        pytest.param("10.1.2.3", ("10.4.4.4",), "10.1.2.3", id="only-proxies"),
        pytest.param("10.1.2.3", ("not-an-ip",), "10.1.2.3", id="garbage"),
        pytest.param("::1", ("2001:DB8::1",), "2001:db8::1", id="ipv6"),
        pytest.param(None, ("198.51.100.1",), "unknown", id="no-socket"),
    ],
)
def test_the_client_address(peer: str | None, forwarded: tuple[str, ...], expected: str) -> None:
    assert RESOLVE(_scope(peer, *forwarded)) == expected


def test_without_trusted_proxies_the_header_is_never_read() -> None:
    assert ClientIpResolver()(_scope("10.1.2.3", "198.51.100.1")) == "10.1.2.3"
