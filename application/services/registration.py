from __future__ import annotations

from dataclasses import dataclass

from application.ports import Clock, PasswordHasher, UnitOfWorkFactory
from application.read_models import UserAccount
from domain.passwords import PasswordPolicy
from domain.users import Role, User
from domain.values import Email, ImageUrl, Username


@dataclass(frozen=True, slots=True)
class Registrar:
    """Creates accounts: the one place that validates, hashes and stores a new user."""

    uow: UnitOfWorkFactory
    hasher: PasswordHasher
    clock: Clock
    password_policy: PasswordPolicy

    async def register(
        self,
        *,
        username: str,
        email: str,
        password: str,
        role: Role,
        full_name: str | None = None,
        bio: str | None = None,
        image: str | None = None,
    ) -> UserAccount:
        valid_username, valid_email = Username(username), Email(email)
        valid_image = ImageUrl(image) if image else None
        self.password_policy.check(password, username=valid_username, email=valid_email)
        user = User.register(
            username=valid_username,
            email=valid_email,
            password_hash=await self.hasher.hash(password),
            role=role,
            now=self.clock.now(),
            full_name=full_name,
            bio=bio,
            image=valid_image,
        )
        async with self.uow() as uow:
            await uow.users.add(user)
            await uow.commit()
        return UserAccount.of(user)
