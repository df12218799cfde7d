"""Async engines tuned per dialect: fail fast when PostgreSQL is down, and keep SQLite's
single writer from turning lock waits into tail latency."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.util import await_only

from adapters.sqlalchemy.driver_pool import remember_connect_args
from adapters.sqlalchemy.hidden_values import hide_statement_values
from adapters.sqlalchemy.writer_gate import register_writer_gate

CONNECT_TIMEOUT_SECONDS = 5
# Request statements take milliseconds; one that gets no answer for this long means the
# server (or the path to it) is gone, and the request should get its 503, not hang.
STATEMENT_TIMEOUT_SECONDS = 5.0
# A pooled connection must answer a ping this fast to be handed out.
PING_TIMEOUT_SECONDS = 1.5
BUSY_TIMEOUT_MS = 5000
SQLITE_CONNECT_LOCK_WAIT_SECONDS = 60.0
# Statement parameters are passwords' hashes, e-mail addresses and token hashes: they
# never go into an exception's message, and so never into a log.
HIDE_PARAMETERS = True

_ASYNC_DRIVERS = {
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
    "sqlite": "sqlite+aiosqlite",
}

_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",  # readers never wait for the writer
    "PRAGMA synchronous=NORMAL",  # safe with WAL; fsync only at checkpoints
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",  # wait for other processes' writes
    "PRAGMA foreign_keys=ON",  # off by default in SQLite, per connection
)


def async_url(url: str) -> URL:
    """Accept plain ``postgresql://`` / ``sqlite://`` URLs by picking the async driver."""
    parsed = make_url(url)
    return parsed.set(drivername=_ASYNC_DRIVERS.get(parsed.drivername, parsed.drivername))


def create_engine(
    url: str,
    *,
    echo: bool = False,
    pg_schema: str | None = None,
    statement_timeout: float | None = STATEMENT_TIMEOUT_SECONDS,
) -> AsyncEngine:
    """An engine for SQLite (aiosqlite) or PostgreSQL (asyncpg).

    ``pg_schema`` puts every connection's ``search_path`` on that schema, so tests (or
    tenants) can share one PostgreSQL database without seeing each other's tables.
    ``statement_timeout`` (PostgreSQL): a statement that gets no answer within it fails
    as an outage, even on a connection that was fine when it was checked out (``None``:
    wait as long as it takes, for migrations)."""
    parsed = async_url(url)
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        return _postgres_engine(
            parsed, echo=echo, schema=pg_schema, statement_timeout=statement_timeout
        )
    if backend == "sqlite":
        return _sqlite_engine(parsed, echo=echo)
    raise ValueError(f"unsupported database URL {parsed.render_as_string(hide_password=True)}")


def _postgres_engine(
    url: URL, *, echo: bool, schema: str | None, statement_timeout: float | None
) -> AsyncEngine:
    connect_args: dict[str, Any] = {"timeout": CONNECT_TIMEOUT_SECONDS}
    if statement_timeout is not None:
        connect_args["command_timeout"] = statement_timeout  # asyncpg, client side
    if schema is not None:
        connect_args["server_settings"] = {"search_path": schema}
    engine = create_async_engine(
        url,
        echo=echo,
        hide_parameters=HIDE_PARAMETERS,
        # Pinged at checkout by `_ping_before_use`, not SQLAlchemy's pre-ping: that one
        # has no time limit, and on a server that hangs (frozen VM, lost packets,
        # overloaded host) a request would hang with it.
        pool_pre_ping=False,
        pool_size=10,
        max_overflow=10,
        pool_timeout=CONNECT_TIMEOUT_SECONDS,  # an exhausted pool is an outage, not a hang
        pool_recycle=1800,
        connect_args=connect_args,
    )
    remember_connect_args(engine, connect_args)
    event.listen(engine.sync_engine, "checkout", _ping_before_use)
    event.listen(engine.sync_engine, "handle_error", hide_statement_values)
    return engine


def _ping_before_use(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """A connection the server dropped (restart, failover) or that no longer answers
    within ``PING_TIMEOUT_SECONDS`` is replaced before use: ``DisconnectionError`` makes
    the pool discard it and open a fresh one, which fails within the connect timeout
    if the server is still gone. So a restart costs no request an error, and an outage
    answers 503 within ping + connect timeout instead of hanging."""
    driver = dbapi_connection.driver_connection
    try:
        # Simple query protocol: one round trip, no prepared statement (safe behind
        # PgBouncer in transaction mode).
        await_only(driver.execute("SELECT 1", timeout=PING_TIMEOUT_SECONDS))
    except Exception as error:
        # Abort at once: the pool would otherwise spend 2 s closing it politely.
        driver.terminate()
        raise exc.DisconnectionError(f"ping failed: {error!r}") from error


def _sqlite_engine(url: URL, *, echo: bool) -> AsyncEngine:
    in_memory = url.database in (None, "", ":memory:") or "mode=memory" in str(url)
    # In-memory databases get SQLAlchemy's StaticPool (one shared connection), which
    # accepts no sizing arguments. File databases keep a fixed set of connections and no
    # overflow: an overflow connection is closed on return and reopened in the next burst,
    # and a connection opening while a writer holds the lock waited out busy_timeout
    # (measured: p99 4 s and 503s under 16 writers; 92 ms and none with this pool).
    pool: dict[str, Any] = (
        {} if in_memory else {"pool_size": 20, "max_overflow": 0, "pool_timeout": 5}
    )
    # The connect pragmas (WAL) wait for a writer holding the lock; only a migration holds
    # it for seconds, and a run queued behind one must not fail for it. busy_timeout then
    # sets the short wait for everything the connection does.
    connect_args = {"timeout": SQLITE_CONNECT_LOCK_WAIT_SECONDS}
    engine = create_async_engine(
        url, echo=echo, hide_parameters=HIDE_PARAMETERS, connect_args=connect_args, **pool
    )

    @event.listens_for(engine.sync_engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in _SQLITE_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    register_writer_gate(engine)
    return engine
