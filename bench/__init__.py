"""``make bench``: seed a realistic data set, load the real server with wrk, compare with a
flat FastAPI + asyncpg baseline. Entry point: ``python -m bench.run``."""
