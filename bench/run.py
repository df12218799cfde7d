"""``make bench``: seed, serve, load, compare, report. ``python -m bench.run``.

Environment overrides (see bench/config.py): BENCH_DURATION, BENCH_WARMUP,
BENCH_SCENARIOS (e.g. ``post,list``), BENCH_TARGETS (``sqlite,postgres,baseline``),
BENCH_THREADS, BENCH_CONNECTIONS, BENCH_USERS, BENCH_POSTS, BENCH_PG_ADMIN_URL,
BENCH_PG_DATABASE. Exits 1 on errors (failed requests, crashed servers), not on missed
targets."""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
from sqlalchemy.engine import make_url

from bench import environment, parity, report, seeding, servers, statements, wrk_runner
from bench.config import RESULTS, BenchConfig
from bench.dataset import BENCH_PASSWORD, READER, WRITER, Dataset, generate
from bench.probe import probe
from bench.report import Measurement, Results
from bench.scenarios import BASELINE, POSTGRES, SQLITE, TARGETS, Scenario, all_scenarios

REFS_PER_FILE = 2000


class Bench:
    def __init__(self, config: BenchConfig, workdir: Path) -> None:
        self.config = config
        self.workdir = workdir
        self.results: Results = {}
        self.failures: list[str] = []
        self.refs: dict[str, list[str]] = {}
        self.ref_files: dict[str, Path] = {}

    # -- data ---------------------------------------------------------------------------

    async def seed(self) -> tuple[Dataset, dict[str, str]]:
        config = self.config
        data = generate(config.users, config.posts, await seeding.password_hash())
        urls: dict[str, str] = {}
        if config.wants_target(POSTGRES) or config.wants_target(BASELINE):
            started = time.perf_counter()
            urls[POSTGRES] = await seeding.recreate_postgres(config.admin_url, config.pg_database)
            await seeding.load(urls[POSTGRES], data)
            _say(f"seeded PostgreSQL {config.pg_database} in {time.perf_counter() - started:.1f} s")
        if config.wants_target(SQLITE):
            started = time.perf_counter()
            urls[SQLITE] = seeding.sqlite_url(self.workdir / "bench.db")
            await seeding.load(urls[SQLITE], data)
            _say(f"seeded SQLite in {time.perf_counter() - started:.1f} s")
        return data, urls

    def write_refs(self, data: Dataset) -> None:
        shuffled = random.Random(7)  # noqa: S311 - an order, not a secret
        for kind, values in (
            ("ids", [str(i) for i in data.published_ids]),
            ("slugs", data.published_slugs),
        ):
            picked = shuffled.sample(values, min(REFS_PER_FILE, len(values)))
            self.refs[kind] = picked
            self.ref_files[kind] = self.workdir / f"{kind}.txt"
            self.ref_files[kind].write_text("\n".join(picked) + "\n")

    # -- measuring ----------------------------------------------------------------------

    def measure(
        self, server: servers.Server, target: str, scenario: Scenario, tokens: dict[str, str]
    ) -> None:
        try:
            self._measure(server, target, scenario, tokens)
        except Exception as error:  # one broken scenario must not lose the others' figures
            note = f"failed: {type(error).__name__}: {error}"
            self.results.setdefault((scenario.name, target), Measurement()).note = note
            self.failures.append(f"{scenario.name} on {target}: {note}")
            _say(f"{target:8} {scenario.name:10} {note}")

    def _measure(
        self, server: servers.Server, target: str, scenario: Scenario, tokens: dict[str, str]
    ) -> None:
        token = tokens.get(scenario.user) if scenario.user else None
        ref = self.refs[scenario.ids][0] if scenario.ids else None
        measurement = self.results.setdefault((scenario.name, target), Measurement())

        async def check() -> int:
            async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as client:
                found = await probe(client, scenario, ref, token)
            if found.status == scenario.expected_status:
                return found.status
            if found.missing_route and scenario.optional:
                measurement.note = "skipped: route not found (404)"
            else:
                measurement.note = f"probe answered {found.status}: {found.detail}"
                self.failures.append(f"{scenario.name} on {target}: {measurement.note}")
            return found.status

        if asyncio.run(check()) != scenario.expected_status:
            _say(f"{target:8} {scenario.name:10} {measurement.note}")
            return
        authorization = f"{scenario.scheme} {token}" if token else None
        load = wrk_runner.Load(
            scenario.mode,
            scenario.path,
            authorization,
            self.ref_files[scenario.ids] if scenario.ids else None,
        )
        config = self.config
        run = {"threads": config.threads, "connections": config.connections}
        if config.warmup:
            wrk_runner.run(server.base_url, load, seconds=config.warmup, **run)
        result = wrk_runner.run(server.base_url, load, seconds=config.duration, **run)
        measurement.load = result
        if result.errors:
            self.failures.append(f"{scenario.name} on {target}: {result.error_detail}")
        _say(
            f"{target:8} {scenario.name:10} {result.rps:8,.0f} req/s  p50 {result.p50_ms:6.1f} ms"
            f"  p99 {result.p99_ms:6.1f} ms  errors {result.errors}"
        )

    def count_statements(
        self, target: str, url: str, scenarios: list[Scenario], *, cache: bool = False
    ) -> None:
        counted, note = asyncio.run(
            statements.count_inkport(url, scenarios, self.refs, BENCH_PASSWORD, cache=cache)
        )
        self._record_counts(target, counted, note)

    def count_baseline_statements(self, dsn: str, scenarios: list[Scenario]) -> None:
        counted = asyncio.run(statements.count_baseline(dsn, scenarios, self.refs))
        self._record_counts(BASELINE, counted, "")

    def _record_counts(self, target: str, counted: dict[str, int | None], note: str) -> None:
        for name, count in counted.items():
            measurement = self.results.setdefault((name, target), Measurement())
            measurement.statements = count
        if note:
            _say(f"statement counts on {target}: {note}")
            self.failures.append(f"statement counts on {target}: {note}")

    # -- targets ------------------------------------------------------------------------

    def run_cached(self, target: str, url: str, scenarios: list[Scenario]) -> None:
        """The ``cache`` scenarios, on a second server with the read cache on."""
        if not (cached := [s for s in scenarios if s.cache]):
            return
        self.count_statements(target, url, cached, cache=True)
        with servers.inkport(f"inkport-{target}-cache", url, RESULTS / "logs", cache=True) as ink:
            tokens = self.tokens(ink, cached)
            for scenario in cached:
                self.measure(ink, target, scenario, tokens)
        self.check_log(ink)

    def run_postgres(self, url: str, scenarios: list[Scenario]) -> None:
        config = self.config
        if config.wants_target(POSTGRES):
            self.run_cached(POSTGRES, url, scenarios)
        scenarios = [s for s in scenarios if not s.cache]
        ours = scenarios if config.wants_target(POSTGRES) else []
        theirs = [s for s in scenarios if s.baseline and config.wants_target(BASELINE)]
        dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        if ours:
            self.count_statements(POSTGRES, url, ours)
        if theirs:
            self.count_baseline_statements(dsn, theirs)
        logs = RESULTS / "logs"
        with ExitStack() as stack:
            inkport = (
                stack.enter_context(servers.inkport("inkport-postgres", url, logs))
                if ours
                else None
            )
            baseline = stack.enter_context(servers.baseline(dsn, logs)) if theirs else None
            if inkport and baseline:
                self.check_parity(inkport, baseline)
            tokens = self.tokens(inkport, ours) if inkport else {}
            # Interleaved: each baseline figure is taken next to the one it is compared with.
            for scenario in scenarios:
                if baseline and scenario in theirs:
                    self.measure(baseline, BASELINE, scenario, {})
                if inkport and scenario in ours:
                    self.measure(inkport, POSTGRES, scenario, tokens)
        for server in (inkport, baseline):
            if server:
                self.check_log(server)

    def run_sqlite(self, url: str, scenarios: list[Scenario]) -> None:
        self.run_cached(SQLITE, url, scenarios)
        scenarios = [s for s in scenarios if not s.cache]
        self.count_statements(SQLITE, url, scenarios)
        with servers.inkport("inkport-sqlite", url, RESULTS / "logs") as inkport:
            tokens = self.tokens(inkport, scenarios)
            for scenario in scenarios:
                self.measure(inkport, SQLITE, scenario, tokens)
        self.check_log(inkport)

    def check_log(self, server: servers.Server) -> None:
        if count := servers.logged_exceptions(server):
            self.failures.append(f"{server.name} logged {count} exceptions; see {server.log}")
            _say(f"{server.name} logged {count} exceptions; see {server.log}")

    def tokens(self, server: servers.Server, scenarios: list[Scenario]) -> dict[str, str]:
        users = {s.user for s in scenarios if s.user}
        return {user: servers.sign_in(server, user, BENCH_PASSWORD) for user in sorted(users)}

    def check_parity(self, inkport: servers.Server, baseline: servers.Server) -> None:
        paths = [f"/api/v1/posts/{self.refs['ids'][0]}", "/api/v1/posts?limit=20"]
        found = parity.compare(inkport.base_url, baseline.base_url, paths)
        if found:
            listed = "; ".join(found[:5])
            self.failures.append(f"baseline JSON differs from Inkport's: {listed}")
            _say(f"baseline JSON differs from Inkport's: {listed}")
        else:
            _say("baseline JSON matches Inkport's (single post, list of 20)")


