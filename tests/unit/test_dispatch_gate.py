"""One dispatcher per SQLite file: an exclusive lock file decides which process."""

from __future__ import annotations

from pathlib import Path

import pytest

from entrypoints.dispatch_gate import DispatchGate, dispatch_gate


def test_only_one_holder_at_a_time_and_the_next_takes_over_on_release(tmp_path: Path) -> None:
    first, second = DispatchGate(tmp_path / "x.lock"), DispatchGate(tmp_path / "x.lock")
    assert first.try_acquire()
    assert first.try_acquire()  # holding it already
    assert not second.try_acquire()
    first.release()
    assert second.try_acquire()
    assert not first.try_acquire()
    second.release()


def test_a_sqlite_file_gets_a_lock_file_next_to_it(tmp_path: Path) -> None:
    gate = dispatch_gate(f"sqlite+aiosqlite:///{tmp_path / 'inkport.db'}")
    assert gate is not None and gate.lock_path == tmp_path / "inkport.db.dispatcher.lock"


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+asyncpg://postgres@127.0.0.1/test",
        "sqlite+aiosqlite:///:memory:",
        "sqlite+aiosqlite://",
    ],
)
def test_databases_with_row_locks_or_without_a_file_need_no_gate(url: str) -> None:
    assert dispatch_gate(url) is None
