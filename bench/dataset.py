"""A deterministic, realistic data set as table rows: users, posts with tags, comments,
favourites and follows. Counters (``favorites_count``, ``comments_count``) and the
denormalised ``posts.tags`` agree with the rows, as the adapters keep them."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from domain.slugs import disambiguated, slugify

Row = dict[str, Any]

BENCH_PASSWORD = "bench-password-not-secret"
READER = "bench_reader"  # follows FEED_FOLLOWS authors; reads the feed
WRITER = "bench_writer"  # creates posts and comments
FEED_FOLLOWS = 50
PUBLISHED_SHARE = 0.9
COMMENTS_PER_POST = 3
FAVORITES_PER_POST = 5
FOLLOWS_PER_USER = 20


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_WORDS = _split(
    "async api cache database design event feature graph handler index join kernel "
    "latency module network object pattern query request schema thread update version "
    "worker adapter boundary contract domain entity gateway layer mapper port "
    "repository service transaction value python rust postgres sqlite http json token "
    "stream queue"
)
_TITLE_OPENERS = (
    "Understanding",
    "A practical guide to",
    "Notes on",
    "Why I stopped using",
    "Getting started with",
    "Ten lessons from",
    "The hidden cost of",
    "Scaling",
    "Debugging",
    "Rethinking",
)
_TAGS = _split(
    "python postgres fastapi sqlite architecture testing performance async databases "
    "devops security api design rust go javascript typescript docker kubernetes linux "
    "cloud career productivity tutorial beginners opensource webdev backend frontend "
    "observability caching networking algorithms data machinelearning ux writing "
    "history books"
)
_FIRST = _split("Ada Alan Barbara Claude Dennis Edsger Frances Grace Guido Hedy Ken Linus")
_LAST = _split("Lovelace Turing Liskov Shannon Ritchie Dijkstra Allen Hopper Rossum Lamarr")


@dataclass
class Dataset:
    users: list[Row] = field(default_factory=list)
    posts: list[Row] = field(default_factory=list)
    post_tags: list[Row] = field(default_factory=list)
    comments: list[Row] = field(default_factory=list)
    favorites: list[Row] = field(default_factory=list)
    follows: list[Row] = field(default_factory=list)
    published_ids: list[uuid.UUID] = field(default_factory=list)
    published_slugs: list[str] = field(default_factory=list)
    popular_tag: str = ""

    def tables(self) -> list[tuple[str, list[Row]]]:
        """Rows per table, in an order that satisfies the foreign keys."""
        return [
            ("users", self.users),
            ("posts", self.posts),
            ("post_tags", self.post_tags),
            ("comments", self.comments),
            ("favorites", self.favorites),
            ("follows", self.follows),
        ]


def generate(users: int, posts: int, password_hash: str, seed: int = 42) -> Dataset:
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    now = datetime.now(UTC).replace(microsecond=0)
    data = Dataset()
    names = [f"user{n:05d}" for n in range(users)] + [READER, WRITER]
    data.users = [_user(rng, name, password_hash, now) for name in names]
    user_ids = [row["id"] for row in data.users]
    authors = user_ids[:users]
    _add_posts(data, rng, authors, posts, now)
    _add_comments_and_favorites(data, rng, user_ids, now)
    _add_follows(data, rng, user_ids, now)
    return data


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _user(rng: random.Random, name: str, password_hash: str, now: datetime) -> Row:
    joined = now - timedelta(days=400 + rng.randrange(600))
    has_bio = rng.random() < 0.6
    has_image = rng.random() < 0.5
    return {
        "id": _uuid(rng),
        "username": name,
        "username_canonical": name.lower(),
        "email": f"{name}@example.com",
        "password_hash": password_hash,
        "role": "author",
        "full_name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
        "bio": _sentence(rng, 12) if has_bio else None,
        "image": f"https://images.example.com/{name}.png" if has_image else None,
        "is_active": True,
        "token_version": 0,
        "version": 1,
        "created_at": joined,
        "updated_at": joined,
    }


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    return [" ".join(_sentence(rng, rng.randint(8, 20)) for _ in range(5)) for _ in range(count)]


def _add_posts(
    data: Dataset, rng: random.Random, authors: list[uuid.UUID], count: int, now: datetime
) -> None:
    paragraphs = _paragraphs(rng, 200)
    tag_weights = [1 / rank for rank in range(1, len(_TAGS) + 1)]  # Zipf: a few popular tags
    slugs: set[str] = set()
    tag_uses: Counter[str] = Counter()
    for _ in range(count):
        post_id = _uuid(rng)
        title = f"{rng.choice(_TITLE_OPENERS)} {rng.choice(_WORDS)} {rng.choice(_WORDS)}"
        slug = slugify(title)
        if slug in slugs:
            slug = disambiguated(slug, post_id)
        slugs.add(slug)
        wanted = rng.choice((0, 1, 2, 3, 3, 4, 5))
        tags = sorted(set(rng.choices(_TAGS, weights=tag_weights, k=wanted)))
        created = now - timedelta(seconds=rng.randrange(365 * 24 * 3600))
        published = rng.random() < PUBLISHED_SHARE
        body = "\n\n".join(
            f"## {rng.choice(_WORDS).title()}\n\n{p}" if n % 3 == 0 else p
            for n, p in enumerate(rng.sample(paragraphs, rng.randint(3, 8)))
        )
        data.posts.append(
            {
                "id": post_id,
                "author_id": rng.choice(authors),
                "slug": slug,
                "title": title,
                "description": _sentence(rng, 15),
                "body": body,
                "tags": ",".join(tags),
                "status": "published" if published else "draft",
                "created_at": created,
                "updated_at": created,
                "published_at": created if published else None,
                "version": 1,
                "favorites_count": 0,
                "comments_count": 0,
            }
        )
        data.post_tags.extend({"post_id": post_id, "tag": tag} for tag in tags)
        if published:
            data.published_ids.append(post_id)
            data.published_slugs.append(slug)
            tag_uses.update(tags)
    data.popular_tag = tag_uses.most_common(1)[0][0] if tag_uses else _TAGS[0]


def _add_comments_and_favorites(
    data: Dataset, rng: random.Random, user_ids: list[uuid.UUID], now: datetime
) -> None:
    published = [post for post in data.posts if post["status"] == "published"]
    if not published:
        return
    # Popularity is skewed: a few posts collect most comments and favourites.
    weights = [rng.paretovariate(1.5) for _ in published]
    for post in rng.choices(published, weights=weights, k=COMMENTS_PER_POST * len(data.posts)):
        span = max(1, int((now - post["created_at"]).total_seconds()))
        data.comments.append(
            {
                "id": _uuid(rng),
                "post_id": post["id"],
                "author_id": rng.choice(user_ids),
                "body": _sentence(rng, rng.randint(5, 40)),
                "created_at": post["created_at"] + timedelta(seconds=rng.randrange(span)),
            }
        )
        post["comments_count"] += 1
    seen: set[tuple[uuid.UUID, uuid.UUID]] = set()
    for post in rng.choices(published, weights=weights, k=FAVORITES_PER_POST * len(data.posts)):
        key = (rng.choice(user_ids), post["id"])
        if key in seen:
            continue
        seen.add(key)
        data.favorites.append({"user_id": key[0], "post_id": key[1], "created_at": now})
        post["favorites_count"] += 1


def _add_follows(
    data: Dataset, rng: random.Random, user_ids: list[uuid.UUID], now: datetime
) -> None:
    pairs: set[tuple[uuid.UUID, uuid.UUID]] = set()
    for follower in user_ids:
        for followee in rng.sample(user_ids, min(FOLLOWS_PER_USER, len(user_ids) - 1)):
            if followee != follower:
                pairs.add((follower, followee))
    reader = next(row["id"] for row in data.users if row["username"] == READER)
    writers = sorted({post["author_id"] for post in data.posts if post["status"] == "published"})
    pairs.difference_update({pair for pair in pairs if pair[0] == reader})
    pairs.update(
        (reader, author) for author in rng.sample(writers, min(FEED_FOLLOWS, len(writers)))
    )
    data.follows = [
        {"follower_id": a, "followee_id": b, "created_at": now} for a, b in sorted(pairs)
    ]
