from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta

from application.ports import Clock, PasswordHasher, TokenIssuer, UnitOfWork, UnitOfWorkFactory
from application.read_models import Actor, TokenPair
from domain.errors import InvalidCredentials, InvalidToken, UserNotFound, ValidationFailed
from domain.events import PasswordChanged
from domain.passwords import PasswordPolicy
from domain.sessions import RefreshToken
from domain.users import User


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class AuthService:
    """Sign-in, token refresh with rotation, sign-out, password change and the per-request
    token check.

    Rules: a sign-in starts a session, the family of refresh tokens it rotates through;
    access tokens are short-lived JWTs bound to the user's ``token_version`` and to their
    session; refresh tokens are opaque, single-use and stored only as hashes. Presenting
    a refresh token that was already rotated revokes its whole family (a thief and the
    victim both lose it). An ended session (sign-out, reuse, password change,
    deactivation) refuses its access tokens at once, not when they expire.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        hasher: PasswordHasher,
        tokens: TokenIssuer,
        clock: Clock,
        password_policy: PasswordPolicy,
        refresh_ttl: timedelta,
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._tokens = tokens
        self._clock = clock
        self._policy = password_policy
        self._refresh_ttl = refresh_ttl

    async def sign_in(self, login: str, password: str) -> TokenPair:
        """``login`` is a username or an email. Unknown users, wrong passwords and
        deactivated accounts all raise the same ``InvalidCredentials`` after the same work."""
        async with self._uow() as uow:
            user = await uow.users.get_by_login(login)
            stored_hash = user.password_hash if user is not None else None
            if not await self._hasher.verify(password, stored_hash):
                raise InvalidCredentials()
            if user is None or not user.is_active:
                raise InvalidCredentials()
            pair = await self._issue_pair(uow, user, family_id=uuid.uuid4())
            await uow.commit()
        return pair

    async def refresh(self, refresh_token: str) -> TokenPair:
        now = self._clock.now()
        async with self._uow() as uow:
            record = await uow.refresh_tokens.get_by_hash(_digest(refresh_token))
            if record is None:
                raise InvalidToken()
            if record.was_already_rotated() or not await uow.refresh_tokens.claim(record.id, now):
                await uow.refresh_tokens.revoke_family(record.family_id, now)
                await uow.commit()
                raise InvalidToken()
            # The session, not only this token: a token added to the family while it was
            # being revoked must not keep it going.
            user = await uow.users.get_in_session(record.user_id, record.family_id)
            if not record.is_usable(now) or user is None or not user.is_active:
                # claim() succeeded on a dead token: roll it back by leaving uncommitted.
                raise InvalidToken()
            pair = await self._issue_pair(uow, user, family_id=record.family_id)
            await uow.commit()
        return pair

    async def sign_out(self, refresh_token: str) -> None:
        """Revoke the refresh token's family. Unknown tokens are ignored (idempotent)."""
        now = self._clock.now()
        async with self._uow() as uow:
            record = await uow.refresh_tokens.get_by_hash(_digest(refresh_token))
            if record is not None:
                await uow.refresh_tokens.revoke_family(record.family_id, now)
                await uow.commit()

    async def authenticate(self, access_token: str) -> Actor:
        """Verify the token, then re-check the user in one read: exists, active, token
        still current, its session not ended."""
        claims = self._tokens.verify(access_token)
        async with self._uow() as uow:
            user = await uow.users.get_in_session(claims.user_id, claims.session_id)
        if user is None or not user.accepts_token_version(claims.token_version):
            raise InvalidToken()
        return Actor.of(user, session_id=claims.session_id)

    async def change_password(
        self, actor: Actor, *, current_password: str, new_password: str
    ) -> TokenPair:
        """Needs the current password. Every earlier access and refresh token stops
        working; the returned pair is the caller's new session. The owner is notified
        (``PasswordChanged``)."""
        async with self._uow() as uow:
            user = await uow.users.get(actor.user_id)
            if user is None:
                raise UserNotFound()
            self._policy.check(
                new_password, field="new_password", username=user.username, email=user.email
            )
            if not await self._hasher.verify(current_password, user.password_hash):
                raise ValidationFailed("current_password", "The current password is incorrect.")
            now = self._clock.now()
            user.change_password_hash(await self._hasher.hash(new_password), now=now)
            await uow.users.update(user)
            await uow.refresh_tokens.revoke_all_for_user(user.id, now)
            await uow.outbox.add([PasswordChanged(user_id=user.id, occurred_at=now)])
            pair = await self._issue_pair(uow, user, family_id=uuid.uuid4())
            await uow.commit()
        return pair

    async def _issue_pair(self, uow: UnitOfWork, user: User, family_id: uuid.UUID) -> TokenPair:
        now = self._clock.now()
        secret = secrets.token_urlsafe(32)
        record = RefreshToken(
            id=uuid.uuid4(),
            family_id=family_id,
            user_id=user.id,
            token_hash=_digest(secret),
            issued_at=now,
            expires_at=now + self._refresh_ttl,
        )
        await uow.refresh_tokens.add(record)
        access = self._tokens.issue(user.id, user.token_version, family_id)
        return TokenPair(
            access_token=access.token,
            access_expires_at=access.expires_at,
            refresh_token=secret,
            refresh_expires_at=record.expires_at,
        )
