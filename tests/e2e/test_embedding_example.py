from __future__ import annotations

from pathlib import Path

import pytest

from domain.errors import UsernameTaken
from examples.embed_use_cases import sign_up_and_sign_in
from examples.watch_live_updates import watch_a_comment_arrive


async def test_the_embedding_example_works_with_in_memory_adapters() -> None:
    assert await sign_up_and_sign_in("memory://") == "grace (author) signed in"


async def test_the_embedding_example_works_with_sqlite(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'embedded.db'}"
    assert await sign_up_and_sign_in(url) == "grace (author) signed in"
    assert (tmp_path / "embedded.db").exists()


async def test_a_second_program_run_sees_the_same_sqlite_accounts(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'embedded.db'}"
    await sign_up_and_sign_in(url)
    with pytest.raises(UsernameTaken):
        await sign_up_and_sign_in(url)


async def test_the_live_updates_example_hears_its_own_comment() -> None:
    message = await watch_a_comment_arrive()
    assert message["type"] == "comment_added"
    assert set(message) >= {"event_id", "post_id", "comment_id", "occurred_at"}
