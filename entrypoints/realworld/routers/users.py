from __future__ import annotations

from fastapi import APIRouter, Response, status

from application.read_models import UserAccount
from application.unset import UNSET
from entrypoints.http.dependencies import Auth, Users
from entrypoints.realworld.errors import ConduitError
from entrypoints.realworld.schemas.base import TAG, error_responses
from entrypoints.realworld.schemas.users import (
    ConduitLoginRequest,
    ConduitNewUserRequest,
    ConduitUser,
    ConduitUserEnvelope,
    ConduitUserUpdateRequest,
)
from entrypoints.realworld.security import CurrentSession

router = APIRouter(prefix="/api", tags=[TAG])


def _user(account: UserAccount, token: str, response: Response) -> ConduitUserEnvelope:
    response.headers["Cache-Control"] = "no-store"
    return ConduitUserEnvelope(user=ConduitUser.of(account, token))


@router.post(
    "/users/login",
    response_model=ConduitUserEnvelope,
    responses=error_responses(401),
    summary="RealWorld: sign in",
)
async def login(
    body: ConduitLoginRequest, auth: Auth, users: Users, response: Response
) -> ConduitUserEnvelope:
    """An unknown email and a wrong password get the same 401 `credentials: invalid`."""
    pair = await auth.sign_in(body.user.email, body.user.password)
    actor = await auth.authenticate(pair.access_token)
    return _user(await users.get_account(actor), pair.access_token, response)


@router.post(
    "/users",
    status_code=status.HTTP_201_CREATED,
    response_model=ConduitUserEnvelope,
    responses=error_responses(409),
    summary="RealWorld: register",
)
async def register(
    body: ConduitNewUserRequest, auth: Auth, users: Users, response: Response
) -> ConduitUserEnvelope:
    """The account gets the default role and works in the native API too."""
    new = body.user
    account = await users.sign_up(username=new.username, email=new.email, password=new.password)
    pair = await auth.sign_in(account.email, new.password)
    return _user(account, pair.access_token, response)


@router.get(
    "/user",
    response_model=ConduitUserEnvelope,
    responses=error_responses(401),
    summary="RealWorld: current user",
)
async def current_user(
    session: CurrentSession, users: Users, response: Response
) -> ConduitUserEnvelope:
    return _user(await users.get_account(session.actor), session.token, response)


@router.put(
    "/user",
    response_model=ConduitUserEnvelope,
    responses=error_responses(401, 409),
    summary="RealWorld: update current user",
)
async def update_user(
    body: ConduitUserUpdateRequest, session: CurrentSession, users: Users, response: Response
) -> ConduitUserEnvelope:
    """Changes only the fields sent; `bio` / `image` set to `""` or `null` become null.
    A new password ends the refresh-token sessions of the native API; the token sent
    keeps working until it expires."""
    update, sent = body.user, body.user.model_fields_set
    if not sent:
        raise ConduitError(422, "user", "must have at least one known field")
    account = await users.update_settings(
        session.actor,
        username=update.username if "username" in sent else UNSET,
        email=update.email if "email" in sent else UNSET,
        password=update.password if "password" in sent else UNSET,
        bio=update.bio if "bio" in sent else UNSET,
        image=update.image if "image" in sent else UNSET,
    )
    return _user(account, session.token, response)
