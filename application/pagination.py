"""Opaque, tamper-evident keyset cursors and the page-size rule."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import uuid
from datetime import datetime
from typing import Any

from application.post_query import Keyset
from domain.errors import InvalidCursor, ValidationFailed

MIN_LIMIT = 1
MAX_LIMIT = 100
DEFAULT_LIMIT = 20


def checked_limit(limit: int) -> int:
    if not MIN_LIMIT <= limit <= MAX_LIMIT:
        raise ValidationFailed("limit", f"limit must be between {MIN_LIMIT} and {MAX_LIMIT}.")
    return limit


class CursorCodec:
    """Encodes a position as ``base64url(json) + "." + hmac``.

    A cursor belongs to one ``kind`` of list; a cursor that was altered, forged or
    made for another list raises ``InvalidCursor``.
    """

    _SIGNATURE_BYTES = 16

    def __init__(self, key: bytes) -> None:
        self._key = key

    def encode(self, kind: str, position: dict[str, Any]) -> str:
        payload = json.dumps({"k": kind, "p": position}, separators=(",", ":"), sort_keys=True)
        body = base64.urlsafe_b64encode(payload.encode()).rstrip(b"=")
        return f"{body.decode()}.{self._sign(body)}"

    def decode(self, kind: str, cursor: str) -> dict[str, Any]:
        body, _, signature = cursor.partition(".")
        if not (body and cursor.isascii()) or not hmac.compare_digest(
            self._sign(body.encode()), signature
        ):
            raise InvalidCursor()
        try:
            data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        except (binascii.Error, ValueError) as error:
            raise InvalidCursor() from error
        if (
            not isinstance(data, dict)
            or data.get("k") != kind
            or not isinstance(data.get("p"), dict)
        ):
            raise InvalidCursor()
        position: dict[str, Any] = data["p"]
        return position

    def encode_keyset(self, kind: str, created_at: datetime, row_id: uuid.UUID) -> str:
        """A cursor for the page that starts after the row (``created_at``, ``row_id``)."""
        return self.encode(kind, {"t": created_at.isoformat(), "id": str(row_id)})

    def decode_keyset(self, kind: str, cursor: str) -> Keyset:
        position = self.decode(kind, cursor)
        try:
            created_at = datetime.fromisoformat(str(position["t"]))
            return Keyset(created_at=created_at, id=uuid.UUID(str(position["id"])))
        except (KeyError, ValueError) as error:
            raise InvalidCursor() from error

    def _sign(self, body: bytes) -> str:
        digest = hmac.new(self._key, body, hashlib.sha256).digest()[: self._SIGNATURE_BYTES]
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
