"""The scenarios: what each one requests, as whom, and which targets answer it."""

from __future__ import annotations

from dataclasses import dataclass

# Targets: Inkport on each database, and the flat baseline app on PostgreSQL.
SQLITE, POSTGRES, BASELINE = "sqlite", "postgres", "baseline"
TARGETS = (SQLITE, POSTGRES, BASELINE)


@dataclass(frozen=True)
class Scenario:
    name: str
    method: str
    path: str  # "{id}": a published post's id (or slug for RealWorld), rotating
    mode: str = "get"  # wrk/scenario.lua: get | create_post | add_comment
    ids: str | None = None  # "ids" | "slugs"
    user: str | None = None  # bench user to act as (dataset.READER / WRITER)
    scheme: str = "Bearer"  # Authorization scheme (RealWorld uses "Token")
    baseline: bool = False  # the baseline app answers it too
    optional: bool = False  # skipped with a note when the route does not exist (404)
    expected_status: int = 200
    cache: bool = False  # measured on a second server with the read cache on

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}" + (" (cache on)" if self.cache else "")

    @property
    def writes(self) -> bool:
        return self.method != "GET"


def all_scenarios(popular_tag: str, reader: str, writer: str) -> list[Scenario]:
    """Reads first, writes last: writes add the newest posts, which reads would then see."""
    return [
        Scenario("post", "GET", "/api/v1/posts/{id}", ids="ids", baseline=True),
        Scenario("post_cache", "GET", "/api/v1/posts/{id}", ids="ids", cache=True),
        Scenario("list", "GET", "/api/v1/posts?limit=20", baseline=True),
        Scenario("tag", "GET", f"/api/v1/posts?tag={popular_tag}&limit=20"),
        Scenario("feed", "GET", "/api/v1/feed?limit=20", user=reader),
        Scenario("rw_article", "GET", "/api/articles/{id}", ids="slugs", optional=True),
        Scenario("rw_list", "GET", "/api/articles?limit=20", optional=True),
        Scenario(
            "create", "POST", "/api/v1/posts", mode="create_post", user=writer, expected_status=201
        ),
        Scenario(
            "comment",
            "POST",
            "/api/v1/posts/{id}/comments",
            mode="add_comment",
            ids="ids",
            user=writer,
            expected_status=201,
        ),
    ]
