"""Demo content (``entrypoints.seed`` and ``inkport seed``), made through the use cases and
checked through them, on the in-memory adapters and on SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from application.post_query import PostQuery
from application.read_models import Actor
from domain.errors import UsernameTaken, ValidationFailed
from domain.posts import PostStatus
from entrypoints.cli import app
from entrypoints.embedded import Inkport, open_inkport
from entrypoints.seed import seed
from entrypoints.settings import Settings
from tests.e2e.conftest import CHEAP_ARGON2


@pytest.fixture(params=["memory", "sqlite"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    url = "memory://" if request.param == "memory" else f"sqlite+aiosqlite:///{tmp_path}/seed.db"
    return Settings(database_url=url, environment="test", **CHEAP_ARGON2)


async def _actor(inkport: Inkport, username: str, password: str) -> Actor:
    tokens = await inkport.auth.sign_in(username, password)
    return await inkport.auth.authenticate(tokens.access_token)


async def test_seed_creates_what_it_reports(settings: Settings) -> None:
    async with open_inkport(settings, apply_migrations=True) as inkport:
        report = await seed(inkport, users=5, posts=14)
        listing = inkport.container.use_cases.listing()
        comments = inkport.container.use_cases.comments()
        social = inkport.container.use_cases.social()

        page = await listing.list_posts(None, PostQuery(limit=100), include_total=True)
        assert page.total == len(page.items) == report.published > 0
        assert sum(post.favorites_count for post in page.items) == report.favorites > 0
        assert sum(post.comments_count for post in page.items) == report.comments > 0
        listed = [len((await comments.list(None, post.id, limit=100)).items) for post in page.items]
        assert sum(listed) == report.comments

        actors = [await _actor(inkport, name, report.password) for name in report.usernames]
        drafts = PostQuery(limit=100, status=PostStatus.DRAFT)
        own_drafts = [len((await listing.list_posts(a, drafts)).items) for a in actors]
        assert report.published + sum(own_drafts) == report.posts == 14
        following = [
            (await social.profile(actor, other)).following
            for actor in actors
            for other in report.usernames
            if other != actor.username
        ]
        assert sum(following) == report.follows > 0


async def test_seeding_twice_with_one_prefix_is_refused(settings: Settings) -> None:
    async with open_inkport(settings, apply_migrations=True) as inkport:
        await seed(inkport, users=2, posts=1)
        with pytest.raises(UsernameTaken):
            await seed(inkport, users=2, posts=1)
        again = await seed(inkport.container, users=2, posts=1, prefix="more")
        assert again.usernames == ("more_001", "more_002")


async def test_seed_refuses_posts_when_sign_ups_cannot_write() -> None:
    settings = Settings(
        database_url="memory://",
        environment="test",
        default_signup_role="viewer",
        **CHEAP_ARGON2,
    )
    async with open_inkport(settings) as inkport:
        with pytest.raises(ValidationFailed):
            await seed(inkport, users=2, posts=3)


def test_inkport_seed_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INKPORT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/cli.db")
    monkeypatch.setenv("INKPORT_ARGON2_MEMORY_COST", "1024")
    runner = CliRunner()

    first = runner.invoke(app, ["seed", "--users", "3", "--posts", "4", "--migrate"])
    assert first.exit_code == 0, first.output
    assert "Seeded 3 users" in first.output

    again = runner.invoke(app, ["seed", "--users", "3", "--posts", "4"])
    assert again.exit_code == 1
    assert "username_taken" in again.output and "--prefix" in again.output
