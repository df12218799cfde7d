"""Sessions: every access token belongs to the refresh-token family it was issued in, and
an ended session refuses its access tokens at once, not when they expire."""

from __future__ import annotations

import hashlib
import uuid

import pytest

from adapters.memory import InMemoryUnitOfWork
from domain.errors import InvalidToken, ValidationFailed
from domain.events import PasswordChanged
from domain.sessions import RefreshToken
from domain.users import Role
from tests.unit.conftest import PASSWORD, App

NEW_PASSWORD = "a brand new passphrase"


async def refused(app: App, access_token: str) -> bool:
    try:
        await app.auth.authenticate(access_token)
    except InvalidToken:
        return True
    return False


def password_changes(app: App) -> list[PasswordChanged]:
    return [r.event for r in app.db.outbox if isinstance(r.event, PasswordChanged)]


async def test_an_access_token_names_its_session(app: App) -> None:
    await app.sign_up("ada")
    pair = await app.auth.sign_in("ada", PASSWORD)
    refreshed = await app.auth.refresh(pair.refresh_token)
    first = await app.auth.authenticate(pair.access_token)
    second = await app.auth.authenticate(refreshed.access_token)
    assert first.session_id is not None
    assert first.session_id == second.session_id


async def test_signing_out_refuses_the_sessions_access_tokens_at_once(app: App) -> None:
    await app.sign_up("ada")
    mine = await app.auth.sign_in("ada", PASSWORD)
    other = await app.auth.sign_in("ada", PASSWORD)

    await app.auth.sign_out(mine.refresh_token)

    assert await refused(app, mine.access_token)
    assert not await refused(app, other.access_token)


async def test_refresh_token_reuse_refuses_every_access_token_of_the_family(app: App) -> None:
    await app.sign_up("ada")
    stolen = await app.auth.sign_in("ada", PASSWORD)
    victim = await app.auth.refresh(stolen.refresh_token)
    elsewhere = await app.auth.sign_in("ada", PASSWORD)

    with pytest.raises(InvalidToken):
        await app.auth.refresh(stolen.refresh_token)

    assert await refused(app, stolen.access_token)
    assert await refused(app, victim.access_token)
    assert not await refused(app, elsewhere.access_token)


async def test_a_native_password_change_ends_every_earlier_session_and_tells_the_owner(
    app: App,
) -> None:
    await app.sign_up("ada")
    mine = await app.auth.sign_in("ada", PASSWORD)
    other = await app.auth.sign_in("ada", PASSWORD)
    me = await app.auth.authenticate(mine.access_token)

    fresh = await app.auth.change_password(me, current_password=PASSWORD, new_password=NEW_PASSWORD)

    assert await refused(app, mine.access_token)
    assert await refused(app, other.access_token)
    assert not await refused(app, fresh.access_token)
    assert [e.user_id for e in password_changes(app)] == [me.user_id]


async def test_a_settings_password_change_ends_the_other_sessions_but_not_the_callers(
    app: App,
) -> None:
    await app.sign_up("ada")
    mine = await app.auth.sign_in("ada", PASSWORD)
    other = await app.auth.sign_in("ada", PASSWORD)
    me = await app.auth.authenticate(mine.access_token)

    await app.users.update_settings(me, password=NEW_PASSWORD)

    assert not await refused(app, mine.access_token)
    assert await refused(app, other.access_token)
    with pytest.raises(InvalidToken):
        await app.auth.refresh(other.refresh_token)
    await app.auth.refresh(mine.refresh_token)
    assert [e.user_id for e in password_changes(app)] == [me.user_id]


async def test_a_settings_change_without_a_password_ends_no_session_and_tells_nobody(
    app: App,
) -> None:
    await app.sign_up("ada")
    other = await app.auth.sign_in("ada", PASSWORD)
    me = await app.auth.authenticate((await app.auth.sign_in("ada", PASSWORD)).access_token)

    await app.users.update_settings(me, bio="Analyst")

    assert not await refused(app, other.access_token)
    assert password_changes(app) == []


@pytest.mark.parametrize("password", ["password", "QWERTYUIOP", "ada-and-more", "ada@example.com"])
async def test_a_refused_new_password_changes_nothing_and_ends_no_session(
    app: App, password: str
) -> None:
    await app.sign_up("ada")
    mine = await app.auth.sign_in("ada", PASSWORD)
    other = await app.auth.sign_in("ada", PASSWORD)
    me = await app.auth.authenticate(mine.access_token)

    with pytest.raises(ValidationFailed) as native:
        await app.auth.change_password(me, current_password=PASSWORD, new_password=password)
    with pytest.raises(ValidationFailed) as settings:
        await app.users.update_settings(me, bio="not stored", password=password)

    assert (native.value.field, settings.value.field) == ("new_password", "password")
    assert not await refused(app, other.access_token)
    assert (await app.users.get_account(me)).bio is None
    assert password_changes(app) == []
    await app.auth.sign_in("ada", PASSWORD)


async def test_a_new_password_may_not_contain_the_username_it_is_renamed_to(app: App) -> None:
    ada = await app.sign_up("ada")
    with pytest.raises(ValidationFailed):
        await app.users.update_settings(ada, username="countess", password="the countess 1815")
    assert (await app.users.get_account(ada)).username == "ada"


async def test_deactivation_refuses_the_users_access_tokens_at_once(app: App) -> None:
    root = await app.sign_up("root", role=Role.ADMIN)
    await app.sign_up("ada")
    pair = await app.auth.sign_in("ada", PASSWORD)

    await app.admin.update_user(root, "ada", is_active=False)

    assert await refused(app, pair.access_token)


async def test_a_refresh_token_of_an_ended_session_is_refused_even_if_itself_unrevoked(
    app: App,
) -> None:
    # What a refresh racing with the family's revocation can leave behind: a token added
    # to the family after its other tokens were revoked.
    await app.sign_up("ada")
    pair = await app.auth.sign_in("ada", PASSWORD)
    session = (await app.auth.authenticate(pair.access_token)).session_id
    assert session is not None
    late = next(iter(app.db.refresh_tokens.values()))
    async with InMemoryUnitOfWork(app.db, clock=app.clock) as uow:
        await uow.refresh_tokens.revoke_family(session, app.clock.now())
        await uow.refresh_tokens.add(
            RefreshToken(
                id=uuid.uuid4(),
                family_id=session,
                user_id=late.user_id,
                token_hash=hashlib.sha256(b"late secret").hexdigest(),
                issued_at=app.clock.now(),
                expires_at=late.expires_at,
            )
        )
        await uow.commit()

    with pytest.raises(InvalidToken):
        await app.auth.refresh("late secret")
