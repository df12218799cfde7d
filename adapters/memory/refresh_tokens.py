from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from datetime import datetime

from adapters.memory.database import InMemoryDatabase
from domain.sessions import RefreshToken

Change = Callable[[dict[uuid.UUID, RefreshToken]], None]


class InMemoryRefreshTokenRepository:
    """Staged changes are recorded as operations and replayed on the state at commit,
    so concurrent revocations and claims merge the way row updates do in SQL."""

    def __init__(self, db: InMemoryDatabase, owner: int) -> None:
        self._db = db
        self._owner = owner
        self.changes: list[Change] = []

    def _view(self) -> dict[uuid.UUID, RefreshToken]:
        tokens = {k: copy.copy(v) for k, v in self._db.refresh_tokens.items()}
        for change in self.changes:
            change(tokens)
        return tokens

    async def add(self, token: RefreshToken) -> None:
        added = copy.copy(token)
        self.changes.append(lambda tokens: tokens.__setitem__(added.id, copy.copy(added)))

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        return next((t for t in self._view().values() if t.token_hash == token_hash), None)

    async def claim(self, token_id: uuid.UUID, at: datetime) -> bool:
        released = self._db.claims_released
        async with released:
            # Like a row lock: wait for the other claimer's commit or rollback, then judge.
            await released.wait_for(
                lambda: self._db.token_claims.get(token_id) in (None, self._owner)
            )
            token = self._view().get(token_id)
            if token is None or token.used_at or token.revoked_at:
                return False
            self._db.token_claims[token_id] = self._owner

        def mark_used(tokens: dict[uuid.UUID, RefreshToken]) -> None:
            if token_id in tokens and tokens[token_id].used_at is None:
                tokens[token_id].used_at = at

        self.changes.append(mark_used)
        return True

    async def revoke_family(self, family_id: uuid.UUID, at: datetime) -> None:
        self._revoke_where(lambda t: t.family_id == family_id, at)

    async def revoke_all_for_user(
        self, user_id: uuid.UUID, at: datetime, *, keep_family: uuid.UUID | None = None
    ) -> None:
        self._revoke_where(lambda t: t.user_id == user_id and t.family_id != keep_family, at)

    def session_is_live(self, user_id: uuid.UUID, session_id: uuid.UUID) -> bool:
        """As this transaction sees it: the family is the user's and none of it revoked."""
        family = [t for t in self._view().values() if t.family_id == session_id]
        return any(t.user_id == user_id for t in family) and all(
            t.revoked_at is None for t in family
        )

    def _revoke_where(self, matches: Callable[[RefreshToken], bool], at: datetime) -> None:
        def revoke(tokens: dict[uuid.UUID, RefreshToken]) -> None:
            for token in tokens.values():
                if matches(token) and token.revoked_at is None:
                    token.revoked_at = at

        self.changes.append(revoke)

    def apply(self) -> None:
        self._db.refresh_tokens = self._view()

    async def release_claims(self) -> None:
        mine = [
            token_id for token_id, holder in self._db.token_claims.items() if holder == self._owner
        ]
        if mine:
            async with self._db.claims_released:
                for token_id in mine:
                    del self._db.token_claims[token_id]
                self._db.claims_released.notify_all()
