from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from adapters.clock import ManualClock
from adapters.memory import InMemoryDatabase, InMemoryUnitOfWork
from adapters.security import Argon2PasswordHasher, JwtTokenIssuer
from application.pagination import CursorCodec
from application.read_models import Actor
from application.services import AdminService, AuthService, UserService
from application.services.registration import Registrar
from domain.passwords import PasswordPolicy
from domain.users import Role

PASSWORD = "correct horse battery"


@dataclass
class App:
    """The use cases wired to in-memory adapters and a clock the test controls."""

    db: InMemoryDatabase
    clock: ManualClock
    users: UserService
    auth: AuthService
    admin: AdminService

    async def sign_up(self, username: str, role: Role = Role.AUTHOR) -> Actor:
        account = await self.admin._registrar.register(
            username=username, email=f"{username}@example.com", password=PASSWORD, role=role
        )
        return Actor(user_id=account.id, username=account.username, role=account.role)


def build_app(policy: PasswordPolicy | None = None) -> App:
    db, clock = InMemoryDatabase(), ManualClock()
    policy = policy or PasswordPolicy()
    hasher = Argon2PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)

    def uow() -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(db)

    tokens = JwtTokenIssuer(secret_key="k" * 32, clock=clock, ttl=timedelta(minutes=15))
    registrar = Registrar(uow=uow, hasher=hasher, clock=clock, password_policy=policy)
    return App(
        db=db,
        clock=clock,
        users=UserService(uow, registrar, default_role=Role.AUTHOR),
        auth=AuthService(uow, hasher, tokens, clock, policy, refresh_ttl=timedelta(days=14)),
        admin=AdminService(uow, clock, CursorCodec(b"cursor-key"), registrar),
    )


@pytest.fixture
def app() -> App:
    return build_app()
