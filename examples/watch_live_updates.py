"""Another Python program following a post's live updates without HTTP: it watches the
post, comments on it, and runs the outbox dispatcher itself.

Run: .venv/bin/python -m examples.watch_live_updates
"""

from __future__ import annotations

import asyncio
from typing import Any

from entrypoints.embedded import open_inkport
from entrypoints.settings import Settings


async def watch_a_comment_arrive() -> dict[str, Any]:
    async with open_inkport(Settings(database_url="memory://")) as inkport:
        await inkport.users.sign_up(
            username="grace", email="grace@example.com", password="a long passphrase"
        )
        tokens = await inkport.auth.sign_in("grace", "a long passphrase")
        grace = await inkport.auth.authenticate(tokens.access_token)
        post = await inkport.posts.create(grace, title="Hello", body="First post", publish=True)

        async with inkport.live.watch(post.id) as messages:
            await inkport.comments.add(grace, post.id, "Watching my own post")
            # Events are delivered after commit by the dispatcher, here run by this
            # program until it finds nothing more (a post's events go out one by one).
            while await inkport.dispatcher.dispatch_once():
                pass
            async with asyncio.timeout(5):
                return dict(await anext(messages))


if __name__ == "__main__":
    print(asyncio.run(watch_a_comment_arrive()))
