from __future__ import annotations

import pytest

from domain.errors import (
    InvalidCredentials,
    InvalidToken,
    LastAdmin,
    PermissionDenied,
    UserNotFound,
)
from domain.users import Role
from tests.unit.conftest import PASSWORD, App


@pytest.mark.parametrize("role", [Role.VIEWER, Role.AUTHOR, Role.EDITOR])
async def test_only_admins_may_manage_users(app: App, role: Role) -> None:
    actor = await app.sign_up("someone", role)
    await app.sign_up("target")
    with pytest.raises(PermissionDenied):
        await app.admin.list_users(actor)
    with pytest.raises(PermissionDenied):
        await app.admin.update_user(actor, "target", role=Role.ADMIN)
    assert (await app.users.get_account(actor)).role is role


async def test_an_admin_changes_a_users_role(app: App) -> None:
    root = await app.sign_up("root", Role.ADMIN)
    await app.sign_up("ada")
    account = await app.admin.update_user(root, "ADA", role=Role.EDITOR)
    assert account.role is Role.EDITOR


async def test_deactivating_a_user_ends_their_sessions_at_once(app: App) -> None:
    root = await app.sign_up("root", Role.ADMIN)
    await app.sign_up("ada")
    pair = await app.auth.sign_in("ada", PASSWORD)
    await app.admin.update_user(root, "ada", is_active=False)
    with pytest.raises(InvalidToken):
        await app.auth.authenticate(pair.access_token)
    with pytest.raises(InvalidToken):
        await app.auth.refresh(pair.refresh_token)
    with pytest.raises(InvalidCredentials):
        await app.auth.sign_in("ada", PASSWORD)
    with pytest.raises(UserNotFound):
        await app.social.profile(None, "ada")


async def test_a_reactivated_user_signs_in_again_but_old_tokens_stay_dead(app: App) -> None:
    root = await app.sign_up("root", Role.ADMIN)
    await app.sign_up("ada")
    old = await app.auth.sign_in("ada", PASSWORD)
    await app.admin.update_user(root, "ada", is_active=False)
    await app.admin.update_user(root, "ada", is_active=True)
    with pytest.raises(InvalidToken):
        await app.auth.authenticate(old.access_token)
    await app.auth.authenticate((await app.auth.sign_in("ada", PASSWORD)).access_token)


async def test_the_last_active_admin_cannot_be_demoted_or_deactivated(app: App) -> None:
    root = await app.sign_up("root", Role.ADMIN)
    with pytest.raises(LastAdmin):
        await app.admin.update_user(root, "root", role=Role.EDITOR)
    with pytest.raises(LastAdmin):
        await app.admin.update_user(root, "root", is_active=False)
    assert (await app.users.get_account(root)).role is Role.ADMIN


async def test_an_admin_may_step_down_when_another_admin_remains(app: App) -> None:
    root = await app.sign_up("root", Role.ADMIN)
    await app.sign_up("second", Role.ADMIN)
    assert (await app.admin.update_user(root, "root", role=Role.AUTHOR)).role is Role.AUTHOR


async def test_updating_an_unknown_user_is_not_found(app: App) -> None:
    root = await app.sign_up("root", Role.ADMIN)
    with pytest.raises(UserNotFound):
        await app.admin.update_user(root, "ghost", role=Role.EDITOR)


async def test_listing_users_walks_every_page_in_username_order(app: App) -> None:
    root = await app.sign_up("root", Role.ADMIN)
    names = [f"user_{i:02d}" for i in range(7)]
    for name in names:
        await app.sign_up(name)
    seen, cursor = [], None
    while True:
        page = await app.admin.list_users(root, limit=3, cursor=cursor)
        seen += [a.username for a in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == sorted([*names, "root"], key=str.lower)


async def test_create_admin_makes_an_account_with_the_admin_role(app: App) -> None:
    account = await app.admin.create_admin(
        username="boss", email="boss@example.com", password=PASSWORD
    )
    assert account.role is Role.ADMIN
