from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.sqlalchemy.errors import translated_errors, unavailable

CHECK_TIMEOUT_SECONDS = 5.0


async def check_database(engine: AsyncEngine) -> None:
    """Raise ``ServiceUnavailable`` unless the database answers ``SELECT 1`` in time."""
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
            with translated_errors(connecting=True):
                async with engine.connect() as connection:
                    await connection.execute(text("SELECT 1"))
    except TimeoutError as error:
        raise unavailable() from error
