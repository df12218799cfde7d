from __future__ import annotations

import uuid
from datetime import timedelta

import jwt

from application.ports import AccessClaims, Clock, IssuedAccessToken
from domain.errors import InvalidToken

_REQUIRED_CLAIMS = ["exp", "iat", "sub", "jti", "ver", "iss", "sid"]


class JwtTokenIssuer:
    """HS256 (by default) access tokens with ``sub``, ``iat``, ``exp``, ``jti``, ``iss``,
    ``ver`` (the user's token version) and ``sid`` (the session: the refresh-token family
    it was issued in). Only the configured algorithm is accepted, so ``alg=none`` and
    algorithm-confusion tokens fail. Expiry is judged by the injected clock, so tests can
    move time."""

    def __init__(
        self,
        *,
        secret_key: str,
        clock: Clock,
        ttl: timedelta,
        algorithm: str = "HS256",
        issuer: str = "inkport",
    ) -> None:
        self._key = secret_key
        self._clock = clock
        self._ttl = ttl
        self._algorithm = algorithm
        self._issuer = issuer

    def issue(
        self, user_id: uuid.UUID, token_version: int, session_id: uuid.UUID
    ) -> IssuedAccessToken:
        now = self._clock.now()
        expires_at = now + self._ttl
        claims = {
            "sub": str(user_id),
            "iat": int(now.timestamp()),
            "exp": int(expires_at.timestamp()),
            "jti": uuid.uuid4().hex,
            "iss": self._issuer,
            "ver": token_version,
            "sid": str(session_id),
        }
        token = jwt.encode(claims, self._key, algorithm=self._algorithm)
        return IssuedAccessToken(token=token, expires_at=expires_at)

    def verify(self, token: str) -> AccessClaims:
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=[self._algorithm],
                issuer=self._issuer,
                options={"require": _REQUIRED_CLAIMS, "verify_exp": False, "verify_iat": False},
            )
            expires_at, version = int(claims["exp"]), claims["ver"]
            user_id = uuid.UUID(str(claims["sub"]))
            session_id = uuid.UUID(str(claims["sid"]))
        except (jwt.PyJWTError, ValueError, TypeError) as error:
            raise InvalidToken() from error
        if not isinstance(version, int) or self._clock.now().timestamp() >= expires_at:
            raise InvalidToken()
        return AccessClaims(user_id=user_id, token_version=version, session_id=session_id)
