from __future__ import annotations

from pathlib import Path

import pytest

from domain.errors import UsernameTaken
from examples.embed_use_cases import sign_up_and_sign_in


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
