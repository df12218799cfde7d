from __future__ import annotations

from application.ports import UnitOfWorkFactory
from application.read_models import Actor, UserAccount
from application.services.registration import Registrar
from application.unset import UNSET, Unset, or_current
from domain.errors import UserNotFound
from domain.users import Role
from domain.values import Email, ImageUrl


class UserService:
    """Sign-up and self-service account management."""

    def __init__(self, uow: UnitOfWorkFactory, registrar: Registrar, default_role: Role) -> None:
        self._uow = uow
        self._registrar = registrar
        self._default_role = default_role

    async def sign_up(
        self,
        *,
        username: str,
        email: str,
        password: str,
        full_name: str | None = None,
        bio: str | None = None,
        image: str | None = None,
    ) -> UserAccount:
        """Create an account with the configured default role.

        Raises ``ValidationFailed`` for a bad username, email, password or profile field
        and ``UsernameTaken`` / ``EmailTaken`` when either exists in any letter case."""
        return await self._registrar.register(
            username=username,
            email=email,
            password=password,
            role=self._default_role,
            full_name=full_name,
            bio=bio,
            image=image,
        )

    async def get_account(self, actor: Actor) -> UserAccount:
        async with self._uow() as uow:
            user = await uow.users.get(actor.user_id)
        if user is None:
            raise UserNotFound()
        return UserAccount.of(user)

    async def update_account(
        self,
        actor: Actor,
        *,
        email: str | Unset = UNSET,
        full_name: str | Unset | None = UNSET,
        bio: str | Unset | None = UNSET,
        image: str | Unset | None = UNSET,
    ) -> UserAccount:
        """Change only the fields given; ``None`` clears an optional field."""
        async with self._uow() as uow:
            user = await uow.users.get(actor.user_id)
            if user is None:
                raise UserNotFound()
            now = self._registrar.clock.now()
            new_image = or_current(image, str(user.image) if user.image else None)
            user.update_profile(
                now=now,
                full_name=or_current(full_name, user.full_name),
                bio=or_current(bio, user.bio),
                image=ImageUrl(new_image) if new_image else None,
            )
            if not isinstance(email, Unset):
                user.change_email(Email(email), now=now)
            await uow.users.update(user)
            await uow.commit()
        return UserAccount.of(user)
