from __future__ import annotations

from adapters.security import Argon2PasswordHasher

hasher = Argon2PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


async def test_a_hash_verifies_its_password_and_no_other() -> None:
    stored = await hasher.hash("correct horse")
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert await hasher.verify("correct horse", stored)
    assert not await hasher.verify("wrong horse", stored)


async def test_the_same_password_hashes_differently_each_time() -> None:
    assert await hasher.hash("same") != await hasher.hash("same")


async def test_checking_against_no_account_is_always_false() -> None:
    assert not await hasher.verify("inkport-no-such-account", None)


async def test_an_unreadable_stored_hash_fails_the_check_instead_of_crashing() -> None:
    assert not await hasher.verify("anything", "not-a-hash")
