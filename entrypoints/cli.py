"""The ``inkport`` command: serve, migrate, worker, create-admin, seed."""

from __future__ import annotations

import asyncio
import signal
from types import FrameType
from typing import Annotated

import typer
import uvicorn

from domain.errors import DomainError
from entrypoints.container import build_container
from entrypoints.embedded import close, migrate, open_inkport
from entrypoints.http.framing import FramingLimits, bounded_protocol
from entrypoints.metrics import shared_metrics_dir
from entrypoints.seed import seed
from entrypoints.settings import Settings
from entrypoints.worker import run_worker

WORKER_START_SECONDS = 60
LIVE_CLIENT_FRAME_BYTES = 4096

app = typer.Typer(help="Inkport blogging service.", no_args_is_help=True)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Default: INKPORT_HOST or 127.0.0.1")] = None,
    port: Annotated[int | None, typer.Option(help="Default: INKPORT_PORT or 8000")] = None,
    workers: Annotated[int | None, typer.Option(help="Default: INKPORT_WORKERS or 1")] = None,
    migrate_first: Annotated[
        bool, typer.Option("--migrate", help="Apply migrations before serving (single node).")
    ] = False,
) -> None:
    """Serve the HTTP API with uvicorn. Apply migrations first with `inkport migrate`
    (or `--migrate` when this is the only node)."""
    settings = Settings()
    if migrate_first:
        migrate_command()
    workers = workers or settings.workers
    signal.signal(signal.SIGTERM, _stopped_on_request)
    with shared_metrics_dir(workers):  # several workers: metrics added up across them
        uvicorn.run(
            "entrypoints.http.app:create_app",
            factory=True,
            host=host or settings.host,
            port=port or settings.port,
            workers=workers,
            # Our middleware logs each request once; uvicorn's access log would cost a third
            # of the throughput and log it twice.
            access_log=False,
            proxy_headers=False,
            server_header=False,
            # A worker answers the supervisor's pings only once its imports are done, which
            # takes seconds on a busy host: uvicorn's 5 s default kept killing new workers.
            timeout_worker_healthcheck=WORKER_START_SECONDS,
            # Live-update clients have nothing to send; a big frame is abuse (closed, 1009).
            ws_max_size=LIVE_CLIENT_FRAME_BYTES,
            # httptools, with bounds on header size and on the time to send them.
            http=bounded_protocol(
                FramingLimits(
                    max_line_bytes=settings.max_header_line_bytes,
                    max_header_bytes=settings.max_header_bytes,
                    header_timeout_seconds=settings.header_timeout_seconds,
                )
            ),
            limit_concurrency=settings.max_connections,
        )


def _stopped_on_request(_signum: int, _frame: FrameType | None) -> None:
    """uvicorn stops gracefully on SIGTERM, then raises the signal again once its own
    handler is gone: without this one the process would die of it (exit status 143). A
    stop that was asked for and went well is a success to supervisors and `docker stop`."""
    raise SystemExit(0)


@app.command("migrate")
def migrate_command() -> None:
    """Bring the database schema up to date (run once per deployment, not per worker)."""

    async def run() -> None:
        container = build_container(Settings())
        try:
            await migrate(container)
        finally:
            await close(container)

    asyncio.run(run())
    typer.echo("Database schema is up to date.")


@app.command("worker")
def worker_command() -> None:
    """Deliver outbox events (live updates, notifications) in a process of its own; set
    INKPORT_OUTBOX_DISPATCHER=false on the servers then. Stops after the current batch on
    SIGTERM or Ctrl-C. On PostgreSQL several workers share the work."""
    asyncio.run(run_worker(Settings()))


@app.command("create-admin")
def create_admin(
    username: Annotated[str, typer.Option(prompt=True)],
    email: Annotated[str, typer.Option(prompt=True)],
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            envvar="INKPORT_ADMIN_PASSWORD",
            help="Prompted for when not given; or set INKPORT_ADMIN_PASSWORD.",
        ),
    ],
) -> None:
    """Create an account with the admin role."""

    async def run() -> str:
        async with open_inkport(Settings()) as inkport:
            account = await inkport.admin.create_admin(
                username=username, email=email, password=password
            )
            return account.username

    try:
        created = asyncio.run(run())
    except DomainError as error:
        typer.echo(f"Error ({error.code}): {error.message}", err=True)
        raise typer.Exit(code=1) from error
    typer.echo(f"Admin {created!r} created.")


@app.command("seed")
def seed_command(
    users: Annotated[int, typer.Option(min=1, help="Demo accounts to create.")] = 20,
    posts: Annotated[int, typer.Option(min=0, help="Posts to write (most published).")] = 100,
    prefix: Annotated[str, typer.Option(help="Usernames are PREFIX_001, PREFIX_002...")] = "demo",
    migrate_first: Annotated[
        bool, typer.Option("--migrate", help="Apply migrations first.")
    ] = False,
) -> None:
    """Fill the database with demo users, posts, comments, follows and favourites, made
    through the use cases (every rule applies; slower than a bulk load)."""

    async def run() -> str:
        async with open_inkport(Settings(), apply_migrations=migrate_first) as inkport:
            report = await seed(inkport, users=users, posts=posts, prefix=prefix)
            return report.summary()

    try:
        summary = asyncio.run(run())
    except DomainError as error:
        typer.echo(f"Error ({error.code}): {error.message}", err=True)
        if error.code == "username_taken":
            typer.echo("The demo users exist already: choose another --prefix.", err=True)
        raise typer.Exit(code=1) from error
    typer.echo(f"Seeded {summary}.")
