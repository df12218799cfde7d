"""The composition root: the only place that decides which adapter serves which port."""

from __future__ import annotations

import hashlib
import hmac

from dependency_injector import containers, providers

from adapters.clock import SystemClock
from adapters.memory import InMemoryDatabase, InMemoryUnitOfWork
from adapters.memory.idempotency import InMemoryIdempotencyStore
from adapters.memory.queries import InMemoryPostQueries
from adapters.redis_health import redis_health
from adapters.security import Argon2PasswordHasher, JwtTokenIssuer
from adapters.security.common_passwords import packaged_common_passwords
from adapters.sqlalchemy import (
    SqlAlchemyIdempotencyStore,
    SqlAlchemyUnitOfWork,
    create_engine,
)
from adapters.sqlalchemy.queries import SqlPostQueries
from application.pagination import CursorCodec
from application.services import AdminService, AuthService, UserService
from application.services.account_notifications import PasswordChangeNotificationHandler
from application.services.comments import CommentService
from application.services.dispatcher import OutboxDispatcher, RetryPolicy
from application.services.follower_notifications import FollowerNotificationHandler
from application.services.listing import ListingService
from application.services.live import LiveUpdateHandler, LiveUpdates
from application.services.outbox_admin import OutboxAdminService
from application.services.posts import PostService
from application.services.registration import Registrar
from application.services.social import SocialService
from domain.passwords import PasswordPolicy
from domain.users import Role
from entrypoints.caching import build_cache, with_cache, with_invalidation
from entrypoints.delivery import build_event_bus, build_notifier
from entrypoints.metrics import MeteredCacheCounters, MeteredRateLimitFailures
from entrypoints.rate_limiting import build_rate_limiter
from entrypoints.settings import Settings


def _storage_kind(settings: Settings) -> str:
    return "memory" if settings.uses_memory_storage else "sql"


def _derived_key(settings: Settings, purpose: str) -> bytes:
    # One configured secret, independent keys per purpose.
    secret = settings.secret_key.get_secret_value().encode()
    return hmac.new(secret, purpose.encode(), hashlib.sha256).digest()


def _common_passwords(settings: Settings) -> frozenset[str]:
    return packaged_common_passwords() if settings.refuse_common_passwords else frozenset()


class Adapters(containers.DeclarativeContainer):
    """Driven adapters, chosen from settings."""

    settings = providers.Dependency(instance_of=Settings)

    clock = providers.Singleton(SystemClock)
    memory_database = providers.Singleton(InMemoryDatabase)
    engine = providers.Singleton(create_engine, settings.provided.database_url)
    storage_unit_of_work = providers.Selector(
        providers.Callable(_storage_kind, settings),
        memory=providers.Factory(InMemoryUnitOfWork, memory_database, clock=clock),
        sql=providers.Factory(SqlAlchemyUnitOfWork, engine, clock=clock),
    )
    storage_post_queries = providers.Selector(
        providers.Callable(_storage_kind, settings),
        memory=providers.Singleton(InMemoryPostQueries, memory_database),
        sql=providers.Singleton(SqlPostQueries, engine),
    )
    cache_counters = providers.Singleton(MeteredCacheCounters)
    cache = providers.Singleton(build_cache, settings, cache_counters)
    post_queries = providers.Singleton(with_cache, storage_post_queries, cache, settings)
    unit_of_work = providers.Factory(with_invalidation, storage_unit_of_work, post_queries)
    idempotency_store = providers.Selector(
        providers.Callable(_storage_kind, settings),
        memory=providers.Singleton(InMemoryIdempotencyStore, memory_database),
        sql=providers.Singleton(SqlAlchemyIdempotencyStore, engine),
    )
    common_passwords = providers.Callable(_common_passwords, settings)
    password_hasher = providers.Singleton(
        Argon2PasswordHasher,
        time_cost=settings.provided.argon2_time_cost,
        memory_cost=settings.provided.argon2_memory_cost,
        parallelism=settings.provided.argon2_parallelism,
    )
    token_issuer = providers.Singleton(
        JwtTokenIssuer,
        secret_key=providers.Callable(lambda s: s.secret_key.get_secret_value(), settings),
        clock=clock,
        ttl=settings.provided.access_token_ttl,
        algorithm=settings.provided.jwt_algorithm,
    )
    cursor_codec = providers.Singleton(
        CursorCodec, providers.Callable(_derived_key, settings, "pagination-cursor")
    )
    rate_limit_failures = providers.Singleton(MeteredRateLimitFailures)
    rate_limiter = providers.Singleton(build_rate_limiter, settings, rate_limit_failures)
    redis_health = providers.Singleton(redis_health, settings.provided.redis_url)
    event_bus = providers.Singleton(build_event_bus, settings)
    notifier = providers.Singleton(build_notifier, settings)


