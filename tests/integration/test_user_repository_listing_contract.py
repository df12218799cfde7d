"""UserRepository contract for listing users and counting admins."""

from __future__ import annotations

from application.ports import UnitOfWorkFactory
from domain.users import Role
from tests.integration.builders import a_user, store


async def test_users_are_listed_by_lower_cased_username_a_page_at_a_time(
    uow_factory: UnitOfWorkFactory,
) -> None:
    # "_" sorts between digits and letters in byte order, but not in most locales.
    names = ["bob", "Alice", "a_cd", "abcd", "a1cd", "Zed", "carol"]
    await store(uow_factory, *(a_user(name) for name in names))
    expected = sorted(name.lower() for name in names)

    async with uow_factory() as uow:
        first = await uow.users.list_after(None, 3)
        second = await uow.users.list_after(first[-1].username.canonical, 3)
        rest = await uow.users.list_after(second[-1].username.canonical, 10)
        none_left = await uow.users.list_after(rest[-1].username.canonical, 10)

    pages = [[u.username.canonical for u in page] for page in (first, second, rest)]
    assert pages == [expected[:3], expected[3:6], expected[6:]]
    assert none_left == []
    assert [u.username.value for u in first] == ["a1cd", "a_cd", "abcd"]


async def test_only_active_admins_are_counted(uow_factory: UnitOfWorkFactory) -> None:
    await store(
        uow_factory,
        a_user("admin1", role=Role.ADMIN),
        a_user("admin2", role=Role.ADMIN),
        a_user("retired", role=Role.ADMIN, is_active=False),
        a_user("editor", role=Role.EDITOR),
    )

    async with uow_factory() as uow:
        assert await uow.users.count_active_admins() == 2
        await uow.users.add(a_user("admin3", role=Role.ADMIN))
        assert await uow.users.count_active_admins() == 3
