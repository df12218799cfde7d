"""Prometheus metrics: what they are, and how one process or several are exported.

With several uvicorn workers, ``PROMETHEUS_MULTIPROC_DIR`` names a directory shared by
them (``inkport serve --workers N`` makes one); each worker writes its samples there and a
scrape, answered by any worker, adds them up (``MultiProcessCollector``). It must be set
before ``prometheus_client`` is imported, which the serve command guarantees by setting it
before uvicorn spawns its workers. Without it, the process's default registry is used.

Events are counted where they happen (request middleware, 429 answers, the cache and
rate-limiter counter objects below), so the sums are right across workers; the outbox
lag is global (it is in the database) and read by the scraping process at scrape time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from adapters.cache.memory import CacheCounters
from adapters.ratelimit import RateLimitFailureCounter

__all__ = ["CONTENT_TYPE_LATEST", "MeteredCacheCounters", "MeteredRateLimitFailures"]

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter(
    "inkport_http_requests", "HTTP requests answered.", ["method", "route", "status"]
)
REQUEST_SECONDS = Histogram(
    "inkport_http_request_duration_seconds", "HTTP request latency.", ["method", "route"]
)
CACHE_OPERATIONS = Counter("inkport_cache_operations", "Read-cache lookups by result.", ["result"])
RATE_LIMIT_REJECTIONS = Counter(
    "inkport_rate_limit_rejections", "Requests refused with 429, by rule.", ["rule"]
)
RATE_LIMIT_STORAGE_FAILURES = Counter(
    "inkport_rate_limit_storage_failures",
    "Rate-limit storage failures, by rule and how they were handled.",
    ["rule", "handling"],
)
_CACHE_RESULTS = {"hits": "hit", "misses": "miss", "errors": "error"}
_CACHE_CHILDREN = {field: CACHE_OPERATIONS.labels(r) for field, r in _CACHE_RESULTS.items()}


_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_Children = tuple["Counter", "Histogram"]
_request_children: dict[tuple[str, str, int], _Children] = {}


def record_request(method: str, route: object, status: int, seconds: float) -> None:
    """Count one answered request by its route template (``unmatched`` when no route
    matched: raw paths would make the label set unbounded). Label children are cached."""
    template: str = getattr(route, "path", "unmatched")
    method = method if method in _METHODS else "OTHER"
    key = (method, template, status)
    children = _request_children.get(key)
    if children is None:
        counter = REQUESTS.labels(method, template, str(status))
        children = _request_children[key] = (counter, REQUEST_SECONDS.labels(method, template))
    children[0].inc()
    children[1].observe(seconds)


class MeteredCacheCounters(CacheCounters):
    """The adapters' ``CacheCounters``, also counted in Prometheus on every increment."""

    def __setattr__(self, name: str, value: int) -> None:
        delta = value - getattr(self, name, 0)
        super().__setattr__(name, value)
        child = _CACHE_CHILDREN.get(name)
        if child is not None and delta > 0:
            child.inc(delta)


class MeteredRateLimitFailures(RateLimitFailureCounter):
    """The rate limiter's failure counter, also counted in Prometheus."""

    def record(self, rule_name: str, *, fell_back: bool) -> None:
        super().record(rule_name, fell_back=fell_back)
        handling = "fell_back" if fell_back else "failed_open"
        RATE_LIMIT_STORAGE_FAILURES.labels(rule_name, handling).inc()


class _OutboxLag(Collector):
    def __init__(self, count: int, oldest: datetime | None, now: datetime) -> None:
        self._count, self._oldest, self._now = count, oldest, now

    def collect(self) -> list[GaugeMetricFamily]:
        age = (self._now - self._oldest).total_seconds() if self._oldest else 0.0
        return [
            GaugeMetricFamily(
                "inkport_outbox_undelivered_events",
                "Outbox events not yet delivered.",
                value=self._count,
            ),
            GaugeMetricFamily(
                "inkport_outbox_oldest_undelivered_age_seconds",
                "Age of the oldest undelivered outbox event (0 when none).",
                value=max(0.0, age),
            ),
        ]


def exposition(lag: tuple[int, datetime | None] | None, now: datetime) -> bytes:
    """Every metric in the text format: this process's, or all workers' in multiprocess
    mode, plus the outbox lag when it could be read (``None``: the database is down)."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        text = generate_latest(registry)
    else:
        text = generate_latest(REGISTRY)
    if lag is None:
        return text
    extra = CollectorRegistry()
    extra.register(_OutboxLag(lag[0], lag[1], now))
    return text + generate_latest(extra)


@contextmanager
def shared_metrics_dir(workers: int) -> Iterator[None]:
    """For ``inkport serve``: with several workers and no ``PROMETHEUS_MULTIPROC_DIR`` of
    the operator's, a fresh temporary one, exported before uvicorn spawns the workers
    (they inherit it) and removed when the server stops."""
    if workers <= 1 or os.environ.get(MULTIPROC_ENV):
        yield
        return
    directory = tempfile.mkdtemp(prefix="inkport-metrics-")
    os.environ[MULTIPROC_ENV] = directory
    try:
        yield
    finally:
        del os.environ[MULTIPROC_ENV]
        shutil.rmtree(directory, ignore_errors=True)
