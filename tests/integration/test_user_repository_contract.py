"""UserRepository contract, run against every adapter."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from application.ports import UnitOfWorkFactory
from domain.errors import EmailTaken, UsernameTaken
from domain.users import Role, User
from tests.integration.builders import a_user, load, store


def _fields(user: User) -> dict[str, Any]:
    return {field.name: getattr(user, field.name) for field in dataclasses.fields(user)}


async def test_a_user_added_and_committed_can_be_read_back_field_by_field(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user(role=Role.EDITOR)
    await store(uow_factory, user)

    loaded = await load(uow_factory, user.id)

    assert loaded is not None
    assert loaded is not user
    assert _fields(loaded) == _fields(user)
    assert loaded.role is Role.EDITOR
    assert loaded.created_at.tzinfo is not None
    assert loaded.updated_at.tzinfo is not None


async def test_optional_fields_left_empty_come_back_as_none(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    user.full_name = user.bio = user.image = None
    await store(uow_factory, user)

    loaded = await load(uow_factory, user.id)

    assert loaded is not None
    assert (loaded.full_name, loaded.bio, loaded.image) == (None, None, None)


async def test_an_unknown_user_is_none(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        assert await uow.users.get(a_user().id) is None
        assert await uow.users.get_by_username("nobody") is None
        assert await uow.users.get_by_login("nobody@example.com") is None


async def test_users_are_found_by_username_in_any_letter_case(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user("Alice_1")
    await store(uow_factory, user)

    async with uow_factory() as uow:
        for spelling in ("Alice_1", "alice_1", "ALICE_1"):
            found = await uow.users.get_by_username(spelling)
            assert found is not None
            assert found.id == user.id


async def test_users_sign_in_by_username_or_email_in_any_letter_case(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user("Alice_1", email="alice@example.com")
    await store(uow_factory, user)

    async with uow_factory() as uow:
        for login in ("alice_1", "ALICE_1", "alice@example.com", " Alice@Example.COM "):
            found = await uow.users.get_by_login(login)
            assert found is not None
            assert found.id == user.id, login


async def test_a_username_taken_in_another_letter_case_is_refused(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await store(uow_factory, a_user("alice"))

    with pytest.raises(UsernameTaken):
        await store(uow_factory, a_user("ALICE", email="someone.else@example.com"))


async def test_an_email_already_registered_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    await store(uow_factory, a_user("alice", email="shared@example.com"))

    with pytest.raises(EmailTaken):
        await store(uow_factory, a_user("bob", email="SHARED@example.com"))


async def test_when_both_username_and_email_are_taken_the_username_is_reported(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await store(uow_factory, a_user("alice", email="alice@example.com"))

    with pytest.raises(UsernameTaken):
        await store(uow_factory, a_user("Alice", email="alice@example.com"))
