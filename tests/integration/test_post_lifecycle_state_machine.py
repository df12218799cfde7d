"""A hypothesis state machine over the post life cycle, run against the in-memory and the
SQLite adapters at once: both must agree with each other and with a simple model."""

from __future__ import annotations

import asyncio
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from application.post_query import PostQuery
from application.read_models import Actor
from domain.errors import DomainError
from domain.permissions import Action, is_allowed
from domain.users import Role
from entrypoints.embedded import Inkport, open_inkport
from entrypoints.settings import Settings

ROLES = {
    "root": Role.ADMIN,
    "eve": Role.EDITOR,
    "ada": Role.AUTHOR,
    "bob": Role.AUTHOR,
    "val": Role.VIEWER,
}
users = st.sampled_from(sorted(ROLES))


@dataclass
class ModelPost:
    author: str
    published: bool
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    favorited_by: set[str] = field(default_factory=set)
    comments: int = 0


class PostLifecycle(RuleBasedStateMachine):
    posts = Bundle("posts")

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.tmp = tempfile.TemporaryDirectory()
        cheap = {"argon2_time_cost": 1, "argon2_memory_cost": 8, "argon2_parallelism": 1}
        urls = {
            "memory": "memory://",
            "sqlite": f"sqlite+aiosqlite:///{Path(self.tmp.name) / 'sm.db'}",
        }
        self.contexts = {
            k: open_inkport(Settings(database_url=u, **cheap), apply_migrations=True)
            for k, u in urls.items()
        }
        self.apps: dict[str, Inkport] = {
            k: self.run(c.__aenter__()) for k, c in self.contexts.items()
        }
        self.actors: dict[str, dict[str, Actor]] = {k: {} for k in self.apps}
        for name, role in ROLES.items():
            for backend, app in self.apps.items():
                account = self.run(
                    app.admin._registrar.register(
                        username=name,
                        email=f"{name}@example.com",
                        password="a long passphrase",
                        role=role,
                    )
                )
                self.actors[backend][name] = Actor(account.id, name, role)
        self.model: list[ModelPost] = []

    def run(self, coroutine: Any) -> Any:
        return self.loop.run_until_complete(coroutine)

    def both(self, call: Any) -> dict[str, str]:
        """Run ``call(backend, app)`` on each backend; the outcome is "ok" or the error code."""
        outcomes = {}
        for backend, app in self.apps.items():
            try:
                self.run(call(backend, app))
                outcomes[backend] = "ok"
            except DomainError as error:
                outcomes[backend] = error.code
        assert outcomes["memory"] == outcomes["sqlite"], outcomes
        return outcomes

    def may(self, user: str, action: Action, post: ModelPost) -> bool:
        role = ROLES[user]
        if not post.published and not is_allowed(
            role, Action.READ_DRAFT, owns_post=post.author == user
        ):
            return False
        return is_allowed(role, action, owns_post=post.author == user)

    @rule(target=posts, user=users, publish=st.booleans())
    def create(self, user: str, publish: bool) -> ModelPost:
        post = ModelPost(author=user, published=publish)

        async def create(backend: str, app: Inkport) -> None:
            detail = await app.posts.create(
                self.actors[backend][user], title="T", body="B", publish=publish
            )
            post.ids[backend] = detail.id

        outcome = self.both(create)["memory"]
        assert (outcome == "ok") == is_allowed(ROLES[user], Action.CREATE_POST)
        if outcome == "ok":
            self.model.append(post)
        return post

    @rule(
        post=posts,
        user=users,
        action=st.sampled_from(
            [Action.EDIT_POST, Action.PUBLISH_POST, Action.UNPUBLISH_POST, Action.DELETE_POST]
        ),
    )
    def change(self, post: ModelPost, user: str, action: Action) -> None:
        if post not in self.model:
            return
        methods = {
            Action.EDIT_POST: "update",
            Action.PUBLISH_POST: "publish",
            Action.UNPUBLISH_POST: "unpublish",
            Action.DELETE_POST: "delete",
        }

        async def change(backend: str, app: Inkport) -> None:
            method = getattr(app.posts, methods[action])
            extra = {"body": "edited"} if action is Action.EDIT_POST else {}
            await method(self.actors[backend][user], post.ids[backend], **extra)

        outcome = self.both(change)["memory"]
        state_ok = {
            Action.PUBLISH_POST: not post.published,
            Action.UNPUBLISH_POST: post.published,
        }.get(action, True)
        assert (outcome == "ok") == (self.may(user, action, post) and state_ok), outcome
        if outcome == "ok":
            if action is Action.DELETE_POST:
                self.model.remove(post)
            elif action in (Action.PUBLISH_POST, Action.UNPUBLISH_POST):
                post.published = action is Action.PUBLISH_POST

    @rule(post=posts, user=users, on=st.booleans())
    def favorite(self, post: ModelPost, user: str, on: bool) -> None:
        if post not in self.model:
            return

        async def favorite(backend: str, app: Inkport) -> None:
            call = app.posts.favorite if on else app.posts.unfavorite
            await call(self.actors[backend][user], post.ids[backend])

        if self.both(favorite)["memory"] == "ok":
            (post.favorited_by.add if on else post.favorited_by.discard)(user)
        else:
            assert not post.published

    @rule(post=posts, user=users)
    def comment(self, post: ModelPost, user: str) -> None:
        if post not in self.model:
            return

        async def comment(backend: str, app: Inkport) -> None:
            await app.comments.add(self.actors[backend][user], post.ids[backend], "hello")

        ok = self.both(comment)["memory"] == "ok"
        assert ok == post.published
        post.comments += ok

    @invariant()
    def public_lists_show_exactly_the_published_posts_with_true_counts(self) -> None:
        for backend, app in self.apps.items():
            page = self.run(app.listing.list_posts(None, PostQuery(limit=100)))
            listed = {p.id: p for p in page.items}
            published = [p for p in self.model if p.published]
            assert set(listed) == {p.ids[backend] for p in published}
            for post in published:
                row = listed[post.ids[backend]]
                assert (row.favorites_count, row.comments_count) == (
                    len(post.favorited_by),
                    post.comments,
                )

    def teardown(self) -> None:
        for context in self.contexts.values():
            self.run(context.__aexit__(None, None, None))
        self.loop.close()
        self.tmp.cleanup()


PostLifecycle.TestCase.settings = settings(
    max_examples=15, stateful_step_count=20, deadline=None, suppress_health_check=list(HealthCheck)
)
test_post_lifecycle = PostLifecycle.TestCase
