from __future__ import annotations

import logging
import os
import sys

import structlog

_SECRET_KEYS = frozenset({"password", "token", "access_token", "refresh_token", "authorization"})


def _drop_secrets(
    _logger: object, _name: str, event: structlog.types.EventDict
) -> structlog.types.EventDict:
    # A last line of defence: secrets must never reach a log line even by mistake.
    for key in _SECRET_KEYS & event.keys():
        event[key] = "[redacted]"
    return event


def _add_pid(
    _logger: object, _name: str, event: structlog.types.EventDict
) -> structlog.types.EventDict:
    # With several workers, which process answered is the first question when debugging.
    event["pid"] = os.getpid()
    return event


def configure_logging(log_format: str, level: str) -> None:
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer()
        if log_format == "json"
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            _add_pid,
            _drop_secrets,
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelNamesMapping()[level]),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=False,
    )
    _route_standard_logging(renderer, level)


def _route_standard_logging(renderer: structlog.types.Processor, level: str) -> None:
    """The application layer logs through the standard library (it may not import
    structlog): its ``inkport.*`` records get the same format, fields and level."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processor=renderer,
            foreign_pre_chain=[
                structlog.processors.add_log_level,
                structlog.processors.TimeStamper(fmt="iso", utc=True),
                _add_pid,
            ],
        )
    )
    logger = logging.getLogger("inkport")
    logger.handlers = [handler]
    logger.setLevel(level)
    logger.propagate = False


class _DenialNotAnError(logging.Filter):
    """uvicorn's websockets-sansio protocol logs this ERROR after every websocket refused
    with an HTTP answer (ASGI denial response), although the client got the answer: the
    protocol never marks such a handshake complete (Kludex/uvicorn PR #3138). Inkport's
    live endpoint always accepts, closes or denies, so the line is only ever that noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != "ASGI callable returned without completing handshake."


def quiet_websocket_denials() -> None:
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _DenialNotAnError) for f in logger.filters):
        logger.addFilter(_DenialNotAnError())
