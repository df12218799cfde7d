"""The ``q`` search can use the trigram indexes of migration 0003 on PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.integration.databases import SqlDatabase


@pytest.mark.postgres
@pytest.mark.parametrize("column", ["title", "body"])
async def test_a_substring_search_can_use_the_trigram_index(
    postgres_database: SqlDatabase, column: str
) -> None:
    engine = postgres_database.engine()
    try:
        async with engine.connect() as connection:
            # With sequential scans priced out, the plan shows whether an index can serve
            # the query at all (on an empty table the planner would scan anyway).
            await connection.execute(sa.text("SET enable_seqscan = off"))
            plan = await connection.execute(
                sa.text(f"EXPLAIN SELECT id FROM posts WHERE lower({column}) LIKE '%dragon%'")
            )
            lines = "\n".join(row[0] for row in plan)
    finally:
        await engine.dispose()
    assert f"ix_posts_{column}_trgm" in lines
