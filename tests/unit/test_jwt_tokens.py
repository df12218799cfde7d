from __future__ import annotations

import base64
import json
import uuid
from datetime import timedelta

import jwt
import pytest

from adapters.clock import ManualClock
from adapters.security import JwtTokenIssuer
from domain.errors import InvalidToken

KEY = "s" * 32
SESSION = uuid.uuid4()


def issuer(clock: ManualClock, key: str = KEY) -> JwtTokenIssuer:
    return JwtTokenIssuer(secret_key=key, clock=clock, ttl=timedelta(minutes=15))


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_an_issued_token_verifies_to_its_user_version_and_session() -> None:
    clock, user_id = ManualClock(), uuid.uuid4()
    claims = issuer(clock).verify(issuer(clock).issue(user_id, 3, SESSION).token)
    assert (claims.user_id, claims.token_version, claims.session_id) == (user_id, 3, SESSION)


def test_a_token_carries_the_registered_claims() -> None:
    clock = ManualClock()
    token = issuer(clock).issue(uuid.uuid4(), 0, SESSION).token
    payload = jwt.decode(token, options={"verify_signature": False})
    assert {"sub", "iat", "exp", "jti", "iss", "ver", "sid"} <= payload.keys()
    assert payload["exp"] - payload["iat"] == 15 * 60


def test_an_expired_token_is_refused() -> None:
    clock = ManualClock()
    token = issuer(clock).issue(uuid.uuid4(), 0, SESSION).token
    clock.advance(timedelta(minutes=15))
    with pytest.raises(InvalidToken):
        issuer(clock).verify(token)


def test_a_token_signed_with_another_key_is_refused() -> None:
    clock = ManualClock()
    token = issuer(clock, key="o" * 32).issue(uuid.uuid4(), 0, SESSION).token
    with pytest.raises(InvalidToken):
        issuer(clock).verify(token)


def test_an_unsigned_alg_none_token_is_refused() -> None:
    clock = ManualClock()
    good = jwt.decode(
        issuer(clock).issue(uuid.uuid4(), 0, SESSION).token, options={"verify_signature": False}
    )
    forged = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(good)}."
    with pytest.raises(InvalidToken):
        issuer(clock).verify(forged)


@pytest.mark.parametrize("missing", ["sub", "exp", "iat", "jti", "ver", "iss", "sid"])
def test_a_token_missing_a_required_claim_is_refused(missing: str) -> None:
    clock = ManualClock()
    claims = jwt.decode(
        issuer(clock).issue(uuid.uuid4(), 0, SESSION).token, options={"verify_signature": False}
    )
    del claims[missing]
    with pytest.raises(InvalidToken):
        issuer(clock).verify(jwt.encode(claims, KEY, algorithm="HS256"))


@pytest.mark.parametrize("claim", ["sub", "sid"])
@pytest.mark.parametrize("value", ["not-a-uuid", 42])
def test_a_token_with_a_malformed_subject_or_session_is_refused(claim: str, value: object) -> None:
    clock = ManualClock()
    claims = jwt.decode(
        issuer(clock).issue(uuid.uuid4(), 0, SESSION).token, options={"verify_signature": False}
    )
    claims[claim] = value
    with pytest.raises(InvalidToken):
        issuer(clock).verify(jwt.encode(claims, KEY, algorithm="HS256"))