class UseCases(containers.DeclarativeContainer):
    """Use-case services. Needs only the adapters container, never FastAPI."""

    settings = providers.Dependency(instance_of=Settings)
    adapters = providers.DependenciesContainer()

    password_policy = providers.Singleton(
        PasswordPolicy,
        strict=providers.Callable(lambda s: s.password_policy == "strict", settings),
        common=adapters.common_passwords,
    )
    registrar = providers.Singleton(
        Registrar,
        uow=adapters.unit_of_work.provider,
        hasher=adapters.password_hasher,
        clock=adapters.clock,
        password_policy=password_policy,
    )
    users = providers.Singleton(
        UserService,
        uow=adapters.unit_of_work.provider,
        registrar=registrar,
        default_role=providers.Callable(lambda s: Role(s.default_signup_role), settings),
    )
    auth = providers.Singleton(
        AuthService,
        uow=adapters.unit_of_work.provider,
        hasher=adapters.password_hasher,
        tokens=adapters.token_issuer,
        clock=adapters.clock,
        password_policy=password_policy,
        refresh_ttl=settings.provided.refresh_token_ttl,
    )
    admin = providers.Singleton(
        AdminService,
        uow=adapters.unit_of_work.provider,
        clock=adapters.clock,
        cursors=adapters.cursor_codec,
        registrar=registrar,
    )

    posts = providers.Singleton(
        PostService,
        uow=adapters.unit_of_work.provider,
        queries=adapters.post_queries,
        clock=adapters.clock,
    )
    listing = providers.Singleton(
        ListingService, queries=adapters.post_queries, cursors=adapters.cursor_codec
    )
    comments = providers.Singleton(
        CommentService,
        uow=adapters.unit_of_work.provider,
        queries=adapters.post_queries,
        clock=adapters.clock,
        cursors=adapters.cursor_codec,
    )
    live = providers.Singleton(
        LiveUpdates,
        queries=adapters.post_queries,
        subscriber=adapters.event_bus,
        max_pending=settings.provided.live_max_pending,
    )
    # Events are delivered through the storage Unit of Work: the dispatcher's own
    # bookkeeping changes nothing a cached read shows.
    event_handlers = providers.List(
        providers.Singleton(LiveUpdateHandler, publisher=adapters.event_bus),
        providers.Singleton(
            FollowerNotificationHandler,
            uow=adapters.storage_unit_of_work.provider,
            notifier=adapters.notifier,
        ),
        providers.Singleton(
            PasswordChangeNotificationHandler,
            uow=adapters.storage_unit_of_work.provider,
            notifier=adapters.notifier,
        ),
    )
    dispatcher = providers.Singleton(
        OutboxDispatcher,
        uow=adapters.storage_unit_of_work.provider,
        handlers=event_handlers,
        clock=adapters.clock,
        policy=providers.Singleton(
            RetryPolicy,
            max_attempts=settings.provided.outbox_max_attempts,
            base_seconds=settings.provided.outbox_retry_base_seconds,
            max_seconds=settings.provided.outbox_retry_max_seconds,
        ),
        batch_size=settings.provided.outbox_batch_size,
    )
    outbox_admin = providers.Singleton(
        OutboxAdminService,
        uow=adapters.storage_unit_of_work.provider,
        clock=adapters.clock,
        cursors=adapters.cursor_codec,
    )
    social = providers.Singleton(
        SocialService,
        uow=adapters.unit_of_work.provider,
        queries=adapters.post_queries,
        clock=adapters.clock,
    )


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    adapters = providers.Container(Adapters, settings=settings)
    use_cases = providers.Container(UseCases, settings=settings, adapters=adapters)


def build_container(settings: Settings | None = None) -> Container:
    return Container(settings=settings or Settings())
