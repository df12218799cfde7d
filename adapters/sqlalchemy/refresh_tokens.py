from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa

from adapters.sqlalchemy.tables import refresh_tokens
from adapters.sqlalchemy.transaction import Transaction
from domain.sessions import RefreshToken

_t = refresh_tokens.c


class SqlAlchemyRefreshTokenRepository:
    def __init__(self, transaction: Transaction) -> None:
        self._tx = transaction

    async def add(self, token: RefreshToken) -> None:
        # No savepoint: token ids and hashes are random, so a violation here is a bug
        # that should end the Unit of Work anyway.
        values = {column.name: getattr(token, column.name) for column in refresh_tokens.c}
        await self._tx.write(sa.insert(refresh_tokens).values(values))

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        result = await self._tx.read(sa.select(refresh_tokens).where(_t.token_hash == token_hash))
        row = result.mappings().first()
        return RefreshToken(**row) if row is not None else None

    async def claim(self, token_id: uuid.UUID, at: datetime) -> bool:
        # The check and the write are one statement: a concurrent claim of the same row
        # waits for our commit and then no longer matches ``used_at IS NULL``.
        statement = (
            sa.update(refresh_tokens)
            .where(_t.id == token_id, _t.used_at.is_(None), _t.revoked_at.is_(None))
            .values(used_at=at)
        )
        result = await self._tx.write(statement)
        return result.rowcount == 1

    async def revoke_family(self, family_id: uuid.UUID, at: datetime) -> None:
        await self._revoke(_t.family_id == family_id, at)

    async def revoke_all_for_user(
        self, user_id: uuid.UUID, at: datetime, *, keep_family: uuid.UUID | None = None
    ) -> None:
        condition = _t.user_id == user_id
        if keep_family is not None:
            condition = sa.and_(condition, _t.family_id != keep_family)
        await self._revoke(condition, at)

    async def _revoke(self, condition: sa.ColumnElement[bool], at: datetime) -> None:
        # Tokens revoked earlier keep their original revocation time.
        statement = (
            sa.update(refresh_tokens)
            .where(condition, _t.revoked_at.is_(None))
            .values(revoked_at=at)
        )
        await self._tx.write(statement)
