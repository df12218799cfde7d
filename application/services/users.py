from __future__ import annotations

from application.ports import UnitOfWorkFactory
from application.read_models import Actor, UserAccount
from application.services.registration import Registrar
from application.unset import UNSET, Unset, or_current
from domain.errors import UserNotFound
from domain.events import PasswordChanged
from domain.users import BIO_MAX, Role
from domain.values import Email, ImageUrl, Username, bounded_text


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

    async def update_settings(
        self,
        actor: Actor,
        *,
        username: str | Unset = UNSET,
        email: str | Unset = UNSET,
        password: str | Unset = UNSET,
        bio: str | Unset | None = UNSET,
        image: str | Unset | None = UNSET,
    ) -> UserAccount:
        """Change any of the fields given without asking for the current password: for
        clients whose bearer token is their only credential (RealWorld's ``PUT /api/user``).

        Every field is checked before anything changes; ``None`` or blank clears ``bio`` /
        ``image``. A new password must satisfy the password policy for the account as it
        will be (new username and email included). It ends every other session of the
        account at once, while the caller's own session goes on (the caller keeps working
        with the token it holds), and the owner is notified (``PasswordChanged``). Raises
        ``ValidationFailed``, ``UsernameTaken`` or ``EmailTaken``."""
        new_username = None if isinstance(username, Unset) else Username(username)
        new_email = None if isinstance(email, Unset) else Email(email)
        new_bio = bio if isinstance(bio, Unset) else bounded_text("bio", bio, max_length=BIO_MAX)
        new_image = image if isinstance(image, Unset) else (ImageUrl(image) if image else None)
        # Hashed before the Unit of Work, so Argon2 never holds a pooled connection; the
        # policy needs the account's name and address, so it is checked inside.
        new_hash = (
            None if isinstance(password, Unset) else await self._registrar.hasher.hash(password)
        )
        async with self._uow() as uow:
            user = await uow.users.get(actor.user_id)
            if user is None:
                raise UserNotFound()
            if not isinstance(password, Unset):
                self._registrar.password_policy.check(
                    password, username=new_username or user.username, email=new_email or user.email
                )
            now = self._registrar.clock.now()
            bio_now, image_now = or_current(new_bio, user.bio), or_current(new_image, user.image)
            user.update_profile(now=now, full_name=user.full_name, bio=bio_now, image=image_now)
            if new_username is not None:
                user.rename(new_username, now=now)
            if new_email is not None:
                user.change_email(new_email, now=now)
            if new_hash is not None:
                user.change_password_hash(new_hash, now=now, revoke_tokens=False)
                await uow.refresh_tokens.revoke_all_for_user(
                    user.id, now, keep_family=actor.session_id
                )
                await uow.outbox.add([PasswordChanged(user_id=user.id, occurred_at=now)])
            await uow.users.update(user)
            await uow.commit()
        return UserAccount.of(user)