def _check_names(config: BenchConfig) -> None:
    scenario_names = [s.name for s in all_scenarios("tag", READER, WRITER)]
    for variable, asked, known in (
        ("BENCH_SCENARIOS", config.scenarios, scenario_names),
        ("BENCH_TARGETS", config.targets, list(TARGETS)),
    ):
        if unknown := sorted(set(asked) - set(known)):
            raise SystemExit(f"{variable}: unknown {', '.join(unknown)}; known: {', '.join(known)}")


def main() -> int:
    config = BenchConfig.from_env()
    _check_names(config)
    wrk_runner.ensure_wrk()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="inkport-bench-") as tmp:
        bench = Bench(config, Path(tmp))
        data, urls = asyncio.run(bench.seed())
        bench.write_refs(data)
        scenarios = [
            s
            for s in all_scenarios(data.popular_tag, READER, WRITER)
            if config.wants_scenario(s.name)
        ]
        if POSTGRES in urls:
            bench.run_postgres(urls[POSTGRES], scenarios)
        if SQLITE in urls:
            bench.run_sqlite(urls[SQLITE], scenarios)
    header = environment.describe(config, data, time.perf_counter() - started)
    document = report.render(header, scenarios, bench.results, bench.failures)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(document)
    print("\n" + document)
    print(f"(written to {RESULTS / 'latest.md'})")
    return 1 if bench.failures else 0


def _say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
