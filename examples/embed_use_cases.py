"""Another Python program using Inkport's use cases directly: no HTTP, no FastAPI.

Run: .venv/bin/python -m examples.embed_use_cases [DATABASE_URL]
(default: the in-memory adapters; try sqlite+aiosqlite:///./embedded.db)
"""

from __future__ import annotations

import asyncio
import sys

from entrypoints.embedded import open_inkport
from entrypoints.settings import Settings


async def sign_up_and_sign_in(database_url: str) -> str:
    settings = Settings(database_url=database_url)
    async with open_inkport(settings, apply_migrations=True) as inkport:
        await inkport.users.sign_up(
            username="grace", email="grace@example.com", password="a long passphrase"
        )
        tokens = await inkport.auth.sign_in("grace", "a long passphrase")
        actor = await inkport.auth.authenticate(tokens.access_token)
        account = await inkport.users.get_account(actor)
        return f"{account.username} ({account.role}) signed in"


if __name__ == "__main__":
    print(asyncio.run(sign_up_and_sign_in(sys.argv[1] if len(sys.argv) > 1 else "memory://")))
