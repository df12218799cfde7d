from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from adapters.cache.cached_queries import CachedPostQueries
from adapters.clock import ManualClock
from adapters.memory import InMemoryDatabase, InMemoryUnitOfWork
from adapters.memory.queries import InMemoryPostQueries
from adapters.security import Argon2PasswordHasher, JwtTokenIssuer
from application.pagination import CursorCodec
from application.ports import UnitOfWork
from application.ports.cache import Cache
from application.ports.queries import PostQueries
from application.read_models import Actor
from application.services import AdminService, AuthService, UserService
from application.services.comments import CommentService
from application.services.listing import ListingService
from application.services.posts import PostService
from application.services.registration import Registrar
from application.services.social import SocialService
from domain.passwords import PasswordPolicy
from domain.users import Role
from entrypoints.caching import with_invalidation

PASSWORD = "correct horse battery"
# A stand-in for the packaged list: the rule is the domain's, the list an adapter's.
COMMON_PASSWORDS = frozenset({"password", "12345678", "qwertyuiop", "iloveyou1"})


@dataclass
class App:
    """The use cases wired to in-memory adapters and a clock the test controls."""

    db: InMemoryDatabase
    clock: ManualClock
    users: UserService
    auth: AuthService
    admin: AdminService
    posts: PostService
    listing: ListingService
    comments: CommentService
    social: SocialService

    async def sign_up(self, username: str, role: Role = Role.AUTHOR) -> Actor:
        account = await self.admin._registrar.register(
            username=username, email=f"{username}@example.com", password=PASSWORD, role=role
        )
        return Actor(user_id=account.id, username=account.username, role=account.role)


def build_app(policy: PasswordPolicy | None = None, *, cache: Cache | None = None) -> App:
    """With ``cache``: the read cache wired in as the container does it."""
    db, clock = InMemoryDatabase(), ManualClock()
    policy = policy or PasswordPolicy(common=COMMON_PASSWORDS)
    hasher = Argon2PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    queries: PostQueries = InMemoryPostQueries(db)
    if cache is not None:
        queries = CachedPostQueries(queries, cache, ttl_seconds=60)

    def uow() -> UnitOfWork:
        return with_invalidation(InMemoryUnitOfWork(db, clock=clock), queries)

    tokens = JwtTokenIssuer(secret_key="k" * 32, clock=clock, ttl=timedelta(minutes=15))
    registrar = Registrar(uow=uow, hasher=hasher, clock=clock, password_policy=policy)
    cursors = CursorCodec(b"cursor-key")
    return App(
        db=db,
        clock=clock,
        users=UserService(uow, registrar, default_role=Role.AUTHOR),
        auth=AuthService(uow, hasher, tokens, clock, policy, refresh_ttl=timedelta(days=14)),
        admin=AdminService(uow, clock, cursors, registrar),
        posts=PostService(uow, queries, clock),
        listing=ListingService(queries, cursors),
        comments=CommentService(uow, queries, clock, cursors),
        social=SocialService(uow, queries, clock),
    )


@pytest.fixture
def app() -> App:
    return build_app()
