"""The client's address: the socket peer, unless that peer is a trusted proxy."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.types import Scope

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = "unknown"


class ClientIpResolver:
    """``trusted_proxies`` holds addresses or CIDR networks. A request from anyone else is
    keyed by its socket peer and its ``X-Forwarded-For`` is ignored; a request from a
    trusted proxy is keyed by the right-most ``X-Forwarded-For`` address that is not itself
    a trusted proxy (the left part of the header is whatever the client chose to send)."""

    def __init__(self, trusted_proxies: Iterable[str] = ()) -> None:
        self._trusted: tuple[Network, ...] = tuple(
            ipaddress.ip_network(p.strip(), strict=False) for p in trusted_proxies
        )

    def __call__(self, scope: Scope) -> str:
        client = scope.get("client")
        peer = client[0] if client else UNKNOWN
        if not self._trusted or not self._is_trusted(peer):
            return peer
        forwarded = [
            value.decode("latin-1")
            for name, value in scope["headers"]
            if name == b"x-forwarded-for"
        ]
        hops = [hop.strip() for value in forwarded for hop in value.split(",")]
        for hop in reversed(hops):
            if not self._is_trusted(hop):
                return _normalised(hop) or peer
        return peer

    def _is_trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self._trusted)


def _normalised(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
