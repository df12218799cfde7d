"""Log lines: one format for structlog and standard-library records, with the pid."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator

import pytest
import structlog

from entrypoints.logging import configure_logging


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    logger = logging.getLogger("inkport")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    yield
    structlog.reset_defaults()
    logger.handlers, logger.propagate = saved[0], saved[2]
    logger.setLevel(saved[1])


def test_application_records_from_the_standard_library_come_out_as_json_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("json", "INFO")
    logging.getLogger("inkport.outbox").warning("event %s failed", "e-1")
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["event"] == "event e-1 failed"
    assert line["level"] == "warning"
    assert line["pid"] == os.getpid()


def test_structlog_events_carry_the_pid_and_never_a_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("json", "INFO")
    structlog.get_logger("inkport.test").info("signed_in", password="hunter2")
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["pid"] == os.getpid()
    assert line["password"] == "[redacted]"


def test_records_below_the_configured_level_are_dropped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("json", "WARNING")
    logging.getLogger("inkport.outbox").info("routine")
    assert "routine" not in capsys.readouterr().err
