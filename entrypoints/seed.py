"""Demo content through the use cases (``inkport seed``): users, posts (most published,
some drafts), tags, follows, comments and favourites.

Slower than bulk inserts (each sign-up hashes a password) but every rule applies: slugs,
tag normalisation, permissions, counters and events are exactly what real use creates.
The benchmark (``bench/``) seeds its much larger data set with bulk inserts instead."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass

from application.read_models import Actor
from application.services import UserService
from application.services.comments import CommentService
from application.services.posts import PostService
from application.services.social import SocialService
from domain.errors import ValidationFailed
from domain.permissions import Action, is_allowed
from entrypoints.container import Container
from entrypoints.embedded import Inkport

DEMO_PASSWORD = "inkport-demo-password"
PUBLISHED_SHARE = 0.85
FOLLOWS_PER_USER = 4
COMMENTS_PER_POST = 2
FAVORITES_PER_POST = 3

_TOPICS = (
    "hexagonal architecture",
    "async Python",
    "PostgreSQL indexes",
    "SQLite in production",
    "FastAPI dependencies",
    "keyset pagination",
    "domain events",
    "password hashing",
    "rate limiting",
    "type checking",
)
_OPENERS = ("Notes on", "A short guide to", "What I learned about", "Rethinking", "Testing")
_TAGS = ("python", "fastapi", "postgres", "sqlite", "architecture", "testing", "performance")
_COMMENTS = (
    "Thanks, this cleared things up for me.",
    "Have you measured the difference?",
    "Great write-up. A follow-up on the trade-offs would be welcome.",
    "I ran into the same problem last week.",
    "Bookmarked!",
)


@dataclass(frozen=True, slots=True)
class SeedReport:
    """What ``seed`` created. Every user's password is ``password``."""

    usernames: tuple[str, ...]
    password: str
    posts: int
    published: int
    comments: int
    follows: int
    favorites: int

    def summary(self) -> str:
        return (
            f"{len(self.usernames)} users ({self.usernames[0]} ... {self.usernames[-1]}, "
            f"password {self.password!r}), {self.posts} posts ({self.published} published), "
            f"{self.comments} comments, {self.follows} follows, {self.favorites} favourites"
        )


@dataclass(frozen=True, slots=True)
class _Services:
    users: UserService
    posts: PostService
    comments: CommentService
    social: SocialService


async def seed(
    target: Container | Inkport,
    *,
    users: int = 20,
    posts: int = 100,
    prefix: str = "demo",
    random_seed: int = 2024,
) -> SeedReport:
    """Create ``users`` accounts named ``{prefix}_001``... (default sign-up role, password
    ``DEMO_PASSWORD``) and ``posts`` posts by them, with follows, comments and
    favourites. Deterministic for a given ``random_seed``. Raises ``UsernameTaken`` when
    the demo users exist already (choose another ``prefix``) and ``ValidationFailed`` when
    the default sign-up role may not write posts."""
    if users < 1 or posts < 0:
        raise ValidationFailed("users", "Seed at least one user and no negative number of posts.")
    services = _services(target.container if isinstance(target, Inkport) else target)
    rng = random.Random(random_seed)  # noqa: S311 - demo content, not secrets
    actors = [await _sign_up(services.users, f"{prefix}_{n:03d}", rng) for n in range(1, users + 1)]
    writers = [a for a in actors if is_allowed(a.role, Action.CREATE_POST)]
    if posts and not writers:
        raise ValidationFailed("role", "The default sign-up role may not write posts.")
    published = [await _write_post(services.posts, rng.choice(writers), rng) for _ in range(posts)]
    published_ids = [post_id for post_id in published if post_id is not None]
    follows = await _follow(services.social, actors, rng)
    comments = 0
    favorites: set[tuple[uuid.UUID, uuid.UUID]] = set()
    for post_id in published_ids:
        for _ in range(rng.randint(0, 2 * COMMENTS_PER_POST)):
            await services.comments.add(rng.choice(actors), post_id, rng.choice(_COMMENTS))
            comments += 1
        for fan in rng.sample(actors, min(len(actors), rng.randint(0, 2 * FAVORITES_PER_POST))):
            await services.posts.favorite(fan, post_id)
            favorites.add((fan.user_id, post_id))
    return SeedReport(
        usernames=tuple(a.username for a in actors),
        password=DEMO_PASSWORD,
        posts=posts,
        published=len(published_ids),
        comments=comments,
        follows=follows,
        favorites=len(favorites),
    )


def _services(container: Container) -> _Services:
    users: UserService = container.use_cases.users()
    posts: PostService = container.use_cases.posts()
    comments: CommentService = container.use_cases.comments()
    social: SocialService = container.use_cases.social()
    return _Services(users=users, posts=posts, comments=comments, social=social)


async def _sign_up(service: UserService, username: str, rng: random.Random) -> Actor:
    topic = rng.choice(_TOPICS)
    account = await service.sign_up(
        username=username,
        email=f"{username}@example.com",
        password=DEMO_PASSWORD,
        full_name=username.replace("_", " ").title(),
        bio=f"Writes about {topic}.",
    )
    return Actor(user_id=account.id, username=account.username, role=account.role)


async def _write_post(service: PostService, author: Actor, rng: random.Random) -> uuid.UUID | None:
    """The new post's id when it was published, ``None`` for a draft."""
    topic = rng.choice(_TOPICS)
    publish = rng.random() < PUBLISHED_SHARE
    paragraphs = [
        f"This post is about {topic}. " + " ".join(rng.sample(_COMMENTS, 3)) for _ in range(3)
    ]
    post = await service.create(
        author,
        title=f"{rng.choice(_OPENERS)} {topic}",
        description=f"Some thoughts on {topic}.",
        body=f"# {topic.capitalize()}\n\n" + "\n\n".join(paragraphs),
        tags=rng.sample(_TAGS, rng.randint(0, 3)),
        publish=publish,
    )
    return post.id if publish else None


async def _follow(service: SocialService, actors: list[Actor], rng: random.Random) -> int:
    count = 0
    for actor in actors:
        others = [a for a in actors if a.user_id != actor.user_id]
        for followee in rng.sample(others, min(len(others), FOLLOWS_PER_USER)):
            await service.follow(actor, followee.username)
            count += 1
    return count
