"""Webhook signatures: HMAC-SHA256 over ``"<timestamp>.<raw body>"``, sent as
``Inkport-Signature: sha256=<hex>`` next to ``Inkport-Timestamp: <unix seconds>``."""

from __future__ import annotations

import hashlib
import hmac
import time

SCHEME = "sha256="


def signature(secret: bytes, timestamp: str, body: bytes) -> str:
    """The ``Inkport-Signature`` header value for one request."""
    digest = hmac.new(secret, timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return SCHEME + digest.hexdigest()


def verify_signature(
    secret: bytes,
    timestamp: str | int,
    body: bytes,
    header: str,
    *,
    max_age_seconds: float | None = None,
    now: float | None = None,
) -> bool:
    """For receivers: ``True`` when ``header`` signs exactly this timestamp and raw body
    with ``secret`` (constant-time comparison). With ``max_age_seconds``, a timestamp
    further than that from ``now`` (default: the current time) fails too, which stops
    replays of old requests."""
    text = str(timestamp)
    if not text.isascii() or not text.isdigit():
        return False
    if max_age_seconds is not None:
        current = time.time() if now is None else now
        if abs(current - int(text)) > max_age_seconds:
            return False
    expected = signature(secret, text, body).encode("ascii")
    return hmac.compare_digest(expected, header.strip().encode("utf-8", "replace"))
